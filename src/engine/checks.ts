// Self-checks of derived engine state (indexes, caches) against a from-scratch recomputation. On in tests
// (ClusterOptions.checks, default: with `freeze`), off in benchmarks and the worker.

/** A derived index disagreed with a recomputation. The cluster rethrows it instead of tracing it. */
export class EngineCheckError extends Error {
  override name = 'EngineCheckError';
}
