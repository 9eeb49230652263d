// The simulated API server's storage: typed objects by kind, namespace and name; create/update/delete
// with defaulting, validation, resourceVersion, generation, graceful deletion and finalizers; a change
// stream. Stored objects are immutable (deep-frozen when `freeze` is on); writers pass copies.
import type { AdmissionContext, StrategyRegistry } from '../api/admission.ts';
import { randomSuffix } from '../api/name-generator.ts';
import { alreadyExists, badRequest, bindingConflict, conflict, disruptionBudget, forbidden, internalError, invalid, invalidPatch, notFound } from '../api/errors.ts';
import { budgetCovers, isPodReady, isPodTerminal, withDisruptionTarget } from '../api/pod-util.ts';
import { goJson } from '../api/go-json.ts';
import { API_VERSION, CLUSTER_SCOPED, KINDS, READ_ONLY_KINDS, qualifiedResource, type ApiResult, type ApiStatus, type StatusCause, type JsonMap, type KObject, type Mutable, type ObjectMeta, type Kind, type KindMap } from '../api/types.ts';
import { parseRfc3339, rfc3339 } from '../clock/time.ts';
import { deepCopy } from '../api/json-util.ts';
import { EngineCheckError } from '../checks.ts';

/** One change on the stream. `old` is the previous version for MODIFIED and DELETED. */
export interface WatchEvent<T extends KObject = KObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  kind: Kind;
  object: T;
  old?: T;
}

/** Everything the store persists; structured-clone safe. */
export interface StoreState {
  objects: Record<Kind, Map<string, KObject>>;
  resourceVersion: number;
  /** Pending Event expiries in write order (see EVENT_TTL_MS); absent in snapshots from older builds. */
  eventExpiry?: EventExpiry;
}

/**
 * kube-apiserver's `--event-ttl` default: an Event is stored with a lease and vanishes one hour after its
 * last write (create or count bump).
 */
export const EVENT_TTL_MS = 3_600_000;

/**
 * FIFO of Event writes: `[expiresAt, storeKey, resourceVersion]` from `head` on. Writes come in virtual-time
 * order and the TTL is constant, so the queue is sorted; an entry whose Event was written again since (other
 * resourceVersion) is stale and skipped.
 */
export interface EventExpiry { head: number; items: Array<[number, string, string]> }

/** Deletion options as the API server takes them. */
export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  /** Delete only if the object still has this uid. */
  uid?: string;
  /** Server-side dry run (dryRun=All): the same checks and answer, nothing written. */
  dryRun?: boolean;
  /** The engine's own controllers (the namespace deleter): the cluster's read-only kinds may be deleted too. */
  trusted?: boolean;
}

/**
 * Options of a write. `trusted` is for the engine's own controllers: the input is a well-typed object
 * built in code (never user text), so strict decoding (unknown fields, JSON types) is skipped, and the
 * store takes the input over with a shallow copy instead of a deep one. The caller must not change the
 * input (or anything reachable from it) afterwards; nested parts may be shared with stored objects.
 */
export interface WriteOptions {
  dryRun?: boolean;
  trusted?: boolean;
  /**
   * With `trusted`: the input is a fresh top-level object built for this write alone (on create, with
   * `apiVersion` and `kind` as its first keys); the store takes it as it is, without the shallow copy.
   */
  owned?: boolean;
  /**
   * With `trusted`, on create: the uid the new object gets instead of one drawn from the PRNG (the cluster's own
   * objects made at bootstrap, whose identities must not shift what every later draw gives).
   */
  uid?: string;
  /**
   * The request's fieldValidation for unknown fields in an untrusted input: Strict (kubectl's `--validate=strict`,
   * the default here) refuses them; Warn (the API server's own default, for a request that names none, as kubectl
   * patch sends) drops each with a warning; Ignore drops them silently.
   */
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /**
   * The input is the result of a PATCH request with this body: a result that does not decode is the Invalid the
   * patch handler answers (strategic: the converter's error and the patch as Go prints a map; merge and json: the
   * JSON decoder's error and the patched object), not the BadRequest of a decoded request body.
   */
  patch?: { type: 'strategic' | 'merge' | 'json'; body: unknown };
}

/** What the store needs from its cluster. */
export interface StoreDeps {
  now(): number;
  epochMs: number;
  newUid(): string;
  gates(): Readonly<Record<string, boolean>>;
  random(): number;
  strategies: StrategyRegistry;
  freeze: boolean;
  /** Verify the by-name index against the flat map on every lookup (tests). */
  checks?: boolean;
}

export function emptyStoreState(): StoreState {
  const objects = {} as Record<Kind, Map<string, KObject>>;
  for (const k of KINDS) objects[k] = new Map();
  return { objects, resourceVersion: 1000, eventExpiry: { head: 0, items: [] } };
}

// A join builds one flat string; a template literal builds a rope that each Map lookup must first flatten.
const key = (ns: string, name: string): string => (ns ? [ns, name].join('/') : name);

// The list-cache scope of a list over every namespace ('*' is no namespace name; '' filters like any other).
const ALL = '*';

// Per kind, whether it is cluster-scoped (a property read instead of a Set lookup per call).
const SCOPED = Object.fromEntries(KINDS.map((k) => [k, CLUSTER_SCOPED.has(k)])) as Record<Kind, boolean>;

