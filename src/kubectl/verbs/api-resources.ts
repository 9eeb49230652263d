// `kubectl api-resources`: the served resource types as a table (`-o wide` adds VERBS, `--namespaced`); and
// `kubectl api-versions`: the group versions they are served at.
import { API_VERSION } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { RESOURCE_TYPES } from '../resources.ts';
import { formatTable } from '../print/table.ts';

const VERBS = '[create delete deletecollection get list patch update watch]';

export const apiResources: Verb = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server',
  flags: [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'no-headers', type: 'bool' },
  ],
  run(ctx) {
    if (ctx.args.length) throw new KubectlError(E.usageErr('api-resources', `unexpected arguments: [${ctx.args.join(' ')}]`));
    const output = ctx.str('output');
    if (output !== '' && output !== 'wide' && output !== 'name') throw new KubectlError(`error: --output ${output} is not available`);
    const wide = ctx.str('output') === 'wide';
    const name = ctx.str('output') === 'name';
    let types = [...RESOURCE_TYPES];
    if (ctx.given('namespaced')) types = types.filter((t) => t.namespaced === ctx.bool('namespaced'));
    if (name) { ctx.out(types.map((t) => (t.group ? `${t.plural}.${t.group}` : t.plural) + '\n').join('')); return; }
    const rows = types.map((t) => [t.plural, t.shortNames.join(','), API_VERSION[t.kind], String(t.namespaced), t.kind, ...(wide ? [t.kind === 'Event' ? VERBS : VERBS] : [])]);
    const header = ['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS'] : [])];
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
