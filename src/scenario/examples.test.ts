// Every shipped example script runs in CI: to its end, with the StatefulSet (spec §8) and cluster invariants
// checked after every controller pass, and byte-identical transcripts for the same seed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { transcript } from './runner.ts';
import { Cluster } from '../engine/cluster.ts';
import { assertStatefulSetInvariants } from '../engine/controllers/statefulset/invariants.ts';
import { checkCluster } from '../engine/invariants.ts';
import { Session } from './session.ts';

const dir = new URL('../../examples/', import.meta.url);
const examples = readdirSync(dir).filter((f) => f.endsWith('.sim')).sort();

/** Runs a script with invariant checks after every controller pass; returns transcript and violations. */
function checked(file: string, seed = 1): { text: string; exitCode: number; violations: string[] } {
  const violations: string[] = [];
  const source = readFileSync(new URL(file, dir), 'utf8');
  const r = transcript(source, { seed, checks: true }, {
    onCluster: (c) => c.onPass((kind) => {
      if (!kind.startsWith('statefulset/')) return;
      for (const v of [...assertStatefulSetInvariants(c), ...checkCluster(c)]) {
        if (violations.length < 20) violations.push(`t=${c.now}ms after ${kind}: ${v}`);
      }
    }),
  });
  return { text: r.text, exitCode: r.exitCode, violations };
}

