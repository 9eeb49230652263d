// The API server's per-kind strategies (defaulting, validation, prepare), composed from one file per kind.
import type { StrategyRegistry } from './admission.ts';

/** Strategy registry used by every cluster. */
export const strategies: StrategyRegistry = {};
