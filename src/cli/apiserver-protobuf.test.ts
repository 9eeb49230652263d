// The typed clients' protobuf bodies the API server shim reads: a Namespace, a Service, a PodDisruptionBudget, a
// ConfigMap, a Secret.
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject } from './apiserver-protobuf.ts';

// A tiny protobuf writer: a field is its key (number << 3 | wire type), then a varint or length and bytes.
const varint = (n: number): number[] => { const out: number[] = []; do { let b = n % 128; n = Math.floor(n / 128); if (n) b |= 128; out.push(b); } while (n); return out; };
const bytes = (n: number, b: Buffer): Buffer => Buffer.concat([Buffer.from([...varint(n * 8 + 2), ...varint(b.length)]), b]);
const text = (n: number, s: string): Buffer => bytes(n, Buffer.from(s));
const int = (n: number, v: number): Buffer => Buffer.from([...varint(n * 8), ...varint(v)]);
const message = (...parts: Buffer[]): Buffer => Buffer.concat(parts);
const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer =>
  Buffer.concat([Buffer.from('k8s\0', 'latin1'), bytes(1, message(text(1, apiVersion), text(2, kind))), bytes(2, raw)]);

describe('decodeProtobufObject', () => {
  it('reads a Namespace with its labels', () => {
    const meta = message(text(1, 'demo'), bytes(11, message(text(1, 'team'), text(2, 'a'))));
    expect(decodeProtobufObject(envelope('v1', 'Namespace', bytes(1, meta)))).toEqual({
      apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'demo', labels: { team: 'a' } }, spec: {},
    });
  });

  it('reads a Service: ports with int and named target ports, the selector, the cluster IP and type', () => {
    const port = (name: string, p: number, target: Buffer): Buffer => bytes(1, message(text(1, name), text(2, 'TCP'), int(3, p), bytes(4, target)));
    const spec = message(port('80-8080', 80, message(int(1, 0), int(2, 8080))), port('8080-http', 8080, message(int(1, 1), text(3, 'http'))),
      bytes(2, message(text(1, 'app'), text(2, 'svc1'))), text(3, 'None'), text(4, 'ClusterIP'));
    expect(decodeProtobufObject(envelope('v1', 'Service', message(bytes(1, text(1, 'svc1')), bytes(2, spec))))).toEqual({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc1' },
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }, { name: '8080-http', protocol: 'TCP', port: 8080, targetPort: 'http' }],
        selector: { app: 'svc1' }, clusterIP: 'None', type: 'ClusterIP',
      },
    });
  });

  it('reads a PodDisruptionBudget; anything else, or no envelope, is not read', () => {
    const spec = message(bytes(1, message(int(1, 1), text(3, '50%'))), bytes(2, message(bytes(1, message(text(1, 'app'), text(2, 'nginx'))))));
    expect(decodeProtobufObject(envelope('policy/v1', 'PodDisruptionBudget', message(bytes(1, text(1, 'p')), bytes(2, spec))))).toEqual({
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { minAvailable: '50%', selector: { matchLabels: { app: 'nginx' } } },
    });
    expect(decodeProtobufObject(envelope('v1', 'Pod', bytes(1, text(1, 'c'))))).toBeNull();
    expect(decodeProtobufObject(Buffer.from('{"kind":"Namespace"}'))).toBeNull();
  });

  it('reads a ConfigMap: data, binaryData as base64, immutable; an empty value has no value field', () => {
    const entry = (n: number, k: string, v?: Buffer): Buffer => bytes(n, message(text(1, k), ...(v ? [bytes(2, v)] : [])));
    const raw = message(bytes(1, text(1, 'c')), entry(2, 'a', Buffer.from('1')), entry(2, 'empty'), entry(3, 'bin', Buffer.from([0xff, 0x00])), int(4, 1));
    expect(decodeProtobufObject(envelope('v1', 'ConfigMap', raw))).toEqual({
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, immutable: true, data: { a: '1', empty: '' }, binaryData: { bin: '/wA=' },
    });
    expect(decodeProtobufObject(envelope('v1', 'ConfigMap', bytes(1, text(1, 'c'))))).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
  });

  it('reads a Secret: data as base64, type, stringData, immutable false', () => {
    const entry = (n: number, k: string, v: Buffer): Buffer => bytes(n, message(text(1, k), bytes(2, v)));
    const raw = message(bytes(1, text(1, 's')), entry(2, 'pw', Buffer.from('secret')), text(3, 'Opaque'), entry(4, 'user', Buffer.from('admin')), int(5, 0));
    expect(decodeProtobufObject(envelope('v1', 'Secret', raw))).toEqual({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, immutable: false, data: { pw: 'c2VjcmV0' }, stringData: { user: 'admin' }, type: 'Opaque',
    });
  });
});
