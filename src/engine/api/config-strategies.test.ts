// ConfigMap and Secret through the store: keys, sizes, the Secret types' keys, `immutable`, stringData merged into
// data, base64 read and written as Go does; and Go's StdEncoding itself.
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, base64OfText, utf8String } from './base64.ts';
import { MAX_SECRET_SIZE } from './config-strategies.ts';
import { apiCluster } from './test-fixtures.ts';
import type { ApiResult, JsonMap } from './types.ts';

const causes = (r: ApiResult<unknown>): string[] =>
  (r.ok ? [] : (r.status.details?.causes ?? []).map((x) => `${x.field}: ${x.message}`));
const message = (r: ApiResult<unknown>): string => (r.ok ? '' : r.status.message);

describe('Go base64 (StdEncoding)', () => {
  it('encodes padded and decodes what it encodes', () => {
    for (const s of ['', 'a', 'ab', 'abc', 'abcd', 's3cret', '中文 ✓']) {
      const b64 = base64OfText(s);
      expect(b64).toBe(Buffer.from(s).toString('base64'));
      const d = base64Decode(b64);
      expect(d.ok && utf8String(d.bytes)).toBe(s);
    }
    expect(base64Encode(Uint8Array.from([0, 255, 128]))).toBe('AP+A');
  });

  it('skips line breaks anywhere and fails at the byte Go names', () => {
    const d = base64Decode('YW\nJj\r\nZA==\n');
    expect(d.ok && utf8String(d.bytes)).toBe('abcd');
    expect(base64Decode('YWRtaW4')).toEqual({ ok: false, error: 'illegal base64 data at input byte 4' });
    expect(base64Decode('YW!j')).toEqual({ ok: false, error: 'illegal base64 data at input byte 2' });
    expect(base64Decode('Y===')).toEqual({ ok: false, error: 'illegal base64 data at input byte 1' });
    expect(base64Decode('YQ=')).toEqual({ ok: false, error: 'illegal base64 data at input byte 3' });
    expect(base64Decode('YQ==YQ==')).toEqual({ ok: false, error: 'illegal base64 data at input byte 4' });
    expect(base64Decode('YWJj\n')).toMatchObject({ ok: true });
  });
});

