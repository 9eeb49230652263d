// kubectl edit: the file the editor opens, what each kind of save does (editoptions.go), and how the scenario
// runner closes the editor with the line's heredoc.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { Session, type LineResult } from '../../scenario/session.ts';
import { SEED_MANIFEST } from '../../scenario/scenarios.ts';
import { transcript } from '../../scenario/runner.ts';
import { kc } from '../testing.ts';

const HEADER = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n#\n';

function seeded(): { c: Cluster; s: Session } {
  const c = Cluster.create({ seed: 1, freeze: true });
  const s = new Session(c, { terminal: true });
  s.exec('kubectl apply -f -', SEED_MANIFEST);
  c.settle(600_000);
  return { c, s };
}

const err = (r: LineResult): string => r.output.filter((o) => o.stream === 'err').map((o) => o.text).join('');
const out = (r: LineResult): string => r.output.filter((o) => o.stream === 'out').map((o) => o.text).join('');
const rv = (c: Cluster): number => c.store.state.resourceVersion;

/** Opens the editor on `args` and returns its text. */
function open(s: Session, args = 'sts nginx-web'): string {
  const r = s.exec(`kubectl edit ${args}`);
  expect(r.output).toEqual([]);
  expect(r.editor?.file).toMatch(/^\/tmp\/kubectl-edit-\d+\.(yaml|json)$/);
  return r.editor!.text;
}

