// Shared describe pieces: multi-line labels/annotations, tolerations, and the Events table with
// `(xN over <age>)` aggregation. Output is tab-separated text for the describe tabwriter.
// Models kubectl/pkg/describe/describe.go printLabelsMultiline, printAnnotationsMultiline, DescribeEvents.
import type { Event, KObject } from '../../../engine/api/types.ts';
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

/** Annotations as describe prints them: the last-applied annotation hidden, long values cut. */
export function annotationsMultiline(title: string, annotations: Readonly<Record<string, string>> | undefined): string {
  const shown: Record<string, string> = {};
  for (const [k, v] of Object.entries(annotations ?? {})) {
    if (k === LAST_APPLIED) continue;
    shown[k] = v.length > MAX_ANNOTATION_LEN ? v.slice(0, MAX_ANNOTATION_LEN - 3) + '...' : v.replace(/\n$/, '');
  }
  return labelsMultiline(title, shown, ': ');
}

interface Toleration { key?: string; value?: string; effect?: string; operator?: string; tolerationSeconds?: number }

/** Models describe.go printTolerationsMultilineWithIndent. */
export function tolerationsMultiline(title: string, tolerations: readonly Toleration[] | undefined): string {
  if (!tolerations?.length) return `${title}:\t<none>\n`;
  return tolerations.map((t, i) => {
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    return `${i === 0 ? `${title}:` : ''}\t${s}\n`;
  }).join('');
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
    t += `  ${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${from}\t${(e.message ?? '').trim()}\n`;
  }
  return { table: t };
}
