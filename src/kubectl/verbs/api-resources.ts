// `kubectl api-resources`: the served resource types as a table (`-o wide` adds VERBS, `--namespaced`); and
// `kubectl api-versions`: the group versions they are served at.
import { API_VERSION } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { ALL_CATEGORY, RESOURCE_TYPES, type ResourceType } from '../resources.ts';
import { formatTable } from '../print/table.ts';

// What discovery says of each served resource: its verbs (a namespace has no deletecollection) and categories
// (`all`: what `kubectl get all` lists).
const FULL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
export const verbsOf = (t: ResourceType): string[] => (t.kind === 'Namespace' ? FULL_VERBS.filter((v) => v !== 'deletecollection') : FULL_VERBS);
export const categoriesOf = (t: ResourceType): string[] => (ALL_CATEGORY.includes(t.kind) ? ['all'] : []);

const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Models apiresources.go (1.33+, with its own print flags): the preferred version of each served resource, filtered
 * by --api-group, --namespaced, --verbs and --categories, sorted by group (or --sort-by name|kind), then by name.
 */
export const apiResources: Verb = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'no-headers', type: 'bool' },
    { name: 'api-group', type: 'string', default: '' },
    { name: 'verbs', type: 'strings', default: [] },
    { name: 'categories', type: 'strings', default: [] },
    { name: 'sort-by', type: 'string', default: '' },
    { name: 'cached', type: 'bool' },
  ],
  run(ctx) {
    // Complete: the arguments, then the printer; Validate: --sort-by.
    if (ctx.args.length) throw new KubectlError(E.usageErr('api-resources', `unexpected arguments: [${ctx.args.join(' ')}]`));
    const output = ctx.str('output');
    if (['json', 'yaml', 'kyaml'].includes(output)) throw new KubectlError(`error: "kubectl api-resources -o ${output}" is not available in this simulated cluster; -o wide shows every field but the storage version hash`);
    if (!['', 'wide', 'name'].includes(output)) {
      throw new KubectlError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,kyaml,name,wide,yaml`);
    }
    const sortBy = ctx.str('sort-by');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new KubectlError('error: --sort-by accepts only name or kind');
    const verbs = ctx.list('verbs'), categories = ctx.list('categories');
    const types = RESOURCE_TYPES.filter((t) => (!ctx.given('api-group') || t.group === ctx.str('api-group'))
      && (!ctx.given('namespaced') || t.namespaced === ctx.bool('namespaced'))
      && verbs.every((v) => verbsOf(t).includes(v)) && categories.every((c) => categoriesOf(t).includes(c)));
    const key = (t: ResourceType): string => (sortBy === 'name' ? t.plural : sortBy === 'kind' ? t.kind : t.group);
    types.sort((a, b) => byBytes(key(a), key(b)) || byBytes(a.plural, b.plural));
    if (output === 'name') { ctx.out(types.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural) + '\n').join('')); return; }
    const wide = output === 'wide';
    const rows = types.map((t) => [t.plural, t.shortNames.join(','), API_VERSION[t.kind], String(t.namespaced), t.kind,
      ...(wide ? [verbsOf(t).join(','), categoriesOf(t).join(',')] : [])]);
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])];
    ctx.out(formatTable(ctx.bool('no-headers') ? rows : [header, ...rows]));
  },
};

/** Models apiversions.go: every served group/version, sorted as Go sorts strings. */
export const apiVersions: Verb = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version"',
  flags: [],
  run(ctx) {
    if (ctx.args.length) throw new KubectlError(E.usageErr('api-versions', `unexpected arguments: [${ctx.args.join(' ')}]`));
    const versions = [...new Set(RESOURCE_TYPES.map((t) => API_VERSION[t.kind]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    ctx.out(versions.map((v) => v + '\n').join(''));
  },
};
