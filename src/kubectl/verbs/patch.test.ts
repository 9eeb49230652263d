import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster.ts';
import { kc, put, testCluster, webSet } from '../testing.ts';

function cluster() {
  const c = testCluster();
  put(c, 'StatefulSet', webSet());
  return c;
}

describe('kubectl patch: bodies the API server cannot decode', () => {
  it('reads JSON and merge patch bodies as typed values first (Warn field validation), a 400 when they do not fit', () => {
    const c = cluster();
    const err = (args: string) => kc(c, `patch sts web ${args}`).err;
    const decoding = (what: string) => `Error from server (BadRequest): error decoding patch: json: cannot unmarshal ${what}\n`;
    expect(err(`--type=json -p '{"op":"add"}'`)).toBe(decoding('object into Go value of type []handlers.jsonPatchOp'));
    expect(err(`--type=json -p '[1]'`)).toBe(decoding('number into Go value of type handlers.jsonPatchOp'));
    expect(err(`--type=json -p '[{"op":"add","path":5}]'`)).toBe(decoding('number into Go struct field jsonPatchOp.path of type string'));
    expect(err(`--type=merge -p '[1,2]'`)).toBe(decoding('array into Go value of type map[string]interface {}'));
    expect(err(`--type=merge -p 'null'`)).toBe('Error from server (BadRequest): Invalid JSON Patch\n');
    expect(kc(c, `patch sts web --type=json -p 'null'`).out).toBe('statefulset.apps/web patched (no change)\n');
  });
});

describe('kubectl patch --dry-run=client', () => {
  it('applies the patch itself and prints its own errors (getPatchedJSON), not the server\'s', () => {
    const c = cluster();
    const err = (args: string) => kc(c, `patch sts web --dry-run=client ${args}`).err;
    expect(err(`-p '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}'`)).toBe('error: map: map[image:x] does not contain declared merge key: name\n');
    expect(err(`-p '[1]'`)).toBe('error: invalid JSON document\n');
    expect(err(`--type=json -p '[{"op":"remove","path":"/spec/nope"}]'`)).toBe("error: error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value\n");
    expect(err(`--type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/7","value":1}]'`))
      .toBe('error: Object to be patched is missing field (/spec/template/spec/containers/7: missing value)\n');
    expect(err(`--type=json -p '"x"'`)).toBe('error: json: cannot unmarshal string into Go value of type jsonpatch.Patch\n');
  });
});

describe('kubectl patch: the API server\'s default field validation and no-op patches', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  ports:\n  - port: 80\n';
  function served(): Cluster {
    const c = Cluster.create({ freeze: true });
    kc(c, 'create -f -', { stdin: svc });
    return c;
  }
  const rv = (c: Cluster) => c.store.get('Service', 'default', 'nginx')!.metadata!.resourceVersion;

  it('drops unknown fields with a warning each (Warn: kubectl patch names no fieldValidation), keeping the rest', () => {
    const c = served();
    const before = rv(c);
    expect(kc(c, `patch svc nginx -p '{"spec":{"foo":1}}'`)).toEqual({ out: 'service/nginx patched (no change)\n', err: 'Warning: unknown field "spec.foo"\n', code: 0 });
    expect(rv(c)).toBe(before);
    expect(kc(c, `patch svc nginx -p '{"spec":{"foo":1,"bar":{"x":1},"publishNotReadyAddresses":true}}'`)).toEqual({
      out: 'service/nginx patched\n', err: 'Warning: unknown field "spec.foo"\nWarning: unknown field "spec.bar"\n', code: 0,
    });
    const s = c.store.get('Service', 'default', 'nginx')!;
    expect(s.spec!.publishNotReadyAddresses).toBe(true);
    expect(Object.keys(s.spec!)).not.toContain('foo');
    // create and apply send Strict (kubectl's --validate default): every unknown field is named.
    expect(kc(c, 'create -f -', { stdin: svc.replace('name: nginx', 'name: other').replace('clusterIP: None', 'clusterIP: None\n  foo: 1\n  bar: 2') }).err)
      .toBe('Error from server (BadRequest): error when creating "STDIN": Service in version "v1" cannot be handled as a Service: strict decoding error: unknown field "spec.foo", unknown field "spec.bar"\n');
  });

  it('a patch the server finds nothing to change in is not written: `patched (no change)`, same resourceVersion', () => {
    const c = served();
    const before = rv(c);
    // Sets a field to the value defaulting gives it anyway.
    expect(kc(c, `patch svc nginx -p '{"spec":{"sessionAffinity":"None"}}'`).out).toBe('service/nginx patched (no change)\n');
    expect(rv(c)).toBe(before);
  });

  it('takes the patch from --patch-file, with kubectl\'s texts for a missing or doubled one', () => {
    const c = served();
    const files = { readFile: (p: string) => (p === 'p.json' ? '{"spec":{"publishNotReadyAddresses":true}}' : null) };
    expect(kc(c, 'patch svc nginx --patch-file p.json', files).out).toBe('service/nginx patched\n');
    expect(kc(c, 'patch svc nginx --patch-file nope.json', files).err).toBe('error: unable to read patch file: open nope.json: no such file or directory\n');
    expect(kc(c, `patch svc nginx -p '{}' --patch-file p.json`, files).err).toBe('error: cannot specify --patch and --patch-file together\n');
    expect(kc(c, 'patch svc nginx').err).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
  });

  it('checks the patch flags before --type, whose value is matched without regard to case; quotes a -p it cannot parse as Go does', () => {
    const c = served();
    expect(kc(c, 'patch svc nginx --type=foo').err).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect(kc(c, `patch svc nginx --type=foo -p '{}'`).err).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect(kc(c, `patch svc nginx --type=Merge -p '{"metadata":{"labels":{"a":"b"}}}'`).out).toBe('service/nginx patched\n');
    expect(kc(c, `patch svc nginx -p '{"spec":{"ports":'`).err).toMatch(/^error: unable to parse "\{\\"spec\\":\{\\"ports\\":": yaml: /);
  });
});

describe('kubectl patch: a result that does not decode is the patch handler\'s Invalid', () => {
  it('strategic: the converter\'s error with the patch as Go prints it; merge: the JSON decoder\'s with the patched object', () => {
    const c = Cluster.create({ freeze: true });
    kc(c, 'create -f -', { stdin: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  ports:\n  - port: 80\n' });
    const before = c.store.state.resourceVersion;
    expect(kc(c, `patch svc nginx -p '{"spec":{"ports":[{"port":"eighty"}]}}'`).err)
      .toBe('The request is invalid: patch: Invalid value: "map[spec:map[ports:[map[port:eighty]]]]": unrecognized type: int32\n');
    expect(kc(c, `patch svc nginx -p '{"spec":{"publishNotReadyAddresses":1}}'`).err)
      .toBe('The request is invalid: patch: Invalid value: "map[spec:map[publishNotReadyAddresses:1]]": unrecognized type: bool\n');
    expect(kc(c, `patch svc nginx -p '{"spec":{"selector":["a"]}}'`).err)
      .toBe('The request is invalid: patch: Invalid value: "map[spec:map[selector:[a]]]": cannot restore map from slice\n');
    expect(kc(c, `patch svc nginx --type merge -p '{"spec":{"publishNotReadyAddresses":1}}'`).err)
      .toMatch(/^The request is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"v1\\",.*\\"publishNotReadyAddresses\\":1,.*": json: cannot unmarshal number into Go struct field ServiceSpec\.spec\.publishNotReadyAddresses of type bool\n$/);
    expect(c.store.state.resourceVersion).toBe(before);
  });
});
