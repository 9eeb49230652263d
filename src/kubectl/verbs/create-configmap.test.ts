// kubectl create configmap: keys from literals, files (text in data, other bytes in binaryData) and env files, with
// kubectl's key and source errors; --append-hash, --save-config, dry runs; in kubectl 1.35's texts.
import { describe, expect, it } from 'vitest';
import type { ConfigMap } from '../../engine/api/types.ts';
import { kc, testCluster } from '../testing.ts';
import type { KubectlIO } from '../types.ts';

const files = (f: Record<string, string | Uint8Array>): KubectlIO => ({
  readFileBytes: (p) => { const v = f[p]; return v === undefined ? null : typeof v === 'string' ? new TextEncoder().encode(v) : v; },
});
const cm = (c: ReturnType<typeof testCluster>, name: string, ns = 'default'): ConfigMap | undefined => c.store.get('ConfigMap', ns, name) as ConfigMap | undefined;

describe('kubectl create configmap', () => {
  it('creates one from literals under either name; a second create is refused in kubectl\'s words', () => {
    const c = testCluster();
    expect(kc(c, 'create configmap c1 --from-literal=a=1 --from-literal=b.c=x=y --from-literal=e=')).toEqual({ out: 'configmap/c1 created\n', err: '', code: 0 });
    expect(cm(c, 'c1')!.data).toEqual({ a: '1', 'b.c': 'x=y', e: '' });
    expect(kc(c, 'create cm c1 --from-literal=a=1').err).toBe('error: failed to create configmap: configmaps "c1" already exists\n');
    expect(kc(c, 'create cm empty').out).toBe('configmap/empty created\n');
    expect(cm(c, 'empty')!.data).toBeUndefined();
  });

  it('checks NAME, then the flags, then the sources as kubectl does', () => {
    const c = testCluster();
    const usage = "\nSee 'kubectl create configmap -h' for help and examples\n";
    expect(kc(c, 'create configmap').err).toBe(`error: exactly one NAME is required, got 0${usage}`);
    expect(kc(c, 'create cm a b').err).toBe(`error: exactly one NAME is required, got 2${usage}`);
    expect(kc(c, ['create', 'cm', '']).err).toBe('error: name must be specified\n');
    expect(kc(c, 'create cm x --dry-run=bogus').err).toBe('error: Invalid dry-run value (bogus). Must be "none", "server", or "client".\n');
    expect(kc(c, 'create cm x --from-env-file=e --from-literal=a=1').err).toBe('error: from-env-file cannot be combined with from-file or from-literal\n');
    expect(kc(c, 'create cm x --from-env-file=e --from-file=f').err).toBe('error: from-env-file cannot be combined with from-file or from-literal\n');
    expect(kc(c, 'create cm x --from-literal=noequals').err).toBe('error: invalid literal source noequals, expected key=value\n');
    expect(kc(c, 'create cm x --from-literal==v').err).toBe('error: invalid literal source =v, expected key=value\n');
    expect(kc(c, 'create cm x --from-literal=bad/key=1').err).toBe("error: \"bad/key\" is not a valid key name for a ConfigMap: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n");
    expect(kc(c, 'create cm x --from-literal=..a=1').err).toBe("error: \"..a\" is not a valid key name for a ConfigMap: must not start with '..'\n");
    expect(kc(c, 'create cm x --from-literal=a=1 --from-literal=a=2').err).toBe('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "x"\n');
    expect(c.store.list('ConfigMap', 'default').map((o) => o.metadata!.name)).toEqual(['kube-root-ca.crt']);
  });

  it('reads files: the base name or the given key; UTF-8 text in data, other bytes in binaryData (base64)', () => {
    const c = testCluster();
    const io = files({ 'dir/app.properties': 'x=1\ny=2\n', 'blob.bin': Uint8Array.from([0xff, 0xfe, 0x00]), 'bom.txt': '\ufeffhi' });
    expect(kc(c, 'create cm f --from-file=dir/app.properties --from-file=raw=blob.bin --from-file=bom.txt --from-literal=z=1', io).out).toBe('configmap/f created\n');
    expect(cm(c, 'f')).toMatchObject({ data: { 'app.properties': 'x=1\ny=2\n', 'bom.txt': '\ufeffhi', z: '1' }, binaryData: { raw: '//4A' } });
    // Files come before literals: a literal repeating a file's key is the duplicate; binary keys are checked too.
    expect(kc(c, 'create cm g --from-file=a=dir/app.properties --from-literal=a=1', io).err).toBe('error: cannot add key "a", another key by that name already exists in Data for ConfigMap "g"\n');
    expect(kc(c, 'create cm g --from-file=a=blob.bin --from-literal=a=1', io).err).toBe('error: cannot add key "a", another key by that name already exists in BinaryData for ConfigMap "g"\n');
  });

  it('words a file source kubectl cannot use as kubectl does', () => {
    const c = testCluster();
    expect(kc(c, 'create cm x --from-file=missing.txt', files({})).err).toBe('error: error reading missing.txt: no such file or directory\n');
    expect(kc(c, 'create cm x --from-file=k=missing.txt').err).toBe('error: error reading missing.txt: no such file or directory\n');
    expect(kc(c, 'create cm x --from-file=a=b=c').err).toBe("error: key names or file paths cannot contain '='\n");
    expect(kc(c, 'create cm x --from-file==b').err).toBe('error: key name for file path b missing\n');
    expect(kc(c, 'create cm x --from-file=a=').err).toBe('error: file path for key name a missing\n');
    // The base name of a path with a bad key names the key.
    expect(kc(c, 'create cm x --from-file=a/b@c', files({ 'a/b@c': 'v' })).err).toMatch(/^error: "b@c" is not a valid key name for a ConfigMap: /);
  });

  it('reads env files: comments and blank lines skipped, leading space and a first-line BOM dropped, CRLF', () => {
    const c = testCluster();
    const io = files({ 'a.env': '\ufeff# comment\n\n  A=1\r\nB=x=y\nC\nD=', 'b.env': 'E=5\n' });
    expect(kc(c, 'create cm env --from-env-file=a.env --from-env-file=b.env', io).out).toBe('configmap/env created\n');
    expect(cm(c, 'env')!.data).toEqual({ A: '1', B: 'x=y', C: '', D: '', E: '5' });
    expect(kc(c, 'create cm x --from-env-file=missing.env', io).err).toBe('error: error reading missing.env: no such file or directory\n');
    expect(kc(c, 'create cm x --from-env-file=bad.env', files({ 'bad.env': 'A=1\n1X=2\n' })).err).toBe(
      "error: \"1X\" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n");
    expect(kc(c, 'create cm x --from-env-file=bin.env', files({ 'bin.env': Uint8Array.from([0x41, 0x3d, 0x31, 0x0a, 0x42, 0x3d, 0xff]) })).err).toBe(
      'error: env file bin.env contains invalid utf8 bytes at line 2: [66 61 255]\n');
    expect(kc(c, 'create cm x --from-env-file=dup.env', files({ 'dup.env': 'A=1\nA=2\n' })).err).toBe('error: cannot add key "A", another key by that name already exists in Data for ConfigMap "x"\n');
  });

  it('--append-hash suffixes the name with kubectl\'s hash of the contents', () => {
    const c = testCluster();
    // The names a real kubectl gives these.
    expect(kc(c, 'create cm c9 --from-literal=a=1 --append-hash').out).toBe('configmap/c9-8kkhf6h75k created\n');
    expect(cm(c, 'c9-8kkhf6h75k')!.data).toEqual({ a: '1' });
    const other = kc(c, 'create cm c9 --from-literal=a=2 --append-hash --dry-run=client -o name').out;
    expect(other).toMatch(/^configmap\/c9-[b-df-hj-np-tv-z2-9]{10}\n$/);
    expect(other).not.toBe('configmap/c9-8kkhf6h75k\n');
  });

  it('prints a client dry run as generated (json in struct order) and stores nothing; -n sets the namespace', () => {
    const c = testCluster();
    expect(kc(c, 'create cm x --from-literal=b=2 --from-literal=a=1 --dry-run=client -o yaml').out).toBe('apiVersion: v1\ndata:\n  a: "1"\n  b: "2"\nkind: ConfigMap\nmetadata:\n  name: x\n');
    expect(kc(c, 'create cm x --from-file=b=blob --dry-run=client -o json -n kube-system', files({ blob: Uint8Array.from([0x80]) })).out).toBe(
      '{\n    "kind": "ConfigMap",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "x",\n        "namespace": "kube-system"\n    },\n    "binaryData": {\n        "b": "gA=="\n    }\n}\n');
    expect(kc(c, 'create cm x --from-literal=a=1 --dry-run=client').out).toBe('configmap/x created (dry run)\n');
    expect(kc(c, 'create cm x --from-literal=a=1 --dry-run=server').out).toBe('configmap/x created (server dry run)\n');
    expect(cm(c, 'x')).toBeUndefined();
    expect(kc(c, 'create cm x --from-literal=a=1 -n kube-system').out).toBe('configmap/x created\n');
    expect(cm(c, 'x', 'kube-system')).toBeDefined();
  });

  it('--save-config stores the typed JSON (after the hash) as the last-applied annotation; the server validates the name', () => {
    const c = testCluster();
    const created = kc(c, 'create cm s --from-literal=k=v --save-config --append-hash -o name').out;
    const saved = cm(c, created.trim().slice('configmap/'.length));
    expect(saved!.metadata!.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': `{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"${saved!.metadata!.name}"},"data":{"k":"v"}}\n`,
    });
    expect(kc(c, 'create cm Bad_Name').err).toMatch(/^error: failed to create configmap: ConfigMap "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  });
});
