// `kubectl events`: the events of a namespace (or all, -A), optionally only those about one object (--for) or of
// some types (--types), oldest first; -w lists them as the watch delivers them, then every new or updated one.
// Models staging/src/k8s.io/kubectl/pkg/cmd/events/events.go and event_printer.go.
import { unmodelledType, unmodelledTypeText } from '../unmodelled-types.ts';
import { API_VERSION, type Event, type KObject } from '../../engine/api/types.ts';
import { parseRfc3339 } from '../../engine/clock/time.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { since } from '../print/age.ts';
import { goSort } from '../print/go-sort.ts';
import { toJson } from '../print/json.ts';
import { nameLine } from '../print/name.ts';
import { served } from '../print/output.ts';
import { ALLOW_MISSING_KEYS_FLAG, TEMPLATE_FLAG, allowMissingKeys, printFormatOf, templateText, type PrintFormat } from '../print-flags.ts';
import { TabWriter } from '../print/table.ts';
import { toYaml } from '../print/yaml.ts';
import { toKyaml } from '../print/kyaml.ts';
import { resolveType } from '../resources.ts';
import { Stream } from '../stream.ts';

type Format = PrintFormat;
// events.go Complete: PrintFlags choose the printer only when -o is not empty (a lone --template is ignored).
const outputFormat = (ctx: Ctx): Format => (ctx.str('output') ? printFormatOf(ctx) : '');

/** The object the events are for: kind, its group/version and name. Models decodeResourceTypeName. */
function forObject(text: string): { kind: string; apiVersion: string; name: string } | null {
  if (!text) return null;
  if (!text.includes('/')) throw new KubectlError('error: --for must be in resource/name form');
  const seg = text.split('/');
  if (seg.length !== 2) throw new KubectlError('error: arguments in resource/name form may not have more than one slash');
  const type = resolveType(seg[0]);
  // The RESTMapper's NoResourceMatchError for the partial resource ParseGroupResource made of it (the group is
  // what follows the first dot). CheckErr has its own words for that error, without the `error: ` prefix.
  const real = type ? undefined : unmodelledType(seg[0]);
  if (real) throw new KubectlError(unmodelledTypeText(seg[0], real));
  if (!type) {
    const word = seg[0].toLowerCase(), dot = word.indexOf('.');
    const [resource, group] = dot < 0 ? [word, ''] : [word.slice(0, dot), word.slice(dot + 1)];
    throw new KubectlError(`the server doesn't have a resource type ${JSON.stringify(resource)}${group ? ` in group ${JSON.stringify(group)}` : ''}`);
  }
  return { kind: type.kind, apiVersion: API_VERSION[type.kind], name: seg[1] };
}

// The time events sort by: the series' last observation, else lastTimestamp, else eventTime. Models eventTime.
function eventTime(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime;
  const ms = t ? parseRfc3339(t) : NaN;
  return Number.isFinite(ms) ? ms : -Infinity;
}

