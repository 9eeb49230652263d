// Printing objects in the structured formats (`-o yaml|json|name`), single objects or as a `List`, and the
// template formats (`-o jsonpath=…`, `-o go-template=…`, `--template`).
import { API_VERSION, type KObject, type Kind } from '../../engine/api/types.ts';
import { toJson } from './json.ts';
import { nameLine } from './name.ts';
import { toYaml } from './yaml.ts';
import { toKyaml } from './kyaml.ts';
import { KubectlError, noSuchFile } from '../errors.ts';
import { jsonPathPrint, jsonPathTemplateError } from './jsonpath.ts';
import { goTemplateParseError, goTemplatePrint } from './go-template.ts';

// Template formats given without `=template`: kubectl's template printer flags refuse them.
const TEMPLATE_FORMATS: readonly string[] = ['jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'go-template', 'go-template-file', 'template', 'templatefile'];

/**
 * kubectl's error for a template output format, checked when it builds the printer (before anything is listed
 * or watched): a template format without a template, or a JSONPath template that does not parse. Null otherwise.
 */
export function templateFormatError(format: string): string | null {
  if (format.startsWith('jsonpath=')) return jsonPathTemplateError(format.slice('jsonpath='.length));
  if (format.startsWith('jsonpath-as-json=')) return jsonPathTemplateError(format.slice('jsonpath-as-json='.length));
  if (format.startsWith('go-template=')) return goTemplateParseError(format.slice('go-template='.length));
  // A template file is read when the printer is built; the simulated kubectl has no files to read.
  const file = /^(?:go-template-file|templatefile|jsonpath-file)=(.+)$/s.exec(format);
  if (file) return `error: error reading --template ${file[1]}, ${noSuchFile(file[1])}`;
  return TEMPLATE_FORMATS.includes(format) ? 'error: template format specified but no template given' : null;
}

/**
 * The `-o` value with the `--template` flag applied, as kubectl's template printer flags read them: `template=`
 * is `go-template=`; a template flag with `-o go-template`, `-o template` or `-o jsonpath` supplies the template,
 * and with no output format (`useGoTemplate`: none given, as each command decides) it means go-template. With
 * a template flag, an `-o FORMAT=…` template format matches no printer: `unknownFormat` builds kubectl's error.
 * Models cli-runtime genericclioptions template_flags.go and jsonpath_flags.go ToPrinter.
 */
export function withTemplateFlag(output: string, template: string, useGoTemplate: boolean, unknownFormat: (o: string) => string): string {
  if (!template) return output.startsWith('template=') ? 'go-' + output : output;
  const o = useGoTemplate ? 'go-template' : output;
  if (o === 'go-template' || o === 'template') return `go-template=${template}`;
  // The other template formats take the flag's value as their template (the file formats: as its path).
  if (['jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'go-template-file', 'templatefile'].includes(o)) return `${o}=${template}`;
  if (/^(go-template|template|go-template-file|templatefile|jsonpath|jsonpath-file|jsonpath-as-json)=/.test(o)) throw new KubectlError(unknownFormat(o));
  return o;
}

/**
 * Renders a `jsonpath=`, `jsonpath-as-json=` or `go-template=` format over `data` (one object, or a List). A
 * template that fails while executing leaves its output (and a go-template its debugging text) in `text`, and
 * kubectl's error in `error`. `allowMissingKeys`: `--allow-missing-template-keys`.
 */
export function renderTemplate(format: string, data: unknown, allowMissingKeys = true): { text: string; error: string | null } {
  if (format.startsWith('go-template=')) {
    const r = goTemplatePrint(format.slice('go-template='.length), data, allowMissingKeys);
    return { text: r.out, error: r.error };
  }
  const asJson = format.startsWith('jsonpath-as-json=');
  const r = jsonPathPrint(format.slice(format.indexOf('=') + 1), data, { allowMissingKeys, asJson });
  return { text: r.out, error: r.error };
}

/** Whether an output format is a template printer's (`jsonpath=…`, `jsonpath-as-json=…` or `go-template=…`). */
export function isTemplateFormat(format: string): boolean {
  return format.startsWith('jsonpath=') || format.startsWith('jsonpath-as-json=') || format.startsWith('go-template=');
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
  return documentText(format, listOrOne(items.map((i) => served(i.kind, i.object)), asList));
}

/** One object as itself (unless `asList`), anything else as a `kind: List` of the objects as given. */
export function listOrOne(objs: readonly unknown[], asList: boolean): unknown {
  return !asList && objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } };
}

/** A value in a document format: YAML, KYAML or JSON. */
export function documentText(format: 'yaml' | 'kyaml' | 'json', value: unknown): string {
  return format === 'yaml' ? toYaml(value) : format === 'kyaml' ? toKyaml(value) : toJson(value);
}
