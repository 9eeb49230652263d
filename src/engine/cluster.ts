// Composition root of the simulated cluster: the store, the virtual clock and timer queue, the seeded
// PRNG, the trace, the event recorder and the controllers. Composes only; behaviour lives in the parts.
import { seedRng, nextUuid, nextFloat, type RngState } from './clock/rng.ts';
import { DEFAULT_EPOCH_MS } from './clock/time.ts';
import { cancel as cancelTimer, emptyTimerState, peek, pop, schedule, type TimerState, hasForeground, isQueued, nextForeground } from './clock/timers.ts';
import { ApiStore, emptyStoreState, type StoreState, type WatchEvent } from './store/store.ts';
import type { TraceInput, TraceRecord } from './trace/types.ts';
import { strategies } from './api/strategies.ts';
import { KINDS, type Kind } from './api/types.ts';
import { controllers as defaultControllers } from './controllers/registry.ts';
import { bootstrap } from './bootstrap.ts';
import { recordEvent, type EventInput } from './events.ts';
import { EngineCheckError } from './checks.ts';

/** Feature gates the simulation honours, with their 1.35.4+ defaults. */
export const DEFAULT_GATES: Readonly<Record<string, boolean>> = {
  MaxUnavailableStatefulSet: false,
  StatefulSetAutoDeletePVC: true,
  StatefulSetStartOrdinal: true,
  PodIndexLabel: true,
};

/** Everything that makes up a cluster at one instant. Structured-clone safe: snapshot = clone of this. */
export interface ClusterState {
  version: 1;
  /** Virtual milliseconds since the cluster started. */
  now: number;
  /** Wall-clock Unix milliseconds of virtual time 0. */
  epochMs: number;
  rng: RngState;
  timers: TimerState;
  store: StoreState;
  gates: Record<string, boolean>;
  trace: TraceRecord[];
  traceSeq: number;
  /** Private serializable state of each controller, by controller name. */
  ext: Record<string, unknown>;
}

/**
 * A controller: reacts to store changes by scheduling work, and runs the work when it comes due.
 * Timer kinds are `<name>/<what>`; the cluster routes a timer to the controller named before the slash.
 * Contract: `run` must be idempotent and must not throw for any store content.
 */
export interface Controller {
  readonly name: string;
  /** The kinds whose changes `onChange` looks at; absent: every kind. Lets the cluster skip the call. */
  readonly kinds?: readonly Kind[];
  /** Called synchronously for every change on the store's stream. Must only schedule work, not write. */
  onChange?(e: WatchEvent, c: Cluster): void;
  /** Runs one piece of scheduled work. */
  run(kind: string, key: string, c: Cluster): void;
}

export interface ClusterOptions {
  seed?: number;
  epochMs?: number;
  gates?: Record<string, boolean>;
  /** Deep-freeze stored objects (on in tests, off in benchmarks and the worker). */
  freeze?: boolean;
  /** Verify derived indexes against a recomputation on every use (default: the value of `freeze`). */
  checks?: boolean;
  controllers?: Controller[];
  /** Skip the bootstrap objects (namespaces, nodes, storage class, kubernetes Service). */
  bare?: boolean;
  /**
   * Worker nodes to start with (default 3, as the playground's kind cluster; at most 250). Each takes 110
   * pods, so a set of thousands of replicas needs a cluster sized for it, as it would for real.
   */
  workers?: number;
}

/** Called after each controller pass (each timer run) with the kind of work that ran. */
export type PassListener = (kind: string, key: string, c: Cluster) => void;

const TRACE_LIMIT = 20_000;

// Whether a trace input's keys are exactly `type`, `object`, `detail`, in that order (most records).
const TYPE_OBJECT_DETAIL = ['type', 'object', 'detail'];
function isTypeObjectDetail(rec: TraceInput): boolean {
  let i = 0;
  for (const k in rec) if (k !== TYPE_OBJECT_DETAIL[i++]) return false;
  return i === 3;
}

/** A simulated Kubernetes cluster. */
export class Cluster {
  readonly store: ApiStore;
  private readonly byName = new Map<string, Controller>();
  private readonly passListeners: PassListener[] = [];
  private readonly controllers: Controller[];

