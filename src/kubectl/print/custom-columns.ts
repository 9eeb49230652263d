// `kubectl get -o custom-columns=HEADER:.json.path,…`: one row per object, one column per JSONPath, aligned by
// the same tabwriter as tables. Models kubectl/pkg/cmd/get/customcolumn.go (NewCustomColumnsPrinterFromSpec,
// printOneObject) and customcolumn_flags.go.
import { KubectlError, noSuchFile } from '../errors.ts';
import { JsonPathExecError, jsonPathTemplateError, jsonpathValues } from './jsonpath.ts';
import { relaxedJsonPath } from './sort-by.ts';
import { TabWriter } from './table.ts';
import { goSprint } from './go-fmt.ts';

/** A parsed column: its header and its JSONPath template (`{.a.b}`, or '' for an empty expression). */
export interface Column { header: string; template: string }

const PREFIX = 'custom-columns';

const FILE = 'custom-columns-file';

/** Whether an `-o` value asks for custom columns (`custom-columns[=SPEC]` or `custom-columns-file[=PATH]`). */
export function isCustomColumns(format: string): boolean {
  return format === PREFIX || format.startsWith(PREFIX + '=') || format === FILE || format.startsWith(FILE + '=');
}

/**
 * The columns of an `-o custom-columns=SPEC` value; throws kubectl's error for a missing or malformed spec, as
 * the printer flags do before anything is listed.
 */
export function parseCustomColumns(format: string): Column[] {
  if (format === FILE || format.startsWith(FILE + '=')) {
    const path = format.slice(FILE.length + 1);
    if (path === '') throw new KubectlError('error: custom-columns format specified but no custom columns given');
    // The file is opened when the printer is built; the simulated kubectl has no files to read.
    throw new KubectlError(`error: error reading template ${path}, ${noSuchFile(path)}`);
  }
  const spec = format.slice(PREFIX.length + 1);
  if (spec === '') throw new KubectlError('error: custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new KubectlError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    const expr = part.slice(colon + 1);
    const template = expr === '' ? '' : relaxedJsonPath(expr);
    if (template === null) {
      throw new KubectlError("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
    }
    return { header: part.slice(0, colon), template };
  });
}

// cli-runtime printers.EscapeTerminal: an escape character or carriage return cannot reach the terminal.
const escapeTerminal = (s: string): string => s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');

/** One object's row: each column's values joined by commas, `<none>` when the path finds nothing (paths that parse). */
export function customColumnsRow(columns: readonly Column[], obj: unknown): string {
  return columns.map((c) => {
    const values = c.template === '' ? [] : jsonpathValues(c.template, obj);
    return values.length === 0 ? '<none>' : values.map((v) => escapeTerminal(goSprint(v))).join(',');
  }).join('\t');
}

/**
 * The first column whose path does not parse, in kubectl's words (the printer parses them when it prints,
 * after the header), or null.
 */
export function customColumnsPathError(columns: readonly Column[]): string | null {
  for (const c of columns) {
    const bad = c.template === '' ? null : jsonPathTemplateError(c.template);
    if (bad) return bad.replace(/^error: error parsing jsonpath .*?, /, 'error: ');
  }
  return null;
}

/**
 * A custom-columns printer: the header before the first row (unless `noHeaders`), rows aligned by a tabwriter
 * that remembers its widths, as a watch keeps one printer and one writer for every event.
 */
export class CustomColumnsPrinter {
  private headerDone: boolean;
  private readonly writer = new TabWriter();
  /** kubectl's error for the first column path that does not parse, or null. */
  readonly pathError: string | null;
  constructor(private readonly columns: readonly Column[], noHeaders: boolean) {
    this.headerDone = noHeaders;
    this.pathError = customColumnsPathError(columns);
  }

  /**
   * Prints the objects of one PrintObj call (a list's items, or one object) to `out`; the header comes first,
   * once. A column path that does not parse is kubectl's error, thrown after the header is out.
   */
  print(objects: readonly unknown[], out: (text: string) => void): void {
    let text = '';
    if (!this.headerDone) {
      text += this.columns.map((c) => c.header).join('\t') + '\n';
      this.headerDone = true;
    }
    if (this.pathError) {
      // kubectl's tabwriter holds the header when the parse fails, and is flushed on the way out.
      out(this.writer.flush(text));
      throw new KubectlError(this.pathError);
    }
    for (const o of objects) {
      try {
        text += customColumnsRow(this.columns, o) + '\n';
      } catch (e) {
        // printOneObject writes a row once all its columns are found: the rows before the failing object are
        // out (the writer is flushed on the way out), then kubectl reports the error.
        if (!(e instanceof JsonPathExecError)) throw e;
        out(this.writer.flush(text));
        throw new KubectlError(`error: ${e.message}`);
      }
    }
    out(this.writer.flush(text));
  }
}
