// Mirrors the view's language and theme onto <html> (lang attribute, data-theme) so CSS and assistive
// technology follow the user's choice.
import { useEffect } from 'react';
import { useView } from './store/index.ts';

export function useDocumentView(): void {
  const { lang, theme, reducedMotion } = useView();
  useEffect(() => {
    const html = document.documentElement;
    html.lang = lang;
    html.dataset.theme = theme;
    html.dataset.reducedMotion = String(reducedMotion);
  }, [lang, theme, reducedMotion]);
}
