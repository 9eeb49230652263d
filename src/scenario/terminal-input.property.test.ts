// The terminal's own shell, hunted at random: lines and blocks built from its pieces (lists, variables, `$(…)`,
// here-documents, loops, sleep and sim waits, quotes and broken syntax, redirections into the terminal's own files and
// kubectl reading them, port-forward and curl) run against a cluster with a StatefulSet.
// Whatever comes in, the session answers with output and never throws or reports an internal error; a block (several
// lines) ends by itself when time is played for it (no watch, wait or sleep is left waiting forever); the cluster's
// invariants hold; and the lines it gives for the timeline, replayed at their instants on a copy of the cluster from
// before (on a machine without the files: the log carries what was read), make the same namespaces and ConfigMaps.
// `KUBECTL_FUZZ_RUNS` runs more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/cluster.ts';
import { checkCluster } from '../engine/invariants.ts';
import { Session } from './session.ts';
import { HEADLESS_SERVICE, webStatefulSet } from './test-manifests.ts';
import type { LoggedLine, OutputChunk } from '../kubectl/types.ts';

const RUNS = Math.max(20, Math.floor(Number(process.env.KUBECTL_FUZZ_RUNS ?? 100) / 2));
const TIMEOUT_MS = Math.max(60_000, RUNS * 300);

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);