// A value as Go's fmt prints it with %v: maps as map[k:v …] with sorted keys, slices as [a b], strings bare.
function goV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goV).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goV(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

// Whether two objects are the same but for metadata.resourceVersion, key order aside (the API server compares
// the encoded typed objects, whose field order is fixed).
function sameContent(a: KObject, b: KObject): boolean {
  const eq = (x: unknown, y: unknown, top: boolean): boolean => {
    if (x === y) return true;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) return x.length === (y as unknown[]).length && x.every((v, i) => eq(v, (y as unknown[])[i], false));
    const xo = x as Record<string, unknown>, yo = y as Record<string, unknown>;
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined && !(top && k === 'resourceVersion'));
    const xk = keys(xo), yk = keys(yo);
    return xk.length === yk.length && xk.every((k) => Object.prototype.hasOwnProperty.call(yo, k) && eq(xo[k], yo[k], false));
  };
  return eq(a.metadata, b.metadata, true) && eq({ ...a, metadata: null }, { ...b, metadata: null }, false);
}

// The namespaces NamespaceLifecycle never lets go.
const IMMORTAL: ReadonlySet<string> = new Set(['default', 'kube-system', 'kube-public']);

// A write to a kind served read-only (READ_ONLY_KINDS): refused as an admission denial would be.
function readOnly(kind: Kind, name: string): ApiStatus {
  const r = qualifiedResource(kind);
  return forbidden(`${r} "${name}" is forbidden: this simulated cluster runs no controller for ${r}: it shows the cluster's own as they are, read-only`);
}

/** A by-name index entry: the stored object and its key in `StoreState.objects`. */
interface Slot { o: KObject; k: string }

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}

/** A deep copy of a stored object that the caller may mutate. */
export function clone<T>(o: T): T {
  return deepCopy(o) as T;
}

const KINDS_WITH_GENERATION: ReadonlySet<Kind> = new Set<Kind>(['StatefulSet', 'DaemonSet', 'Deployment', 'ReplicaSet', 'PodDisruptionBudget']);

// A snapshot without an expiry queue: every stored Event counts from its lastTimestamp (else creation).
function rebuildExpiry(state: StoreState, epochMs: number): EventExpiry {
  const items: Array<[number, string, string]> = [];
  for (const [k, o] of state.objects.Event) {
    const ev = o as KindMap['Event'];
    const last = parseRfc3339(ev.lastTimestamp ?? o.metadata?.creationTimestamp ?? '') - epochMs;
    items.push([(Number.isFinite(last) ? last : 0) + EVENT_TTL_MS, k, o.metadata!.resourceVersion!]);
  }
  items.sort((a, b) => a[0] - b[0]);
  return { head: 0, items };
}


// V8 (Node 20) gives an object a map of its own when keys are added to a spread copy (`{ ...x, k }` or
// `o = { ...x }; o.k = v`), which made every stored object a shape of its own and every property access
// megamorphic (measured: an Event create took 25 µs, 13 µs with this). Keys placed before the spread share
// maps, and writing a key that is already there is a plain store. So the metadata of a new object starts with
// every key the server sets, placeholders until set.
function withServerKeys(given: ObjectMeta, ns: string | undefined): Mutable<ObjectMeta> {
  const m: Mutable<ObjectMeta> = ns === undefined
    ? { name: given.name, uid: '', resourceVersion: '', creationTimestamp: '', ...given }
    : { name: given.name, namespace: ns, uid: '', resourceVersion: '', creationTimestamp: '', ...given };
  if (ns !== undefined) m.namespace = ns;
  return m;
}

// A dry-run answer: of the placeholder keys `keys`, those the input did not carry are left out.
function withoutPlaceholders(o: KObject, given: ObjectMeta, keys: ReadonlyArray<'uid' | 'resourceVersion' | 'creationTimestamp'>): KObject {
  const m: Mutable<ObjectMeta> = { ...o.metadata };
  for (const k of keys) if (!(k in given)) delete m[k];
  if (m.name === undefined) delete m.name;
  return { ...o, metadata: m };
}

/** The simulated API server's object store. */
export class ApiStore {
  private readonly byOwner = new Map<string, Set<string>>();
  // Per kind, namespace -> name -> the stored object and its key in state.objects (derived, never persisted).
  // A lookup is two Map gets on strings that are already flat with cached hashes, instead of building an
  // `ns/name` key per call; a write of a stored name reuses the slot's key instead of joining a new one.
  private readonly byName = Object.fromEntries(KINDS.map((k) => [k, new Map()])) as Record<Kind, Map<string, Map<string, Slot>>>;
  private readonly watchers: Array<(e: WatchEvent) => void> = [];
  // Per kind, sorted lists by namespace (ALL: every namespace) from `list`; a write of the kind drops the list of
  // its namespace and ALL.
  private readonly lists: Partial<Record<Kind, Map<string, KObject[]>>> = {};

  constructor(public state: StoreState, private readonly deps: StoreDeps) {
    // Kinds served since the snapshot was taken start empty.
    for (const kind of KINDS) state.objects[kind] ??= new Map();
    if (!state.eventExpiry) state.eventExpiry = rebuildExpiry(state, deps.epochMs);
    this.rebuildIndexes();
  }

  /** Rebuilds derived indexes, e.g. after restoring a snapshot. */
  rebuildIndexes(): void {
    this.byOwner.clear();
    for (const kind of KINDS) this.lists[kind]?.clear();
    for (const kind of KINDS) {
      this.byName[kind].clear();
      const byNs = this.byName[kind];
      for (const [k, o] of this.state.objects[kind]) {
        this.index(kind, o, true);
        const ns = o.metadata!.namespace ?? '';
        let m = byNs.get(ns);
        if (!m) byNs.set(ns, (m = new Map()));
        m.set(o.metadata!.name!, { o, k });
      }
    }
  }

