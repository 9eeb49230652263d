// A developer tool: serves a simulated cluster over plain HTTP as a Kubernetes API server, so that a real kubectl
// binary can talk to it (see crosscheck.ts, which runs one scenario through the simulated kubectl and through the
// real one and compares them). Backed by the cluster's store; discovery, tables and subresources are built from
// the same data the simulated kubectl uses, so both see the same server.
//
// Virtual time: a plain request never moves the clock. While a watch is open the server drives the cluster (one
// controller pass at a time, like the scenario runner drives a waiting kubectl command), streaming the changes the
// watch selects, until nothing more is due, the watch's timeoutSeconds of virtual time has passed, or a cap.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { rawResponse, serveExec } from './apiserver-exec.ts';
import { decodeProtobufObject } from './apiserver-protobuf.ts';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../engine/cluster.ts';
import { API_VERSION, CLUSTER_SCOPED, GROUP, KINDS, RESOURCE, type ApiResult, type ApiStatus, type KObject, type Kind, type KindMap } from '../engine/api/types.ts';
import { matchesRequirements, parseSelector, type Requirement } from '../engine/api/labels.ts';
import { badRequest, notFound } from '../engine/api/errors.ts';
import type { WatchEvent, WriteOptions } from '../engine/store/store.ts';
import { KUBE_VERSION } from '../engine/version.ts';
import { rfc3339Nano } from '../engine/clock/time.ts';
import { containerLog } from '../engine/exec/logs.ts';
import { categoriesOf, verbsOf } from '../kubectl/verbs/api-resources.ts';
import { RESOURCE_TYPES, type ResourceType } from '../kubectl/resources.ts';
import { scaleOf, servesSubresource } from '../kubectl/subresource.ts';
import { COLUMNS } from '../kubectl/print/columns.ts';
// The object as the API server encodes it (an Event's zero times as null), as the simulated kubectl receives it.
import { served as asServed } from '../kubectl/print/output.ts';
import { PatchError } from '../kubectl/json.ts';
import { mergePatch, strategicMerge } from '../kubectl/merge.ts';
import { decodeJsonPatchOps, jsonPatch } from '../kubectl/json-patch.ts';

/** Options of the server. */
export interface ApiServerOptions {
  /** Virtual milliseconds a run of watches may drive the cluster before it stops (default 30 minutes). */
  capMs?: number;
  /** Real milliseconds to pause after a watch event was sent, so a client that was waiting for it can close first. */
  eventPauseMs?: number;
  /**
   * What to do when open watches have nothing left to drive: 'end' (default) ends their responses; 'hold' keeps
   * them open (a client waits as on a quiet cluster; whoever runs it decides when to stop it).
   */
  whenIdle?: 'end' | 'hold';
  /** Called when open watches have nothing left to drive (once per budget, see resetBudget). */
  onIdle?(): void;
  /** Called for every request (method and URL), for debugging. */
  log?(line: string): void;
}

/** A running server. */
export interface ApiServer {
  url: string;
  close(): Promise<void>;
  /** Starts a new driving budget: the cap counts from the next watch, and idleness is reported afresh. */
  resetBudget(): void;
  /**
   * A hint that the client is expected to be done by virtual time `t` (crosscheck: when the simulated kubectl's
   * command ended): before a step past it, the driver waits up to a second of real time for the watches to close.
   */
  expectEndAt(t: number | undefined): void;
  /**
   * For a client that polls instead of watching (drain waits for its pods with a GET a second and asks again for a
   * refused eviction after 5 s): until virtual time `until`, each request first moves the clock on by the real time
   * since the last one, so the client's waits pass in virtual time too. Undefined stops it.
   */
  followWallClock(until: number | undefined): void;
  /** Number of watches open now. */
  readonly openWatches: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Discovery

/** One served resource as discovery describes it. */
interface ServedResource { type: ResourceType; verbs: string[]; categories: string[] }

/** The verbs and categories of each type, as the simulated kubectl's own discovery (api-resources) has them. */
function servedResources(): ServedResource[] {
  return RESOURCE_TYPES.map((type) => ({ type, verbs: verbsOf(type), categories: categoriesOf(type) }));
}

/** The group/versions served: the core group's `v1` first, then the named groups in order. */
function groupVersions(served: readonly ServedResource[]): string[] {
  return [...new Set(served.map((s) => API_VERSION[s.type.kind]))].sort((a, b) => (a === 'v1' ? -1 : b === 'v1' ? 1 : a < b ? -1 : a > b ? 1 : 0));
}

// The subresources each kind's registry serves, beyond status and scale: the pod's own.
const POD_SUBRESOURCES: ReadonlyArray<{ name: string; kind: string; group?: string; version?: string; verbs: string[] }> = [
  { name: 'binding', kind: 'Binding', verbs: ['create'] },
  { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] },
  { name: 'log', kind: 'Pod', verbs: ['get'] },
];

