import { describe, expect, it } from 'vitest';
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
