// Bad input, hunted at random: command lines built from kubectl's own vocabulary (verbs, resource types, names,
// flags with good and bad values, manifests good and broken) run against a cluster with a StatefulSet. Whatever the
// line, kubectl answers with output, never an internal error; a line refused before it reaches the API server
// (an unknown command, flag or value, a usage error) changes nothing; and the cluster's invariants hold after every
// controller pass. `KUBECTL_FUZZ_RUNS` runs more.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertStatefulSetInvariants } from '../engine/controllers/statefulset/invariants.ts';
import { checkCluster, syncFailedSince } from '../engine/invariants.ts';
import { runScript } from './runner.ts';
import { HEADLESS_SERVICE, webStatefulSet } from './test-manifests.ts';

const RUNS = Number(process.env.KUBECTL_FUZZ_RUNS ?? 100);
// A run takes about 20 ms on an idle machine; the bound leaves room for a loaded one.
const TIMEOUT_MS = Math.max(60_000, RUNS * 150);

const BASE = `kubectl apply -f - <<EOF
${HEADLESS_SERVICE}---
${webStatefulSet(2, true)}EOF
sim settle
`;

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);

const TYPES = pick('sts', 'statefulset', 'statefulsets.apps', 'pods', 'po', 'pod', 'pvc', 'pv', 'svc', 'ep', 'endpointslices',
  'controllerrevisions', 'events', 'nodes', 'sc', 'all', 'ds', 'deploy', 'rs', 'pdb', 'ns', 'foo', 'sts,pods', '');
const NAMES = pick('web', 'web-0', 'web-1', 'web-9', 'nginx', 'www-web-0', 'kind-worker', 'kind-control-plane', 'default', 'kube-system', 'x', '',
  // port-forward's ports.
  '8080:80', ':80', '80:web', '1:2:3', '8080:',
  // cp's file specs.
  'web-0:/etc/hostname', 'web-1:/usr/share/nginx/html', 'default/web-0:/tmp', 'web-0:', ':x', 'a/b/c:d', 'h.txt', '.');
const REFS = fc.tuple(pick('sts', 'pod', 'pvc', 'svc', 'node', 'deploy', 'ds', 'foo'), NAMES).map(([t, n]) => `${t}/${n}`);
const VALUES = pick('0', '1', '3', '-1', '2.5', 'abc', '', '100%', '1s', '30', "'{}'", 'true');

// Flags with good and bad values; some belong to other verbs (kubectl must refuse them cleanly).
const FLAG = fc.oneof(
  pick('-A', '--all-namespaces', '-w', '--watch-only', '--show-labels', '--force', '--all', '--overwrite', '--local', '--list', 'A=1', 'B-', '-',
    '--no-headers', '--ignore-not-found', '--wait=false', '--ignore-daemonsets', '--delete-emptydir-data', '--recursive',
    '--record', '-i', '-t', '--rm', '--previous', '--bogus', '-Z', '--', '-h', '--expose', '--port=80'),
  fc.tuple(pick('-n', '--namespace'), pick('default', 'kube-system', 'nope', 'Bad_NS', '')).map(([f, v]) => `${f} ${v || "''"}`),
  fc.tuple(pick('-l', '--selector', '--field-selector'), pick('app=web', 'app!=web', 'bad!!', 'app in (web,x)', '=', 'metadata.name=web-0')).map(([f, v]) => `${f} '${v}'`),
  fc.tuple(pick('-o', '--output'), pick('wide', 'yaml', 'json', 'name', 'kyaml', 'jsonpath={.metadata.name}', 'jsonpath={.bad[', "go-template={{.metadata.name}}", 'go-template={{', 'custom-columns=N:.metadata.name', 'custom-columns=', 'bogus')).map(([f, v]) => `${f}='${v}'`),
  fc.tuple(pick('--replicas', '--current-replicas', '--timeout', '--grace-period', '--to-revision', '--revision', '--partition', '--tail', '--since', '--max-log-requests', '--revision'), VALUES).map(([f, v]) => `${f}=${v}`),
  fc.tuple(pick('-f', '--filename'), pick('https://k8s.io/examples/application/web/web.yaml', 'https://k8s.io/examples/application/web/web-parallel.yaml', 'https://example.com/x.yaml', 'missing.yaml', '-')).map(([f, v]) => `${f} ${v}`),
  fc.tuple(pick('--limits', '--requests', '-e', '--env', '--containers', '--from', '--keys', '--prefix'), pick('cpu=100m', 'memory=1Gi,cpu=2', 'cpu', 'cpu=abc', 'A=1', '1A=x', '*', 'ng*', 'sts/web', 'configmap/x', 'P_')).map(([f, v]) => `${f}=${v}`),
  fc.tuple(pick('--dry-run', '--cascade', '--type', '--for', '--validate', '--sort-by', '-L', '--container', '-c', '--image', '--restart', '--pod-selector', '--context'),
    pick('client', 'server', 'none', 'orphan', 'foreground', 'background', 'merge', 'json', 'strategic', 'condition=Ready', 'delete', 'jsonpath={.status.phase}=Running', 'strict', 'ignore', '.metadata.name', 'nginx', 'busybox', 'Never', 'kind-kind', 'bogus', '')).map(([f, v]) => `${f}=${v}`),
  fc.tuple(pick('-p', '--patch'), pick(
    '{"spec":{"replicas":3}}', '{"spec":{"replicas":-1}}', '{"spec":{"podManagementPolicy":"Parallel"}}', '{"spec":{"updateStrategy":{"type":"OnDelete"}}}',
    '{"metadata":{"labels":{"a":"b"}}}', '[{"op":"replace","path":"/spec/replicas","value":1}]', '[{"op":"remove","path":"/spec/nope"}]',
    '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}', '{bad json', '{"spec":{"bogus":1}}', 'null', '[]',
  )).map(([f, v]) => `${f} '${v}'`),
);

