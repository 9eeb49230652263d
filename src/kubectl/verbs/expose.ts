// `kubectl expose (-f FILENAME | TYPE NAME) [--port=PORT] [--target-port=PORT] [--name=NAME] [--type=TYPE] …`: a new
// Service that selects what a Pod, Service, Deployment or ReplicaSet selects, on its ports. A StatefulSet cannot be
// exposed (kubectl refuses it), but one of its pods can: the pod's labels become the Service's selector, and they
// include `statefulset.kubernetes.io/pod-name`, so the Service reaches that one pod (and also its
// `controller-revision-hash`, so an update that replaces the pod leaves the Service without endpoints). Models
// kubectl/pkg/cmd/expose/expose.go (RunExpose, createService, parseLabels) and polymorphichelpers CanBeExposed,
// MapBasedSelectorForObject, PortsForObject, MultiProtocolsForObject and MakeLabels.
import type { Kind, KObject, Pod, Service } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError, apiErrorText } from '../errors.ts';
import { readManifests } from '../manifest.ts';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, printFormatOf } from '../print-flags.ts';
import { toCompactJson } from '../print/json.ts';
import { FILENAME_FLAG, namedObjects } from '../targets.ts';
import { SERVICE_SHAPE, inStructOrder } from '../typed-order.ts';
import { LAST_APPLIED } from './apply.ts';
import { sendGenerated, type GeneratorFlags } from './create-generated.ts';
import { applyOverrides } from './run-overrides.ts';
import { parseLabels } from './run.ts';
import type { FlagSpec } from '../flags.ts';

type ServicePort = NonNullable<NonNullable<Service['spec']>['ports']>[number];
interface PodSpecLike { containers?: Array<{ ports?: Array<{ containerPort: number; protocol?: string }> }> }

/** The kinds kubectl can expose, and the group/kind it names a refused one by (GroupKind.String). */
const EXPOSABLE: ReadonlySet<Kind> = new Set<Kind>(['Pod', 'Service', 'Deployment', 'ReplicaSet']);
const groupKind = (kind: Kind, apiVersion: string | undefined): string => {
  const group = (apiVersion ?? '').includes('/') ? apiVersion!.slice(0, apiVersion!.indexOf('/')) : '';
  return group ? `${kind}.${group}` : kind;
};

/** MakeLabels: `k=v` pairs joined by commas (the order does not matter: it is parsed back into a map). */
const makeLabels = (labels: Record<string, string> | undefined): string => Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');

/** MapBasedSelectorForObject: the selector of what the object runs, as `k=v,…`. */
function selectorOf(kind: Kind, obj: KObject): string {
  if (kind === 'Pod') {
    if (!Object.keys(obj.metadata?.labels ?? {}).length) throw new Error('the pod has no labels and cannot be exposed');
    return makeLabels(obj.metadata!.labels);
  }
  if (kind === 'Service') {
    const sel = (obj as Service).spec?.selector;
    if (!sel) throw new Error('the service has no pod selector set');
    return makeLabels(sel);
  }
  const sel = (obj as { spec?: { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } } }).spec?.selector;
  if (sel?.matchExpressions?.length) {
    const exprs = sel.matchExpressions.map((e) => { const x = e as { key: string; operator: string; values?: string[] }; return `{Key:${x.key} Operator:${x.operator} Values:[${(x.values ?? []).join(' ')}]}`; });
    throw new Error(`couldn't convert expressions - "[${exprs.join(' ')}]" to map-based selector format`);
  }
  return makeLabels(sel?.matchLabels);
}

/** The pod spec the object runs (its own, or its template's). */
function podSpecOf(kind: Kind, obj: KObject): PodSpecLike | undefined {
  if (kind === 'Pod') return (obj as Pod).spec as PodSpecLike | undefined;
  return (obj as { spec?: { template?: { spec?: PodSpecLike } } }).spec?.template?.spec;
}

/** PortsForObject: every container port (or a Service's ports), in order. */
function portsOf(kind: Kind, obj: KObject): string[] {
  if (kind === 'Service') return ((obj as Service).spec?.ports ?? []).map((p) => String(p.port));
  return (podSpecOf(kind, obj)?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort)));
}

