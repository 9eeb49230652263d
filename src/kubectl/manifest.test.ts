// Reading -f input as cli-runtime does: YAML or a JSON stream, and what is sent when the stream goes wrong part way.
// The texts are kubectl 1.33's for the same input (scripts/crosscheck/json-manifests.sim, manifest-streams.sim).
import { describe, expect, it } from 'vitest';
import { decodeManifests } from './manifest.ts';
import { kc, testCluster } from './testing.ts';

const svc = (name: string, extra = ''): string => `{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "${name}"}, "spec": {"ports": [{"port": 80${extra}}]}}`;
const names = (text: string): string[] => decodeManifests(text, 'STDIN').manifests.map((m) => m.object.metadata!.name!);
const errors = (text: string): string[] => decodeManifests(text, 'STDIN').errors;
const yamlSvc = (name: string): string => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports:\n  - port: 80\n`;

describe('decodeManifests: JSON streams (YAMLOrJSONDecoder)', () => {
  it('reads JSON values one after another, without separators', () => {
    expect(names(`${svc('c')}\n${svc('d')}\n`)).toEqual(['c', 'd']);
  });

  it('reports a syntax error with its offset in bytes, after the values before it', () => {
    const text = `${svc('e')} x\n`;
    expect(names(text)).toEqual(['e']);
    expect(errors(text)).toEqual([`error: error parsing STDIN: json: offset ${svc('e').length + 2}: invalid character 'x' looking for beginning of value`]);
    const wide = `\n   {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "f", "labels": {"ünïcødé": "x"}}, "spec": {"ports": [{"port": 80}]} oops}\n`;
    expect(errors(wide)).toEqual(["error: error parsing STDIN: json: offset 138: invalid character 'o' after object key:value pair"]);
  });

  it('says unexpected EOF for a value cut short', () => {
    expect(errors(svc('b').slice(0, -1) + '\n')).toEqual(['error: error parsing STDIN: unexpected EOF']);
  });

  it('reads the rest as YAML when JSON fails within the first two values, so a trailing comma passes', () => {
    expect(names('{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "a",}, "spec": {"ports": [{"port": 80}]}}\n')).toEqual(['a']);
    expect(names(`${svc('k')}\n${svc('l', ',')}\n`)).toEqual(['k', 'l']);
    expect(names(`${svc('h')}\n---\n${yamlSvc('i')}`)).toEqual(['h', 'i']);
  });

  it('after two JSON values a failure is final, reported without its offset', () => {
    const text = `${svc('s11')}\n${svc('s12')}\nx\n`;
    expect(names(text)).toEqual(['s11', 's12']);
    expect(errors(text)).toEqual(["error: error parsing STDIN: invalid character 'x' looking for beginning of value"]);
  });
});

describe('decodeManifests: YAML streams (YAMLReader)', () => {
  it('splits at lines that are --- alone or with a comment; more after --- is an invalid separator', () => {
    expect(names(`---\n---\n${yamlSvc('s3')}--- # comment\n`)).toEqual(['s3']);
    expect(names(`${yamlSvc('a')}---   \n${yamlSvc('b')}`)).toEqual(['a', 'b']);
    expect(names(`${yamlSvc('a')}--- # b\n${yamlSvc('c')}`)).toEqual(['a', 'c']);
    // Anything but a comment after --- is refused before its document is read (kubectl 1.33).
    expect(decodeManifests(`${yamlSvc('a')}--- b: 1\n`, 'STDIN')).toEqual({ manifests: [], errors: ['error: error parsing STDIN: invalid Yaml document separator: b: 1'], stopped: true });
  });

  it('a document that is no map is invalid data; one without kind is named; either ends the stream', () => {
    expect(errors(`${yamlSvc('s8')}---\n- a\n- b\n`)).toEqual(['error: error validating "STDIN": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false']);
    expect(errors(`${yamlSvc('s9')}---\njust a string\n`)).toEqual(['error: error validating "STDIN": error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false']);
    const r = decodeManifests(`${yamlSvc('s6')}---\nmetadata:\n  name: nokind\n---\n${yamlSvc('s7')}`, 'STDIN');
    expect(r.manifests.map((m) => m.object.metadata!.name)).toEqual(['s6']);
    expect(r.stopped).toBe(true);
    expect(r.errors).toEqual(['error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false']);
  });

  it('an unknown kind is an error for that object only: the stream goes on', () => {
    const r = decodeManifests(`${yamlSvc('s4')}---\napiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n---\n${yamlSvc('s5')}`, 'STDIN');
    expect(r.manifests.map((m) => m.object.metadata!.name)).toEqual(['s4', 's5']);
    expect(r.stopped).toBe(false);
    expect(r.errors).toEqual(['error: resource mapping not found for name: "w" namespace: "" from "STDIN": no matches for kind "Widget" in version "v1"\nensure CRDs are installed first']);
  });
});

