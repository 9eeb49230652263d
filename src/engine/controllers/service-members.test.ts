import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import type { Pod, Service } from '../api/types.ts';
import type { WatchEvent } from '../store/store.ts';
import { podEndpointsChanged, serviceChanged, servicesForPodChange, type Members } from './service-members.ts';

const svc = (name: string, selector: Record<string, string>): Service =>
  ({ metadata: { name, namespace: 'default' }, spec: { selector, ports: [{ port: 80 }] } });

const pod = (rv: string, extra: { labels?: Record<string, string>; ip?: string; ready?: boolean; deleting?: boolean; phase?: string } = {}): Pod => ({
  metadata: {
    name: 'web-0', namespace: 'default', resourceVersion: rv, labels: extra.labels ?? { app: 'web' },
    ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}),
  },
  spec: { containers: [{ name: 'c', image: 'nginx' }], hostname: 'web-0', subdomain: 'web' },
  status: {
    phase: extra.phase ?? 'Running',
    ...(extra.ip ? { podIP: extra.ip, podIPs: [{ ip: extra.ip }] } : {}),
    conditions: [{ type: 'Ready', status: extra.ready ? 'True' : 'False' }],
  },
});

const modified = (old: Pod, cur: Pod): WatchEvent => ({ type: 'MODIFIED', kind: 'Pod', object: cur, old });

function setup(): { c: Cluster; members: Members } {
  const c = Cluster.create({ seed: 1, freeze: true });
  expect(c.store.create('Service', svc('web', { app: 'web' })).ok).toBe(true);
  expect(c.store.create('Service', svc('canary', { track: 'canary' })).ok).toBe(true);
  return { c, members: { 'default/web': { 'default/web-0': true }, 'default/canary': {} } };
}

describe('podEndpointsChanged', () => {
  it('ignores a status write that changes neither readiness, IPs nor deletion', () => {
    expect(podEndpointsChanged(pod('1', { ip: '10.0.0.1', phase: 'Pending' }), pod('2', { ip: '10.0.0.1' })))
      .toEqual({ podChanged: false, labelsChanged: false });
  });
  it('sees readiness, a new IP and a terminating pod as endpoint changes', () => {
    expect(podEndpointsChanged(pod('1', { ip: '10.0.0.1' }), pod('2', { ip: '10.0.0.1', ready: true })).podChanged).toBe(true);
    expect(podEndpointsChanged(pod('1'), pod('2', { ip: '10.0.0.1' })).podChanged).toBe(true);
    // Upstream compares deletion timestamps as pointers: any two versions of a terminating pod differ.
    expect(podEndpointsChanged(pod('1', { deleting: true }), pod('2', { deleting: true })).podChanged).toBe(true);
  });
  it('sees a label change as a possible membership change', () => {
    expect(podEndpointsChanged(pod('1'), pod('2', { labels: { app: 'web', track: 'canary' } })))
      .toEqual({ podChanged: false, labelsChanged: true });
  });
});

describe('servicesForPodChange', () => {
  it('concerns no Service for an update that cannot change endpoints', () => {
    const { c, members } = setup();
    expect(servicesForPodChange(c, members, modified(pod('1', { ip: '10.0.0.1', phase: 'Pending' }), pod('2', { ip: '10.0.0.1' })))).toEqual([]);
  });
  it('concerns every Service the pod is in when its endpoint changes', () => {
    const { c, members } = setup();
    expect(servicesForPodChange(c, members, modified(pod('1', { ip: '10.0.0.1' }), pod('2', { ip: '10.0.0.1', ready: true })))).toEqual(['default/web']);
  });
  it('concerns only the Services joined or left on a labels-only change, and updates the members', () => {
    const { c, members } = setup();
    const keys = servicesForPodChange(c, members, modified(pod('1'), pod('2', { labels: { app: 'web', track: 'canary' } })));
    expect(keys).toEqual(['default/canary']);
    expect(members['default/canary']).toEqual({ 'default/web-0': true });
    expect(members['default/web']).toEqual({ 'default/web-0': true });
  });
  it('leaves the members alone on an update that keeps the labels, and checks them against the labels in checks mode', () => {
    const { c, members } = setup();
    const before = structuredClone(members);
    expect(servicesForPodChange(c, members, modified(pod('1', { ip: '10.0.0.1' }), pod('2', { ip: '10.0.0.2' })))).toEqual(['default/web']);
    expect(members).toEqual(before);
    delete members['default/web']['default/web-0'];
    expect(() => servicesForPodChange(c, members, modified(pod('2', { ip: '10.0.0.2' }), pod('3', { ip: '10.0.0.3' })))).toThrow(/web-0 is listed false/);
  });
  it('concerns the Services of an added or deleted pod', () => {
    const { c, members } = setup();
    expect(servicesForPodChange(c, members, { type: 'DELETED', kind: 'Pod', object: pod('3') })).toEqual(['default/web']);
    expect(members['default/web']).toEqual({});
    expect(servicesForPodChange(c, members, { type: 'ADDED', kind: 'Pod', object: pod('4') })).toEqual(['default/web']);
  });
});

describe('serviceChanged', () => {
  it('rebuilds the members of a Service whose selector changed, and only then', () => {
    const { c, members } = setup();
    expect(c.store.create('Pod', pod('1', { labels: { track: 'canary' } })).ok).toBe(true);
    const old = c.store.get('Service', 'default', 'web')!;
    const same = { ...old, metadata: { ...old.metadata, labels: { tier: 'x' } } };
    expect(serviceChanged(c, members, { type: 'MODIFIED', kind: 'Service', object: same, old })).toBe('default/web');
    expect(members['default/web']).toEqual({ 'default/web-0': true });
    const moved = { ...old, spec: { ...old.spec, selector: { track: 'canary' } } };
    serviceChanged(c, members, { type: 'MODIFIED', kind: 'Service', object: moved, old });
    expect(members['default/web']).toEqual({ 'default/web-0': true });
    const none = { ...old, spec: { ...old.spec, selector: { track: 'none' } } };
    serviceChanged(c, members, { type: 'MODIFIED', kind: 'Service', object: none, old });
    expect(members['default/web']).toEqual({});
  });
});