  private constructor(public state: ClusterState, private readonly opts: ClusterOptions) {
    this.controllers = opts.controllers ?? defaultControllers;
    for (const ctl of this.controllers) this.byName.set(ctl.name, ctl);
    this.store = new ApiStore(state.store, {
      now: () => this.state.now,
      epochMs: state.epochMs,
      newUid: () => nextUuid(this.state.rng),
      gates: () => this.state.gates,
      random: () => nextFloat(this.state.rng),
      strategies,
      freeze: opts.freeze ?? false,
      checks: this.checks,
    });
    // Per kind, the controllers that watch it, in registration order.
    const routes = new Map<Kind, Controller[]>();
    for (const kind of KINDS) routes.set(kind, this.controllers.filter((ctl) => ctl.onChange && (!ctl.kinds || ctl.kinds.includes(kind))));
    this.store.watch((e) => {
      for (const ctl of routes.get(e.kind) ?? []) ctl.onChange!(e, this);
    });
  }

  /** Whether derived indexes are verified on every use (tests). */
  get checks(): boolean {
    return this.opts.checks ?? this.opts.freeze ?? false;
  }

  /** A new cluster at virtual time 0 with the bootstrap objects in place and all start-up work done. */
  static create(opts: ClusterOptions = {}): Cluster {
    const state: ClusterState = {
      version: 1,
      now: 0,
      epochMs: opts.epochMs ?? DEFAULT_EPOCH_MS,
      rng: seedRng(opts.seed ?? 1),
      timers: emptyTimerState(),
      store: emptyStoreState(),
      gates: { ...DEFAULT_GATES, ...(opts.gates ?? {}) },
      trace: [],
      traceSeq: 0,
      ext: {},
    };
    const c = new Cluster(state, opts);
    if (!opts.bare) bootstrap(c, opts.workers);
    c.runDue();
    return c;
  }

  /** A cluster continuing from a snapshot (the snapshot itself is not modified). */
  static restore(snapshot: ClusterState, opts: ClusterOptions = {}): Cluster {
    return new Cluster(structuredClone(snapshot), opts);
  }

  /** A deep, structured-clone-safe copy of the whole state. */
  snapshot(): ClusterState {
    return structuredClone(this.state);
  }

  /** Virtual milliseconds since start. */
  get now(): number {
    return this.state.now;
  }

  /** Unix milliseconds of the current virtual instant (for timestamps). */
  wallNow(): number {
    return this.state.epochMs + this.state.now;
  }

  /** Reseeds the PRNG (scenario `sim seed N`). */
  reseed(seed: number): void {
    this.state.rng = seedRng(seed);
  }

  /** Uniform float in [0,1) from the cluster's seeded PRNG. */
  random(): number {
    return nextFloat(this.state.rng);
  }

  /**
   * Schedules work for a controller `delayMs` from now; repeated adds of one (kind, key) collapse. `background`:
   * housekeeping that runs when time passes it but does not count as pending work (settling does not wait for it).
   */
  enqueue(kind: string, key: string, delayMs = 0, dedup = true, background = false): void {
    schedule(this.state.timers, this.state.now + Math.max(0, delayMs), kind, key, dedup, background);
  }

  /** Whether deduplicated work for (kind, key) is queued (invariant checks that allow a pass of lag). */
  queued(kind: string, key: string): boolean {
    return isQueued(this.state.timers, kind, key);
  }

  /** When deduplicated work for (kind, key) is due, if it is queued. */
  pendingAt(kind: string, key: string): number | undefined {
    return this.state.timers.pending.get(`${kind}\u0000${key}`);
  }

  /** Forgets deduplicated work queued for (kind, key), e.g. a retry for an object that is gone. */
  cancel(kind: string, key: string): void {
    cancelTimer(this.state.timers, kind, key);
  }

  /**
   * Virtual time of the next pending work, or undefined when nothing is pending. Background work due first is
   * included when other work is pending behind it; background work alone is not pending work.
   */
  nextDue(): number | undefined {
    const t = peek(this.state.timers);
    if (t?.background && !hasForeground(this.state.timers)) return undefined;
    return t?.at;
  }

