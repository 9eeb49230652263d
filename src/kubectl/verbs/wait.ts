// `kubectl wait --for=condition=Ready|delete|jsonpath=… TYPE/NAME`: prints `<kind>/<name> condition met`
// per object, or times out (default 30s). Models kubectl/pkg/cmd/wait/wait.go.
import type { KObject, Kind } from '../../engine/api/types.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { kindGroup, typeOf } from '../resources.ts';
import { Stream } from '../stream.ts';
import { namedObjects, FILENAME_FLAG } from '../targets.ts';

type Check = (o: KObject | undefined) => boolean;

function jsonpathValue(o: unknown, path: string): unknown {
  const parts = path.replace(/^\{|\}$/g, '').replace(/^\./, '').split(/\.|\[(\d+)\]/).filter((x) => x !== undefined && x !== '');
  let cur: unknown = o;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function condition(ctx: Ctx, spec: string): Check {
  if (spec === 'delete') return (o) => o === undefined;
  const cm = /^condition=([^=]+)(?:=(.*))?$/i.exec(spec);
  if (cm) {
    const want = (cm[2] ?? 'true').toLowerCase();
    return (o) => !!o && ((o as { status?: { conditions?: Array<{ type: string; status: string }> } }).status?.conditions ?? [])
      .some((c) => c.type.toLowerCase() === cm[1].toLowerCase() && c.status.toLowerCase() === want);
  }
  if (spec === 'jsonpath=') throw new KubectlError('error: jsonpath expression cannot be empty');
  const jm = /^jsonpath=(\{[^}]*\})(?:=(.*))?$/.exec(spec);
  if (jm) return (o) => { const v = o ? jsonpathValue(o, jm[1]) : undefined; return jm[2] === undefined ? v !== undefined : v !== undefined && String(v) === jm[2]; };
  throw new KubectlError(`error: unrecognized condition: "${spec}"`);
}

export const wait: Verb = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources',
  flags: [
    { name: 'for', type: 'string', default: '' },
    { name: 'timeout', type: 'duration', default: '30s' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool' },
    FILENAME_FLAG,
  ],
  run(ctx) {
    const spec = ctx.str('for');
    const check = condition(ctx, spec);
    const timeout = ctx.duration('timeout');
    const { items, errors } = namedObjects(ctx, ctx.args, { allowList: true });
    if (errors.length && spec !== 'delete') throw new KubectlError(errors.join('\n'));
    if (!items.length && spec !== 'delete') throw new KubectlError('error: no matching resources found');
    const pending: Array<{ kind: Kind; ns: string; name: string; uid: string }> = items.map(({ kind, object }) => ({ kind, ns: object.metadata?.namespace ?? '', name: object.metadata!.name!, uid: object.metadata!.uid! }));
    const current = (p: (typeof pending)[number]): KObject | undefined => {
      const o = ctx.cluster.store.get(p.kind, p.ns, p.name) as KObject | undefined;
      return o && o.metadata?.uid === p.uid ? o : undefined;
    };
    const step = (s: Stream): void => {
      while (pending.length && check(current(pending[0]))) {
        const p = pending.shift()!;
        s.out(`${kindGroup(p.kind)}/${p.name} condition met\n`);
      }
      if (!pending.length) s.finish(0);
    };
    return new Stream(ctx.cluster, {
      step,
      onTimeout: (s) => s.err(`error: timed out waiting for the condition on ${typeOf(pending[0].kind).group ? `${typeOf(pending[0].kind).plural}.${typeOf(pending[0].kind).group}` : typeOf(pending[0].kind).plural}/${pending[0].name}\n`),
    }, false, ctx.cluster.now + timeout);
  },
};
