// The per-kind write strategy of the simulated API server: decode, default, validate, prepare.
// The store calls these on every create and update; a kind without an entry gets the identity strategy.
import type { KObject, Kind, StatusCause } from './types.ts';

/** What a strategy may read: the feature gates and the current virtual time. */
export interface AdmissionContext {
  gates: Readonly<Record<string, boolean>>;
  /** Virtual milliseconds, and the wall-clock Unix ms they correspond to. */
  now: number;
  wallNow: number;
  /** The cluster's seeded PRNG (e.g. for ClusterIP allocation). */
  random(): number;
  /** Reads the stored objects (e.g. to avoid allocating a ClusterIP twice). */
  list(kind: Kind): readonly KObject[];
  /** One stored object (namespace '' for a cluster-scoped kind), e.g. the ServiceAccount a pod runs as. */
  get?(kind: Kind, namespace: string, name: string): KObject | undefined;
}

/**
 * How the API server treats writes of one kind. All functions are pure; `default` and `prepare*`
 * return a new object (never mutate their input).
 */
export interface KindStrategy {
  /** Strict decoding: the dotted path of every unknown field, in document order. */
  unknownFields?(obj: KObject): string[];
  /** The object without its unknown fields (decoding that does not refuse them). */
  withoutUnknownFields?(obj: KObject): KObject;
  /**
   * JSON decoding: the error text for a field of the wrong JSON type (e.g. `json: cannot unmarshal string
   * into Go struct field StatefulSetSpec.spec.replicas of type int32`), or null. The store prefixes it with
   * `<Kind> in version "<v>" cannot be handled as a <Kind>: ` and answers BadRequest; checked before unknownFields.
   */
  typeError?(obj: KObject): string | null;
  /** The unstructured converter's error for a wrongly typed field (a strategic merge patch's result), or null. */
  unstructuredError?(obj: KObject): string | null;
  /**
   * The decoded input as the API server stores it: zero-valued omitempty fields left out, nulls read as Go's zero
   * values. The input is not changed; unchanged parts may be shared with it.
   */
  withoutOmittedZeros?(obj: KObject): KObject;
  /** Applies API defaulting (SetDefaults_*), returning the defaulted copy. */
  default?(obj: KObject, ctx: AdmissionContext): KObject;
  /**
   * Drops fields guarded by disabled gates, resets status on create (PrepareForCreate). The store passes what
   * `default` returned, when the kind has `default`.
   */
  prepareForCreate?(obj: KObject, ctx: AdmissionContext): KObject;
  /** Keeps status from the old object on spec writes, bumps generation on spec change (PrepareForUpdate). */
  prepareForUpdate?(obj: KObject, old: KObject, ctx: AdmissionContext): KObject;
  /** Keeps spec from the old object on status writes (the /status subresource). */
  prepareForStatusUpdate?(obj: KObject, old: KObject, ctx: AdmissionContext): KObject;
  validateCreate?(obj: KObject, ctx: AdmissionContext): StatusCause[];
  validateUpdate?(obj: KObject, old: KObject, ctx: AdmissionContext): StatusCause[];
  validateStatusUpdate?(obj: KObject, old: KObject, ctx: AdmissionContext): StatusCause[];
  /** Warnings returned with a successful write (printed by kubectl as `Warning: …`). */
  warnings?(obj: KObject, old: KObject | undefined, ctx: AdmissionContext): string[];
}

export type StrategyRegistry = Partial<Record<Kind, KindStrategy>>;
