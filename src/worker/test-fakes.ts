// Test doubles for the host and bridge tests: a tiny kubectl (create/delete/get/label namespaces, `get -w`, a
// finite `wait`, `edit ns` of a `note` label) and a "ticker" controller that changes a namespace once a virtual
// second, five times.
import type { Cluster, Controller, Namespace } from '../engine/index.ts';
import type { EditorOpen, KubectlResult, KubectlStream, OutputChunk } from '../kubectl/types.ts';

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
  if (verb === 'label' && kind === 'ns') {
    const m = /^note=(.*)$/.exec(w[3] ?? '');
    const ns = c.store.get('Namespace', '', name) as Namespace | undefined;
    if (!m || !ns) return { output: [{ stream: 'err', text: 'error: bad label\n' }], exitCode: 1 };
    setNote(c, ns, m[1]);
    return { output: out(`namespace/${name} labeled\n`), exitCode: 0 };
  }
  if (verb === 'edit' && kind === 'ns') {
    const ns = c.store.get('Namespace', '', name) as Namespace | undefined;
    if (!ns) return { output: [{ stream: 'err', text: `Error from server (NotFound): namespaces "${name}" not found\n` }], exitCode: 1 };
    return { output: [], exitCode: 0, editor: fakeEditor(name, `# Please edit the object below.\nnote: ${ns.metadata?.labels?.note ?? ''}\n`) };
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

function setNote(c: Cluster, ns: Namespace, note: string): void {
  const copy = structuredClone(ns);
  copy.metadata = { ...copy.metadata, labels: { ...copy.metadata?.labels, note } };
  c.store.update('Namespace', copy);
}

/**
 * The editor of the fake `kubectl edit ns NAME`: a file with the namespace's `note` label. Saving a new note sets it;
 * a note with a space is refused and the file reopens with the error in its header; unchanged cancels.
 */
function fakeEditor(name: string, text: string, reopened = false): EditorOpen {
  return {
    file: '/tmp/kubectl-edit-0001.yaml',
    text,
    save(saved, c) {
      const note = /^note: ?(.*)$/m.exec(saved)?.[1] ?? '';
      if (saved === text) {
        return reopened
          ? { output: [{ stream: 'err', text: 'error: Edit cancelled, no valid changes were saved.\n' }], exitCode: 1 }
          : { output: [{ stream: 'err', text: 'Edit cancelled, no changes made.\n' }], exitCode: 0 };
      }
      if (note.includes(' ')) {
        return { output: [{ stream: 'err', text: `error: namespaces "${name}" is invalid\n` }], exitCode: 0,
          editor: fakeEditor(name, `# namespaces "${name}" was not valid:\n${saved.replace(/^# Please.*\n/, '')}`, true) };
      }
      const ns = c.store.get('Namespace', '', name) as Namespace;
      setNote(c, ns, note);
      return { output: out(`namespace/${name} edited\n`), exitCode: 0, logAs: [`kubectl label ns ${name} note=${note}`] };
    },
  };
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