describe('ConfigMap strategy', () => {
  it('checks every key, a key in both data and binaryData, and the total size', () => {
    const c = apiCluster();
    const r = c.store.create('ConfigMap', { metadata: { name: 'cfg' }, data: { 'bad key': 'x', '..a': 'y', dup: 'z' }, binaryData: { dup: 'eA==' } });
    expect(causes(r)).toEqual([
      'data[..a]: Invalid value: "..a": must not start with \'..\'',
      `data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
      'data[dup]: Invalid value: "dup": duplicate of key present in binaryData',
    ]);
    const big = c.store.create('ConfigMap', { metadata: { name: 'big' }, data: { a: 'x'.repeat(MAX_SECRET_SIZE), b: 'y' } });
    expect(causes(big)).toEqual(['[]: Too long: may not be more than 1048576 bytes']);
    expect(c.store.get('ConfigMap', 'default', 'cfg') ?? c.store.get('ConfigMap', 'default', 'big')).toBeUndefined();
  });

  it('stores binaryData as Go writes it back, and refuses base64 that does not decode', () => {
    const c = apiCluster();
    const r = c.store.create('ConfigMap', { metadata: { name: 'cfg' }, binaryData: { a: 'aGVs\nbG8=' } });
    expect(r.ok && r.object.binaryData).toEqual({ a: 'aGVsbG8=' });
    const bad = c.store.create('ConfigMap', { metadata: { name: 'bad' }, binaryData: { a: 'aGVsbG8' } });
    expect(message(bad)).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: illegal base64 data at input byte 4');
    const wrong = c.store.create('ConfigMap', { metadata: { name: 'bad' }, data: { a: 1 } } as JsonMap);
    expect(message(wrong)).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
  });

  it('once immutable, keeps its data and its immutable flag; metadata may change', () => {
    const c = apiCluster();
    const r = c.store.create('ConfigMap', { metadata: { name: 'cfg' }, data: { a: 'b' }, immutable: true });
    if (!r.ok) throw new Error(r.status.message);
    const upd = c.store.update('ConfigMap', { ...r.object, data: { a: 'c' }, immutable: false });
    expect(causes(upd)).toEqual(['immutable: Forbidden: field is immutable when `immutable` is set', 'data: Forbidden: field is immutable when `immutable` is set']);
    const labelled = c.store.update('ConfigMap', { ...r.object, metadata: { ...r.object.metadata, labels: { x: 'y' } } });
    expect(labelled.ok).toBe(true);
  });
});

describe('Secret strategy', () => {
  it('merges stringData into data as base64 and drops it; the type defaults to Opaque', () => {
    const c = apiCluster();
    const r = c.store.create('Secret', { metadata: { name: 's' }, data: { user: 'YWRtaW4=', password: 'b2xk' }, stringData: { password: 's3cret' } });
    expect(r.ok && { data: r.object.data, type: r.object.type, stringData: r.object.stringData })
      .toEqual({ data: { user: 'YWRtaW4=', password: 'czNjcmV0' }, type: 'Opaque', stringData: undefined });
  });

  it('requires the keys of its type', () => {
    const c = apiCluster();
    expect(causes(c.store.create('Secret', { metadata: { name: 't' }, type: 'kubernetes.io/tls', data: {} })))
      .toEqual(['data[tls.crt]: Required value', 'data[tls.key]: Required value']);
    expect(causes(c.store.create('Secret', { metadata: { name: 'b' }, type: 'kubernetes.io/basic-auth' })))
      .toEqual(['data[username]: Required value', 'data[password]: Required value']);
    expect(c.store.create('Secret', { metadata: { name: 'b' }, type: 'kubernetes.io/basic-auth', stringData: { username: '' } }).ok).toBe(true);
    expect(causes(c.store.create('Secret', { metadata: { name: 'k' }, type: 'kubernetes.io/ssh-auth', stringData: { 'ssh-privatekey': '' } })))
      .toEqual(['data[ssh-privatekey]: Required value']);
    expect(causes(c.store.create('Secret', { metadata: { name: 'sa' }, type: 'kubernetes.io/service-account-token' })))
      .toEqual(['metadata.annotations[kubernetes.io/service-account.name]: Required value']);
    expect(causes(c.store.create('Secret', { metadata: { name: 'd' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{x' } })))
      .toEqual(['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'x\' looking for beginning of object key string']);
    expect(causes(c.store.create('Secret', { metadata: { name: 'd' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '[]' } })))
      .toEqual(['data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": json: cannot unmarshal array into Go value of type map[string]interface {}']);
    expect(causes(c.store.create('Secret', { metadata: { name: 'd' }, type: 'kubernetes.io/dockerconfigjson' })))
      .toEqual(['data[.dockerconfigjson]: Required value']);
    expect(c.store.create('Secret', { metadata: { name: 'd' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } }).ok).toBe(true);
  });

  it('keeps its type, and once immutable its data', () => {
    const c = apiCluster();
    const r = c.store.create('Secret', { metadata: { name: 's' }, stringData: { a: 'b' }, immutable: true });
    if (!r.ok) throw new Error(r.status.message);
    expect(causes(c.store.update('Secret', { ...r.object, type: 'Foo' }))).toEqual(['type: Invalid value: "Foo": field is immutable']);
    expect(causes(c.store.update('Secret', { ...r.object, stringData: { a: 'c' } }))).toEqual(['data: Forbidden: field is immutable when `immutable` is set']);
    expect(c.store.get('Secret', 'default', 's')!.data).toEqual({ a: 'Yg==' });
  });

  it('counts the decoded bytes against the 1 MiB limit', () => {
    const c = apiCluster();
    const r = c.store.create('Secret', { metadata: { name: 'big' }, stringData: { a: 'x'.repeat(MAX_SECRET_SIZE + 1) } });
    expect(causes(r)).toEqual(['data: Too long: may not be more than 1048576 bytes']);
  });
});
