// Shared describe pieces: multi-line labels/annotations, tolerations, the controller's pod counts, the
// `Controlled By:` line and the Events table with `(xN over <age>)` aggregation. Output is tab-separated text for the
// describe tabwriter. Models kubectl/pkg/describe/describe.go printLabelsMultiline, printAnnotationsMultiline,
// getPodStatusForController, printController, DescribeEvents.
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Event, JsonMap, KObject } from '../../../engine/api/types.ts';
import { labelsString, matchesSelector } from '../../../engine/api/labels.ts';
import { validateLabelSelector } from '../../../engine/api/selector-validation.ts';
import type { Cluster } from '../../types.ts';
import { parseRfc3339 } from '../../../engine/clock/time.ts';
import { since } from '../age.ts';
import { goSort } from '../go-sort.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const MAX_ANNOTATION_LEN = 140;

/** `Labels:\tk=v` with continuation lines `\tk2=v2`; `<none>` when empty. */
export function labelsMultiline(title: string, labels: Readonly<Record<string, string>> | undefined, sep = '='): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  return keys.map((k, i) => `${i === 0 ? `${title}:` : ''}\t${k}${sep}${labels![k]}\n`).join('');
}

/** Models labels.FormatLabels: `k=v` pairs sorted and comma-joined, `<none>` when empty. */
export const formatLabels = (m: Readonly<Record<string, string>> | undefined): string => labelsString(m ?? {}) || '<none>';

/**
 * Models metav1.FormatLabelSelector: the selector's requirements by key (`app=web,tier in (a,b),!x`), `<none>` when
 * it selects everything, `<error>` when LabelSelectorAsSelector refuses it.
 */
export function formatLabelSelector(sel: LabelSelector): string {
  if (!validateLabelSelector(sel as JsonMap, '').convertible) return '<error>';
  const expr = (e: NonNullable<LabelSelector['matchExpressions']>[number]): string => {
    const values = [...new Set(e.values ?? [])].sort().join(',');
    if (e.operator === 'In') return `${e.key} in (${values})`;
    if (e.operator === 'NotIn') return `${e.key} notin (${values})`;
    return e.operator === 'Exists' ? e.key : `!${e.key}`;
  };
  const reqs = [
    ...Object.keys(sel.matchLabels ?? {}).map((k) => ({ key: k, text: `${k}=${sel.matchLabels![k]}` })),
    ...(sel.matchExpressions ?? []).map((e) => ({ key: e.key, text: expr(e) })),
  ];
  return goSort(reqs, (a, b) => a.key < b.key).map((r) => r.text).join(',') || '<none>';
}

const utf8 = new TextEncoder();
/** Go's len(): the UTF-8 byte length. */
const byteLen = (s: string): number => utf8.encode(s).length;
/** Models describe.go shorten: the first `max` bytes and `...` when longer. */
function shorten(s: string, max: number): string {
  const b = utf8.encode(s);
  return b.length > max ? new TextDecoder().decode(b.slice(0, max)) + '...' : s;
}

/**
 * Models printAnnotationsMultiline: the last-applied annotation hidden; `key: value` on one line, except a
 * value that is multi-line or too long, which goes under `key:` one line per line, indented two spaces and
 * each cut at 138 bytes.
 */
export function annotationsMultiline(title: string, annotations: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(annotations ?? {}).filter((k) => k !== LAST_APPLIED).sort();
  if (keys.length === 0) return `${title}:\t<none>\n`;
  let t = `${title}:\t`;
  keys.forEach((k, i) => {
    if (i !== 0) t += '\t';
    const value = annotations![k].replace(/\n$/, '');
    if (byteLen(value) + byteLen(k) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      t += `${k}:\n` + value.split('\n').map((s) => `\t  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`).join('');
    } else t += `${k}: ${value}\n`;
  });
  return t;
}

interface Toleration { key?: string; value?: string; effect?: string; operator?: string; tolerationSeconds?: number }

