import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { Session } from '../../scenario/session.ts';
import { ROOT_CA_CONFIGMAP, rootCaConfigMap } from '../system-config.ts';

const out = (s: Session, line: string, stdin?: string): string => s.exec(line, stdin).output.map((o) => o.text).join('');

describe('the root CA publisher', () => {
  it('a kind cluster starts with kube-root-ca.crt in every namespace', () => {
    const c = Cluster.create({ seed: 1, freeze: true });
    const with_ = c.store.list('Namespace').map((ns) => ns.metadata!.name!).filter((ns) => c.store.get('ConfigMap', ns, ROOT_CA_CONFIGMAP));
    expect(with_).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']);
    expect(c.store.get('ConfigMap', 'default', ROOT_CA_CONFIGMAP)?.data).toEqual(rootCaConfigMap('default').data);
  });

  it('puts it in a new namespace, makes it again when deleted, and puts back its data and description, keeping the rest', () => {
    const c = Cluster.create({ seed: 1, freeze: true, checks: true });
    const s = new Session(c);
    s.exec('kubectl create namespace demo');
    c.advance(1);
    const first = c.store.get('ConfigMap', 'demo', ROOT_CA_CONFIGMAP);
    expect(first?.metadata?.annotations).toEqual(rootCaConfigMap('demo').metadata!.annotations);
    expect(out(s, `kubectl delete cm ${ROOT_CA_CONFIGMAP} -n demo`)).toBe(`configmap "${ROOT_CA_CONFIGMAP}" deleted from demo namespace\n`);
    c.advance(1);
    const again = c.store.get('ConfigMap', 'demo', ROOT_CA_CONFIGMAP);
    expect(again?.metadata?.uid).not.toBe(first?.metadata?.uid);
    s.exec(`kubectl patch cm ${ROOT_CA_CONFIGMAP} -n demo --type=merge -p '{"data":{"ca.crt":"x","extra":"y"},"metadata":{"labels":{"a":"b"},"annotations":{"kubernetes.io/description":null}}}'`);
    c.advance(1);
    const fixed = c.store.get('ConfigMap', 'demo', ROOT_CA_CONFIGMAP)!;
    expect(fixed.data).toEqual(rootCaConfigMap('demo').data);
    expect(fixed.metadata?.labels).toEqual({ a: 'b' });
    expect(fixed.metadata?.annotations).toEqual(rootCaConfigMap('demo').metadata!.annotations);
  });

  it('leaves a terminating namespace alone: its kube-root-ca.crt goes with the rest', () => {
    const c = Cluster.create({ seed: 1, freeze: true, checks: true });
    const s = new Session(c);
    s.exec('kubectl create namespace demo');
    c.advance(1);
    s.exec('kubectl delete ns demo --wait=false');
    c.advance(60_000);
    expect(c.store.get('Namespace', '', 'demo')).toBeUndefined();
    expect(c.store.get('ConfigMap', 'demo', ROOT_CA_CONFIGMAP)).toBeUndefined();
  });
});
