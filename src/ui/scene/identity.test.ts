import { describe, expect, it } from 'vitest';
import type { Pod, StatefulSet } from '../../engine/index.ts';
import { claimPodName, partitionOf, podDnsName, podHostName, podOrdinal, revisionSlot, shortHash, REVISION_GLYPHS, REVISION_SLOTS } from './identity.ts';

const set: StatefulSet = {
  metadata: { name: 'nginx-web' },
  spec: {
    selector: {}, serviceName: 'nginx', template: {},
    volumeClaimTemplates: [{ metadata: { name: 'www-storage' } }],
  },
};

describe('identity', () => {
  it('parses ordinals only for the set prefix and canonical numbers', () => {
    expect(podOrdinal('nginx-web', 'nginx-web-10')).toBe(10);
    expect(podOrdinal('nginx-web', 'nginx-web-01')).toBe(-1);
    expect(podOrdinal('nginx-web', 'nginx-webx-1')).toBe(-1);
    expect(podOrdinal('web', 'web-a')).toBe(-1);
  });
  it('maps claims to pods', () => {
    expect(claimPodName(set, 'www-storage-nginx-web-2')).toBe('nginx-web-2');
    expect(claimPodName(set, 'data-nginx-web-2')).toBeUndefined();
  });
  it('short hash and DNS names', () => {
    expect(shortHash('nginx-web-7d8559755f')).toBe('7d8559755f');
    const pod: Pod = { metadata: { name: 'nginx-web-0', namespace: 'default' }, spec: { containers: [], hostname: 'nginx-web-0', subdomain: 'nginx' } };
    expect(podDnsName(pod)).toBe('nginx-web-0.nginx.default.svc.cluster.local');
    expect(podDnsName({ metadata: { name: 'x' }, spec: { containers: [] } })).toBe('');
    expect(podHostName(pod)).toBe('nginx-web-0.nginx');
    expect(podHostName({ metadata: { name: 'x' }, spec: { containers: [] } })).toBe('');
  });
  it('partition is ignored under OnDelete', () => {
    const s = structuredClone(set);
    s.spec!.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
    expect(partitionOf(s)).toBe(2);
    s.spec!.updateStrategy = { type: 'OnDelete' };
    expect(partitionOf(s)).toBe(0);
  });
  it('revision slots cycle and each has a glyph', () => {
    expect(revisionSlot(1)).toBe(0);
    expect(revisionSlot(REVISION_SLOTS + 1)).toBe(0);
    expect(REVISION_GLYPHS).toHaveLength(REVISION_SLOTS);
  });
});
