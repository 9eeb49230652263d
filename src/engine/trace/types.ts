// The typed trace of *why*: every decision a controller, the scheduler or the kubelet makes is one record.
// The UI turns records into sentences through its message files; the engine never writes prose here.
import type { Kind } from '../api/types.ts';

/** A reference to the object a record is about. */
export interface TraceObject { kind: Kind; namespace: string; name: string }

/**
 * One decision. `type` is `domain.event`:
 * - `controller.created|deleted|updated|waiting|skipped|revision|status` (statefulset controller; `rule` names the rule),
 * - `scheduler.bound|unschedulable`, `kubelet.stage`, `kubelet.waiting` (rule `volume-source`: detail `volume`, `error`; rule
 *   `container-config`: detail `container`, `error`), `kubelet.probe` (rule `readiness-failed|readiness-succeeded|liveness-failed|
 *   startup-failed|startup-succeeded`: detail `node`, `container`, `output`, `times`), `kubelet.init` (rule `running|completed|
 *   initialized|failed|failed-never`: detail `node`, `container`, `index`, `count`, and `next` or `exitCode`), `volume.provisioned|bound|released|unprovisionable` (rule `missing-class|no-class|no-provisioner`), `gc.deleted|orphaned`,
 * - `endpoints.updated`, `user.fault|user.node`, `podgc.deleted` (rule `orphaned|out-of-service|unscheduled`),
 * - `namespace.content` (rule `estimate`: detail `remaining`, `wait` in seconds; rule `failed`: detail `remaining`), `namespace.finalized`.
 * `rule` is a stable identifier such as `OrderedReady`, `Parallel`, `partition`, `OnDelete`, `rolling-update`,
 * `scale-down`, `min-ready-seconds`, `stale-claim`; `detail` carries the values a sentence needs.
 */
export interface TraceRecord {
  seq: number;
  /** Virtual milliseconds. */
  t: number;
  type: string;
  /** The StatefulSet the decision belongs to, if any. */
  set?: TraceObject;
  object?: TraceObject;
  rule?: string;
  detail?: Record<string, string | number | boolean | null>;
}

/** A trace record before the cluster stamps it with seq and t. */
export type TraceInput = Omit<TraceRecord, 'seq' | 't'>;