describe('verbs on a stream that goes wrong part way', () => {
  it('apply and create send the objects read before the error, then report it', () => {
    const c = testCluster();
    expect(kc(c, 'apply -f -', { stdin: `${svc('e')} x\n` })).toEqual({
      out: 'service/e created\n', code: 1,
      err: `error: error parsing STDIN: json: offset ${svc('e').length + 2}: invalid character 'x' looking for beginning of value\n`,
    });
    expect(c.store.get('Service', 'default', 'e')).toBeDefined();
    const r = kc(c, 'create -f -', { stdin: `${yamlSvc('s4')}---\napiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n---\n${yamlSvc('s5')}` });
    expect(r.out).toBe('service/s4 created\nservice/s5 created\n');
    expect(r.err).toContain('no matches for kind "Widget" in version "v1"');
    expect(r.code).toBe(1);
  });

  it('only an error and no object is no "no objects passed" complaint', () => {
    const c = testCluster();
    expect(kc(c, 'apply -f -', { stdin: 'metadata:\n  name: x\n' }).err).toBe(
      'error: error validating "STDIN": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n');
    expect(kc(c, 'apply -f -', { stdin: '# nothing\n' }).err).toBe('error: no objects passed to apply\n');
  });

  it('delete and get act on the objects before the error and report it after theirs', () => {
    const c = testCluster();
    kc(c, 'apply -f -', { stdin: yamlSvc('a') });
    const r = kc(c, 'delete -f - --wait=false', { stdin: `${yamlSvc('a')}---\n- b\n` });
    expect(r.out).toBe('service "a" deleted from default namespace\n');
    // delete only decodes what the file holds (no schema check): a list is no object.
    expect(r.err).toBe('error: unable to decode "STDIN": json: cannot unmarshal array into Go value of type unstructured.detector\n');
    expect(c.store.get('Service', 'default', 'a')).toBeUndefined();
    kc(c, 'apply -f -', { stdin: yamlSvc('g') });
    const g = kc(c, 'get -f - -o name', { stdin: `${yamlSvc('g')}---\n- x\n` });
    expect(g.out).toBe('service/g\n');
    expect(g.err).toBe('unable to decode "STDIN": json: cannot unmarshal array into Go value of type unstructured.detector\n');
  });
});

describe('what the client checks before it sends', () => {
  it('get and describe only decode: a document without a kind, or no map, is an error for it alone, printed bare', () => {
    const c = testCluster();
    kc(c, 'apply -f -', { stdin: yamlSvc('g') });
    expect(kc(c, 'get -f - -o name', { stdin: `zz: 1\naa: [1, 2]\n---\n${yamlSvc('g')}---\n- a\n` })).toEqual({
      out: 'service/g\n', code: 1,
      err: 'unable to decode "STDIN": Object \'Kind\' is missing in \'{"aa":[1,2],"zz":1}\'\nunable to decode "STDIN": json: cannot unmarshal array into Go value of type unstructured.detector\n',
    });
    expect(kc(c, 'describe -f -', { stdin: 'a: b\n c: d\n' }).err).toBe('error parsing STDIN: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\n');
    expect(kc(c, 'label -f - x=y', { stdin: 'zz: 1\n' }).err).toBe('error: unable to decode "STDIN": Object \'Kind\' is missing in \'{"zz":1}\'\n');
    expect(kc(c, 'wait -f - --for=delete', { stdin: 'a: b\n c: d\n' }).err).toBe('error: error parsing STDIN: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context\n');
  });

  it('metadata of the wrong JSON type fails to decode on the client, before anything is sent', () => {
    const c = testCluster();
    expect(kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: [a]\n' })).toEqual({
      out: '', code: 1,
      err: 'error: unable to decode "STDIN": json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string\n',
    });
    expect(c.store.get('Pod', 'default', 'p')).toBeUndefined();
  });

  it('apply writes a null annotation as "" in last-applied, as the accessor\'s map[string]string reads it', () => {
    const c = testCluster();
    kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n  annotations:\n    a: null\nspec:\n  ports:\n  - port: 80\n' });
    expect(c.store.get('Service', 'default', 'svc')!.metadata!.annotations!['kubectl.kubernetes.io/last-applied-configuration']).toContain('"annotations":{"a":""}');
  });
});
