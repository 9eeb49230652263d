// Printing objects in the structured formats (`-o yaml|json|name`), single objects or as a `List`.
import { API_VERSION, type KObject, type Kind } from '../../engine/api/types.ts';
import { toJson } from './json.ts';
import { nameLine } from './name.ts';
import { toYaml } from './yaml.ts';
import { toKyaml } from './kyaml.ts';
import { jsonPathTemplateError } from './jsonpath.ts';

// Template formats given without `=template`: kubectl's template printer flags refuse them.
const TEMPLATE_FORMATS: readonly string[] = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'go-template', 'go-template-file', 'template', 'templatefile'];

/**
 * kubectl's error for a template output format, checked when it builds the printer (before anything is listed
 * or watched): a template format without a template, or a JSONPath template that does not parse. Null otherwise.
 */
export function templateFormatError(format: string): string | null {
  if (format.startsWith('jsonpath=')) return jsonPathTemplateError(format.slice('jsonpath='.length));
  return TEMPLATE_FORMATS.includes(format) ? 'error: template format specified but no template given' : null;
}

/**
 * The object as the API returns it: with apiVersion and kind set. An Event's unset times are null (the zero Time
 * and MicroTime values of the typed object the API server encodes).
 */
export function served(kind: Kind, o: KObject): KObject {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  // The typed Event's zero times (eventTime of a core/v1 event, first/lastTimestamp of an events.k8s.io one).
  if (kind === 'Event') {
    return { apiVersion: API_VERSION[kind], kind, eventTime: null, firstTimestamp: null, lastTimestamp: null, ...rest } as KObject;
  }
  return { apiVersion: API_VERSION[kind], kind, ...rest };
}

/** Prints items in yaml/kyaml/json/name form; more than one item (or `asList`) prints a `kind: List`. */
export function printStructured(format: 'yaml' | 'kyaml' | 'json' | 'name', items: Array<{ kind: Kind; object: KObject }>, asList: boolean): string {
  if (format === 'name') return items.map((i) => nameLine(i.kind, i.object)).join('');
  const objs = items.map((i) => served(i.kind, i.object));
  const value = !asList && objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
  return format === 'yaml' ? toYaml(value) : format === 'kyaml' ? toKyaml(value) : toJson(value);
}
