// View slice: language, theme, selection, table view, reduced motion and the worker's health.
import type { Lang, Theme, ViewState } from '../types.ts';

export interface ViewInit { lang?: Lang; theme?: Theme; reducedMotion?: boolean; tableView?: boolean; example?: string }

export function initialView(init: ViewInit = {}): ViewState {
  return {
    lang: init.lang ?? 'en',
    theme: init.theme ?? 'light',
    tableView: init.tableView ?? false,
    reducedMotion: init.reducedMotion ?? false,
    workerStatus: 'starting',
    ...(init.example ? { example: init.example } : {}),
  };
}
