// kubectl create secret generic|tls|docker-registry, and the group alone: the Secrets they generate (data as base64),
// kubectl's checks and refusals, --append-hash and --save-config; in kubectl 1.35's texts.
import { describe, expect, it } from 'vitest';
import type { Secret } from '../../engine/api/types.ts';
import { kc, testCluster } from '../testing.ts';
import type { KubectlIO } from '../types.ts';

const files = (f: Record<string, string | Uint8Array>): KubectlIO => ({
  readFileBytes: (p) => { const v = f[p]; return v === undefined ? null : typeof v === 'string' ? new TextEncoder().encode(v) : v; },
});
const secret = (c: ReturnType<typeof testCluster>, name: string): Secret | undefined => c.store.get('Secret', 'default', name) as Secret | undefined;
const decoded = (b64: string): string => Buffer.from(b64, 'base64').toString('utf8');

describe('kubectl create secret', () => {
  it('alone prints the group\'s help and fails; an unknown sub-command is a usage error', () => {
    const c = testCluster();
    const r = kc(c, 'create secret');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Create a secret with specified type\.\n\n A docker-registry type secret is for accessing a container registry\.\n/);
    expect(r.err).toContain('Usage:\n  kubectl create secret (docker-registry | generic | tls) [options]\n');
    expect(kc(c, 'create secret foo').err).toBe("error: unknown command \"foo\"\nSee 'kubectl create secret -h' for help and examples\n");
  });
});

describe('kubectl create secret generic', () => {
  it('creates an Opaque Secret (the server\'s default type) from literals, files and env files', () => {
    const c = testCluster();
    const io = files({ 'k/id_rsa': 'KEY', 'bin': Uint8Array.from([0xff, 0x00]) });
    expect(kc(c, 'create secret generic s1 --from-literal=user=admin --from-file=k/id_rsa --from-file=raw=bin', io)).toEqual({ out: 'secret/s1 created\n', err: '', code: 0 });
    expect(secret(c, 's1')).toMatchObject({ type: 'Opaque', data: { user: 'YWRtaW4=', id_rsa: 'S0VZ', raw: '/wA=' } });
    kc(c, 'create secret generic s2 --from-env-file=a.env --type=kubernetes.io/basic-auth', files({ 'a.env': 'username=u\npassword=p\n' }));
    expect(secret(c, 's2')).toMatchObject({ type: 'kubernetes.io/basic-auth', data: { username: 'dQ==', password: 'cA==' } });
    // kubectl 1.35 words the refusal with a colon.
    expect(kc(c, 'create secret generic s1 --from-literal=a=1').err).toBe('error: failed to create secret: secrets "s1" already exists\n');
    expect(kc(c, 'create secret generic bad --type=kubernetes.io/tls').err).toBe(
      'error: failed to create secret: Secret "bad" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]\n');
  });

  it('checks its arguments and keys in kubectl\'s words (literals before files)', () => {
    const c = testCluster();
    expect(kc(c, 'create secret generic').err).toBe("error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and examples\n");
    expect(kc(c, 'create secret generic x --from-env-file=e --from-literal=a=b').err).toBe('error: from-env-file cannot be combined with from-file or from-literal\n');
    expect(kc(c, 'create secret generic x --from-literal=bad/key=1').err).toBe("error: \"bad/key\" is not valid key name for a Secret a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')\n");
    expect(kc(c, 'create secret generic x --from-literal=a=1 --from-literal=a=2').err).toBe('error: cannot add key a, another key by that name already exists\n');
    expect(kc(c, 'create secret generic x --from-file=a=f --from-literal=a=1', files({ f: 'v' })).err).toBe('error: cannot add key a, another key by that name already exists\n');
    expect(kc(c, 'create secret generic x --from-file=missing').err).toBe('error: error reading missing: no such file or directory\n');
    expect(kc(c, 'create secret generic x --from-file==b').err).toBe('error: key name for file path b missing\n');
  });

  it('--append-hash suffixes the name with the hash of its data and type; dry runs print it as generated', () => {
    const c = testCluster();
    // The names a real kubectl gives these.
    expect(kc(c, 'create secret generic s4 --from-literal=a=1 --append-hash --type=foo').out).toBe('secret/s4-fd62k82fc9 created\n');
    expect(kc(c, 'create secret generic s5 --from-literal=a=1 --append-hash').out).toBe('secret/s5-g2k8m92h66 created\n');
    expect(kc(c, 'create secret generic s6 --from-literal=a=1 --dry-run=client -o yaml').out).toBe('apiVersion: v1\ndata:\n  a: MQ==\nkind: Secret\nmetadata:\n  name: s6\n');
    expect(kc(c, 'create secret generic s6 --dry-run=client -o json --type=t').out).toBe(
      '{\n    "kind": "Secret",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "s6"\n    },\n    "type": "t"\n}\n');
    expect(kc(c, 'create secret generic s6 --from-literal=a=1 --dry-run=server').out).toBe('secret/s6 created (server dry run)\n');
    expect(secret(c, 's6')).toBeUndefined();
  });

  it('--save-config stores the typed JSON, type last, as the last-applied annotation', () => {
    const c = testCluster();
    kc(c, 'create secret generic s --from-literal=a=1 --type=t --save-config -n default');
    expect(secret(c, 's')!.metadata!.annotations).toEqual({
      'kubectl.kubernetes.io/last-applied-configuration': '{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s","namespace":"default"},"data":{"a":"MQ=="},"type":"t"}\n',
    });
  });
});

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIIrYSSNQFaA2Hwf1\n-----END EC PRIVATE KEY-----\n';