/** An APIResourceList for one group/version. */
function resourceList(served: readonly ServedResource[], gv: string): unknown {
  const resources: unknown[] = [];
  for (const s of served.filter((x) => API_VERSION[x.type.kind] === gv)) {
    const t = s.type;
    resources.push({
      name: t.plural, singularName: t.singular, namespaced: t.namespaced, kind: t.kind, verbs: s.verbs,
      ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
      ...(s.categories.length ? { categories: s.categories } : {}),
    });
    const subs: Array<{ name: string; kind: string; group?: string; version?: string; verbs: string[] }> = [];
    if (t.kind === 'Pod') subs.push(...POD_SUBRESOURCES);
    if (servesSubresource(t.kind, 'scale')) subs.push({ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] });
    if (servesSubresource(t.kind, 'status')) subs.push({ name: 'status', kind: t.kind, verbs: ['get', 'patch', 'update'] });
    subs.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const sub of subs) {
      resources.push({
        name: `${t.plural}/${sub.name}`, singularName: '', namespaced: t.namespaced,
        ...(sub.group ? { group: sub.group, version: sub.version } : {}), kind: sub.kind, verbs: sub.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
}

function groupList(served: readonly ServedResource[]): unknown {
  const groups = new Map<string, string[]>();
  for (const gv of groupVersions(served)) {
    if (!gv.includes('/')) continue;
    const [g, v] = gv.split('/');
    groups.set(g, [...(groups.get(g) ?? []), v]);
  }
  return {
    kind: 'APIGroupList', apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name, versions: versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${versions[0]}`, version: versions[0] },
    })),
  };
}

/** The `/version` document, with the version the simulation reproduces (what `kubectl version` prints). */
function versionInfo(): unknown {
  return {
    major: KUBE_VERSION.major, minor: KUBE_VERSION.minor, emulationMajor: KUBE_VERSION.major, emulationMinor: KUBE_VERSION.minor,
    minCompatibilityMajor: KUBE_VERSION.major, minCompatibilityMinor: String(Number(KUBE_VERSION.minor) - 1),
    gitVersion: KUBE_VERSION.gitVersion, gitCommit: '', gitTreeState: 'clean', buildDate: '',
    goVersion: KUBE_VERSION.goVersion, compiler: 'gc', platform: KUBE_VERSION.platform,
  };
}

/**
 * The smallest OpenAPI v3 that kubectl 1.33 needs: without it, apply/create/replace fall back to client-side
 * validation, which needs the full v2 schema ("failed to download openapi"). kubectl only looks, per kind, for the
 * PATCH operation and its `fieldValidation` parameter (to know the server validates); the operations carry no
 * request body, so apply computes its strategic merge patches from kubectl's compiled-in types.
 */
function openApiRoot(gvs: readonly string[]): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const gv of gvs) {
    const p = gv.includes('/') ? `apis/${gv}` : `api/${gv}`;
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${KUBE_VERSION.gitVersion}` };
  }
  return { paths };
}

function openApiGroupVersion(served: readonly ServedResource[], gv: string): unknown {
  const paths: Record<string, unknown> = {};
  const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
  const params = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({ name, in: 'query', schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true } }));
  for (const s of served.filter((x) => API_VERSION[x.type.kind] === gv)) {
    const t = s.type;
    const base = `/${group ? `apis/${gv}` : `api/${gv}`}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}/{name}`;
    paths[base] = { patch: { 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': { group, version, kind: t.kind }, parameters: params } };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: KUBE_VERSION.gitVersion }, paths, components: { schemas: {} } };
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** What a resource path names. */
interface Target {
  kind: Kind;
  /** The namespace of the path; undefined for a cluster-scoped kind or a list across namespaces. */
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The kind served at group/version/resource, if any. */
function kindAt(group: string, version: string, resource: string): Kind | undefined {
  return KINDS.find((k) => RESOURCE[k] === resource && GROUP[k] === group && API_VERSION[k] === (group ? `${group}/${version}` : version));
}

/**
 * Reads a resource path after its group/version prefix: `pods`, `pods/NAME[/SUB]`, `namespaces/NS/pods[/NAME[/SUB]]`,
 * `namespaces/NAME[/SUB]` (the Namespace object itself). Undefined when it names nothing served.
 */
function parseTarget(group: string, version: string, segs: string[]): Target | undefined {
  if (segs.length === 0) return undefined;
  if (segs[0] === 'namespaces' && segs.length >= 3 && segs[2] !== 'status' && segs[2] !== 'finalize') {
    const kind = kindAt(group, version, segs[2]);
    if (!kind || CLUSTER_SCOPED.has(kind) || segs.length > 5) return undefined;
    return { kind, namespace: segs[1], name: segs[3], subresource: segs[4] };
  }
  const kind = kindAt(group, version, segs[0]);
  if (!kind || segs.length > 3) return undefined;
  // A namespaced kind without a namespace in the path is a list (or watch) across every namespace.
  if (!CLUSTER_SCOPED.has(kind) && segs.length > 1) return undefined;
  return { kind, name: segs[1], subresource: segs[2] };
}

/** A field selector: `a=b`, `a==b`, `a!=b`, comma-separated. */
type FieldReq = { path: string; value: string; negate: boolean };

function parseFieldSelector(text: string): FieldReq[] | string {
  const out: FieldReq[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part);
    if (!m) return `invalid selector: '${text}'; can't understand '${part}'`;
    out.push({ path: m[1].trim(), value: m[3].trim(), negate: m[2] === '!=' });
  }
  return out;
}

// A dotted field of an object as the field selectors compare it (a missing field is the empty string).
function fieldValue(o: KObject, path: string): string {
  let v: unknown = o;
  for (const p of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v === undefined || v === null ? '' : String(v);
}

/** What a list or watch selects. */
interface Filter { namespace?: string; labels: Requirement[]; fields: FieldReq[] }

function matches(f: Filter, o: KObject): boolean {
  if (f.namespace !== undefined && (o.metadata?.namespace ?? '') !== f.namespace) return false;
  if (!matchesRequirements(f.labels, o.metadata?.labels)) return false;
  return f.fields.every((r) => (fieldValue(o, r.path) === r.value) !== r.negate);
}

// An upgrade the server does not serve: the 404 the API server gives a path it does not have.
const refuseUpgrade = (socket: Duplex): void => rawResponse(socket, 404, JSON.stringify(NOT_FOUND));

/** A successful Status (what a delete of an object that is gone at once, an eviction or a binding answer). */
function success(code: number, details?: Record<string, unknown>): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code, ...(details ? { details } : {}) };
}

/**
 * The Status the API server answers a patch it cannot apply with (see PatchError): a 422 made by
 * NewGenericServerResponse says only that the request was rejected; a plain Go error is a 500 without a reason.
 */
function patchStatus(e: PatchError): ApiStatus {
  if (e.reason === 'Invalid') return failure(422, 'Invalid', 'the server rejected our request due to an error in our request');
  if (e.reason) return failure(e.code, e.reason, e.message);
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: e.message, code: e.code } as unknown as ApiStatus;
}

// The warnings the API server attaches to a read of a kind: since 1.33, every v1 Endpoints request.
const readWarnings = (kind: Kind): string[] => (kind === 'Endpoints' ? ['v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice'] : []);

const NOT_FOUND: ApiStatus & { metadata: object; details: object } = {
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404,
};

/** A Status for an error the shim itself answers. */
function failure(code: number, reason: ApiStatus['reason'], message: string): ApiStatus {
  return { kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code };
}

// The object as the API server encodes it in a list: a typed list's items carry no apiVersion and kind.
function listItem(o: KObject): KObject {
  const rest: Record<string, unknown> = { ...o };
  delete rest.apiVersion;
  delete rest.kind;
  return rest as KObject;
}

const LIST_KIND = (kind: Kind): string => `${kind}List`;

// Namespaced lists kubectl's describers read that this cluster always has empty.
const EMPTY_LISTS: Readonly<Record<string, string>> = { resourcequotas: 'ResourceQuotaList', limitranges: 'LimitRangeList' };

// ---------------------------------------------------------------------------------------------------------------
// Tables

/** The Table columns of a kind: the normal ones, then (priority 1) the ones -o wide adds. */
function columnDefinitions(kind: Kind): Array<{ name: string; type: string; format: string; description: string; priority: number }> {
  const c = COLUMNS[kind];
  const all = c.wideTable ?? [...c.headers, ...c.wideHeaders];
  const nameAt = c.nameColumn?.wide ?? 0;
  return all.map((name, i) => ({ name, type: 'string', format: i === nameAt ? 'name' : '', description: '', priority: c.headers.includes(name) ? 0 : 1 }));
}

/** A Table of objects; `includeObject` None, Metadata (default) or Object. */
function table(cluster: Cluster, kind: Kind, objects: readonly KObject[], includeObject: string, withColumns: boolean, resourceVersion?: string): unknown {
  const now = cluster.wallNow();
  const rows = objects.map((o) => ({
    cells: COLUMNS[kind].cells(o, now, true),
    ...(includeObject === 'None' ? {} : {
      object: includeObject === 'Object' ? asServed(kind, o) : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    }),
  }));
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: resourceVersion ? { resourceVersion } : {},
    columnDefinitions: withColumns ? columnDefinitions(kind) : [], rows,
  };
}