  // Files `o` in the by-name index and returns its key in state.objects.
  private named(kind: Kind, ns: string, o: KObject): string {
    const byNs = this.byName[kind], name = o.metadata!.name!;
    let m = byNs.get(ns);
    if (!m) byNs.set(ns, (m = new Map()));
    const slot = m.get(name);
    if (slot) {
      slot.o = o;
      return slot.k;
    }
    const k = key(ns, name);
    m.set(name, { o, k });
    return k;
  }

  // Takes `name` out of the by-name index; returns its key in state.objects.
  private unnamed(kind: Kind, ns: string, name: string): string {
    const byNs = this.byName[kind];
    const m = byNs.get(ns);
    const slot = m?.get(name);
    if (!slot) return key(ns, name);
    m!.delete(name);
    if (m!.size === 0) byNs.delete(ns);
    return slot.k;
  }

  // The stored object by namespace ('' when cluster-scoped) and name; in checks mode verified against the
  // flat map the index derives from.
  private lookup(kind: Kind, ns: string, name: string): KObject | undefined {
    const slot = this.byName[kind].get(ns)?.get(name);
    if (this.deps.checks) {
      const k = key(ns, name);
      if (slot?.o !== this.state.objects[kind].get(k) || (slot && slot.k !== k)) {
        throw new EngineCheckError(`store by-name index of ${kind} ${k} differs from the stored map`);
      }
    }
    return slot?.o;
  }

  private index(kind: Kind, o: KObject, add: boolean): void {
    if (!o.metadata?.ownerReferences?.length) return;
    const refKey = `${kind}|${key(o.metadata?.namespace ?? '', o.metadata!.name!)}`;
    for (const ref of o.metadata?.ownerReferences ?? []) {
      let set = this.byOwner.get(ref.uid);
      if (add) {
        if (!set) this.byOwner.set(ref.uid, (set = new Set()));
        set.add(refKey);
      } else if (set) {
        set.delete(refKey);
        if (set.size === 0) this.byOwner.delete(ref.uid);
      }
    }
  }

  // Forgets the cached lists a write of `kind` in namespace `ns` changes: its namespace's and every namespace's.
  private dropLists(kind: Kind, ns: string): void {
    const l = this.lists[kind];
    if (l && l.size) {
      l.delete(ALL);
      l.delete(ns);
    }
  }

  /** Subscribes to the change stream; returns the unsubscribe function. */
  watch(fn: (e: WatchEvent) => void): () => void {
    this.watchers.push(fn);
    return () => {
      const i = this.watchers.indexOf(fn);
      if (i >= 0) this.watchers.splice(i, 1);
    };
  }

  private emit(e: WatchEvent): void {
    for (const w of this.watchers) w(e);
  }

  private readonly listAll = (kind: Kind): KObject[] => [...this.state.objects[kind].values()];

  // One admission context, brought up to date for each write (strategies read it during the call only).
  private readonly admission: Mutable<AdmissionContext> = {
    gates: {}, now: 0, wallNow: 0, random: () => this.deps.random(), list: this.listAll,
    get: (kind, namespace, name) => this.lookup(kind, SCOPED[kind] ? '' : namespace, name),
  };

  private ctx(): AdmissionContext {
    const a = this.admission, now = this.deps.now();
    a.gates = this.deps.gates();
    a.now = now;
    a.wallNow = this.deps.epochMs + now;
    return a;
  }

  get<K extends Kind>(kind: K, namespace: string, name: string): KindMap[K] | undefined {
    return this.lookup(kind, SCOPED[kind] ? '' : namespace, name) as unknown as KindMap[K] | undefined;
  }

  /** Objects of a kind, in one namespace (or all when undefined), sorted by namespace then name. */
  list<K extends Kind>(kind: K, namespace?: string): KindMap[K][] {
    return this.view(kind, namespace).slice();
  }

  /**
   * `list` without the copy: the store's own sorted array (read-only; frozen in tests), valid until the next write
   * of the kind. For readers on hot paths (Services and revisions are read on every pod change and sync, and rarely
   * written).
   */
  view<K extends Kind>(kind: K, namespace?: string): readonly KindMap[K][] {
    // Served from the last sorted list of the kind and namespace while no object of the kind was written.
    const scope = SCOPED[kind] || namespace === undefined ? ALL : namespace;
    let byScope = this.lists[kind];
    if (!byScope) this.lists[kind] = byScope = new Map();
    let cached = byScope.get(scope);
    if (cached && this.deps.checks) {
      const fresh = this.sortedList(kind, namespace, true);
      if (fresh.length !== cached.length || fresh.some((o, i) => o !== cached![i])) {
        throw new EngineCheckError(`store list cache of ${kind} in ${scope || 'all namespaces'} differs from the stored map`);
      }
    }
    // Frozen where mistakes are looked for (tests): V8 builds an iterator result per step of a for-of over a
    // frozen array, and these lists are walked on every pod change.
    if (!cached) {
      cached = this.sortedList(kind, namespace);
      if (this.deps.freeze || this.deps.checks) Object.freeze(cached);
      byScope.set(scope, cached);
    }
    return cached as unknown as readonly KindMap[K][];
  }

  // `flat`: read from the stored map itself, not from the by-name index (checks mode compares the two).
  private sortedList(kind: Kind, namespace: string | undefined, flat = false): KObject[] {
    const out: KObject[] = [];
    if (namespace === undefined || SCOPED[kind] || flat) {
      for (const o of this.state.objects[kind].values()) {
        if (namespace === undefined || SCOPED[kind] || o.metadata!.namespace === namespace) out.push(o);
      }
    } else {
      // One namespace from the by-name index: a small namespace is not found by walking every object of the kind.
      for (const slot of this.byName[kind].get(namespace)?.values() ?? []) out.push(slot.o);
    }
    out.sort((a, b) => {
      const an = a.metadata!.namespace ?? '', bn = b.metadata!.namespace ?? '';
      if (an !== bn) return an < bn ? -1 : 1;
      return a.metadata!.name! < b.metadata!.name! ? -1 : a.metadata!.name! > b.metadata!.name! ? 1 : 0;
    });
    return out;
  }

