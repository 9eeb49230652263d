// The describer kubectl falls back on for a kind without its own (here ControllerRevision and Event): name,
// namespace, labels and annotations, then every other field of the object as the API returns it, keys sorted,
// nested maps and lists indented two spaces a level, field names made readable ("creationTimestamp" ->
// "Creation Timestamp"). Models describe.go genericDescriber, printUnstructuredContent and smartLabelFor
// (with fatih/camelcase Split).
import type { KObject, Kind } from '../../../engine/api/types.ts';
import type { Cluster } from '../../types.ts';
import { goSprint } from '../go-fmt.ts';
import { served } from '../output.ts';
import { annotationsMultiline, eventsFor, labelsMultiline, withEvents } from './common.ts';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

// fatih/camelcase Split: runs of lower case, upper case, digits and anything else; an upper-case run followed
// by a lower-case one gives its last letter to the latter ("PDFLoader" -> "PDF", "Loader").
function camelSplit(s: string): string[] {
  const classOf = (ch: string): number => (/\p{Ll}/u.test(ch) ? 1 : /\p{Lu}/u.test(ch) ? 2 : /\p{Nd}/u.test(ch) ? 3 : 4);
  const runs: string[][] = [];
  let last = 0;
  for (const ch of s) {
    const cls = classOf(ch);
    if (cls === last) runs[runs.length - 1].push(ch); else runs.push([ch]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (runs[i].length && classOf(runs[i][0]) === 2 && classOf(runs[i + 1][0]) === 1) runs[i + 1].unshift(runs[i].pop()!);
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** smartLabelFor: a field name as a label; names with characters other than letters and '-' stay as they are. */
export function smartLabel(field: string): string {
  if (/[^\p{L}-]/u.test(field)) return field;
  return camelSplit(field).filter((p) => p !== '_')
    .map((p) => (ACRONYMS.has(p.toUpperCase()) ? p.toUpperCase() : p.charAt(0).toUpperCase() + p.slice(1))).join(' ');
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function content(level: number, obj: Record<string, unknown>, prefix: string): string {
  const pad = '  '.repeat(level);
  let t = '';
  for (const field of Object.keys(obj).sort()) {
    const path = `${prefix}.${field}`;
    if (SKIP.has(path)) continue;
    const v = obj[field];
    if (isMap(v)) t += `${pad}${smartLabel(field)}:\n` + content(level + 1, v, path);
    else if (Array.isArray(v)) {
      t += `${pad}${smartLabel(field)}:\n`;
      for (const child of v) t += isMap(child) ? content(level + 1, child, path) : `${'  '.repeat(level + 1)}${goSprint(child)}\n`;
    } else t += `${pad}${smartLabel(field)}:\t${goSprint(v)}\n`;
  }
  return t;
}

/** The generic description of an object of `kind`. */
export function describeGeneric(c: Cluster, kind: Kind, o: KObject, show: boolean): string[] {
  const m = o.metadata ?? {};
  let t = `Name:\t${m.name ?? ''}\nNamespace:\t${m.namespace ?? ''}\n` + labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);
  t += content(0, served(kind, o) as unknown as Record<string, unknown>, '');
  return withEvents(t, show ? eventsFor(c, o) : null, c.wallNow());
}

export const GENERIC_DESCRIBERS = {
  ControllerRevision: (c: Cluster, o: KObject, show: boolean) => describeGeneric(c, 'ControllerRevision', o, show),
  Event: (c: Cluster, o: KObject, show: boolean) => describeGeneric(c, 'Event', o, show),
};