const wantsTable = (req: IncomingMessage): boolean => /as=Table/.test(req.headers.accept ?? '');

// ---------------------------------------------------------------------------------------------------------------
// Watches and the clock

/** One open watch. */
interface OpenWatch {
  res: ServerResponse;
  /** Virtual time at which the watch's timeoutSeconds is up. */
  deadline: number;
  /** Whether an event was written since the driver last looked. */
  wrote: boolean;
  end(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Drives the cluster while watches are open: one timer at a time (background work only when foreground work is
 * due behind it, as the scenario runner drives a waiting command), pausing after a step that sent an event.
 */
class Driver {
  readonly watches = new Set<OpenWatch>();
  private running = false;
  private budgetStart: number | undefined;
  private idleReported = false;
  closed = false;
  expectedEnd: number | undefined;

  constructor(private readonly cluster: Cluster, private readonly opts: Required<Pick<ApiServerOptions, 'capMs' | 'eventPauseMs' | 'whenIdle'>> & ApiServerOptions) {}

  resetBudget(): void {
    this.budgetStart = undefined;
    this.idleReported = false;
  }

  add(w: OpenWatch): void {
    this.budgetStart ??= this.cluster.now;
    this.watches.add(w);
    this.kick();
  }

  remove(w: OpenWatch): void {
    this.watches.delete(w);
  }

  kick(): void {
    if (this.running || this.closed || !this.watches.size) return;
    this.running = true;
    void this.loop().finally(() => { this.running = false; });
  }

  private async loop(): Promise<void> {
    let quiet = 0;
    // Let the initial events go out and the client settle in before the first step.
    await tick();
    while (this.watches.size && !this.closed) {
      const c = this.cluster;
      const until = (this.budgetStart ?? c.now) + this.opts.capMs;
      const next = c.nextDue(), foreground = c.nextForegroundDue();
      const firstDeadline = Math.min(...[...this.watches].map((w) => w.deadline));
      if (next === undefined || foreground === undefined || foreground > until) {
        this.idle();
        return;
      }
      // Past the instant the client is expected to be done: give it time to close its watches first.
      if (this.expectedEnd !== undefined && Math.min(next, firstDeadline) > this.expectedEnd) {
        this.expectedEnd = undefined;
        for (let i = 0; i < 100 && this.watches.size; i++) await sleep(10);
        continue;
      }
      // A watch whose timeout comes before the next work ends there (the client watches again if it wants).
      if (next > firstDeadline) {
        c.advance(firstDeadline - c.now);
      } else {
        c.step(next);
      }
      for (const w of [...this.watches]) if (w.deadline <= c.now) w.end();
      const wrote = [...this.watches].some((w) => w.wrote);
      for (const w of this.watches) w.wrote = false;
      if (wrote) {
        await sleep(this.opts.eventPauseMs);
        quiet = 0;
      } else if (++quiet % 64 === 0) {
        await tick();
      }
    }
  }

  private idle(): void {
    if (!this.idleReported) {
      this.idleReported = true;
      this.opts.onIdle?.();
      if (this.opts.whenIdle === 'end') for (const w of [...this.watches]) w.end();
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The server

/** Starts the API server on 127.0.0.1 at a free port. */
export function startApiServer(cluster: Cluster, options: ApiServerOptions = {}): Promise<ApiServer> {
  const opts = { capMs: 30 * 60_000, eventPauseMs: 40, whenIdle: 'end' as const, ...options };
  const served = servedResources();
  const gvs = groupVersions(served);
  const driver = new Driver(cluster, opts);
  const store = cluster.store;

  const send = (res: ServerResponse, code: number, body: unknown, warnings: readonly string[] = []): void => {
    const text = JSON.stringify(body) + '\n';
    const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private' };
    if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
    res.writeHead(code, headers);
    res.end(text);
  };
  const sendStatus = (res: ServerResponse, s: ApiStatus, warnings: readonly string[] = []): void => send(res, s.code, { ...s, metadata: {} }, warnings);
  const sendResult = <T>(res: ServerResponse, r: ApiResult<T>, code = 200, body?: (o: T) => unknown): void => {
    if (r.ok) send(res, code, body ? body(r.object) : r.object, r.warnings);
    else sendStatus(res, r.status, r.warnings);
  };

  // Bodies already read and turned into JSON (a typed client's protobuf).
  const decoded = new WeakMap<IncomingMessage, string>();
  const readRaw = (req: IncomingMessage): Promise<Buffer> => new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
  const readBody = async (req: IncomingMessage): Promise<string> => decoded.get(req) ?? (await readRaw(req)).toString('utf8');

  // The wall-clock following of followWallClock: the virtual time to stop at, and the real time of the last request.
  let follow: { until: number; lastReal?: number } | undefined;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (follow && !driver.watches.size) {
      // Counted from the client's first request (its start-up is no wait of its own).
      const real = Date.now();
      const step = Math.min(real - (follow.lastReal ?? real), follow.until - cluster.now);
      follow.lastReal = real;
      if (step > 0) cluster.advance(step);
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const q = url.searchParams;
    const method = req.method ?? 'GET';
    opts.log?.(`${method} ${url.pathname}${url.search} [${req.headers['content-type'] ?? ''}] accept=${req.headers.accept ?? ''}`);
    // Typed clients send protobuf (kubectl's create namespace, service, pdb, configmap, secret): read into JSON when it
    // is one of those objects; anything else is refused as the API server refuses a media type it does not take.
    if (/protobuf/.test(req.headers['content-type'] ?? '')) {
      const obj = decodeProtobufObject(await readRaw(req));
      if (obj) decoded.set(req, JSON.stringify(obj));
    }
    if (/protobuf/.test(req.headers['content-type'] ?? '') && !decoded.has(req)) {
      return sendStatus(res, { kind: 'Status', apiVersion: 'v1', status: 'Failure', code: 415, reason: 'UnsupportedMediaType', message: `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml` } as unknown as ApiStatus);
    }
    const path = url.pathname.replace(/\/+$/, '');
    const segs = path.split('/').filter(Boolean);

    if (method === 'GET') {
      if (path === '/version') return send(res, 200, versionInfo());
      if (path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${req.socket.localAddress}:${req.socket.localPort}` }] });
      if (path === '/apis') return send(res, 200, groupList(served));
      if (path === '/openapi/v3') return send(res, 200, openApiRoot(gvs));
      if (segs[0] === 'openapi' && segs[1] === 'v3') {
        const gv = segs[2] === 'api' ? segs.slice(3).join('/') : segs.slice(3).join('/');
        if (gvs.includes(gv) && (segs[2] === 'api') === !gv.includes('/')) return send(res, 200, openApiGroupVersion(served, gv));
      }
      if (path === '/api/v1') return send(res, 200, resourceList(served, 'v1'));
      // describe namespace lists the namespace's quotas and limit ranges: the simulated cluster has none (a 404 would
      // make kubectl leave their lines out, as for a server without those resources).
      if (segs.length === 5 && segs[0] === 'api' && segs[2] === 'namespaces' && EMPTY_LISTS[segs[4]!]) {
        return send(res, 200, { kind: EMPTY_LISTS[segs[4]!], apiVersion: 'v1', metadata: { resourceVersion: String(cluster.store.state.resourceVersion) }, items: [] });
      }
      if (segs[0] === 'apis' && segs.length === 3 && gvs.includes(`${segs[1]}/${segs[2]}`)) return send(res, 200, resourceList(served, `${segs[1]}/${segs[2]}`));
      if (segs[0] === 'apis' && segs.length === 2 && gvs.some((gv) => gv.startsWith(`${segs[1]}/`))) {
        const g = (groupList(served) as { groups: Array<{ name: string }> }).groups.find((x) => x.name === segs[1]);
        return send(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...g });
      }
    }

    // The resource paths: /api/v1/… and /apis/GROUP/VERSION/…
    let target: Target | undefined;
    if (segs[0] === 'api' && segs[1] === 'v1') target = parseTarget('', 'v1', segs.slice(2));
    else if (segs[0] === 'apis' && segs.length >= 4 && gvs.includes(`${segs[1]}/${segs[2]}`)) target = parseTarget(segs[1], segs[2], segs.slice(3));
    if (!target) return send(res, 404, NOT_FOUND);
    const { kind, name, subresource } = target;
    const scoped = CLUSTER_SCOPED.has(kind);
    const ns = scoped ? '' : target.namespace;
    const dryRun = q.getAll('dryRun').includes('All');
    const fieldValidation = (['Strict', 'Warn', 'Ignore'].includes(q.get('fieldValidation') ?? '') ? q.get('fieldValidation') : 'Warn') as WriteOptions['fieldValidation'];

    if (subresource && !['status', 'scale', 'log', 'eviction', 'binding'].includes(subresource)) return send(res, 404, NOT_FOUND);
    if (subresource === 'status' || subresource === 'scale') { if (!servesSubresource(kind, subresource)) return send(res, 404, NOT_FOUND); }
    else if (subresource && kind !== 'Pod') return send(res, 404, NOT_FOUND);

    // Collections: list, watch, create.
    if (name === undefined) {
      if (method === 'POST') {
        if (!scoped && ns === undefined) return send(res, 405, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
        let obj: KObject;
        try { obj = JSON.parse(await readBody(req)) as KObject; } catch (e) { return sendStatus(res, badRequest(`the body of the request was in an unknown format: ${(e as Error).message}`)); }
        if (!scoped) {
          const given = obj.metadata?.namespace;
          if (given && given !== ns) return sendStatus(res, badRequest('the namespace of the provided object does not match the namespace sent on the request'));
          obj = { ...obj, metadata: { ...obj.metadata, namespace: ns } };
        }
        return sendResult(res, store.create(kind, obj, { dryRun, fieldValidation }), 201, (o) => asServed(kind, o as KObject));
      }
      if (method !== 'GET') return send(res, 405, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
      const labels = q.get('labelSelector') ? parseSelector(q.get('labelSelector')!) : { ok: true as const, reqs: [] };
      if (!labels.ok) return sendStatus(res, badRequest(`unable to parse requirement: ${labels.error}`));
      const fields = parseFieldSelector(q.get('fieldSelector') ?? '');
      if (typeof fields === 'string') return sendStatus(res, badRequest(fields));
      const filter: Filter = { namespace: scoped ? undefined : ns, labels: labels.reqs, fields };
      if (q.get('watch') === 'true' || q.get('watch') === '1') return watch(req, res, kind, filter, q);
      const items = store.list(kind, scoped ? undefined : ns).filter((o) => matches(filter, o as KObject)) as KObject[];
      const rv = String(store.state.resourceVersion);
      if (wantsTable(req)) return send(res, 200, table(cluster, kind, items, q.get('includeObject') ?? 'Metadata', true, rv), readWarnings(kind));
      return send(res, 200, { kind: LIST_KIND(kind), apiVersion: API_VERSION[kind], metadata: { resourceVersion: rv }, items: items.map((o) => listItem(asServed(kind, o))) }, readWarnings(kind));
    }

    const nsName = ns ?? '';
    if (subresource === 'log') {
      if (method !== 'GET') return send(res, 405, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
      return podLog(res, nsName, name, q);
    }
    if (subresource === 'eviction' || subresource === 'binding') {
      if (method !== 'POST') return send(res, 405, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
      let body: Record<string, unknown>;
      try { body = JSON.parse(await readBody(req)) as Record<string, unknown>; } catch (e) { return sendStatus(res, badRequest((e as Error).message)); }
      if (subresource === 'eviction') {
        const del = (body.deleteOptions ?? {}) as { gracePeriodSeconds?: number; dryRun?: string[] };
        const r = store.evict(nsName, name, { gracePeriodSeconds: del.gracePeriodSeconds, dryRun: dryRun || (del.dryRun ?? []).includes('All') });
        return r.ok ? send(res, 201, success(201), r.warnings) : sendStatus(res, r.status, r.warnings);
      }
      const t = (body.target ?? {}) as { name?: string };
      const meta = (body.metadata ?? {}) as { uid?: string };
      const r = store.bind(nsName, name, t.name ?? '', { uid: meta.uid });
      return r.ok ? send(res, 201, success(201), r.warnings) : sendStatus(res, r.status, r.warnings);
    }

    const live = store.get(kind, nsName, name) as KObject | undefined;
    if (method === 'GET') {
      // The deprecation warning comes with every request of the resource, a NotFound too (the handler adds it first).
      if (!live) return sendStatus(res, notFound(kind, name), readWarnings(kind));
      if (subresource === 'scale') return send(res, 200, scaleOf(live));
      if (wantsTable(req)) return send(res, 200, table(cluster, kind, [live], q.get('includeObject') ?? 'Metadata', true, live.metadata?.resourceVersion), readWarnings(kind));
      return send(res, 200, asServed(kind, live), readWarnings(kind));
    }
    if (method === 'DELETE') {
      if (subresource) return send(res, 405, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
      const text = await readBody(req);
      let o: { propagationPolicy?: string; gracePeriodSeconds?: number; dryRun?: string[]; preconditions?: { uid?: string; resourceVersion?: string }; orphanDependents?: boolean } = {};
      try { if (text.trim()) o = JSON.parse(text) as typeof o; } catch (e) { return sendStatus(res, badRequest((e as Error).message)); }
      const policy = q.get('propagationPolicy') ?? o.propagationPolicy ?? (o.orphanDependents ? 'Orphan' : undefined);
      const grace = q.get('gracePeriodSeconds') !== null ? Number(q.get('gracePeriodSeconds')) : o.gracePeriodSeconds;
      if (live && o.preconditions?.resourceVersion && o.preconditions.resourceVersion !== live.metadata?.resourceVersion) {
        return sendStatus(res, failure(409, 'Conflict', `Operation cannot be fulfilled on ${RESOURCE[kind]}${GROUP[kind] ? '.' + GROUP[kind] : ''} "${name}": the ResourceVersion in the precondition (${o.preconditions.resourceVersion}) does not match the ResourceVersion in record (${live.metadata?.resourceVersion}). The object might have been modified`));
      }
      const r = store.delete(kind, nsName, name, {
        propagationPolicy: policy as 'Background' | 'Foreground' | 'Orphan' | undefined, gracePeriodSeconds: grace,
        uid: o.preconditions?.uid, dryRun: dryRun || (o.dryRun ?? []).includes('All'),
      });
      if (!r.ok) return sendStatus(res, r.status, r.warnings);
      // A pod's registry answers with the object; the others with a Status once the object is gone, or with the
      // object while it waits (graceful deletion, finalizers).
      const still = store.get(kind, nsName, name) as KObject | undefined;
      if (kind === 'Pod' || (still && !dryRun)) return send(res, 200, asServed(kind, r.object as KObject), r.warnings);
      return send(res, 200, success(200, { name, group: GROUP[kind], kind: RESOURCE[kind], uid: (r.object as KObject).metadata?.uid }), r.warnings);
    }
    if (method === 'PUT' || method === 'PATCH') {
      const text = await readBody(req);
      let body: unknown;
      try { body = JSON.parse(text); } catch (e) { return sendStatus(res, badRequest(`the body of the request was in an unknown format: ${(e as Error).message}`)); }
      if (!live) return sendStatus(res, notFound(kind, name));
      const current = subresource === 'scale' ? scaleOf(live) : live;
      let next: KObject;
      let patch: WriteOptions['patch'];
      if (method === 'PUT') {
        next = body as KObject;
      } else {
        const ct = (req.headers['content-type'] ?? '').split(';')[0].trim();
        const type = ct === 'application/strategic-merge-patch+json' ? 'strategic' : ct === 'application/merge-patch+json' ? 'merge' : ct === 'application/json-patch+json' ? 'json' : undefined;
        if (!type) return sendStatus(res, failure(415, 'BadRequest', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`));
        try {
          if (type === 'json') { decodeJsonPatchOps(body); next = jsonPatch(current, body) as KObject; }
          else if (type === 'merge') next = mergePatch(current, body) as KObject;
          else next = strategicMerge(current, body) as KObject;
        } catch (e) {
          if (!(e instanceof PatchError)) throw e;
          return sendStatus(res, patchStatus(e));
        }
        patch = subresource === 'scale' ? undefined : { type, body };
      }
      if (subresource === 'scale') {
        const scale = next as { metadata?: { resourceVersion?: string }; spec?: { replicas?: number } };
        const w = live as KindMap['StatefulSet'];
        const updated = { ...w, metadata: { ...w.metadata, resourceVersion: scale.metadata?.resourceVersion || w.metadata?.resourceVersion }, spec: { ...w.spec!, replicas: scale.spec?.replicas ?? 0 } };
        return sendResult(res, store.update(kind, updated, { dryRun, fieldValidation: 'Ignore' }), 200, (o) => scaleOf(o as KObject));
      }
      if (!scoped && next.metadata?.namespace && next.metadata.namespace !== nsName) return sendStatus(res, badRequest('the namespace of the provided object does not match the namespace sent on the request'));
      if (next.metadata?.name && next.metadata.name !== name) return sendStatus(res, badRequest('the name of the object (' + next.metadata.name + ') does not match the name on the URL (' + name + ')'));
      next = { ...next, metadata: { ...next.metadata, name, ...(scoped ? {} : { namespace: nsName }) } };
      return sendResult(res, store.update(kind, next, { dryRun, fieldValidation, patch, ...(subresource === 'status' ? { subresource: 'status' as const } : {}) }), 200, (o) => asServed(kind, o as KObject));
    }
    return send(res, 405, failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'));
  }

  // GET pods/NAME/log: the container's log as text, cut by tailLines, sinceSeconds and limitBytes.
  function podLog(res: ServerResponse, ns: string, name: string, q: URLSearchParams): void {
    const pod = store.get('Pod', ns, name);
    if (!pod) return sendStatus(res, notFound('Pod', name));
    let container = q.get('container') ?? '';
    if (!container) {
      const cs = pod.spec?.containers ?? [];
      if (cs.length !== 1) {
        const init = (pod.spec?.initContainers ?? []).map((c) => c.name);
        return sendStatus(res, badRequest(`a container name must be specified for pod ${name}, choose one of: [${cs.map((c) => c.name).join(' ')}]${init.length ? ` or one of the init containers: [${init.join(' ')}]` : ''}`));
      }
      container = cs[0].name;
    }
    const r = containerLog(cluster, ns, name, container, q.get('previous') === 'true');
    if (!r.ok) return sendStatus(res, r.status);
    let lines = r.lines;
    const since = q.get('sinceSeconds');
    if (since !== null) lines = lines.filter((l) => l.ms >= cluster.wallNow() - Number(since) * 1000);
    const sinceTime = q.get('sinceTime');
    if (sinceTime) lines = lines.filter((l) => l.ms >= Date.parse(sinceTime));
    const tail = q.get('tailLines');
    if (tail !== null && Number(tail) >= 0) lines = Number(tail) === 0 ? [] : lines.slice(-Number(tail));
    const stamp = q.get('timestamps') === 'true';
    let text = lines.map((l) => `${stamp ? rfc3339Nano(l.ms) + ' ' : ''}${l.text}\n`).join('');
    const limit = q.get('limitBytes');
    if (limit !== null) text = Buffer.from(text).subarray(0, Number(limit)).toString('utf8');
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(text);
  }

  // A watch: the initial events (when the client asks from no resourceVersion), then the store's changes the
  // filter selects, while the driver moves the clock.
  function watch(req: IncomingMessage, res: ServerResponse, kind: Kind, filter: Filter, q: URLSearchParams): void {
    const asTable = wantsTable(req);
    const includeObject = q.get('includeObject') ?? 'Metadata';
    let columnsSent = false;
    const encode = (o: KObject): unknown => {
      if (!asTable) return asServed(kind, o);
      const t = table(cluster, kind, [o], includeObject, !columnsSent);
      columnsSent = true;
      return t;
    };
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', 'Cache-Control': 'no-cache, private' });
    res.flushHeaders();
    const write = (type: string, o: unknown): void => { res.write(JSON.stringify({ type, object: o }) + '\n'); };
    const rv = q.get('resourceVersion') ?? '';
    const initial = q.get('sendInitialEvents') === 'true' || rv === '' || rv === '0';
    if (initial) {
      for (const o of store.list(kind, filter.namespace) as KObject[]) if (matches(filter, o)) write('ADDED', encode(o));
    }
    if (q.get('sendInitialEvents') === 'true') {
      write('BOOKMARK', { kind, apiVersion: API_VERSION[kind], metadata: { resourceVersion: String(store.state.resourceVersion), annotations: { 'k8s.io/initial-events-end': 'true' } } });
    }
    const timeout = q.get('timeoutSeconds');
    let ended = false;
    const w: OpenWatch = {
      res, wrote: false,
      deadline: timeout !== null ? cluster.now + Number(timeout) * 1000 : Infinity,
      end() {
        if (ended) return;
        ended = true;
        unsubscribe();
        driver.remove(w);
        res.end();
      },
    };
    const unsubscribe = store.watch((e: WatchEvent) => {
      if (e.kind !== kind || ended) return;
      const now = matches(filter, e.object);
      const before = !!e.old && matches(filter, e.old);
      let type: string | undefined;
      if (e.type === 'ADDED') type = now ? 'ADDED' : undefined;
      else if (e.type === 'DELETED') type = before || now ? 'DELETED' : undefined;
      else type = before && now ? 'MODIFIED' : now ? 'ADDED' : before ? 'DELETED' : undefined;
      if (!type) return;
      write(type, encode(e.object));
      w.wrote = true;
    });
    res.on('close', () => w.end());
    driver.add(w);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendStatus(res, failure(500, 'InternalError', `Internal error occurred: ${String((e as Error)?.stack ?? e)}`));
      else res.end();
    });
  });
  // exec over WebSocket; any other upgrade (attach, port-forward) is not served.
  // Upgraded connections are the server's no longer (closeAllConnections does not see them): kept to end on close.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    opts.log?.(`UPGRADE ${req.url ?? ''}`);
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    socket.on('error', () => socket.destroy());
    if (!serveExec(cluster, req, socket, (name) => notFound('Pod', name))) refuseUpgrade(socket);
  });
  // Clients keep their connections alive; they must not hold the process open once the server is closed.
  server.keepAliveTimeout = 1000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        resetBudget: () => driver.resetBudget(),
        expectEndAt: (t) => { driver.expectedEnd = t; },
        followWallClock: (until) => { follow = until === undefined ? undefined : { until }; },
        get openWatches() { return driver.watches.size; },
        close: () => new Promise<void>((done) => {
          driver.closed = true;
          for (const w of [...driver.watches]) w.end();
          server.close(() => done());
          server.closeAllConnections();
          for (const socket of upgraded) socket.destroy();
        }),
      });
    });
  });
}