/** MultiProtocolsForObject: each port's protocols (TCP when unset). */
function protocolsOf(kind: Kind, obj: KObject): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (port: number, protocol: string | undefined) => {
    const k = String(port);
    out.set(k, [...(out.get(k) ?? []), protocol || 'TCP']);
  };
  if (kind === 'Service') for (const p of (obj as Service).spec?.ports ?? []) add(p.port, p.protocol);
  else for (const c of podSpecOf(kind, obj)?.containers ?? []) for (const p of c.ports ?? []) add(p.containerPort, p.protocol);
  return out;
}

/** expose.go parseLabels: `k=v,…` into a map (run's parser, which it repeats, after a check for none). */
function parseLabelSpec(spec: string): Record<string, string> {
  if (!spec) throw new KubectlError('error: no label spec passed');
  return parseLabels(spec);
}

/** strconv.Atoi, with its error. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new KubectlError(`error: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  return Number(s);
}

/** intstr.Parse: a number when the whole string is one, else the string. */
const intOrString = (s: string): number | string => (/^[+-]?\d+$/.test(s) ? Number(s) : s);

export interface Params { selector: string; labels: string; name: string; port: string; ports: string; protocols: Map<string, string[]> }

/**
 * createService: the Service kubectl sends (in the typed struct's order). `flag` reads expose's generator flags
 * (`run --expose` has none of them: its Service takes the defaults).
 */
export function createService(ctx: Ctx, p: Params, flag: (name: string) => string = (n) => ctx.str(n)): KObject {
  if (!p.selector) throw new KubectlError('error: selector must be specified');
  const selector = parseLabelSpec(p.selector);
  const labels = p.labels ? parseLabelSpec(p.labels) : undefined;
  if (!p.name) throw new KubectlError('error: name must be specified');
  const portText = p.ports || p.port;
  const given = flag('protocol');
  const ports: ServicePort[] = [];
  if (portText) {
    const list = portText.split(',');
    list.forEach((text, i) => {
      const port = atoi(text);
      const name = list.length > 1 ? `port-${i + 1}` : undefined;
      let protocol = given;
      if (!protocol) {
        protocol = 'TCP';
        const found = p.protocols.get(text);
        if (found && found.length === 1) protocol = found[0];
        else if (found) {
          // A port the object serves over several protocols: one Service port each.
          for (const proto of found) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, protocol: proto as ServicePort['protocol'], port });
          return;
        }
      }
      ports.push({ ...(name ? { name } : {}), protocol: protocol as ServicePort['protocol'], port });
    });
  }
  const target = flag('target-port');
  for (const sp of ports) sp.targetPort = target ? intOrString(target) : sp.port;
  // No ports (a headless Service of an object without any): the typed field is empty and left out.
  const spec: NonNullable<Service['spec']> = ports.length ? { ports, selector } : { selector };
  if (flag('external-ip')) spec.externalIPs = [flag('external-ip')];
  if (flag('type')) spec.type = flag('type') as NonNullable<Service['spec']>['type'];
  if (spec.type === 'LoadBalancer' && flag('load-balancer-ip')) spec.loadBalancerIP = flag('load-balancer-ip');
  const affinity = flag('session-affinity');
  if (affinity) {
    if (affinity !== 'None' && affinity !== 'ClientIP') throw new KubectlError(`error: unknown session affinity: ${affinity}`);
    spec.sessionAffinity = affinity;
  }
  if (flag('cluster-ip')) spec.clusterIP = flag('cluster-ip');
  return {
    kind: 'Service', apiVersion: 'v1',
    metadata: { name: p.name, ...(labels ? { labels } : {}) },
    spec,
    status: { loadBalancer: {} },
  } as KObject;
}

