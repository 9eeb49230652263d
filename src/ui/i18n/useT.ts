// React hook returning the translator for the current view language.
import { useCallback } from 'react';
import { useView } from '../store/index.ts';
import type { MessageKey } from './en.ts';
import { translate, type Params, type T } from './translate.ts';

/** The translator bound to `view.lang`; stable while the language does not change. */
export function useT(): T {
  const { lang } = useView();
  return useCallback((key: MessageKey, params?: Params) => translate(lang, key, params), [lang]);
}
