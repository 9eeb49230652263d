// Test doubles for the host and bridge tests: a tiny kubectl (create/delete/get namespaces, `get -w`, a finite
// `wait`) and a "ticker" controller that changes a namespace once a virtual second, five times.
import type { Cluster, Controller, Namespace } from '../engine/index.ts';
import type { KubectlResult, KubectlStream, OutputChunk } from '../kubectl/types.ts';

const out = (text: string): OutputChunk[] => [{ stream: 'out', text }];

function names(c: Cluster): string[] {
  return c.store.list('Namespace').map((n) => n.metadata!.name!);
}

/** A fake `runKubectl` over namespaces only. */
export function fakeRunKubectl(args: string | string[], c: Cluster): KubectlResult {
  const w = (typeof args === 'string' ? args.split(/\s+/) : args).filter((x) => x !== 'kubectl');
  const [verb, kind, name] = w;
  if (verb === 'create' && kind === 'ns') {
    const r = c.store.create('Namespace', { metadata: { name } });
    return r.ok ? { output: out(`namespace/${name} created\n`), exitCode: 0 } : { output: [{ stream: 'err', text: `Error from server: ${r.status.message}\n` }], exitCode: 1 };
  }
  if (verb === 'delete' && kind === 'ns') {
    c.store.delete('Namespace', '', name);
    return { output: out(`namespace "${name}" deleted\n`), exitCode: 0 };
  }
  if (verb === 'get' && kind === 'ns') {
    const listing = out(names(c).join('\n') + '\n');
    if (!w.includes('-w')) return { output: listing, exitCode: 0 };
    let seen = new Set(names(c));
    let cancelled = false;
    const stream: KubectlStream = {
      endless: true,
      poll: () => {
        const now = names(c).filter((n) => !seen.has(n));
        seen = new Set(names(c));
        return { output: now.length ? out(now.map((n) => `${n}\n`).join('')) : [], done: cancelled, exitCode: 0 };
      },
      cancel: () => { cancelled = true; },
    };
    return { output: listing, exitCode: 0, stream };
  }
  if (verb === 'wait') {
    const until = c.now + 3000;
    const stream: KubectlStream = {
      endless: false,
      deadline: until,
      poll: () => (c.now >= until ? { output: out('condition met\n'), done: true, exitCode: 0 } : { output: [], done: false, exitCode: 0 }),
      cancel: () => {},
    };
    return { output: [], exitCode: 0, stream };
  }
  return { output: [{ stream: 'err', text: `error: unknown command "${w.join(' ')}"\n` }], exitCode: 1 };
}

/** Namespaces named `tick*` get label `n` bumped once a second, up to 5. */
export const tickerController: Controller = {
  name: 'ticker',
  onChange(e, c) {
    if (e.kind === 'Namespace' && e.type === 'ADDED' && e.object.metadata?.name?.startsWith('tick')) {
      c.enqueue('ticker/tick', e.object.metadata.name, 1000);
    }
  },
  run(_kind, key, c) {
    const ns = c.store.get('Namespace', '', key) as Namespace | undefined;
    if (!ns) return;
    const n = Number(ns.metadata?.labels?.n ?? '0') + 1;
    const copy = structuredClone(ns);
    copy.metadata = { ...copy.metadata, labels: { ...copy.metadata?.labels, n: String(n) } };
    c.store.update('Namespace', copy);
    if (n < 5) c.enqueue('ticker/tick', key, 1000);
  },
};

/** Cluster options for tests: no bootstrap objects, only the ticker. */
export const TEST_CLUSTER = { bare: true, controllers: [tickerController] };

/** The `n` label of a namespace, or undefined. */
export function tickOf(c: Cluster, name: string): string | undefined {
  return (c.store.get('Namespace', '', name) as Namespace | undefined)?.metadata?.labels?.n;
}