describe('kubectl edit', () => {
  it('opens the object as the server has it under kubectl\'s header, and patches what was changed', () => {
    const { c, s } = seeded();
    const text = open(s);
    expect(text).toBe(HEADER + kc(c, 'get sts nginx-web -o yaml').out);
    expect(s.editing).toBeDefined();
    const r = s.editorClosed(text.replace('partition: 0', 'partition: 2'));
    expect(r).toMatchObject({ exitCode: 0, output: [{ stream: 'out', text: 'statefulset.apps/nginx-web edited\n' }] });
    expect(r.editor).toBeUndefined();
    expect(s.editing).toBeUndefined();
    expect(c.store.get('StatefulSet', 'default', 'nginx-web')!.spec!.updateStrategy!.rollingUpdate!.partition).toBe(2);
    // The same write as a standalone line, which is what a timeline logs and replays.
    expect(r.logAs).toEqual([{ line: `kubectl patch statefulsets.apps nginx-web -n default --type=strategic -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}'` }]);
    const replay = seeded();
    expect(replay.s.exec(r.logAs![0].line).exitCode).toBe(0);
    expect(replay.c.store.get('StatefulSet', 'default', 'nginx-web')!.spec).toEqual(c.store.get('StatefulSet', 'default', 'nginx-web')!.spec);
  });

  it('changes nothing when the file is saved unchanged, with other comments or key order, or empty', () => {
    const { c, s } = seeded();
    const before = rv(c);
    let text = open(s);
    expect(s.editorClosed()).toEqual({ output: [{ stream: 'err', text: 'Edit cancelled, no changes made.\n' }], exitCode: 0 });
    text = open(s);
    const reordered = text.replace('# reopened with the relevant failures.\n', '# my note\n').replace('  podManagementPolicy: OrderedReady\n', '') + '';
    const moved = reordered.replace('  replicas: 3\n', '  replicas: 3\n  podManagementPolicy: OrderedReady\n');
    expect(err(s.editorClosed(moved))).toBe('Edit cancelled, no changes made.\n');
    open(s);
    expect(s.editorClosed('# only a comment\n\n')).toEqual({ output: [{ stream: 'err', text: 'Edit cancelled, saved file was empty.\n' }], exitCode: 0 });
    expect(rv(c)).toBe(before);
  });

  it('reopens the file with the API server\'s reasons; closing it unchanged keeps a copy and fails', () => {
    const { c, s } = seeded();
    const before = rv(c);
    const text = open(s);
    const bad = text.replace('replicas: 3', 'replicas: -1');
    const r = s.editorClosed(bad);
    expect(r.output).toEqual([{ stream: 'err', text: 'error: statefulsets.apps "nginx-web" is invalid\n' }]);
    expect(r.exitCode).toBe(0);
    expect(r.editor!.text).toBe(HEADER + '# statefulsets.apps "nginx-web" was not valid:\n' +
      '# * spec.replicas: Invalid value: -1: must be greater than or equal to 0\n#\n' + bad.slice(HEADER.length));
    const file = r.editor!.file;
    expect(s.editorClosed()).toEqual({
      output: [
        { stream: 'err', text: `A copy of your changes has been stored to "${file}"\n` },
        { stream: 'err', text: 'error: Edit cancelled, no valid changes were saved.\n' },
      ],
      exitCode: 1,
    });
    expect(rv(c)).toBe(before);
  });

  it('takes the corrected file after a refusal, and lists every cause of a forbidden change', () => {
    const { c, s } = seeded();
    const r = s.editorClosed(open(s).replace('serviceName: nginx', 'serviceName: other'));
    expect(err(r)).toBe('error: statefulsets.apps "nginx-web" is invalid\n');
    expect(r.editor!.text).toContain("# statefulsets.apps \"nginx-web\" was not valid:\n# * spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n#\napiVersion: apps/v1\n");
    const fixed = s.editorClosed(r.editor!.text.replace('serviceName: other', 'serviceName: nginx').replace('replicas: 3', 'replicas: 4'));
    expect(fixed).toMatchObject({ exitCode: 0, output: [{ stream: 'out', text: 'statefulset.apps/nginx-web edited\n' }] });
    expect(c.store.get('StatefulSet', 'default', 'nginx-web')!.spec!.replicas).toBe(4);
  });

  it('reopens a file whose value does not fit its field with the patch handler\'s reason', () => {
    const { c, s } = seeded();
    const before = rv(c);
    const r = s.editorClosed(open(s).replace('replicas: 3', 'replicas: three'));
    expect(err(r)).toBe('error: statefulsets.apps "nginx-web" is invalid\n');
    expect(r.editor!.text).toContain('# statefulsets.apps "nginx-web" was not valid:\n# * patch: Invalid value: "map[spec:map[replicas:three]]": unrecognized type: int32\n#\n');
    expect(rv(c)).toBe(before);
  });

  it('reopens a file with a syntax error, saying where, without writing anything', () => {
    const { s } = seeded();
    const r = s.editorClosed(open(s).replace('  replicas: 3\n', '  replicas: 3\n   foo: : 1\n'));
    expect(r.output).toEqual([]);
    expect(r.editor!.text).toMatch(/^# Please edit[^]*#\n# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: mapping values are not allowed in this context\n#\napiVersion: apps\/v1\n/);
  });

  it('refuses a changed name, a lost uid and a stale resourceVersion, keeping the file; reopens one with an unknown field', () => {
    const { c, s } = seeded();
    const before = rv(c);
    let r = s.editorClosed(open(s).replace('  name: nginx-web\n', '  name: other\n'));
    expect(err(r)).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/);
    expect(r.exitCode).toBe(1);
    r = s.editorClosed(open(s).replace(/ {2}uid: .*\n/, ''));
    expect(err(r)).toMatch(/error: no original object found for &unstructured\.Unstructured\{Object:map\[string\]interface \{\}\{"apiVersion":"apps\/v1", "kind":"StatefulSet", "metadata":map\[string\]interface \{\}\{/);
    // Strict field validation refuses a patch with an unknown field as the patch handler's Invalid: kubectl reopens.
    r = s.editorClosed(open(s).replace('  replicas: 3\n', '  replicas: 3\n  foo: 1\n'));
    expect(err(r)).toBe('error: statefulsets.apps "nginx-web" is invalid\n');
    expect(r.editor!.text).toContain('# statefulsets.apps "nginx-web" was not valid:\n# * patch: Invalid value: "map[spec:map[foo:1]]": strict decoding error: unknown field "spec.foo"\n#\n');
    expect(s.editorClosed()).toMatchObject({ exitCode: 1 });
    // Several: the converter's errors, sorted.
    r = s.editorClosed(open(s).replace('  replicas: 3\n', '  replicas: 3\n  zz: 1\n  aa: 2\n'));
    expect(r.editor!.text).toContain('"map[spec:map[aa:2 zz:1]]": strict decoding error: unknown field "spec.aa", unknown field "spec.zz"\n');
    s.editorClosed();
    expect(rv(c)).toBe(before);
    const text = open(s);
    const stale = text.replace(/resourceVersion: "(\d+)"/, 'resourceVersion: "1"').replace('partition: 0', 'partition: 1');
    r = s.editorClosed(stale);
    expect(err(r)).toMatch(/^error: statefulsets\.apps "nginx-web" could not be patched: Operation cannot be fulfilled on statefulsets\.apps "nginx-web": the object has been modified; please apply your changes to the latest version and try again\nYou can run `kubectl replace -f /);
    expect(rv(c)).toBe(before);
  });

  it('patches the cluster as it is when the editor closes: status changes meanwhile do not conflict, a deleted object is reported', () => {
    const { c, s } = seeded();
    const text = open(s);
    s.exec('kubectl delete pod nginx-web-2 --wait=false');
    c.settle(600_000);
    expect(out(s.editorClosed(text.replace('partition: 0', 'partition: 1')))).toBe('statefulset.apps/nginx-web edited\n');
    const svc = open(s, 'svc nginx');
    s.exec('kubectl delete svc nginx');
    const r = s.editorClosed(svc.replace('app: nginx', 'app: web'));
    expect(err(r)).toMatch(/^error: services "nginx" could not be found on the server\nThe edits you made on deleted resources have been saved to "\/tmp\/kubectl-edit-\d+\.yaml"\n$/);
    expect(r.exitCode).toBe(1);
  });

  it('edits several objects as a List: each changed one is patched, the others skipped', () => {
    const { c, s } = seeded();
    const text = open(s, 'pod nginx-web-0 nginx-web-1');
    expect(text.startsWith(HEADER + 'apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n')).toBe(true);
    expect(text.endsWith('kind: List\nmetadata: {}\n')).toBe(true);
    const r = s.editorClosed(text.replace('app: nginx', 'app: nginx\n      tier: web'));
    expect(out(r)).toBe('pod/nginx-web-0 edited\npod/nginx-web-1 skipped\n');
    expect(c.store.get('Pod', 'default', 'nginx-web-0')!.metadata!.labels!.tier).toBe('web');
  });

  it('-o json edits JSON without the header; --output-patch and --save-config', () => {
    const { c, s } = seeded();
    const r0 = s.exec('kubectl edit svc nginx -o json --output-patch --save-config');
    expect(r0.editor!.file).toMatch(/\.json$/);
    expect(r0.editor!.text).toBe(kc(c, 'get svc nginx -o json').out);
    const r = s.editorClosed(r0.editor!.text.replace('"clusterIP": "None",', '"clusterIP": "None",\n        "publishNotReadyAddresses": true,'));
    expect(out(r)).toMatch(/^Patch: \{"metadata":\{"annotations":\{"kubectl.kubernetes.io\/last-applied-configuration":"\{.*\\n"\}\},"spec":\{"publishNotReadyAddresses":true\}\}\n\{\n {4}"apiVersion": "v1",/);
    expect(c.store.get('Service', 'default', 'nginx')!.spec!.publishNotReadyAddresses).toBe(true);
  });

  it('gives kubectl\'s errors before any editor opens', () => {
    const { c } = seeded();
    expect(kc(c, 'edit sts nope')).toEqual({ out: '', err: 'Error from server (NotFound): statefulsets.apps "nope" not found\n', code: 1 });
    expect(kc(c, 'edit').err).toMatch(/^error: You must provide one or more resources by argument or filename\./);
    expect(kc(c, 'edit pods -n nowhere').err).toBe('error: edit cancelled, no objects found\n');
    expect(kc(c, 'edit sts nginx-web -o name').err).toBe('error: unable to match a printer suitable for the output format "name", allowed formats are: json,yaml\n');
    expect(kc(c, 'edit sts nginx-web --subresource=scale').err).toBe('error: invalid subresource value: "scale". Must be one of [status]\n');
  });

  it('in a script, the heredoc is the file as saved; without one the editor is closed unchanged', () => {
    const { c } = seeded();
    const uid = c.store.get('Service', 'default', 'nginx')!.metadata!.uid;
    const script = `kubectl apply -f - <<EOF\n${SEED_MANIFEST}EOF\nsim settle\nkubectl edit svc nginx\n` +
      `kubectl edit svc nginx <<EOF\napiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  uid: ${uid}\n  labels:\n    tier: web\nspec:\n  clusterIP: None\nEOF\n` +
      `kubectl edit sts nginx-web <<EOF\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: nginx-web\nspec:\n  replicas: -1\nEOF\n` +
      'kubectl get svc nginx --show-labels\n';
    const t = transcript(script, { seed: 1 });
    expect(t.exitCode).toBe(0);
    expect(t.text).toContain('$ kubectl edit svc nginx\nEdit cancelled, no changes made.\n');
    expect(t.text).toContain('$ kubectl edit svc nginx <<EOF\nservice/nginx edited\n');
    expect(t.text).toMatch(/\$ kubectl edit sts nginx-web <<EOF\nA copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: no original object found for /);
    expect(t.text).toMatch(/tier=web\n$/);
  });
});

describe('kubectl edit --validate', () => {
  it('warn drops an unknown field with the API server\'s warning; an unknown value is refused after the lookup', () => {
    const { c, s } = seeded();
    const r0 = s.exec('kubectl edit sts nginx-web --validate=warn');
    const r = s.editorClosed(r0.editor!.text.replace('  replicas: 3\n', '  replicas: 3\n  foo: 1\n').replace('partition: 0', 'partition: 1'));
    expect(r.output).toEqual([{ stream: 'err', text: 'Warning: unknown field "spec.foo"\n' }, { stream: 'out', text: 'statefulset.apps/nginx-web edited\n' }]);
    expect(c.store.get('StatefulSet', 'default', 'nginx-web')!.spec!.updateStrategy!.rollingUpdate!.partition).toBe(1);
    expect(kc(c, 'edit sts nope --validate=maybe').err).toBe('Error from server (NotFound): statefulsets.apps "nope" not found\n');
    expect(kc(c, 'edit sts nginx-web --validate=maybe').err).toBe('error: invalid - validate option "maybe"; must be one of: strict (or true), warn, ignore (or false)\n');
  });
});
