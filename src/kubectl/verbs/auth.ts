// `kubectl auth can-i` and `auth whoami`, as kind's admin user asks them: the kubeconfig's user is kubeadm's
// `kubernetes-admin` in the group `kubeadm:cluster-admins`, bound to cluster-admin, so every access check is allowed.
// Models kubectl/pkg/cmd/auth cani.go (arguments, the resource lookup's warnings, Validate) and whoami.go (its table).
// RBAC objects, impersonation and the rules listing (--list) are not modelled.
import type { Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { resolveType } from '../resources.ts';
import { unmodelledType } from '../unmodelled-types.ts';

/** Who the playground's kubeconfig authenticates as (kubeadm's admin.conf, which kind hands out). */
export const ADMIN_USER = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

// The verbs can-i knows for resources and for non-resource URLs; another one gets a warning, and is still asked.
const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*',
  'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
// Resources the server serves that discovery does not list (the impersonate verb's users and groups).
const UNDISCOVERED = new Set(['users', 'groups']);

// kubectl's warning printer: `Warning: `, the message and a newline; can-i's messages end in one already.
const warning = (message: string): string => `Warning: ${message}\n`;

const canI: Verb = {
  name: 'can-i',
  short: 'Check whether an action is allowed',
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'quiet', short: 'q', type: 'bool' },
    { name: 'subresource', type: 'string', default: '' }, { name: 'list', type: 'bool' }, { name: 'no-headers', type: 'bool' },
  ],
  run(ctx) {
    const list = ctx.bool('list');
    if (list) {
      if (ctx.args.length) throw new KubectlError('error: list option must be specified with no arguments');
      if (ctx.bool('quiet') || ctx.bool('all-namespaces') || ctx.str('subresource')) {
        throw new KubectlError("error: list option can't be specified with neither quiet, all-namespaces nor subresource options");
      }
      throw new KubectlError('error: "kubectl auth can-i --list" is not available in this simulated cluster (it does not model the RBAC rules behind it); every action is allowed to the admin user');
    }
    if (ctx.args.length !== 2) {
      throw new KubectlError("error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    }
    const [verb, what] = ctx.args;
    let warnings = '';
    if (what.startsWith('/')) {
      if (ctx.str('subresource')) throw new KubectlError('error: --subresource can not be used with NonResourceURL');
      if (!NON_RESOURCE_VERBS.has(verb)) warnings += warning(`verb '${verb}' is not a known verb\n`);
    } else {
      const word = what.split('/')[0].toLowerCase();
      const type = word === '*' ? undefined : resolveType(word);
      const dot = word.indexOf('.');
      if (word !== '*' && !type && !unmodelledType(word) && !UNDISCOVERED.has(word)) {
        warnings += warning(dot < 0 ? `the server doesn't have a resource type '${word}'\n`
          : `the server doesn't have a resource type '${word.slice(0, dot)}' in group '${word.slice(dot + 1)}'\n`);
      } else if (type && !type.namespaced && !ctx.bool('all-namespaces')) {
        warnings += warning(type.group ? `resource '${type.plural}' is not namespace scoped in group '${type.group}'\n` : `resource '${type.plural}' is not namespace scoped\n`);
      }
      if (!RESOURCE_VERBS.has(verb)) warnings += warning(`verb '${verb}' is not a known verb\n`);
    }
    if (ctx.bool('no-headers')) throw new KubectlError('error: --no-headers cannot be set without --list specified');
    if (warnings) ctx.err(warnings);
    // cluster-admin allows every verb on every resource and URL.
    if (!ctx.bool('quiet')) ctx.out('yes\n');
  },
};

const whoami: Verb = {
  name: 'whoami',
  short: 'Experimental: Check self subject attributes',
  flags: [{ name: 'output', short: 'o', type: 'string', default: '' }],
  run(ctx) {
    if (ctx.str('output')) throw new KubectlError('error: "kubectl auth whoami -o" is not available in this simulated cluster; kubectl auth whoami prints the table');
    const rows = [['ATTRIBUTE', 'VALUE'], ['Username', ADMIN_USER.username], ['Groups', `[${ADMIN_USER.groups.join(' ')}]`]];
    const width = Math.max(...rows.map(([k]) => k.length)) + 3;
    ctx.out(rows.map(([k, v]) => `${k.padEnd(width)}${v}\n`).join(''));
  },
};

export const auth: Verb = {
  name: 'auth',
  short: 'Inspect authorization',
  flags: [],
  subcommands: [canI, whoami],
  unmodelled: [{ name: 'reconcile', hint: 'RBAC objects are not modelled' }],
};