describe('kubectl create secret tls', () => {
  it('stores the certificate and key files as tls.crt and tls.key', () => {
    const c = testCluster();
    expect(kc(c, 'create secret tls t --cert=c.pem --key=k.pem', files({ 'c.pem': CERT, 'k.pem': KEY })).out).toBe('secret/t created\n');
    const t = secret(c, 't')!;
    expect(t.type).toBe('kubernetes.io/tls');
    expect(decoded(t.data!['tls.crt']!)).toBe(CERT);
    expect(decoded(t.data!['tls.key']!)).toBe(KEY);
  });

  it('needs both files, readable, holding a certificate and a private key (Go\'s tls.X509KeyPair texts)', () => {
    const c = testCluster();
    const io = files({ 'c.pem': CERT, 'k.pem': KEY, 'none': 'hello', 'rsa.pem': KEY.replaceAll('EC PRIVATE', 'RSA PRIVATE'), 'pub.pem': '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n' });
    const tls = (args: string): string => kc(c, `create secret tls t ${args}`, io).err;
    expect(tls('')).toBe('error: key and cert must be specified\n');
    expect(tls('--cert=c.pem')).toBe('error: key and cert must be specified\n');
    expect(tls('--cert=x.crt --key=k.pem')).toBe('error: Cannot read file x.crt, open x.crt: no such file or directory\n');
    expect(tls('--cert=c.pem --key=x.key')).toBe('error: Cannot read file x.key, open x.key: no such file or directory\n');
    expect(tls('--cert=none --key=k.pem')).toBe('error: tls: failed to find any PEM data in certificate input\n');
    expect(tls('--cert=k.pem --key=c.pem')).toBe('error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched\n');
    expect(tls('--cert=pub.pem --key=k.pem')).toBe('error: tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [PUBLIC KEY]\n');
    expect(tls('--cert=c.pem --key=none')).toBe('error: tls: failed to find any PEM data in key input\n');
    expect(tls('--cert=c.pem --key=c.pem')).toBe('error: tls: found a certificate rather than a key in the PEM for the private key\n');
    expect(tls('--cert=c.pem --key=pub.pem')).toBe('error: tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [PUBLIC KEY]\n');
    expect(tls('--cert=c.pem --key=rsa.pem')).toBe('');
  });
});

describe('kubectl create secret docker-registry', () => {
  it('builds .dockerconfigjson as kubectl marshals it, with the auth field', () => {
    const c = testCluster();
    expect(kc(c, 'create secret docker-registry d1 --docker-username=u --docker-password=p --docker-email=e@x.com').out).toBe('secret/d1 created\n');
    const d = secret(c, 'd1')!;
    expect(d.type).toBe('kubernetes.io/dockerconfigjson');
    expect(decoded(d.data!['.dockerconfigjson']!)).toBe('{"auths":{"https://index.docker.io/v1/":{"username":"u","password":"p","email":"e@x.com","auth":"dTpw"}}}');
    // Go's HTML-safe escapes; no email, no email field. A real kubectl sends exactly these bytes.
    const json = JSON.parse(kc(c, ['create', 'secret', 'docker-registry', 'd2', '--docker-username=u', '--docker-password=p<>&', '--docker-server=my.io', '--dry-run=client', '-o', 'json']).out) as Secret;
    expect(json.data!['.dockerconfigjson']).toBe('eyJhdXRocyI6eyJteS5pbyI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InBcdTAwM2NcdTAwM2VcdTAwMjYiLCJhdXRoIjoiZFRwd1BENG0ifX19');
    // Its refusal has no colon.
    expect(kc(c, 'create secret docker-registry d1 --docker-username=u --docker-password=p').err).toBe('error: failed to create secret secrets "d1" already exists\n');
  });

  it('reads --from-file (a bare path keyed .dockerconfigjson) instead; needs one or the other', () => {
    const c = testCluster();
    const io = files({ 'config.json': '{"auths":{}}' });
    expect(kc(c, 'create secret docker-registry d --from-file=config.json', io).out).toBe('secret/d created\n');
    expect(decoded(secret(c, 'd')!.data!['.dockerconfigjson']!)).toBe('{"auths":{}}');
    const needs = 'error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required\n';
    expect(kc(c, 'create secret docker-registry x').err).toBe(needs);
    expect(kc(c, 'create secret docker-registry x --docker-username=u --docker-password=p --docker-server=').err).toBe(needs);
    expect(kc(c, 'create secret docker-registry x --from-file=missing.json').err).toBe('error: error reading missing.json: no such file or directory\n');
    expect(kc(c, 'create secret docker-registry x --from-file=bad.json', files({ 'bad.json': '[1]' })).err).toBe(
      'error: failed to create secret Secret "x" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}\n');
  });
});