  /** Virtual time of the next pending work that is not background work, or undefined when there is none. */
  nextForegroundDue(): number | undefined {
    return nextForeground(this.state.timers);
  }

  /** Appends a trace record stamped with the current time. */
  trace(rec: TraceInput): void {
    // The usual record (type, object, detail, in that order) as one literal: the spread is a generic copy.
    const seq = this.state.traceSeq++, t = this.state.now;
    this.state.trace.push(isTypeObjectDetail(rec)
      ? { seq, t, type: rec.type, object: rec.object, detail: rec.detail }
      : { seq, t, ...rec });
    if (this.state.trace.length > TRACE_LIMIT * 1.5) this.state.trace.splice(0, this.state.trace.length - TRACE_LIMIT);
  }

  /** Records (or aggregates) a Kubernetes Event. */
  event(input: EventInput): void {
    recordEvent(this, input);
  }

  /** Per-controller private state, created on first use. */
  ext<T>(name: string, init: () => T): T {
    // Remembered per name (every handler and pass asks; the state's ext object is a slow dictionary), checked
    // against the state in checks mode. Only this method ever sets an entry.
    let v = this.extCache.get(name);
    if (v === undefined) {
      if (!(name in this.state.ext)) this.state.ext[name] = init();
      this.extCache.set(name, (v = this.state.ext[name]));
    } else if (this.checks && v !== this.state.ext[name]) {
      throw new EngineCheckError(`cluster ext cache of ${name} differs from the state`);
    }
    return v as T;
  }
  private readonly extCache = new Map<string, unknown>();

  /** Listens to every controller pass (for invariant checks and the UI's change batching). */
  onPass(fn: PassListener): () => void {
    this.passListeners.push(fn);
    return () => {
      const i = this.passListeners.indexOf(fn);
      if (i >= 0) this.passListeners.splice(i, 1);
    };
  }

  /** Runs one due timer (at or before `limit`); false when none is due. */
  step(limit = this.state.now): boolean {
    const t = peek(this.state.timers);
    if (!t || t.at > limit) return false;
    pop(this.state.timers);
    this.moveTo(t.at);
    const ctl = this.controllerFor(t.kind);
    if (ctl) {
      try {
        ctl.run(t.kind, t.key, this);
      } catch (e) {
        if (e instanceof EngineCheckError) throw e;
        // A controller bug must never take the cluster down: record it and carry on.
        // Only the message: a stack trace names source lines and would make traces differ between builds.
        this.trace({ type: 'engine.error', detail: { kind: t.kind, key: t.key, message: String((e as Error)?.message ?? e) } });
      }
    }
    for (const fn of this.passListeners) fn(t.kind, t.key, this);
    return true;
  }

  // The controller a timer kind routes to (the name before the slash), memoized per kind string.
  private readonly routeCache = new Map<string, Controller | undefined>();
  private controllerFor(kind: string): Controller | undefined {
    if (this.routeCache.has(kind)) return this.routeCache.get(kind);
    const ctl = this.byName.get(kind.slice(0, kind.indexOf('/')));
    this.routeCache.set(kind, ctl);
    return ctl;
  }

  /** Runs everything due now, without moving the clock. */
  runDue(): void {
    while (this.step(this.state.now));
  }

  /** Advances virtual time by `ms`, running all work that comes due on the way, in order. */
  advance(ms: number): void {
    const target = this.state.now + Math.max(0, ms);
    while (this.step(target));
    this.moveTo(target);
  }

  // Moves the clock forward (never back) and lets the API server expire Events whose TTL has run out.
  private moveTo(t: number): void {
    if (t > this.state.now) this.state.now = t;
    this.store.expireEvents(this.state.now);
  }

  /**
   * Advances until nothing is pending or `timeoutMs` has passed. Returns whether it settled and the
   * virtual time it stopped at.
   */
  settle(timeoutMs = 600_000): { settled: boolean; now: number } {
    const limit = this.state.now + timeoutMs;
    this.runDue();
    for (;;) {
      const due = this.nextDue();
      if (due === undefined) return { settled: true, now: this.state.now };
      if (due > limit) {
        this.moveTo(limit);
        return { settled: false, now: limit };
      }
      this.step(due);
    }
  }
}
