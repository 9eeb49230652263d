// The protobuf bodies kubectl's typed clients send (`create namespace|service|pdb|configmap|secret`), read into
// the JSON objects the API server shim stores, so that those verbs can be crosschecked too. Only the messages and
// fields those generators fill are known; anything else is skipped. A body is the `k8s\0` magic, then a
// runtime.Unknown message (1: typeMeta {1: apiVersion, 2: kind}, 2: raw, the object's own message).

type Reader = { buf: Buffer; at: number };

function varint(r: Reader): number {
  let v = 0, mul = 1;
  for (;;) {
    const b = r.buf[r.at++];
    v += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) return v;
    mul *= 128;
  }
}

/** The fields of one message: number → values (a varint as a number, a length-delimited field as bytes). */
function fields(buf: Buffer): Map<number, Array<number | Buffer>> {
  const r: Reader = { buf, at: 0 };
  const out = new Map<number, Array<number | Buffer>>();
  while (r.at < buf.length) {
    const key = varint(r);
    const num = Math.floor(key / 8), wire = key & 7;
    let v: number | Buffer;
    if (wire === 0) v = varint(r);
    else if (wire === 2) { const n = varint(r); v = buf.subarray(r.at, r.at + n); r.at += n; }
    else if (wire === 1) { v = Number(buf.readBigInt64LE(r.at)); r.at += 8; }
    else if (wire === 5) { v = buf.readInt32LE(r.at); r.at += 4; }
    else break;
    out.set(num, [...(out.get(num) ?? []), v]);
  }
  return out;
}

type Fields = ReturnType<typeof fields>;
const str = (f: Fields, n: number): string | undefined => { const v = f.get(n)?.[0]; return Buffer.isBuffer(v) ? v.toString('utf8') : undefined; };
const num = (f: Fields, n: number): number | undefined => { const v = f.get(n)?.[0]; return typeof v === 'number' ? v : undefined; };
const msg = (f: Fields, n: number): Fields | undefined => { const v = f.get(n)?.[0]; return Buffer.isBuffer(v) ? fields(v) : undefined; };
const msgs = (f: Fields, n: number): Fields[] => (f.get(n) ?? []).filter(Buffer.isBuffer).map((b) => fields(b as Buffer));
const strs = (f: Fields, n: number): string[] => (f.get(n) ?? []).filter(Buffer.isBuffer).map((b) => (b as Buffer).toString('utf8'));

// A map<string,string> field: entries with key 1 and value 2.
function stringMap(f: Fields, n: number): Record<string, string> | undefined {
  const entries = msgs(f, n);
  if (!entries.length) return undefined;
  return Object.fromEntries(entries.map((e) => [str(e, 1) ?? '', str(e, 2) ?? '']));
}

// A map<string,bytes> field (a []byte map: Secret data, ConfigMap binaryData), as its JSON form: base64 values.
function bytesMap(f: Fields, n: number): Record<string, string> | undefined {
  const entries = msgs(f, n);
  if (!entries.length) return undefined;
  return Object.fromEntries(entries.map((e) => {
    const v = e.get(2)?.[0];
    return [str(e, 1) ?? '', Buffer.isBuffer(v) ? v.toString('base64') : ''];
  }));
}

// An optional bool: present (0 or 1) or absent.
const bool = (f: Fields, n: number): boolean | undefined => { const v = num(f, n); return v === undefined ? undefined : v !== 0; };

// Adds the entries whose value is not undefined.
function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// ObjectMeta: 1 name, 2 generateName, 3 namespace, 11 labels, 12 annotations.
const objectMeta = (f: Fields | undefined): Record<string, unknown> => (f ? defined({
  name: str(f, 1), generateName: str(f, 2), namespace: str(f, 3), labels: stringMap(f, 11), annotations: stringMap(f, 12),
}) : {});

// IntOrString: 1 type (0 int, 1 string), 2 intVal, 3 strVal.
const intOrString = (f: Fields | undefined): number | string | undefined => (f ? (num(f, 1) === 1 ? str(f, 3) ?? '' : num(f, 2) ?? 0) : undefined);

// LabelSelector: 1 matchLabels, 2 matchExpressions {1 key, 2 operator, 3 values}.
function labelSelector(f: Fields | undefined): Record<string, unknown> | undefined {
  if (!f) return undefined;
  const exprs = msgs(f, 2).map((e) => defined({ key: str(e, 1), operator: str(e, 2), values: strs(e, 3).length ? strs(e, 3) : undefined }));
  return defined({ matchLabels: stringMap(f, 1), matchExpressions: exprs.length ? exprs : undefined });
}

// ServiceSpec: 1 ports {1 name, 2 protocol, 3 port, 4 targetPort, 5 nodePort}, 2 selector, 3 clusterIP, 4 type,
// 10 externalName, 18 clusterIPs.
function serviceSpec(f: Fields | undefined): Record<string, unknown> {
  if (!f) return {};
  const ports = msgs(f, 1).map((p) => defined({
    name: str(p, 1), protocol: str(p, 2), port: num(p, 3) ?? 0, targetPort: intOrString(msg(p, 4)), nodePort: num(p, 5),
  }));
  return defined({
    ports: ports.length ? ports : undefined, selector: stringMap(f, 2), clusterIP: str(f, 3), type: str(f, 4),
    externalName: str(f, 10), clusterIPs: strs(f, 18).length ? strs(f, 18) : undefined,
  });
}

// PodDisruptionBudgetSpec: 1 minAvailable, 2 selector, 3 maxUnavailable, 4 unhealthyPodEvictionPolicy.
const pdbSpec = (f: Fields | undefined): Record<string, unknown> => (f ? defined({
  minAvailable: intOrString(msg(f, 1)), selector: labelSelector(msg(f, 2)), maxUnavailable: intOrString(msg(f, 3)),
  unhealthyPodEvictionPolicy: str(f, 4),
}) : {});

/** The JSON object a protobuf request body holds, or null when it is not one this reader knows. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> | null {
  if (body.length < 4 || body.subarray(0, 4).toString('latin1') !== 'k8s\0') return null;
  const unknown = fields(body.subarray(4));
  const typeMeta = msg(unknown, 1);
  const raw = unknown.get(2)?.[0];
  if (!typeMeta || !Buffer.isBuffer(raw)) return null;
  const apiVersion = str(typeMeta, 1) ?? '', kind = str(typeMeta, 2) ?? '';
  const o = fields(raw);
  const metadata = objectMeta(msg(o, 1));
  switch (kind) {
    case 'Namespace': return { apiVersion, kind, metadata, spec: {} };
    // create serviceaccount sends its name alone (secrets, imagePullSecrets and automount, fields 2 to 4, unset).
    case 'ServiceAccount': return { apiVersion, kind, metadata };
    case 'Service': return { apiVersion, kind, metadata, spec: serviceSpec(msg(o, 2)) };
    case 'PodDisruptionBudget': return { apiVersion, kind, metadata, spec: pdbSpec(msg(o, 2)) };
    // ConfigMap: 2 data, 3 binaryData, 4 immutable.
    case 'ConfigMap': return { apiVersion, kind, metadata, ...defined({ immutable: bool(o, 4), data: stringMap(o, 2), binaryData: bytesMap(o, 3) }) };
    // Secret: 2 data, 3 type, 4 stringData, 5 immutable.
    case 'Secret': return { apiVersion, kind, metadata, ...defined({ immutable: bool(o, 5), data: bytesMap(o, 2), stringData: stringMap(o, 4), type: str(o, 3) }) };
    default: return null;
  }
}
