// `kubectl api-resources`: the served resource types as a table (`-o wide` adds VERBS, `--namespaced`).
import { API_VERSION } from '../../engine/api/types.ts';
import type { Verb } from '../context.ts';
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