describe('example scripts', () => {
  it('ships examples', () => expect(examples.length).toBeGreaterThanOrEqual(5));

  for (const file of examples) {
    it(`${file} runs to its end with every invariant holding`, () => {
      const r = checked(file);
      expect(r.exitCode).toBe(0);
      expect(r.violations).toEqual([]);
      expect(r.text).not.toMatch(/error: internal/);
      // The committed transcript (seed 1) is the documentation copy and a regression guard: a change in
      // behaviour or output shows up as a diff. Regenerate deliberately with UPDATE_GOLDEN=1.
      const golden = new URL(file.replace(/\.sim$/, '.transcript.txt'), dir);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, r.text);
      expect(r.text).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

describe('example scripts pasted into the terminal', () => {
  // What is left to compare of a transcript: its output lines, without the command echoes (the terminal echoes the
  // here-documents too) and without what kubectl prints only without a TTY (a terminal gives `exec -it` one).
  const outputLines = (t: string): string[] => t.split('\n').map((l) => l.trimEnd())
    .filter((l) => l && !l.startsWith('$ ') && !/^Unable to use a TTY|^ +% Total|^ +Dload|^100 /.test(l));

  for (const file of examples) {
    it(`${file} prints what the runner prints, played as the app's host plays time`, () => {
      const c = Cluster.create({ seed: 1 });
      const s = new Session(c, { terminal: true });
      const r = s.exec(readFileSync(new URL(file, dir), 'utf8'));
      const chunks = [...r.output];
      // The host advances to each instant the running command looks at next, then polls it.
      for (let i = 0; r.stream && i < 1_000_000; i++) {
        const p = r.stream.poll();
        chunks.push(...p.output);
        if (p.done) break;
        expect(r.stream.deadline).toBeDefined();
        c.advance(Math.max(0, r.stream.deadline! - c.now));
      }
      const text = chunks.filter((x) => x.stream !== 'cmd').map((x) => x.text).join('\n');
      expect(outputLines(text)).toEqual(outputLines(readFileSync(new URL(file.replace(/\.sim$/, '.transcript.txt'), dir), 'utf8')));
    });
  }
});

describe('seed walkthrough', () => {
  const r = checked('seed-walkthrough.sim');
  const t = r.text;

  it('creates pods 0, 1, 2 in order, each after the previous is Running', () => {
    const watch = t.slice(t.indexOf('$ kubectl get pods -w'), t.indexOf('$ kubectl get sts nginx-web'));
    const firstSeen = ['nginx-web-0', 'nginx-web-1', 'nginx-web-2'].map((p) => watch.indexOf(`\n${p} `));
    expect(firstSeen.every((i) => i > 0)).toBe(true);
    expect([...firstSeen].sort((a, b) => a - b)).toEqual(firstSeen);
    expect(watch.indexOf('\nnginx-web-1 ')).toBeGreaterThan(watch.indexOf('nginx-web-0   1/1     Running'));
  });

  it('updates 2, 1, 0 and keeps the PVCs www-storage-nginx-web-0..2', () => {
    const events = t.slice(t.lastIndexOf('$ kubectl describe statefulset nginx-web'));
    expect(events).toMatch(/create Claim www-storage-nginx-web-0 Pod nginx-web-0 in StatefulSet nginx-web success/);
    const pvcBlocks = t.split('$ kubectl get pvc').slice(1).map((b) => b.slice(0, b.indexOf('$ ')));
    const volumes = pvcBlocks.map((b) => [...b.matchAll(/^(www-storage-nginx-web-\d)\s+Bound\s+(pvc-\S+)/gm)].map((m) => `${m[1]}=${m[2]}`));
    expect(volumes[0]).toHaveLength(3);
    for (const v of volumes) expect(v).toEqual(volumes[0]);
  });

  it('names revisions nginx-web-<hash> as a 1.34+ cluster does', () => {
    // Hash of the defaulted seed template (nginx:alpine), computed independently in revision-hash.test.ts style.
    expect(t).toMatch(/nginx-web-688fd4d9cb\s+statefulset\.apps\/nginx-web\s+1\s/);
    expect(t).toMatch(/nginx-web-599964f56\s+statefulset\.apps\/nginx-web\s+2\s/);
  });
});

describe('revision hashes through kubectl apply (the whole defaulting path)', () => {
  it('the spec §3.3 web StatefulSet hashes to web-7d8559755f, then web-7b5d746f96 after the image change', () => {
    const manifest = [
      'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: web', 'spec:', '  serviceName: nginx', '  replicas: 1',
      '  selector:', '    matchLabels:', '      app: nginx', '  template:', '    metadata:', '      labels:', '        app: nginx',
      '    spec:', '      containers:', '      - name: nginx', '        image: registry.k8s.io/nginx-slim:0.24', '        ports:',
      '        - containerPort: 80', '          name: web', '        volumeMounts:', '        - name: www',
      '          mountPath: /usr/share/nginx/html', '  volumeClaimTemplates:', '  - metadata:', '      name: www', '    spec:',
      '      accessModes: [ "ReadWriteOnce" ]', '      resources:', '        requests:', '          storage: 1Gi',
    ].join('\n');
    const r = transcript(`kubectl apply -f - <<EOF\n${manifest}\nEOF\nsim settle\nkubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.27\nsim settle\nkubectl get controllerrevisions -o name\n`);
    expect(r.text).toContain('controllerrevision.apps/web-7b5d746f96\ncontrollerrevision.apps/web-7d8559755f\n');
  });
});

describe('determinism', () => {
  it('same seed and script give a byte-identical transcript; another seed changes uids', () => {
    const a = checked('seed-walkthrough.sim', 5).text;
    const b = checked('seed-walkthrough.sim', 5).text;
    const c = checked('seed-walkthrough.sim', 6).text;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('a restored snapshot continues exactly like the original', () => {
    const src = readFileSync(new URL('seed-walkthrough.sim', dir), 'utf8');
    const manifest = src.slice(src.indexOf('<<EOF\n') + 6, src.indexOf('\nEOF\n') + 1);
    const run = (c: Cluster) => { c.advance(60_000); return JSON.stringify([...c.state.store.objects.Pod.values(), ...c.state.store.objects.PersistentVolume.values()]); };
    const a = Cluster.create({ seed: 9 });
    new Session(a).exec('kubectl apply -f -', manifest);
    a.advance(5_500);
    const snap = a.snapshot();
    const b = Cluster.restore(snap);
    expect(run(b)).toBe(run(a));
  });
});

describe('revision history, maxUnavailable and cascades (what each example is there to show)', () => {
  const block = (t: string, from: string, nth = 0): string => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = t.indexOf(`$ ${from}`, at + 1);
    return t.slice(at, t.indexOf('\n$ ', at + 1));
  };

  it('revisionHistoryLimit 2 prunes revision 1 after the fourth template; rolling back to 2 renumbers it 5', () => {
    const t = checked('revision-history.sim').text;
    const revisions = (b: string) => [...b.matchAll(/^web-\w+\s+statefulset\.apps\/web\s+(\d+)/gm)].map((m) => Number(m[1])).sort();
    expect(revisions(block(t, 'kubectl get controllerrevisions', 0))).toEqual([1, 2, 3]);
    expect(revisions(block(t, 'kubectl get controllerrevisions', 1))).toEqual([2, 3, 4]);
    expect(block(t, 'kubectl rollout undo sts/web --to-revision=1')).toContain('error: unable to find specified revision 1 in history');
    const last = block(t, 'kubectl get controllerrevisions', 2);
    expect(revisions(last)).toEqual([3, 4, 5]);
    // Revision 5 is revision 2's object: the same name (hash) as revision 2 had.
    const nameOf = (b: string, n: number) => new RegExp(`^(web-\\w+)\\s+statefulset\\.apps/web\\s+${n}\\s`, 'm').exec(b)?.[1];
    expect(nameOf(last, 5)).toBe(nameOf(block(t, 'kubectl get controllerrevisions', 1), 2));
  });

  it('maxUnavailable is dropped with the gate off, and with it on the update takes 4 and 3 down together', () => {
    const t = checked('max-unavailable.sim').text;
    expect(block(t, "kubectl get sts web -o jsonpath='{.spec.updateStrategy}'", 0)).not.toContain('maxUnavailable');
    expect(block(t, "kubectl get sts web -o jsonpath='{.spec.updateStrategy}'", 1)).toContain('"maxUnavailable":2');
    const watch = block(t, 'kubectl get pods -w').split('\n').filter((l) => /Terminating|Pending/.test(l));
    // The first two lines: web-4 and web-3 terminating before any replacement exists.
    expect(watch.slice(0, 2).map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual(['web-4 1/1 Terminating', 'web-3 1/1 Terminating']);
  });

  it('an orphaned pod keeps running, is adopted without a restart, and foreground deletion waits for the pods', () => {
    const t = checked('orphan-and-adopt.sim').text;
    const owners = (n: number) => block(t, 'kubectl get pods -o custom-columns', n).split('\n').slice(2).map((l) => l.split(/\s+/)[1]);
    expect(owners(0)).toEqual(['<none>', '<none>', '<none>']);
    expect(owners(1)).toEqual(['web', 'web', 'web']);
    expect(block(t, 'kubectl get pods\n', 0)).toMatch(/web-2\s+1\/1\s+Running\s+0\s/);
    expect(block(t, "kubectl get sts web -o jsonpath='{.metadata.deletionTimestamp} {.metadata.finalizers}'")).toContain('["foregroundDeletion"]');
    expect(block(t, 'kubectl get pvc', 1)).toMatch(/data-web-2\s+Bound/);
  });

  it('a lost node: its pod waits Terminating; deleting the Node lets PodGC free the name; the new pod waits for its volume', () => {
    const t = checked('node-lost.sim').text;
    expect(block(t, 'kubectl get pods -o wide', 1)).toMatch(/nginx-web-0 +1\/1 +Terminating +0 +\S+ +[\d.]+ +kind-worker /);
    expect(block(t, 'kubectl get pods -o wide', 2)).toMatch(/nginx-web-0 +0\/1 +Pending/);
    expect(block(t, 'kubectl describe pod nginx-web-0')).toContain('volume node affinity conflict');
    expect(block(t, 'kubectl get pods -o wide', 3)).toMatch(/nginx-web-0 +1\/1 +Running +0 +\S+ +[\d.]+ +kind-worker /);
  });
});

describe('statefulset-basics.sim (the documentation tutorial, by its manifest URLs)', () => {
  const t = checked('statefulset-basics.sim').text;
  /** The output of the nth run of exactly this command line. */
  const out = (line: string, nth = 0): string => {
    let at = -1;
    for (let i = 0; i <= nth; i++) {
      at = t.indexOf(`$ ${line}\n`, at + 1);
      if (at < 0) throw new Error(`no run ${nth} of: ${line}`);
    }
    const from = at + line.length + 3;
    const end = t.indexOf('\n$ ', from - 1);
    return t.slice(from, end < 0 ? undefined : end + 1);
  };
  const image = (pod: string, nth = 0) => out(`kubectl get pod ${pod} --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'`, nth).trim();
  const loopImage = (pod: string, nth: number) => out(`kubectl get pod ${pod} --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}{{"\\n"}}'`, nth).trim();
  const WEB = 'kubectl apply -f https://k8s.io/examples/application/web/web.yaml';

  it('applies web.yaml by URL (nginx-slim:0.21), then rolls every pod to 0.24', () => {
    expect(out(WEB)).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect(out('kubectl describe controllerrevision')).toContain('Image:              registry.k8s.io/nginx-slim:0.21\n');
    expect([0, 1, 2].map((i) => loopImage(`web-${i}`, 0))).toEqual(Array(3).fill('registry.k8s.io/nginx-slim:0.24'));
  });

  it('stages 0.21 behind partition 3: a deleted web-2 comes back on 0.24; the canary (partition 2) takes 0.21', () => {
    expect(image('web-2', 0)).toBe('registry.k8s.io/nginx-slim:0.24');
    expect(image('web-2', 1)).toBe('registry.k8s.io/nginx-slim:0.21');
  });

  it('restores web-1, below the canary partition, to 0.24; partition 0 then updates all three to 0.21', () => {
    expect(image('web-1')).toBe('registry.k8s.io/nginx-slim:0.24');
    expect([0, 1, 2].map((i) => loopImage(`web-${i}`, 1))).toEqual(Array(3).fill('registry.k8s.io/nginx-slim:0.21'));
  });

  it('refuses the tutorial\'s OnDelete patch while rollingUpdate is set, as the API server does', () => {
    expect(out(`kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'`))
      .toMatch(/^The StatefulSet "web" is invalid: spec\.updateStrategy\.rollingUpdate: Invalid value: .*only allowed for updateStrategy 'RollingUpdate'\n$/);
    expect(out(`kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`)).toBe('statefulset.apps/web patched\n');
  });

  it('re-applied after an orphaning delete, the set relaunches web-0, adopts web-1 unrestarted and removes web-2', () => {
    expect(out(WEB, 1)).toBe('service/nginx unchanged\nstatefulset.apps/web created\n');
    expect(out('kubectl get pods --watch -l app=nginx', 2)).toMatch(/web-0 +1\/1 +Running[^]*web-2 +1\/1 +Terminating/);
    const pods = out('kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,OWNER:.metadata.ownerReferences[0].name,IMAGE:.spec.containers[*].image,RESTARTS:.status.containerStatuses[0].restartCount');
    expect(pods.split('\n').slice(1, -1).map((l) => l.split(/\s+/).join(' '))).toEqual([
      'web-0 web registry.k8s.io/nginx-slim:0.21 0',
      'web-1 web registry.k8s.io/nginx-slim:0.21 0',
    ]);
  });

  it('web-parallel.yaml creates web-2, web-3 and web-4 together on scale-up, and the clean-up leaves no claim', () => {
    expect(out('kubectl apply -f https://k8s.io/examples/application/web/web-parallel.yaml')).toBe('service/nginx created\nstatefulset.apps/web created\n');
    const watch = out('kubectl get pod -l app.kubernetes.io/name=nginx --watch', 1);
    const firstRunning = watch.search(/web-[234] +1\/1 +Running/);
    for (const p of ['web-2', 'web-3', 'web-4']) expect(watch.indexOf(`${p}   0/1     Pending`)).toBeLessThan(firstRunning);
    expect(out('kubectl get pvc', 1)).toBe('No resources found in default namespace.\n');
  });
});
