import { describe, expect, it } from 'vitest';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';
import { kc, testCluster } from '../testing.ts';

const SET = SEED_MANIFEST.split('---\n')[1];
const withEnv = (env: string) => SET.replace('        image: nginx:alpine\n', `        image: nginx:alpine\n        env:\n${env}`);
const INFO = 'to:\nResource: "apps/v1, Resource=statefulsets", GroupVersionKind: "apps/v1, Kind=StatefulSet"\nName: "nginx-web", Namespace: "default"\nfor: "web.yaml": error when patching "web.yaml": ';

function setup() {
  const files: Record<string, string> = { 'web.yaml': SET };
  const c = testCluster();
  const io = { readFile: (p: string) => files[p] ?? null };
  return { c, files, apply: () => kc(c, 'apply -f web.yaml', io) };
}

describe('kubectl apply: a patch that fails', () => {
  it('shows the server\'s refusal of the three-way patch wrapped as apply.go does, not as an internal error', () => {
    const { files, apply } = setup();
    files['web.yaml'] = withEnv('        - name: A\n          value: "1"\n');
    apply();
    // Duplicate env names: kubectl's patch lists B twice, in an order $setElementOrder cannot match.
    files['web.yaml'] = withEnv('        - name: B\n          value: "2"\n        - name: A\n          value: "2"\n        - name: B\n          value: "1"\n');
    const r = apply();
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Error from server: error when applying patch:\n\{"metadata":\{"annotations":\{"kubectl.kubernetes.io\/last-applied-configuration":/);
    expect(r.err).toContain(`}\n${INFO}the order in patch list:\n[map[name:B value:1] map[name:B value:2] map[name:A value:2]]\n`);
  });

  it('shows an Invalid answer from its causes, as checkErr does (the wrapping is in the message it does not print)', () => {
    const { files, apply } = setup();
    apply();
    files['web.yaml'] = SET.replace('  serviceName: nginx\n', '  serviceName: nginx\n  foo: 1\n');
    const r = apply();
    // Strict field validation: the patch handler refuses the unknown field on `patch`, with the patch as Go prints it.
    expect(r.err).toMatch(/^The request is invalid: patch: Invalid value: "map\[metadata:map\[annotations:map\[kubectl\.kubernetes\.io\/last-applied-configuration:\{.*\]\] spec:map\[foo:1 .*\]\]": strict decoding error: unknown field "spec\.foo"\n$/);
    expect(r.code).toBe(1);
  });

  it('warns twice and fails as patcher.go does when it cannot compute the patch', () => {
    const { c, files, apply } = setup();
    apply();
    files['web.yaml'] = SET.replace('      - name: nginx\n        image: nginx:alpine\n', '      - image: nginx:alpine\n');
    const r = apply();
    const why = 'map: map[image:nginx:alpine ports:[map[containerPort:80 name:web]] volumeMounts:[map[mountPath:/usr/share/nginx/html name:www-storage]]] does not contain declared merge key: name';
    const last = c.store.get('StatefulSet', 'default', 'nginx-web')!.metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration'];
    expect(r.err).toMatch(new RegExp(`^warning: error calculating patch from openapi v3 spec: .*\nwarning: error calculating patch from openapi spec: .*\nerror: error when applying patch:\n\n${INFO.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}creating patch with:\noriginal:\n`));
    expect(r.err).toContain(`original:\n${last}\nmodified:\n{"apiVersion":"apps/v1"`);
    expect(r.err).toContain(`\n\nfor:: ${why}\n`);
    expect(r.err.split(why).length).toBe(4);
  });
});

describe('kubectl apply: a last-applied annotation that is not JSON', () => {
  it('cannot compute the patch (ErrBadJSONDoc) instead of ignoring the annotation', () => {
    const { c, files, apply } = setup();
    apply();
    const sts = c.store.get('StatefulSet', 'default', 'nginx-web')!;
    c.store.update('StatefulSet', { ...sts, metadata: { ...sts.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{oops' } } });
    files['web.yaml'] = SET.replace('replicas: 3', 'replicas: 4');
    const r = apply();
    expect(r.err).toMatch(/^warning: error calculating patch from openapi v3 spec: invalid JSON document\n/);
    expect(r.err).toContain('creating patch with:\noriginal:\n{oops\nmodified:\n');
    expect(r.err).toMatch(/\n\nfor:: invalid JSON document\n$/);
    expect(c.store.get('StatefulSet', 'default', 'nginx-web')!.spec!.replicas).toBe(3);
  });
});