const WORDS = fc.array(fc.oneof(NAMES, REFS, FLAG, TYPES.filter((t) => t !== '')), { maxLength: 4 });

const VERB = pick('get', 'describe', 'delete', 'scale', 'set image', 'set', 'patch', 'label', 'annotate', 'rollout status', 'rollout history',
  'rollout undo', 'rollout restart', 'rollout pause', 'rollout', 'wait', 'exec', 'logs', 'edit', 'cordon', 'uncordon', 'drain', 'taint', 'top pod',
  'top', 'set env', 'set resources', 'rollout resume', 'api-versions', 'config view', 'config get-contexts', 'config use-context', 'config', 'run', 'events', 'api-resources', 'version', 'cluster-info',
  'create namespace', 'create service clusterip', 'create poddisruptionbudget', 'create deployment', 'create', 'explain', 'port-forward', 'expose', 'cp', 'attach', 'set selector', 'set serviceaccount',
  'gte', 'help', '');

// Manifests for the verbs that read standard input: valid, invalid, of other kinds, or not YAML at all.
const MANIFEST = pick(
  'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 4\n  serviceName: nginx\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:mainline',
  'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  serviceName: other\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: nginx\n        image: nginx:alpine',
  'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: bad\nspec:\n  replicas: -3\n  selector: {}\n  template: {}',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n  - name: c\n    image: busybox\n    command: ["sleep", "3600"]',
  'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: b',
  'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: web\nspec:\n  minAvailable: 120%\n  selector:\n    matchLabels:\n      app: web',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: 10.96.0.99\n  ports:\n  - port: 80',
  'kind: StatefulSet\nmetadata:\n  name: web',
  'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    name: lab\n- apiVersion: v1\n  kind: Nope\n  metadata:\n    name: x',
  'metadata: [unclosed\n  : :',
  '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","bogus":1},"spec":{"containers":[{"name":"c","image":"nginx:alpine"}]}}',
  '---\n---\n',
  '',
);

// Well-formed commands that change the cluster, so the random lines meet a cluster in many states.
const NODE = pick('kind-worker', 'kind-worker2', 'kind-worker3', 'kind-control-plane');
const CHANGE = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map((n) => `kubectl scale sts web --replicas=${n}`),
  pick('nginx:mainline', 'nginx:1.27', 'nginx:alpine', 'nginx:nope').map((i) => `kubectl set image sts/web nginx=${i}`),
  pick('kubectl set env sts/web GREETING=hello', 'kubectl set env sts/web GREETING-', 'kubectl set resources sts web --requests=cpu=100m',
    'kubectl set resources sts web --limits=cpu=50m --requests=cpu=100m', 'kubectl rollout pause deploy coredns -n kube-system'),
  fc.integer({ min: 0, max: 4 }).map((p) => `kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":${p}}}}}'`),
  pick('kubectl rollout undo sts/web', 'kubectl rollout restart sts/web', 'kubectl delete pod web-0 --wait=false', 'kubectl delete pod web-1 --force --grace-period=0',
    'kubectl delete sts web --cascade=orphan', 'kubectl delete pvc www-web-1 --wait=false', 'kubectl config set-context --current --namespace=kube-system',
    'kubectl config set-context --current --namespace=', 'kubectl create namespace lab', 'kubectl create pdb web --selector=app=web --min-available=2'),
  fc.tuple(pick('cordon', 'uncordon', 'drain --ignore-daemonsets --timeout=30s', 'delete node', 'taint nodes'), NODE)
    .map(([v, n]) => v === 'taint nodes' ? `kubectl taint nodes ${n} node.kubernetes.io/out-of-service=nodeshutdown:NoExecute` : `kubectl ${v} ${n}`),
  fc.tuple(NODE, pick('down', 'up')).map(([n, a]) => `sim node ${n} ${a}`),
).map((text) => ({ text }));

