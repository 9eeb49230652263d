// `kubectl get`: tables (with -o wide, -L, --show-labels, -A), -o yaml|json|name and the template formats, several types, `all`,
// and -w/--watch streaming. Models staging/src/k8s.io/kubectl/pkg/cmd/get/get.go Run/watch.
import { CLUSTER_SCOPED, type KObject } from '../../engine/api/types.ts';
import type { WatchEvent } from '../../engine/store/store.ts';
import { matchesRequirements } from '../../engine/api/labels.ts';
import type { Ctx, Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { documentText, isTemplateFormat, listOrOne, printStructured, renderTemplate, served, templateFormatError, withTemplateFlag } from '../print/output.ts';
import { headerRow, objectRow, type TableSpec } from '../print/rows.ts';
import { TabWriter } from '../print/table.ts';
import { UNEXPECTED_PATH, relaxedJsonPath, sortObjects } from '../print/sort-by.ts';
import { toCompactJson, toJson } from '../print/json.ts';
import { goJson } from '../../engine/api/go-json.ts';
import { toYaml } from '../print/yaml.ts';
import { toKyaml } from '../print/kyaml.ts';
import { nameLine } from '../print/name.ts';
import { Stream } from '../stream.ts';
import { NO_SUCH_PATH, scaleOf, servesSubresource } from '../subresource.ts';
import { since } from '../print/age.ts';
import { typeOf } from '../resources.ts';
import { ALLOW_MISSING_KEYS_FLAG, TemplateFailure, allowMissingKeys, templateText } from '../print-flags.ts';
import { CustomColumnsPrinter, isCustomColumns, parseCustomColumns } from '../print/custom-columns.ts';
import { fetchTarget, fieldSelectorOf, fileObjects, matchesFields, parseTargets, refuseNamesWithSelector, selectorOf, type Fetched, type Found, type Target, FILENAME_FLAG } from '../targets.ts';

const FORMATS = ['', 'wide', 'yaml', 'kyaml', 'json', 'name'];

const unknownFormat = (o: string): string => `error: unable to match a printer suitable for the output format "${o}", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,wide,yaml`;

// The output format, with `--template` applied: without -o it means go-template (get_flags.go ToPrinter).
function outputFormat(ctx: Ctx): string {
  const template = ctx.str('template');
  let o = withTemplateFlag(ctx.str('output'), template, template !== '' && ctx.str('output') === '', unknownFormat);
  // The custom-columns printer takes --template as its spec (or file) too; beside it, `-o custom-columns=…` is no
  // format it knows.
  if (template !== '' && /^custom-columns(-file)?=/.test(o)) throw new KubectlError(unknownFormat(o));
  if (template !== '' && (o === 'custom-columns' || o === 'custom-columns-file')) o = `${o}=${template}`;
  const bad = templateFormatError(o);
  if (bad) throw new KubectlError(bad);
  if (isTemplateFormat(o)) return o;
  // The spec is parsed when the printer is built, before anything is listed.
  if (isCustomColumns(o)) { parseCustomColumns(o); return o; }
  if (!FORMATS.includes(o)) throw new KubectlError(unknownFormat(o));
  return o;
}

/** The "No resources found" notice for the scope that was listed (`clusterScoped`: any listed type is). */
export function noResources(ctx: Ctx, allNamespaces: boolean, clusterScoped: boolean): string {
  return E.noResources(allNamespaces || clusterScoped ? null : ctx.namespace) + '\n';
}

/**
 * The objects -f names that were found, as groups of one kind (a group per run of a kind in file order) with their
 * names.
 */
function fileGroups(found: Found): Array<Fetched & { names: string[] }> {
  const groups: Array<Fetched & { names: string[] }> = [];
  for (const { kind, object } of found.items) {
    const last = groups[groups.length - 1];
    if (last?.kind === kind) { last.objects.push(object); last.names.push(object.metadata!.name!); }
    else groups.push({ kind, objects: [object], errors: [], names: [object.metadata!.name!] });
  }
  return groups;
}

function run(ctx: Ctx): Stream | void {
  // --raw sends a GET for a path and prints the server's bytes: its arguments check, then not modelled (the raw
  // objects would show what this server does not keep, such as managedFields).
  if (ctx.given('raw')) {
    if (ctx.args.length) throw new KubectlError('error: arguments may not be passed when --raw is specified');
    throw new KubectlError('error: "kubectl get --raw" is not available in this simulated cluster; kubectl get TYPE NAME -o json shows an object');
  }
  const watch = ctx.bool('watch') || ctx.bool('watch-only');
  const nothingNamed = ctx.args.length === 0 && ctx.list('filename').length === 0;
  // get.go Complete asks for a type (a watch's builder asks for resources instead), then Validate checks the flags;
  // the printer is built after.
  if (nothingNamed && !watch) throw new KubectlError(E.requiredResource('get'));
  const given = ctx.str('output');
  if (ctx.bool('show-labels') && given !== '' && given !== 'wide') throw new KubectlError(`error: --show-labels option cannot be used with ${given} printer`);
  const events = ctx.bool('output-watch-events');
  if (events && !watch) throw new KubectlError('error: --output-watch-events option can only be used with --watch or --watch-only');
  if (nothingNamed) throw new KubectlError(E.requiredResource('watch'));
  const format = outputFormat(ctx);
  const files = fileObjects(ctx, ctx.args, { bareErrors: true });
  const fromFiles = files ? fileGroups(files) : null;
  // The objects -f names are targets by name, one per run of a kind in file order (get.go prints a new table
  // whenever the kind changes).
  const targets: Target[] = fromFiles ? fromFiles.map((g) => ({ type: typeOf(g.kind), names: g.names })) : parseTargets(ctx.args);
  if (!fromFiles) refuseNamesWithSelector(ctx, ctx.args, targets);
  const selector = selectorOf(ctx);
  const allNs = ctx.bool('all-namespaces');
  if (watch && fromFiles && new Set(fromFiles.filter((g) => g.objects.length).map((g) => g.kind)).size > 1) {
    throw new KubectlError('error: watch is only supported on individual resources and resource collections - more than 1 resource was found');
  }
  if (watch && !fromFiles && targets.length > 1) throw new KubectlError('error: you may only specify a single resource type');
  // The 1.33+ API server attaches this warning to every v1 Endpoints read.
  if (targets.some((t) => t.type.kind === 'Endpoints')) ctx.err('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice\n');
  const fields = fieldSelectorOf(ctx);
  const sortBy = ctx.str('sort-by');
  // get.go Complete: a watch warns that --sort-by only orders what is listed first.
  if (sortBy && ctx.bool('watch')) ctx.err('warning: --watch requested, --sort-by will be ignored for watch events received\n');
  else if (sortBy && ctx.bool('watch-only')) ctx.err('warning: --watch-only requested, --sort-by will be ignored\n');
  const table = format === '' || format === 'wide';
  const groups: Fetched[] = (fromFiles ?? targets.map((t) => fetchTarget(ctx, t, { allNamespaces: allNs, selector })))
    .map((g) => ({ ...g, objects: g.objects.filter((o) => matchesFields(fields, o)) }))
    // --sort-by orders each type's rows of a table. A watch prints the objects it starts from in that order only as
    // one table of several rows (its SortingPrinter sorts such a table); its other printers get them one by one,
    // unsorted, and --watch-only hands it no rows. Without a watch, printers other than tables get everything found
    // as one list, sorted across types (sortedItems).
    .map((g) => {
      if (!sortBy || (watch && (!table || g.objects.length < 2 || ctx.bool('watch-only'))) || (!watch && !table)) return g;
      return { ...g, objects: watch ? watchSorted(g, sortBy) : tableSorted(g, sortBy) };
    });
  if (sortBy && table && !watch) refuseTablesSort(groups, fromFiles ? null : targets, sortBy);
  // --subresource (ignored by a watch, whose builder does not take it): only named objects, each read through the
  // subresource's path; a kind that does not serve it answers 404.
  const sub = watch ? '' : ctx.str('subresource');
  if (sub) {
    if (!fromFiles && targets.some((t) => !t.names)) throw new KubectlError('error: subresource cannot be used when bulk resources are specified');
    for (const g of groups) {
      if (servesSubresource(g.kind, sub)) continue;
      g.errors = [...g.objects.map(() => NO_SUCH_PATH), ...g.errors];
      g.objects = [];
    }
  }
  // The builder's errors come after what it found (ContinueOnError aggregates them).
  const notFound = [...groups.flatMap((g) => g.errors), ...(files?.errors ?? [])];
  const errors = ctx.bool('ignore-not-found') ? [] : notFound;
  // A watch gets its objects first and stops at the first error, before printing or watching; with
  // --ignore-not-found a missing object ends it quietly (get.go watch).
  if (watch && notFound.length) {
    if (ctx.bool('ignore-not-found')) return;
    ctx.err(notFound[0] + '\n');
    throw new KubectlError('', 1);
  }
  if (sub === 'scale') return printScales(ctx, groups, format, errors, files ? files.oneFile : targets.length === 1 && targets[0].names?.length === 1);
  // Nothing the files name passed the label selector: nothing to watch.
  if (watch && groups.length === 0) return;
  // get.go multipleGVKsRequested: names are prefixed with their kind when what was fetched spans several types
  // (a listed type counts even when empty, a named one only when something was found).
  const fetchedKinds = new Set(groups.filter((g, i) => !targets[i].names || g.objects.length > 0).map((g) => g.kind));
  const withKind = (!watch && fetchedKinds.size > 1) || ctx.bool('show-kind');
  const total = groups.reduce((n, g) => n + g.objects.length, 0);
  const now = ctx.cluster.wallNow();
  // A watch's printer gets the NAMESPACE column with -A whatever the type's scope (get.go watch).
  const spec = (kind: Fetched['kind']): TableSpec => ({
    kind, wide: format === 'wide', withNamespace: allNs && (watch || !CLUSTER_SCOPED.has(kind)), withKind,
    labelColumns: ctx.list('label-columns'), showLabels: ctx.bool('show-labels'),
  });
  // printGeneric: when one item is implied (one name asked for, or one file read), a failed read prints its error
  // alone and one object found prints as itself; anything else prints as a List.
  const single = files ? files.oneFile : targets.length === 1 && targets[0].names?.length === 1 && !withKind;
  const writer = new TabWriter();
  // A watch prints the objects it starts from one by one with the printer the stream goes on with (get.go watch).
  // One custom-columns printer for the command (its header comes once, its widths carry over a watch).
  const columns = isCustomColumns(format) ? new CustomColumnsPrinter(parseCustomColumns(format), ctx.bool('no-headers')) : null;
  // A column path that does not parse fails when the printer first prints: after its header.
  if (columns?.pathError) columns.print([], (t) => ctx.out(t));
  const one = objectPrinter(format, columns, allowMissingKeys(ctx));
  // printGeneric's one list of everything found, which its sorting printer orders as a whole.
  const sortedItems = (): Array<{ kind: Fetched['kind']; object: KObject }> => {
    const items = groups.flatMap((g) => g.objects.map((object) => ({ kind: g.kind, object })));
    return sortBy ? sortObjects(items, sortBy, (x) => served(x.kind, x.object), true) : items;
  };
  if (watch && format !== '' && format !== 'wide') {
    // get.go watch: a failure to print the objects it starts from is "unable to output the provided object".
    let text = '';
    if (!ctx.bool('watch-only')) {
      for (const g of groups) {
        for (const o of g.objects) {
          try {
            text += one(g.kind, o, events ? 'ADDED' : undefined);
          } catch (e) {
            if (!(e instanceof TemplateFailure)) throw e;
            ctx.out(text + e.partial);
            throw new KubectlError(e.text.replace(/^error: /, 'error: unable to output the provided object: '));
          }
        }
      }
    }
    ctx.out(text);
  } else if (!ctx.bool('watch-only')) {
    if (!table && single && errors.length) {
      // printGeneric returns the error of an implied single item before printing anything.
    } else if (isTemplateFormat(format)) {
      const items = sortedItems().map(({ kind, object }) => served(kind, object));
      const data = listOrOne(items, !single);
      // The template parsed when the format was read; a go-template can still fail as it runs.
      const r = renderTemplate(format, data, allowMissingKeys(ctx));
      ctx.out(r.text);
      if (r.error) throw new KubectlError(r.error);
    } else if (columns) {
      // printGeneric: one list of everything found (header only when it is empty), nothing with --ignore-not-found.
      const items = sortedItems().map(({ kind, object }) => served(kind, object));
      if (items.length || !ctx.bool('ignore-not-found')) columns.print(items, (t) => ctx.out(t));
    } else if (format === 'yaml' || format === 'kyaml' || format === 'json' || format === 'name') {
      const items = sortedItems();
      if (items.length || format !== 'name') {
        if (items.length || !single) ctx.out(printStructured(format, items, !(single && items.length === 1)));
      }
    } else {
      let text = '';
      for (const g of groups) {
        if (!g.objects.length) continue;
        // A blank line between types, only when they have headers (get.go separatorWriterWrapper).
        if (text && !ctx.bool('no-headers')) text += '\n';
        const s = spec(g.kind);
        const rows = [...(ctx.bool('no-headers') ? [] : [headerRow(s)]), ...g.objects.map((o) => objectRow(s, o, now))]
          .map((r, i) => (events ? [i === 0 && !ctx.bool('no-headers') ? 'EVENT' : EVENT_CELL.ADDED, ...r] : r));
        // Each resource group is aligned on its own (kubectl resets the remembered widths per group);
        // a watch keeps its writer so later rows line up with the first table.
        text += (watch ? writer : new TabWriter()).flush(rows.map((r) => r.join('\t') + '\n').join(''));
      }
      ctx.out(text);
    }
    // Only the table printer says a list is empty (get.go Run; printGeneric prints an empty List or nothing); the
    // watch path prints the initial list without it, and --ignore-not-found drops it. The namespace is named only
    // when every listed type is namespaced.
    if (table && !watch && total === 0 && errors.length === 0 && !ctx.bool('ignore-not-found')) {
      ctx.err(noResources(ctx, allNs, targets.some((t) => !t.type.namespaced)));
    }
  }
  if (errors.length) {
    ctx.err(errors.map((e) => e + '\n').join(''));
    throw new KubectlError('', 1);
  }
  if (!watch) return;
  return watchStream(ctx, groups[0], targets[0].names, selector, format, spec(groups[0].kind), writer, total > 0 && !ctx.bool('watch-only'), one, events);
}

/**
 * Prints what the scale subresource returned: Scale objects (autoscaling/v1), as the server's table (NAME, DESIRED,
 * AVAILABLE, AGE) or in a structured format; `single`: one object was asked for, so one found prints as itself.
 */
function printScales(ctx: Ctx, groups: Fetched[], format: string, errors: string[], single: boolean): void {
  const scales = groups.flatMap((g) => g.objects.map(scaleOf));
  if (format === '' || format === 'wide') {
    const header = ctx.bool('no-headers') ? '' : 'NAME\tDESIRED\tAVAILABLE\tAGE\n';
    const now = ctx.cluster.wallNow();
    const rows = scales.map((o) => {
      const x = o as KObject & { spec: { replicas: number }; status: { replicas: number } };
      return `${x.metadata!.name}\t${x.spec.replicas}\t${x.status.replicas}\t${since(x.metadata!.creationTimestamp, now)}\n`;
    });
    if (rows.length) ctx.out(new TabWriter().flush(header + rows.join('')));
  } else if (format === 'name') {
    ctx.out(scales.map((o) => `scale.autoscaling/${o.metadata!.name}\n`).join(''));
  } else if (scales.length || !single) {
    const data = listOrOne(scales, !single);
    if (isCustomColumns(format)) new CustomColumnsPrinter(parseCustomColumns(format), ctx.bool('no-headers')).print(scales, (t) => ctx.out(t));
    else if (isTemplateFormat(format)) {
      const r = renderTemplate(format, data, allowMissingKeys(ctx));
      ctx.out(r.text);
      if (r.error) throw new KubectlError(r.error);
    } else ctx.out(documentText(format as 'yaml' | 'kyaml' | 'json', data));
  }
  if (errors.length) {
    ctx.err(errors.map((e) => e + '\n').join(''));
    throw new KubectlError('', 1);
  }
}

// The fields a Table object has. Below them a path is found too, except below metadata, which holds only these.
const TABLE_PATHS = ['kind', 'apiVersion', 'columnDefinitions', 'rows', 'metadata', 'metadata.resourceVersion', 'metadata.continue', 'metadata.remainingItemCount'];
const onTable = (field: string): boolean => {
  const path = field.slice(2, -1);
  return TABLE_PATHS.some((p) => path === p || (p !== 'metadata' && (path.startsWith(`${p}.`) || path.startsWith(`${p}[`))));
};

/**
 * Before its table printers, get.go sorts what it fetched when that is more than one response (several types, or
 * several names, or the objects of a file): each is a server-side Table, which has no object fields, so a --sort-by
 * of an object's field is not found in any of them and the command fails, printing nothing. (A field a Table has
 * sorts the Tables themselves: not modelled, the rows are sorted within each type as for one response.)
 */
function refuseTablesSort(groups: readonly Fetched[], targets: readonly Target[] | null, sortBy: string): void {
  const responses = groups.reduce((n, g, i) => n + (targets && !targets[i].names ? 1 : g.objects.length), 0);
  if (responses < 2) return;
  const field = relaxedJsonPath(sortBy);
  if (field === null) throw new KubectlError(UNEXPECTED_PATH);
  if (!onTable(field)) throw new KubectlError(`error: couldn't find any field with path ${JSON.stringify(field)} in the list of objects`);
}

/**
 * A type's rows for a table, sorted. A table's sorting printer fails on a field it cannot sort by, and get.go does
 * not look at what its table printers return: the type prints nothing (and with nothing else printed, get says
 * no resources were found).
 */
function tableSorted(g: Fetched, sortBy: string): KObject[] {
  try {
    return sortObjects(g.objects, sortBy, (o) => served(g.kind, o));
  } catch (e) {
    if (e instanceof KubectlError) return [];
    throw e;
  }
}

/** The objects a watch starts from, sorted; a sorting failure is a failure to print them (get.go watch). */
function watchSorted(g: Fetched, sortBy: string): KObject[] {
  try {
    return sortObjects(g.objects, sortBy, (o) => served(g.kind, o));
  } catch (e) {
    if (e instanceof KubectlError) throw new KubectlError(e.text.replace(/^error: /, 'error: unable to output the provided object: '));
    throw e;
  }
}

/**
 * Prints one object as a structured printer does under a watch: YAML documents after the first start with
 * `---`, KYAML documents always do, JSON objects follow each other, a JSONPath template runs per object.
 */
function objectPrinter(format: string, columns: CustomColumnsPrinter | null, allowMissing: boolean): ObjectPrinter {
  let printed = 0;
  return (kind, o, type) => {
    // --output-watch-events: each printer is handed a WatchEvent ({type, object}); the name printer unwraps it, the
    // JSON printer marshals it on one line (type first, as the struct orders it), the YAML ones sort its keys.
    const obj = type ? { type, object: served(kind, o) } : served(kind, o);
    if (columns) {
      let text = '';
      columns.print([obj], (t) => { text += t; });
      return text;
    }
    if (format === 'yaml') return (printed++ > 0 ? '---\n' : '') + toYaml(obj);
    if (format === 'kyaml') return toKyaml(obj);
    if (format === 'json') return type ? `{"type":${goJson(type)},"object":${toCompactJson(served(kind, o))}}\n` : toJson(obj);
    if (format === 'name') return nameLine(kind, o);
    return templateText(format as Parameters<typeof templateText>[0], obj, allowMissing);
  };
}

/** Prints one object under a watch; `type`: the watch event's type, printed with it (--output-watch-events). */
type ObjectPrinter = (kind: Fetched['kind'], o: KObject, type?: WatchEvent['type']) => string;

// The EVENT column --output-watch-events puts first in a table: the type padded to eight (tableprinter.go).
const EVENT_CELL: Record<WatchEvent['type'], string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ' };

function watchStream(ctx: Ctx, group: Fetched, names: string[] | null, selector: ReturnType<typeof selectorOf>, format: string,
  spec: TableSpec, writer: TabWriter, headerDone: boolean, one: ObjectPrinter, events: boolean): Stream {
  const ns = ctx.namespace;
  const allNs = ctx.bool('all-namespaces');
  const kind = group.kind;
  let header = headerDone || ctx.bool('no-headers');
  const filter = (e: WatchEvent): boolean => {
    if (e.kind !== kind) return false;
    const m = e.object.metadata ?? {};
    if (!allNs && !CLUSTER_SCOPED.has(kind) && m.namespace !== ns) return false;
    if (names && !names.includes(m.name ?? '')) return false;
    if (selector && !matchesRequirements(selector, m.labels)) return false;
    if (!matchesFields(fieldSelectorOf(ctx), e.object)) return false;
    return true;
  };
  return new Stream(ctx.cluster, {
    filter,
    onEvent: ({ event, wallMs }, s) => {
      const o: KObject = event.object;
      if (format !== '' && format !== 'wide') {
        try {
          s.out(one(kind, o, events ? event.type : undefined));
        } catch (e) {
          if (!(e instanceof TemplateFailure)) throw e;
          s.out(e.partial);
          s.err(e.text.endsWith('\n') ? e.text : e.text + '\n');
          s.finish(1);
        }
        return;
      }
      let text = '';
      if (!header) { text += [...(events ? ['EVENT'] : []), ...headerRow(spec)].join('\t') + '\n'; header = true; }
      text += [...(events ? [EVENT_CELL[event.type]] : []), ...objectRow(spec, o, wallMs)].join('\t') + '\n';
      s.out(writer.flush(text));
    },
  }, true);
}

export const get: Verb = {
  name: 'get',
  short: 'Display one or many resources',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    ALLOW_MISSING_KEYS_FLAG,
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'sort-by', type: 'string', default: '' },
    { name: 'label-columns', short: 'L', type: 'strings', default: [] },
    { name: 'show-labels', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    // Keeps managedFields in -o yaml/json. A real API server records them on every write; this one records none (field
    // ownership is not modelled, nor server-side apply), so there is nothing to keep.
    { name: 'show-managed-fields', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'no-headers', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    FILENAME_FLAG,
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'raw', type: 'string', default: '' },
  ],
  run,
};