  /** Number of stored objects of a kind (cheap). */
  count(kind: Kind): number {
    return this.state.objects[kind].size;
  }

  /** Objects of a kind whose ownerReferences name the given owner uid (unsorted). */
  listByOwner<K extends Kind>(kind: K, ownerUid: string): KindMap[K][] {
    const out: KindMap[K][] = [];
    for (const k of this.byOwner.get(ownerUid) ?? []) {
      const bar = k.indexOf('|');
      if (k.slice(0, bar) !== kind) continue;
      const o = this.state.objects[kind].get(k.slice(bar + 1));
      if (o) out.push(o as unknown as KindMap[K]);
    }
    return out;
  }

  /** Every stored object that names this owner uid, of any kind. */
  dependents(ownerUid: string): Array<{ kind: Kind; object: KObject }> {
    const out: Array<{ kind: Kind; object: KObject }> = [];
    for (const k of this.byOwner.get(ownerUid) ?? []) {
      const bar = k.indexOf('|');
      const kind = k.slice(0, bar) as Kind;
      const o = this.state.objects[kind].get(k.slice(bar + 1));
      if (o) out.push({ kind, object: o });
    }
    return out;
  }

  private fail<T>(status: ApiStatus, warnings: string[] = []): ApiResult<T> {
    return { ok: false, status, warnings };
  }

  private put(kind: Kind, o: KObject, old: KObject | undefined): KObject {
    const ns = o.metadata!.namespace ?? '';
    this.state.resourceVersion++;
    (o.metadata as Mutable<ObjectMeta>).resourceVersion = String(this.state.resourceVersion);
    if (this.deps.freeze) deepFreeze(o);
    // Most updates keep the owner references array as it was (stored objects are immutable): no re-index.
    const sameOwners = !!old && old.metadata!.ownerReferences === o.metadata!.ownerReferences;
    if (old && !sameOwners) this.index(kind, old, false);
    const k = this.named(kind, ns, o);
    this.state.objects[kind].set(k, o);
    this.dropLists(kind, ns);
    if (!sameOwners) this.index(kind, o, true);
    if (kind === 'Event') this.state.eventExpiry!.items.push([this.deps.now() + EVENT_TTL_MS, k, o.metadata!.resourceVersion!]);
    this.emit({ type: old ? 'MODIFIED' : 'ADDED', kind, object: o, old });
    return o;
  }

  /**
   * Deletes every Event whose last write is EVENT_TTL_MS or more before `now` (a DELETED on the stream,
   * like etcd's lease expiry). Models the apiserver's event storage TTL (registry/core/event/storage, the
   * lease attached by the etcd3 store on each write).
   */
  expireEvents(now: number): void {
    const q = this.state.eventExpiry!;
    const items = q.items;
    while (q.head < items.length && items[q.head]![0] <= now) {
      // Indexed reads, not array destructuring (which goes through the iterator protocol).
      const item = items[q.head++]!;
      const o = this.state.objects.Event.get(item[1]);
      if (o && o.metadata!.resourceVersion === item[2]) this.remove('Event', o);
    }
    if (q.head > 1024 && q.head * 2 > items.length) {
      items.splice(0, q.head);
      q.head = 0;
    }
  }

  private remove(kind: Kind, o: KObject): void {
    const ns = o.metadata!.namespace ?? '';
    this.index(kind, o, false);
    this.state.objects[kind].delete(this.unnamed(kind, ns, o.metadata!.name!));
    this.dropLists(kind, ns);
    this.state.resourceVersion++;
    // Stored objects are never changed in place, so the tombstone shares everything but its metadata.
    const gone: KObject = { ...o, metadata: { ...o.metadata, resourceVersion: String(this.state.resourceVersion) } };
    if (this.deps.freeze) deepFreeze(gone);
    this.emit({ type: 'DELETED', kind, object: gone, old: o });
  }

  // Decoding an untrusted input: a type error is refused; unknown fields by the request's fieldValidation (Strict:
  // refused, every one named; Warn/Ignore: `pruned` is the input without them, `warnings` Warn's texts).
  private decodeCheck(kind: Kind, obj: KObject, validation: WriteOptions['fieldValidation'] = 'Strict', patch?: WriteOptions['patch']): ApiStatus | { pruned: KObject; warnings: string[] } | null {
    const s = this.deps.strategies[kind];
    const prefix = `${kind} in version "${API_VERSION[kind].split('/').pop()}" cannot be handled as a ${kind}: `;
    if (patch?.type === 'strategic') {
      const e = s?.unstructuredError?.(obj);
      if (e) return invalidPatch(goV(patch.body), e);
    }
    const typeErr = s?.typeError?.(obj);
    if (typeErr) return patch ? invalidPatch(goJson(obj), typeErr) : badRequest(prefix + typeErr);
    const unknown = (s?.unknownFields?.(obj) ?? []).map((p) => `unknown field "${p}"`);
    if (!unknown.length) return null;
    if (validation === 'Strict') {
      // A request body names them in document order; a patch handler reports the decoder's errors, sorted, on the
      // field `patch` (patch.go applyPatchToObject and jsonPatcher).
      if (!patch) return badRequest(`${prefix}strict decoding error: ${unknown.join(', ')}`);
      return invalidPatch(patch.type === 'strategic' ? goV(patch.body) : goJson(obj), `strict decoding error: ${[...unknown].sort().join(', ')}`);
    }
    return { pruned: s!.withoutUnknownFields!(obj), warnings: validation === 'Warn' ? unknown : [] };
  }