/** Models describe.go printTolerationsMultilineWithIndent: sorted by key (Go's sort.Slice). */
export function tolerationsMultiline(title: string, tolerations: readonly Toleration[] | undefined): string {
  if (!tolerations?.length) return `${title}:\t<none>\n`;
  const sorted = goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? ''));
  return sorted.map((t, i) => {
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    return `${i === 0 ? `${title}:` : ''}\t${s}\n`;
  }).join('');
}

/**
 * Models getPodStatusForController: the `Pods Status:` line of a workload, counting by phase the pods its selector
 * picks in its namespace whose controller (not just any owner) is the object with this uid.
 */
export function podsStatusLine(c: Cluster, namespace: string | undefined, selector: LabelSelector | undefined, uid: string | undefined): string {
  const counts: Record<string, number> = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 };
  for (const p of c.store.list('Pod', namespace)) {
    if (!matchesSelector(selector, p.metadata?.labels) || p.metadata?.ownerReferences?.find((r) => r.controller)?.uid !== uid) continue;
    const phase = p.status?.phase ?? '';
    if (phase in counts) counts[phase]++;
  }
  return `Pods Status:\t${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`;
}

/** Models printController: the `Controlled By:\tKind/name` line of an object with a controller, else nothing. */
export function controlledByLine(o: KObject): string {
  const ref = o.metadata?.ownerReferences?.find((r) => r.controller);
  return ref ? `Controlled By:\t${ref.kind}/${ref.name}\n` : '';
}

/** The events about an object (by uid, else kind/name), as describe searches them. */
export function eventsFor(c: Cluster, o: KObject): Event[] {
  const m = o.metadata ?? {};
  return c.store.list('Event', m.namespace || 'default').filter((e) => {
    const inv = e.involvedObject;
    return inv.uid ? inv.uid === m.uid : inv.name === m.name && inv.kind === o.kind;
  });
}

/**
 * The flush segments of a description: the body, then the events (describeEvents), none when `events` is null
 * (`--show-events=false`, where describe prints no Events section at all).
 */
export function withEvents(body: string, events: readonly Event[] | null, wallNowMs: number): string[] {
  if (!events) return [body];
  const ev = describeEvents(events, wallNowMs);
  return ev.inline ? [body + ev.inline] : [body, ev.table!];
}

/**
 * Models DescribeEvents. Returns a separate flush segment (the table is aligned on its own) or, when
 * there are no events, a line that joins the preceding block.
 */
export function describeEvents(events: readonly Event[], wallNowMs: number): { inline?: string; table?: string } {
  if (events.length === 0) return { inline: 'Events:\t<none>\n' };
  // SortableEvents compares lastTimestamp (second precision) with Go's sort.Sort, which is not stable: past 12
  // events, ties end up where its quicksort leaves them, starting from the API's order (by name).
  const ts = (e: Event): number => parseRfc3339(e.lastTimestamp ?? '') || 0;
  const sorted = goSort([...events], (a, b) => ts(a) < ts(b));
  let t = 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n  ----\t------\t----\t----\t-------\n';
  for (const e of sorted) {
    // An events.k8s.io event dates itself with eventTime and counts its repeats in a series.
    const first = e.eventTime ? since(e.eventTime, wallNowMs) : since(e.firstTimestamp ?? undefined, wallNowMs);
    const interval = e.series ? `${since(e.series.lastObservedTime, wallNowMs)} (x${e.series.count} over ${first})`
      : (e.count ?? 1) > 1 ? `${since(e.lastTimestamp ?? undefined, wallNowMs)} (x${e.count} over ${first})` : first;
    const from = e.source?.component || e.reportingComponent || '';
    // Since kubectl 1.35 the involved object's fieldPath (`spec.containers{app}`) leads the message.
    const message = (e.message ?? '').trim();
    const fieldPath = e.involvedObject.fieldPath;
    t += `  ${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${from}\t${fieldPath ? `${fieldPath}: ${message}` : message}\n`;
  }
  return { table: t };
}
