import { describe, expect, it } from 'vitest';
import { cmd, IMAGE_CATALOG, recreateManifest } from './controls-commands.ts';

describe('control command lines', () => {
  it('scale and set image', () => {
    expect(cmd.scale('nginx-web', 5)).toBe('kubectl scale sts nginx-web --replicas=5');
    expect(cmd.setImage('nginx-web', 'nginx', 'nginx:1.27-alpine')).toBe('kubectl set image sts/nginx-web nginx=nginx:1.27-alpine');
  });
  it('strategy patches drop rollingUpdate for OnDelete', () => {
    expect(cmd.strategy('w', 'OnDelete')).toBe(`kubectl patch sts w -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'`);
    expect(cmd.strategy('w', 'RollingUpdate')).toBe(`kubectl patch sts w -p '{"spec":{"updateStrategy":{"type":"RollingUpdate"}}}'`);
  });
  it('partition, maxUnavailable, policy, retention', () => {
    expect(cmd.partition('w', 2)).toBe(`kubectl patch sts w -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":2}}}}'`);
    expect(cmd.maxUnavailable('w', '50%')).toContain('"maxUnavailable":"50%"');
    expect(cmd.podManagementPolicy('w', 'Parallel')).toBe(`kubectl patch sts w -p '{"spec":{"podManagementPolicy":"Parallel"}}'`);
    expect(cmd.retention('w', 'Delete', 'Retain')).toContain('{"whenDeleted":"Delete","whenScaled":"Retain"}');
    expect(cmd.minReadySeconds('w', 10)).toBe(`kubectl patch sts w -p '{"spec":{"minReadySeconds":10}}'`);
  });
  it('sim lines and deletes', () => {
    expect(cmd.gate('MaxUnavailableStatefulSet', true)).toBe('sim gate MaxUnavailableStatefulSet=true');
    expect(cmd.podFault('w-1', 'crash')).toBe('sim pod w-1 crash');
    expect(cmd.node('kind-worker', 'down')).toBe('sim node kind-worker down');
    expect(cmd.deleteSet('w', 'background')).toBe('kubectl delete sts w');
    expect(cmd.deleteSet('w', 'orphan')).toBe('kubectl delete sts w --cascade=orphan');
    expect(cmd.undo('w')).toBe('kubectl rollout undo sts/w');
    expect(cmd.restart('w')).toBe('kubectl rollout restart sts/w');
  });
  it('node maintenance: cordon, uncordon, drain', () => {
    expect(cmd.cordon('kind-worker2', true)).toBe('kubectl cordon kind-worker2');
    expect(cmd.cordon('kind-worker2', false)).toBe('kubectl uncordon kind-worker2');
    expect(cmd.drain('kind-control-plane')).toBe('kubectl drain kind-control-plane --ignore-daemonsets');
  });
  it('the catalog offers the registry images, short names, and a broken tag', () => {
    expect(IMAGE_CATALOG).toContain('nginx:alpine');
    expect(IMAGE_CATALOG).toContain('nginx:1.27');
    expect(IMAGE_CATALOG).toContain('registry.k8s.io/nginx-slim:0.24');
    expect(IMAGE_CATALOG.at(-1)).toBe('nginx:does-not-exist');
  });
  it('recreate manifest strips server fields and applies the patch', () => {
    const m = JSON.parse(recreateManifest({
      metadata: { name: 'w', namespace: 'default', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      spec: { replicas: 3, podManagementPolicy: 'OrderedReady' },
    }, { podManagementPolicy: 'Parallel' }));
    expect(m).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'w', namespace: 'default' }, spec: { replicas: 3, podManagementPolicy: 'Parallel' } });
  });
});