  // A write whose input decoded with unknown fields dropped: the same write of the pruned input, its warnings first.
  private pruned<T>(d: { pruned: KObject; warnings: string[] }, write: (input: KObject) => ApiResult<T>): ApiResult<T> {
    const r = write(d.pruned);
    return { ...r, warnings: [...d.warnings, ...r.warnings] };
  }

  /** Creates an object (POST). On success the stored object carries uid, resourceVersion, creationTimestamp. */
  create<K extends Kind>(kind: K, input: KindMap[K] | KObject, opts: WriteOptions = {}): ApiResult<KindMap[K]> {
    try {
      if (!opts.trusted && READ_ONLY_KINDS.has(kind)) return this.fail(readOnly(kind, (input as KObject).metadata?.name ?? ''));
      const bad = opts.trusted ? null : this.decodeCheck(kind, input, opts.fieldValidation);
      if (bad && 'pruned' in bad) return this.pruned(bad, (i) => this.create(kind, i, { ...opts, fieldValidation: 'Strict' }));
      if (bad) return this.fail(bad);
      const s = this.deps.strategies[kind];
      // A user's input as Go decodes and encodes it (zero-valued omitempty fields left out), before defaulting and
      // validation; the controllers' own writes are built that way already.
      if (!opts.trusted && s?.withoutOmittedZeros) input = s.withoutOmittedZeros(input);
      const ctx = this.ctx();
      // Keys the server sets go in first, then the input's (see withServerKeys).
      let o = opts.trusted ? (opts.owned ? input as KObject : { apiVersion: API_VERSION[kind], kind, ...input } as KObject) : clone(input);
      o.apiVersion = API_VERSION[kind];
      o.kind = kind;
      const given = o.metadata ?? {};
      const ns = SCOPED[kind] ? '' : (given.namespace || 'default');
      o.metadata = withServerKeys(given, SCOPED[kind] ? undefined : ns);
      if (SCOPED[kind] && 'namespace' in o.metadata) delete o.metadata.namespace;
      if (!o.metadata.name && o.metadata.generateName) o.metadata.name = o.metadata.generateName + randomSuffix(this.deps.random);
      if (!o.metadata.name) {
        return this.fail(invalid(kind, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]));
      }
      if (s?.default) o = s.default(o, ctx);
      if (s?.prepareForCreate) o = s.prepareForCreate(o, ctx);
      const causes = s?.validateCreate?.(o, ctx) ?? [];
      if (causes.length) return this.fail(invalid(kind, o.metadata!.name!, causes));
      const warnings = s?.warnings?.(o, undefined, ctx) ?? [];
      if (ns && kind !== 'Namespace') {
        const nsObj = this.state.objects.Namespace.get(ns);
        if (!nsObj) return this.fail(notFound('Namespace', ns), warnings);
        if (nsObj.metadata?.deletionTimestamp) {
          return this.fail(forbidden(`${qualifiedResource(kind)} "${o.metadata!.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`), warnings);
        }
      }
      // The ServiceAccount admission plugin: a pod runs as a ServiceAccount of its namespace, which must exist. It
      // names the pod as the request did (its generateName when it has no name yet). For `default` the plugin asks
      // again for up to about a second while the ServiceAccount controller makes it in an active namespace (a
      // namespace just created), so that request succeeds: here it passes at once, and the controller's
      // ServiceAccount follows as soon as time moves.
      if (kind === 'Pod') {
        const sa = (o as KindMap['Pod']).spec?.serviceAccountName || 'default';
        if (sa !== 'default' && !this.lookup('ServiceAccount', ns, sa)) {
          return this.fail(forbidden(`pods "${given.name || given.generateName}" is forbidden: error looking up service account ${ns}/${sa}: serviceaccount "${sa}" not found`), warnings);
        }
      }
      if (this.lookup(kind, ns, o.metadata!.name!)) return this.fail(alreadyExists(kind, o.metadata!.name!), warnings);
      const m = o.metadata as Mutable<ObjectMeta>;
      // Upstream fills uid and creationTimestamp (FillObjectMetaSystemFields) before anything else; here they come
      // after the strategy, so that a real create draws from the PRNG in the order it always has.
      m.uid = (opts.trusted && opts.uid) || this.deps.newUid();
      m.creationTimestamp = rfc3339(this.deps.epochMs + this.deps.now());
      if (KINDS_WITH_GENERATION.has(kind)) m.generation = 1;
      // Deleting only present keys keeps V8's fast object shapes (an absent key's delete is a no-op anyway).
      if ('deletionTimestamp' in m) delete m.deletionTimestamp;
      // A dry run answers with all of that; only the resourceVersion, which storage assigns, stays out
      // (DryRunnableStorage.Create copies the object without writing it).
      if (opts.dryRun) return { ok: true, object: withoutPlaceholders(o, given, ['resourceVersion']) as unknown as KindMap[K], warnings };
      return { ok: true, object: this.put(kind, o, undefined) as unknown as KindMap[K], warnings };
    } catch (e) {
      if (e instanceof EngineCheckError) throw e;
      return this.fail(internalError(String((e as Error)?.message ?? e)));
    }
  }

  /**
   * Replaces an object (PUT), or its status when `subresource` is 'status' (a namespace's spec: 'finalize'). A set
   * resourceVersion that is not the stored one is a Conflict. Removing the last finalizer of a terminating object
   * deletes it.
   */
  update<K extends Kind>(kind: K, input: KindMap[K] | KObject, opts: WriteOptions & { subresource?: 'status' | 'finalize' } = {}): ApiResult<KindMap[K]> {
    try {
      if (!opts.trusted && READ_ONLY_KINDS.has(kind)) return this.fail(readOnly(kind, (input as KObject).metadata?.name ?? ''));
      const name = input.metadata?.name ?? '';
      const ns = SCOPED[kind] ? '' : (input.metadata?.namespace || 'default');
      const old = this.lookup(kind, ns, name);
      if (!old) return this.fail(notFound(kind, name));
      const rv = input.metadata?.resourceVersion;
      if (rv && rv !== old.metadata!.resourceVersion) return this.fail(conflict(kind, name));
      const bad = opts.trusted ? null : this.decodeCheck(kind, input, opts.fieldValidation, opts.patch);
      if (bad && 'pruned' in bad) return this.pruned(bad, (i) => this.update(kind, i, { ...opts, fieldValidation: 'Strict' }));
      if (bad) return this.fail(bad);
      const s = this.deps.strategies[kind];
      // As on create: a user's input as Go stores it.
      if (!opts.trusted && s?.withoutOmittedZeros) input = s.withoutOmittedZeros(input);
      const ctx = this.ctx();
      // The input's own metadata, for the answer below (an owned input gets the server's metadata in place).
      const inMeta = input.metadata ?? {};
      let o = opts.trusted ? (opts.owned ? input as KObject : { ...input } as KObject) : clone(input);
      o.apiVersion = API_VERSION[kind];
      o.kind = kind;
      // Server-owned metadata is never taken from the client.
      const om = old.metadata!;
      // Server keys first (see withServerKeys), then the input's, then the server's values again.
      const nm: Mutable<ObjectMeta> = { name: om.name, uid: om.uid, resourceVersion: '', creationTimestamp: om.creationTimestamp, ...o.metadata };
      nm.name = om.name;
      nm.uid = om.uid;
      nm.creationTimestamp = om.creationTimestamp;
      o.metadata = nm;
      if (om.namespace) nm.namespace = om.namespace;
      if (om.generation !== undefined) nm.generation = om.generation; else if ('generation' in nm) delete nm.generation;
      if (om.deletionTimestamp) {
        nm.deletionTimestamp = om.deletionTimestamp;
        nm.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
      } else {
        if ('deletionTimestamp' in nm) delete nm.deletionTimestamp;
        if ('deletionGracePeriodSeconds' in nm) delete nm.deletionGracePeriodSeconds;
      }
      let causes: StatusCause[];
      if (opts.subresource === 'status') {
        if (s?.prepareForStatusUpdate) o = s.prepareForStatusUpdate(o, old, ctx);
        else o = { ...old, status: (o as JsonMap).status, metadata: o.metadata } as KObject;
        causes = s?.validateStatusUpdate?.(o, old, ctx) ?? [];
      } else if (opts.subresource === 'finalize') {
        // A namespace's finalize subresource: its spec (the finalizers) from the input, everything else as stored.
        o = { ...old, spec: (o as JsonMap).spec, metadata: o.metadata } as KObject;
        causes = [];
      } else {
        if (s?.default) o = s.default(o, ctx);
        if (s?.prepareForUpdate) o = s.prepareForUpdate(o, old, ctx);
        causes = s?.validateUpdate?.(o, old, ctx) ?? [];
      }
      if (causes.length) return this.fail(invalid(kind, name, causes));
      const warnings = opts.subresource ? [] : (s?.warnings?.(o, old, ctx) ?? []);
      // A request that changes nothing is not written: the stored object answers, resourceVersion unchanged
      // (the storage's no-op update). Only user requests are compared; the engine's own writers change what they write.
      if (!opts.trusted && sameContent(o, old)) return { ok: true, object: old as KindMap[K], warnings };
      if (opts.dryRun) {
        // The placeholder resourceVersion is left out when the input carried none.
        return { ok: true, object: withoutPlaceholders(o, inMeta, ['resourceVersion']), warnings } as ApiResult<KindMap[K]>;
      }
      if (om.deletionTimestamp && !(o.metadata!.finalizers?.length) && !this.staysAfterFinalizers(kind, o)) {
        this.remove(kind, { ...o, metadata: { ...o.metadata, resourceVersion: om.resourceVersion } });
        return { ok: true, object: withoutPlaceholders(o, inMeta, ['resourceVersion']), warnings } as ApiResult<KindMap[K]>;
      }
      return { ok: true, object: this.put(kind, o, old) as unknown as KindMap[K], warnings };
    } catch (e) {
      if (e instanceof EngineCheckError) throw e;
      return this.fail(internalError(String((e as Error)?.message ?? e)));
    }
  }

  /**
   * Binds a pod to a node (POST pods/binding): one write that sets spec.nodeName and marks PodScheduled
   * True, without the pod update strategy (no defaulting, no spec validation). `uid` is the precondition
   * the scheduler's Binding carries. Conflict when the pod is terminating or already on a node.
   */
  // Models pkg/registry/core/pod/storage/storage.go BindingREST.setPodNodeNameAndMetadata and
  // pkg/api/v1/pod UpdatePodCondition.
  bind(namespace: string, name: string, node: string, opts: { uid?: string } = {}): ApiResult<KindMap['Pod']> {
    const old = this.lookup('Pod', namespace, name) as KindMap['Pod'] | undefined;
    if (!old) return this.fail(notFound('Pod', name));
    if (opts.uid && old.metadata!.uid !== opts.uid) {
      return this.fail(conflict('Pod', name));
    }
    if (old.metadata!.deletionTimestamp) return this.fail(bindingConflict(name, `pod ${name} is being deleted, cannot be assigned to a host`));
    if (old.spec?.nodeName) return this.fail(bindingConflict(name, `pod ${name} is already assigned to node "${old.spec.nodeName}"`));
    const now = rfc3339(this.deps.epochMs + this.deps.now());
    const conds = [...(old.status?.conditions ?? [])];
    const i = conds.findIndex((x) => x.type === 'PodScheduled');
    const prev = i >= 0 ? conds[i] : undefined;
    const cond = { type: 'PodScheduled', status: 'True', lastProbeTime: null as unknown as string, lastTransitionTime: prev?.status === 'True' && prev.lastTransitionTime ? prev.lastTransitionTime : now };
    if (i >= 0) conds[i] = cond; else conds.push(cond);
    // nodeName before the spread, then set: see withServerKeys.
    const spec = { nodeName: node, ...old.spec! };
    spec.nodeName = node;
    const o = { ...old, metadata: { ...old.metadata }, spec, status: { conditions: conds, ...(old.status ?? {}) } } as KindMap['Pod'];
    o.status!.conditions = conds;
    return { ok: true, object: this.put('Pod', o as KObject, old as KObject) as unknown as KindMap['Pod'], warnings: [] };
  }

  /**
   * Evicts a pod (POST pods/NAME/eviction). A pod that is terminal, Pending or already being deleted goes at once; a
   * pod a PodDisruptionBudget covers goes only while the budget allows a disruption (the budget's count is taken
   * and the pod noted as disrupted), else the answer is 429 TooManyRequests. The pod gets the DisruptionTarget
   * condition (EvictionByEvictionAPI) and is deleted with the eviction's options.
   * Models pkg/registry/core/pod/storage/eviction.go Create, checkAndDecrement and addConditionAndDeletePod.
   */
  evict(namespace: string, name: string, opts: Pick<DeleteOptions, 'gracePeriodSeconds' | 'dryRun'> = {}): ApiResult<KindMap['Pod']> {
    const old = this.lookup('Pod', namespace, name) as KindMap['Pod'] | undefined;
    if (!old) return this.fail(notFound('Pod', name));
    const ignorePdb = isPodTerminal(old) || old.status?.phase === 'Pending' || !!old.metadata?.deletionTimestamp;
    if (!ignorePdb) {
      const pdbs = this.list('PodDisruptionBudget', namespace).filter((b) => budgetCovers(b, old));
      if (pdbs.length > 1) return this.fail({ ...internalError(''), message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' });
      const pdb = pdbs[0];
      const ready = isPodReady(old);
      const st = pdb?.status;
      // An unready pod may go without taking the budget's count while the budget is met (IfHealthyBudget), or always (AlwaysAllow).
      const unhealthyMayGo = pdb && !ready && (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow'
        || ((st?.currentHealthy ?? 0) >= (st?.desiredHealthy ?? 0) && (st?.desiredHealthy ?? 0) > 0));
      if (pdb && !unhealthyMayGo) {
        const pdbName = pdb.metadata!.name!;
        if ((st?.observedGeneration ?? 0) < (pdb.metadata?.generation ?? 1)) return this.fail(disruptionBudget(`The disruption budget ${pdbName} is still being processed by the server.`));
        const allowed = st?.disruptionsAllowed ?? 0;
        if (allowed < 0) return this.fail(forbidden(`poddisruptionbudgets.policy "${pdbName}" is forbidden: pdb disruptions allowed is negative`));
        if (allowed === 0) return this.fail(disruptionBudget(`The disruption budget ${pdbName} needs ${st?.desiredHealthy ?? 0} healthy pods and has ${st?.currentHealthy ?? 0} currently`));
        if (!opts.dryRun) {
          const now = rfc3339(this.deps.epochMs + this.deps.now());
          const left = allowed - 1;
          const conditions = left === 0
            ? (st?.conditions ?? []).map((x) => (x.type === 'DisruptionAllowed' ? { ...x, status: 'False', reason: 'InsufficientPods', lastTransitionTime: x.status === 'False' ? x.lastTransitionTime : now } : x))
            : st?.conditions;
          const status = { ...st!, disruptedPods: { ...(st?.disruptedPods ?? {}), [name]: now }, disruptionsAllowed: left, conditions };
          this.update('PodDisruptionBudget', { ...pdb, status }, { subresource: 'status', trusted: true });
        }
      }
    }
    if (!opts.dryRun) {
      const now = rfc3339(this.deps.epochMs + this.deps.now());
      const conds = withDisruptionTarget(old as unknown as KindMap['Pod'], 'EvictionByEvictionAPI', 'Eviction API: evicting', now);
      const r = this.update('Pod', { ...old, status: { ...old.status, conditions: conds } }, { subresource: 'status', trusted: true });
      if (!r.ok) return r;
    }
    return this.delete('Pod', namespace, name, { gracePeriodSeconds: opts.gracePeriodSeconds, dryRun: opts.dryRun });
  }

  // What keeps a terminating object without finalizers stored: a pod on a node until its kubelet confirms termination
  // with a grace-0 delete; a namespace until its spec's finalizers are gone too (the namespace registry's
  // ShouldDeleteNamespaceDuringUpdate).
  private staysAfterFinalizers(kind: Kind, o: KObject): boolean {
    if (kind === 'Namespace') return !!(o as KindMap['Namespace']).spec?.finalizers?.length;
    if (kind !== 'Pod') return false;
    const pod = o as unknown as KindMap['Pod'];
    return !!pod.spec?.nodeName && (pod.metadata?.deletionGracePeriodSeconds ?? 0) > 0;
  }

  /**
   * DELETE of a namespace whose spec still has finalizers: the first marks it (deletionTimestamp, phase Terminating;
   * Foreground and Orphan add their finalizers, any other policy drops them), and the namespace controller removes its
   * content and then its finalizer. Another DELETE meanwhile is a Conflict. Models
   * pkg/registry/core/namespace/storage/storage.go Delete.
   */
  private terminate(old: KindMap['Namespace'], opts: DeleteOptions): ApiResult<KindMap['Namespace']> {
    const name = old.metadata!.name!;
    if (old.metadata!.deletionTimestamp) {
      return this.fail(conflict('Namespace', name, 'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.'));
    }
    const m = old.metadata!;
    const policy = opts.propagationPolicy;
    const finalizers = (m.finalizers ?? []).filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (policy === 'Orphan') finalizers.push('orphan');
    if (policy === 'Foreground') finalizers.push('foregroundDeletion');
    const deletionTimestamp = rfc3339(this.deps.epochMs + this.deps.now());
    // The new key before the spread, then its value (see withServerKeys).
    const nm: Mutable<ObjectMeta> = { deletionTimestamp, ...m };
    nm.deletionTimestamp = deletionTimestamp;
    if (finalizers.length) nm.finalizers = finalizers; else if ('finalizers' in nm) delete nm.finalizers;
    const o = { ...old, metadata: nm, status: { ...old.status, phase: 'Terminating' } } as KindMap['Namespace'];
    if (opts.dryRun) return { ok: true, object: o, warnings: [] };
    return { ok: true, object: this.put('Namespace', o as KObject, old as KObject) as unknown as KindMap['Namespace'], warnings: [] };
  }

  /**
   * Deletes an object (DELETE). Pods on a node terminate gracefully (deletionTimestamp set, the kubelet
   * finishes); objects with finalizers wait for them; Foreground and Orphan propagation add their
   * finalizers for the garbage collector. Returns the object as it stands after the call.
   */
  delete<K extends Kind>(kind: K, namespace: string, name: string, opts: DeleteOptions = {}): ApiResult<KindMap[K]> {
    try {
      const ns = SCOPED[kind] ? '' : namespace;
      const old = this.lookup(kind, ns, name);
      if (!old) return this.fail(notFound(kind, name));
      if (opts.uid && old.metadata!.uid !== opts.uid) {
        return this.fail(conflict(kind, name));
      }
      if (!opts.trusted && READ_ONLY_KINDS.has(kind)) return this.fail(readOnly(kind, name));
      // The NamespaceLifecycle admission plugin keeps the immortal namespaces.
      if (kind === 'Namespace' && IMMORTAL.has(name)) return this.fail(forbidden(`namespaces "${name}" is forbidden: this namespace may not be deleted`));
      const m = old.metadata!;
      if (kind === 'Namespace' && (old as KindMap['Namespace']).spec?.finalizers?.length) return this.terminate(old as KindMap['Namespace'], opts) as ApiResult<KindMap[K]>;
      const finalizers = [...(m.finalizers ?? [])];
      const policy = opts.propagationPolicy;
      if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion') && !m.deletionTimestamp) finalizers.push('foregroundDeletion');
      if (policy === 'Orphan' && !finalizers.includes('orphan') && !m.deletionTimestamp) finalizers.push('orphan');
      let grace = 0;
      if (kind === 'Pod') {
        const pod = old as unknown as KindMap['Pod'];
        const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
        grace = opts.gracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
        if (!pod.spec?.nodeName || terminal) grace = 0;
        if (m.deletionTimestamp && m.deletionGracePeriodSeconds !== undefined && grace > m.deletionGracePeriodSeconds) {
          grace = m.deletionGracePeriodSeconds;
        }
      }
      const nowMs = this.deps.now();
      if (finalizers.length === 0 && grace === 0) {
        if (!opts.dryRun) this.remove(kind, old);
        return { ok: true, object: old as unknown as KindMap[K], warnings: [] };
      }
      if (m.deletionTimestamp && grace === (m.deletionGracePeriodSeconds ?? 0) && finalizers.length === (m.finalizers?.length ?? 0)) {
        return { ok: true, object: old as unknown as KindMap[K], warnings: [] };
      }
      const deletionTimestamp = m.deletionTimestamp && grace === (m.deletionGracePeriodSeconds ?? 0)
        ? m.deletionTimestamp : rfc3339(this.deps.epochMs + nowMs + grace * 1000);
      // The new keys before the spread, then their values (see withServerKeys).
      const nm: Mutable<ObjectMeta> = { deletionTimestamp, deletionGracePeriodSeconds: grace, ...m };
      nm.deletionTimestamp = deletionTimestamp;
      nm.deletionGracePeriodSeconds = grace;
      if (finalizers.length) nm.finalizers = finalizers; else if ('finalizers' in nm) delete nm.finalizers;
      if (KINDS_WITH_GENERATION.has(kind)) nm.generation = (m.generation ?? 1) + 1;
      const o: KObject = { ...old, metadata: nm };
      if (opts.dryRun) return { ok: true, object: o as unknown as KindMap[K], warnings: [] };
      return { ok: true, object: this.put(kind, o, old) as unknown as KindMap[K], warnings: [] };
    } catch (e) {
      if (e instanceof EngineCheckError) throw e;
      return this.fail(internalError(String((e as Error)?.message ?? e)));
    }
  }
}
