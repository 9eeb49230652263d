// Describers of ConfigMap (each data key with its value, then each binaryData key with its size, then the events) and
// Secret (its type, then each key with its size: no value is shown but a service account token's). Keys in sorted
// order, as kubectl 1.35 prints them. Models describe.go ConfigMapDescriber and describeSecret.
import { base64Decode, utf8String } from '../../../engine/api/base64.ts';
import type { ConfigMap, Secret } from '../../../engine/api/types.ts';
import type { Cluster } from '../../types.ts';
import { annotationsMultiline, eventsFor, labelsMultiline, withEvents } from './common.ts';

// A []byte field's bytes (its JSON form is base64; the stored objects' values decode).
const bytesOf = (b64: string | undefined): Uint8Array => {
  const d = base64Decode(b64 ?? '');
  return d.ok ? d.bytes : new Uint8Array();
};

const header = (m: NonNullable<ConfigMap['metadata']>): string =>
  `Name:\t${m.name}\nNamespace:\t${m.namespace}\n` + labelsMultiline('Labels', m.labels) + annotationsMultiline('Annotations', m.annotations);

function describeConfigMap(c: Cluster, cm: ConfigMap, show: boolean): string[] {
  let t = header(cm.metadata!) + '\nData\n====\n';
  for (const k of Object.keys(cm.data ?? {}).sort()) t += `${k}:\n----\n${cm.data![k]}\n\n`;
  t += '\nBinaryData\n====\n';
  for (const k of Object.keys(cm.binaryData ?? {}).sort()) t += `${k}: ${bytesOf(cm.binaryData![k]).length} bytes\n`;
  return withEvents(t + '\n', show ? eventsFor(c, cm) : null, c.wallNow());
}

// A Secret's description has no events.
function describeSecret(s: Secret): string[] {
  let t = header(s.metadata!) + `\nType:\t${s.type ?? ''}\n\nData\n====\n`;
  for (const k of Object.keys(s.data ?? {}).sort()) {
    const bytes = bytesOf(s.data![k]);
    t += k === 'token' && s.type === 'kubernetes.io/service-account-token' ? `${k}:\t${utf8String(bytes)}\n` : `${k}:\t${bytes.length} bytes\n`;
  }
  return [t];
}

/** The ConfigMap and Secret describers, for the DESCRIBERS registry. */
export const CONFIG_DESCRIBERS = {
  ConfigMap: (c: Cluster, o: unknown, show: boolean) => describeConfigMap(c, o as ConfigMap, show),
  Secret: (_c: Cluster, o: unknown) => describeSecret(o as Secret),
};