export const expose: Verb = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  flags: [
    OUTPUT_FLAG, DRY_RUN_FLAG,
    { name: 'save-config', type: 'bool' },
    { name: 'record', type: 'bool' },
    { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
    FILENAME_FLAG,
    { name: 'labels', short: 'l', type: 'string', default: '' },
    ...['protocol', 'port', 'type', 'load-balancer-ip', 'selector', 'target-port', 'external-ip', 'name', 'session-affinity', 'cluster-ip', 'overrides']
      .map((name): FlagSpec => ({ name, type: 'string', default: '' })),
    { name: 'override-type', type: 'string', default: 'merge' },
  ],
  run(ctx) {
    // ToOptions: the dry-run strategy, then the printer (their errors come in that order); expose has no --validate.
    const flags: GeneratorFlags = { dry: dryRunOf(ctx), format: printFormatOf(ctx), validation: undefined };
    const files = ctx.list('filename');
    // The builder: the objects of -f as the files hold them, else TYPE NAME… from the API server.
    let items: Array<{ kind: Kind; object: KObject }>;
    let errors: string[] = [];
    if (files.length) {
      const read = readManifests(ctx, files, false);
      items = read.map((m) => ({ kind: m.kind, object: m.object }));
      errors = read.errors;
    } else {
      if (!ctx.args.length) throw new KubectlError(E.requiredResource('expose'));
      ({ items, errors } = namedObjects(ctx, ctx.args, { ownSelector: true }));
    }
    // Each object on its own (the builder goes on after an error); the errors are printed at the end. What one object
    // fills in (selector, ports, protocols, labels) stays for the next ones, as on kubectl's one options struct.
    const p: Params = { selector: ctx.str('selector'), labels: ctx.str('labels'), name: '', port: ctx.str('port'), ports: '', protocols: new Map() };
    for (const item of items) {
      try {
        exposeOne(ctx, flags, p, item.kind, item.object);
      } catch (e) {
        if (!(e instanceof KubectlError)) throw e;
        errors.push(e.text);
      }
    }
    if (errors.length) throw new KubectlError(errors.join('\n'));
  },
};

/** Exposes one object: a Service generated from it, sent (or printed for a client dry run). */
function exposeOne(ctx: Ctx, flags: GeneratorFlags, p: Params, kind: Kind, object: KObject): void {
  if (!EXPOSABLE.has(kind)) throw new KubectlError(`error: cannot expose a ${groupKind(kind, object.apiVersion)}`);
  // --name, else the object's name (Service names are DNS-1035 labels: a longer one is cut to 63 characters).
  p.name = ctx.str('name') || (object.metadata?.name ?? '').slice(0, 63);
  if (!p.selector) {
    try { p.selector = selectorOf(kind, object); } catch (e) {
      throw new KubectlError(`error: couldn't retrieve selectors via --selector flag or introspection: ${(e as Error).message}`);
    }
  }
  if (!p.port) {
    const found = portsOf(kind, object);
    if (found.length === 0 && ctx.str('cluster-ip') !== 'None') throw new KubectlError("error: couldn't find port via --port flag or introspection");
    if (found.length === 1) p.port = found[0];
    else p.ports = found.join(',');
  }
  const protocols = protocolsOf(kind, object);
  if (protocols.size) p.protocols = protocols;
  if (!p.labels) p.labels = makeLabels(object.metadata?.labels);
  let svc = createService(ctx, p);
  if (ctx.str('overrides')) svc = applyOverrides(svc, ctx.str('overrides'), ctx.str('override-type'), 'Service');
  if (flags.dry === 'client') {
    if (ctx.namespaceExplicit) svc = { ...svc, metadata: { ...svc.metadata, namespace: ctx.namespace } };
  } else if (ctx.bool('save-config')) {
    // CreateOrUpdateAnnotation: the object's own JSON, as the typed encoder writes it.
    const json = `${toCompactJson(inStructOrder(svc, SERVICE_SHAPE), true)}\n`;
    svc = { ...svc, metadata: { ...svc.metadata, annotations: { ...svc.metadata?.annotations, [LAST_APPLIED]: json } } };
  }
  sendGenerated(ctx, flags, 'Service', svc, SERVICE_SHAPE, apiErrorText, 'exposed');
}