const COMMAND = pick(
  'kubectl get pods -o name', 'kubectl get pod web-0 -o name', 'kubectl get pod nope', 'get sts web -o name', 'k get pvc -o name',
  'kubectl scale sts web --replicas=3', 'kubectl scale sts web --replicas=1', 'kubectl delete pod web-1', 'kubectl delete pod web-1 --wait=false',
  'kubectl label pod web-0 x=$X --overwrite', 'kubectl annotate pod $POD note="$X" --overwrite', 'kubectl rollout status sts/web',
  'kubectl get pods -w', 'kubectl wait --for=condition=Ready pod/web-0 --timeout=5s', 'kubectl set image sts/web nginx=nginx:1.27',
  'X=$(kubectl get pod web-0 -o jsonpath={.metadata.name})', 'POD=web-0', 'export X=a', 'X="two words"', 'echo $X "$X" $? ${POD}',
  'echo $(kubectl get pods -o name | head -1)', 'sleep 1', 'sleep 0.5s', 'sleep x', 'sim advance 2s', 'sim settle', 'sim settle --timeout=1s',
  'sim pod web-0 unready', 'sim pod web-0 ready', 'for i in 0 1; do kubectl get pod web-$i -o name; done', 'kubectl edit sts web',
  'kubectl get pods -o jsonpath=\'{.items[*].metadata.name}\'', '# a comment', '', 'echo ${bad', 'echo $(kubectl get pods', "kubectl get 'po",
  'frobnicate', 'sim frobnicate', 'kubectl get pods &&', '; kubectl get pods', 'kubectl get pods \\',
  // The terminal's own files: redirections, the file commands, and kubectl reading them.
  'kubectl get cm -o yaml > x.yaml', 'kubectl apply -f x.yaml', 'kubectl create -f x.yaml 2>&1', 'cat x.yaml | kubectl apply -f -',
  'kubectl apply -f - < x.yaml', 'rm -f x.yaml', 'ls', 'cat x.yaml | wc -l', 'kubectl get pods > /dev/null', 'echo bad >',
  'kubectl delete cm $X 2>/dev/null', 'echo "a: $X" >> x.yaml', 'vi x.yaml',
  // The terminal's own network: a port forwarded to a pod, and this machine's curl.
  'kubectl port-forward web-0 8080:80', 'kubectl port-forward svc/nginx :web --address 0.0.0.0', 'kubectl port-forward web-1 $X',
  'curl -s localhost:8080', 'curl localhost:8080 > page.html', 'curl -sf localhost:8080/$X | wc -c', 'curl web-0.nginx',
  'kubectl port-forward web-0 8080:80 &', "curl -s 'localhost:8080/?a=1&b=2'",
  // kubectl cp both ways: into a pod's volume (logged with the file it read), back to this machine.
  'kubectl cp x.yaml web-0:/usr/share/nginx/html/index.html', 'kubectl cp web-1:/etc/hostname x.yaml', 'kubectl cp web-0:/usr/share/nginx/html .',
  'kubectl cp x.yaml web-1:/tmp', 'kubectl cp web-0:/nope $X',
);
const JOIN = pick(' ; ', ' && ', ' || ', '\n');
const LINE = fc.tuple(COMMAND, fc.array(fc.tuple(JOIN, COMMAND), { maxLength: 2 })).map(([first, rest]) => first + rest.map(([j, c]) => j + c).join(''));
const HEREDOC = fc.tuple(pick('cat <<EOF | kubectl apply -f -', "kubectl apply -f - <<'EOF'", 'kubectl create -f - <<EOF', 'cat <<EOF > x.yaml'),
  pick('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: $X\n', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n', 'not: [yaml\n', ''),
  fc.boolean()).map(([head, body, closed]) => `${head}\n${body}${closed ? 'EOF' : ''}`);
// A manifest saved to a local file, then read back by kubectl (and maybe the file removed or changed after).
const FILE_FLOW = fc.tuple(pick('kubectl create ns from-file --dry-run=client -o yaml > ns.yaml', 'kubectl create cm from-file --dry-run=client -o yaml >ns.yaml 2>&1'),
  JOIN, pick('kubectl apply -f ns.yaml', 'cat ns.yaml | kubectl create -f -', 'kubectl create -f - < ns.yaml', 'kubectl apply -f ./ns.yaml -f ~/ns.yaml'),
  pick('', '\nrm ns.yaml', '\necho x > ns.yaml')).map((xs) => xs.join(''));
const BLOCK = fc.array(fc.oneof({ weight: 4, arbitrary: LINE }, { weight: 1, arbitrary: HEREDOC }, { weight: 1, arbitrary: FILE_FLOW }), { minLength: 1, maxLength: 5 }).map((xs) => xs.join('\n'));

// A settled cluster with the StatefulSet `web` (2 replicas), built once.
const base = ((): ReturnType<Cluster['snapshot']> => {
  const c = Cluster.create({ seed: 3 });
  const s = new Session(c);
  s.exec('kubectl apply -f -', `${HEADLESS_SERVICE}---\n${webStatefulSet(2, true)}`);
  c.settle();
  return c.snapshot();
})();

// Plays time for a running block as the app's host does (to each instant it looks at); its output and logged lines.
function play(c: Cluster, r: ReturnType<Session['exec']>): { output: OutputChunk[]; logAs: Array<LoggedLine & { at: number }>; ended: boolean } {
  const output = [...r.output], logAs = (r.logAs ?? []).map((l) => ({ ...l, at: c.now }));
  const stream = r.stream;
  if (!stream) return { output, logAs, ended: true };
  for (let i = 0; i < 20_000; i++) {
    const p = stream.poll();
    output.push(...p.output);
    logAs.push(...(p.logAs ?? []).map((l) => ({ ...l, at: c.now })));
    if (p.done) return { output, logAs, ended: true };
    // A block names the instant it looks at next; a single command is played pass by pass while work is due.
    const dl = stream.deadline, next = c.nextDue();
    if (dl !== undefined) c.advance(Math.max(0, dl - c.now));
    else if (next !== undefined && next - c.now < 600_000) c.step(next);
    else return { output, logAs, ended: false };
  }
  return { output, logAs, ended: false };
}

describe('the terminal shell at random', () => {
  it('answers every input, ends every block by itself, keeps the cluster sound, and logs what replays to the same objects', () => {
    fc.assert(
      fc.property(BLOCK, (block) => {
        const c = Cluster.restore(base, { checks: true });
        const s = new Session(c, { terminal: true });
        const r = s.exec(block);
        const { output, logAs, ended } = play(c, r);
        // A block (several lines) always ends, as a script does; one line may wait on, as in bash (a watch, alone or in
        // a list, until Ctrl-C).
        if (block.includes('\n')) expect(ended).toBe(true);
        const text = output.map((o) => o.text).join('');
        expect(text).not.toMatch(/internal/);
        expect(checkCluster(c)).toEqual([]);
        // The logged lines alone, each at the instant it ran, make the same namespaces and ConfigMaps (no shell state
        // needed: a document's variables are expanded in the log).
        if (!r.sequence) return;
        const replayed = Cluster.restore(base, { checks: true });
        const rs = new Session(replayed, { terminal: true });
        for (const l of logAs) {
          replayed.advance(l.at - replayed.now);
          rs.exec(l.line, l.stdin, l.files).stream?.cancel();
        }
        // Both run what is due at the last instant.
        c.advance(0);
        replayed.advance(c.now - replayed.now);
        const names = (x: Cluster): string[] => [...x.store.list('Namespace'), ...x.store.list('ConfigMap')].map((o) => `${o.metadata?.namespace}/${o.metadata?.name}`);
        expect(names(replayed)).toEqual(names(c));
      }),
      { numRuns: RUNS, seed: Number(process.env.KUBECTL_FUZZ_SEED ?? 20261128) },
    );
  }, TIMEOUT_MS);
});