// Models getInterval: `<age of the last> (xN over <age of the first>)` for a repeated event, else the first's age.
function interval(e: Event, now: number): string {
  const first = e.eventTime ? since(e.eventTime, now) : since(e.firstTimestamp ?? undefined, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp ?? undefined, now)} (x${e.count} over ${first})`;
  return first;
}

// printers.EscapeTerminal: escape characters and carriage returns are shown, not sent to the terminal.
const esc = (s: string): string => s.replaceAll('\x1b', '^[').replaceAll('\r', '\\r');

function row(e: Event, now: number, allNs: boolean): string {
  const inv = e.involvedObject;
  return `${allNs ? `${e.metadata?.namespace ?? ''}\t` : ''}${interval(e, now)}\t${esc(e.type ?? '')}\t${esc(e.reason ?? '')}\t${esc(inv.kind ?? '')}/${esc(inv.name ?? '')}\t${esc((e.message ?? '').trim())}\n`;
}

const header = (allNs: boolean): string => `${allNs ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;

// Go's omitempty: the field is left out when it holds its type's zero value.
function put(o: Record<string, unknown>, key: string, v: unknown): void {
  if (v === undefined || v === null || v === '' || v === 0 || v === false) return;
  if (Array.isArray(v) && v.length === 0) return;
  if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return;
  o[key] = v;
}

const sortedMap = (m: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined =>
  m && Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

// A core/v1 Event as json.Marshal writes the typed object kubectl events holds: fields in struct order (Event,
// ObjectMeta, ObjectReference, EventSource), omitempty ones left out when empty, zero times as null, string maps
// in key order, and reportingComponent/reportingInstance always present.
function typedEvent(e: Event): Record<string, unknown> {
  const m = e.metadata ?? {};
  const meta: Record<string, unknown> = {};
  for (const k of ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion', 'generation'] as const) put(meta, k, m[k]);
  meta.creationTimestamp = m.creationTimestamp ?? null;
  put(meta, 'deletionTimestamp', m.deletionTimestamp);
  put(meta, 'deletionGracePeriodSeconds', m.deletionGracePeriodSeconds);
  put(meta, 'labels', sortedMap(m.labels));
  put(meta, 'annotations', sortedMap(m.annotations));
  put(meta, 'ownerReferences', m.ownerReferences);
  put(meta, 'finalizers', m.finalizers);
  const inv: Record<string, unknown> = {};
  for (const k of ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'] as const) put(inv, k, e.involvedObject[k]);
  const source: Record<string, unknown> = {};
  put(source, 'component', e.source?.component);
  put(source, 'host', e.source?.host);
  const out: Record<string, unknown> = { kind: 'Event', apiVersion: 'v1', metadata: meta, involvedObject: inv };
  put(out, 'reason', e.reason);
  put(out, 'message', e.message);
  out.source = source;
  out.firstTimestamp = e.firstTimestamp ?? null;
  out.lastTimestamp = e.lastTimestamp ?? null;
  put(out, 'count', e.count);
  put(out, 'type', e.type);
  out.eventTime = e.eventTime ?? null;
  if (e.series) out.series = { ...(e.series.count ? { count: e.series.count } : {}), lastObservedTime: e.series.lastObservedTime ?? null };
  put(out, 'action', e.action);
  put(out, 'related', e.related);
  out.reportingComponent = e.reportingComponent ?? '';
  out.reportingInstance = e.reportingInstance ?? '';
  return out;
}

// -o json|kyaml|yaml|name|jsonpath of one event (watch) or the EventList. JSON and KYAML follow the typed objects'
// field order (both marshal *corev1.EventList with encoding/json); YAML goes through a map, so its keys are sorted.
function structured(format: Exclude<Format, ''>, events: Event[], single: boolean, allowMissing: boolean): string {
  if (format === 'name') return events.map((e) => nameLine('Event', e)).join('');
  if (format === 'json' || format === 'kyaml') {
    const items = events.map(typedEvent);
    const value = single ? items[0] : { kind: 'EventList', apiVersion: 'v1', metadata: {}, items };
    return format === 'json' ? toJson(value, true) : toKyaml(value, true);
  }
  const items = events.map((e) => served('Event', e as KObject));
  const value = single ? items[0] : { apiVersion: 'v1', items, kind: 'EventList', metadata: {} };
  if (format === 'yaml') return toYaml(value);
  return templateText(format, value, allowMissing);
}

// As kubectl: --for is resolved first, then the output format, then --types is validated.
function run(ctx: Ctx): Stream | void {
  const target = forObject(ctx.str('for'));
  const format = outputFormat(ctx);
  const types = [...new Set(ctx.list('types'))].sort();
  if (types.some((t) => t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning')) {
    throw new KubectlError('error: valid --types are Normal or Warning');
  }
  const allNs = ctx.bool('all-namespaces');
  const noHeaders = ctx.bool('no-headers');
  const wanted = (e: Event): boolean => {
    if (!allNs && (e.metadata?.namespace ?? '') !== ctx.namespace) return false;
    if (target && (e.involvedObject.kind !== target.kind || e.involvedObject.apiVersion !== target.apiVersion || e.involvedObject.name !== target.name)) return false;
    return types.length === 0 || types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase());
  };
  const listed = (ctx.cluster.store.list('Event', allNs ? undefined : ctx.namespace) as Event[]).filter(wanted);
  if (ctx.bool('watch')) return watch(ctx, listed, wanted, format, allNs, noHeaders);
  if (listed.length === 0) {
    ctx.err(allNs ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
    return;
  }
  const sorted = goSort(listed, (a, b) => eventTime(a) < eventTime(b));
  if (format !== '') { ctx.out(structured(format, sorted, false, allowMissingKeys(ctx))); return; }
  const now = ctx.cluster.wallNow();
  ctx.out(new TabWriter().flush((noHeaders ? '' : header(allNs)) + sorted.map((e) => row(e, now, allNs)).join('')));
}

// A watch without a resourceVersion first delivers every stored event (in storage order), then each change;
// deletions (the one-hour TTL) are not printed. The header comes with the first printed event.
function watch(ctx: Ctx, initial: Event[], wanted: (e: Event) => boolean, format: Format, allNs: boolean, noHeaders: boolean): Stream {
  const writer = new TabWriter();
  let headed = noHeaders;
  let printed = 0;
  const print = (e: Event, now: number, s: { out(text: string): void }): void => {
    // The YAML printer separates every document after its first with `---`.
    if (format === 'yaml' && printed++ > 0) s.out('---\n');
    if (format !== '') { s.out(structured(format, [e], true, allowMissingKeys(ctx))); return; }
    const text = (headed ? '' : header(allNs)) + row(e, now, allNs);
    headed = true;
    s.out(writer.flush(text));
  };
  const now = ctx.cluster.wallNow();
  for (const e of initial) print(e, now, ctx);
  return new Stream(ctx.cluster, {
    filter: (e) => e.kind === 'Event' && e.type !== 'DELETED' && wanted(e.object as Event),
    onEvent: ({ event, wallMs }, s) => print(event.object as Event, wallMs, s),
  }, true);
}

export const events: Verb = {
  name: 'events',
  short: 'List events',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '' },
    TEMPLATE_FLAG,
    ALLOW_MISSING_KEYS_FLAG,
    { name: 'for', type: 'string', default: '' },
    { name: 'types', type: 'strings', default: [] },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'chunk-size', type: 'int', default: 500 },
  ],
  run,
};