const LINE = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(VERB, WORDS).map(([v, w]) => ({ text: `kubectl ${[v, ...w].filter(Boolean).join(' ')}` })) },
  { weight: 4, arbitrary: CHANGE },
  { weight: 2, arbitrary: fc.tuple(pick('apply', 'create', 'replace', 'diff', 'delete', 'apply --dry-run=server', 'create --dry-run=client -o yaml', 'apply --server-side', 'replace --force'), MANIFEST)
    .map(([v, m]) => ({ text: `kubectl ${v} -f - <<EOF`, stdin: m })) },
  { weight: 1, arbitrary: fc.tuple(pick('web-0', 'web-1', 'web-7'), pick('ready', 'unready', 'crash', 'fail', 'evict')).map(([p, f]) => ({ text: `sim pod ${p} ${f}` })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 60_000 }).map((ms) => ({ text: `sim advance ${ms}ms` })) },
);

/** The script: the base, then each line (a heredoc's body and its EOF after it). */
function script(lines: { text: string; stdin?: string }[]): string {
  return BASE + lines.map((l) => (l.stdin === undefined ? l.text : `${l.text}\n${l.stdin}\nEOF`)).join('\n') + '\nsim settle --timeout=30m\n';
}

// Errors kubectl gives before it sends anything: the line is refused whole.
const REFUSED_BEFORE_SENDING = [
  /^error: unknown (flag|shorthand flag|command)/m, /^error: invalid argument ".*" for ".*" flag/m, /^error: the help of "kubectl/m,
  /^error: ".*" is not available in this simulated cluster/m, /^error: required flag\(s\)/m, /^See 'kubectl .*' for (usage|help)/m,
];

describe('kubectl input at random', () => {
  it('gets kubectl answers, never an internal error; lines refused before sending change nothing; invariants hold', () => {
    fc.assert(
      fc.property(fc.array(LINE, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1_000_000 }), (lines, seed) => {
        const problems: string[] = [];
        let text = '';
        let rvBefore = -1, textBefore = 0;
        const r = runScript(script(lines), (c) => { text += c.text; }, { seed, checks: true }, {
          onCluster: (c) => {
            let seen = 0;
            c.onPass((kind) => {
              // A sync that failed leaves the stored status stale until its retry (as on a real cluster): skip it.
              const failed = syncFailedSince(c, seen);
              seen = c.state.traceSeq;
              if (failed || !kind.startsWith('statefulset/')) return;
              // Pods deleted and nodes lost at random legally break the order invariants (§8.1, §8.4); the engine's
              // own fuzz checks those where they hold.
              for (const v of [...assertStatefulSetInvariants(c, { strictOrder: false }), ...checkCluster(c)]) if (problems.length < 5) problems.push(`t=${c.now}ms after ${kind}: ${v}`);
            });
          },
          afterStep: (step, session) => {
            const rv = session.cluster.store.state.resourceVersion;
            const out = text.slice(textBefore);
            if (!step.sim && rvBefore >= 0 && rv !== rvBefore && REFUSED_BEFORE_SENDING.some((re) => re.test(out))) {
              problems.push(`"${step.text}" was refused (${out.trim().split('\n')[0]}) yet changed the cluster`);
            }
            rvBefore = rv;
            textBefore = text.length;
          },
        });
        expect(r.exitCode, r.error).toBe(0);
        expect(text).not.toMatch(/error: internal/);
        expect(problems).toEqual([]);
      }),
      { numRuns: RUNS, seed: Number(process.env.KUBECTL_FUZZ_SEED ?? 20261127) },
    );
  }, TIMEOUT_MS);
});
