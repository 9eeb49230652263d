import { describe, expect, it } from 'vitest';
import { admitPod, defaultPod, defaultPodTemplate, defaultPullPolicy } from './pod-defaults.ts';
import type { JsonMap } from './types.ts';

describe('imagePullPolicy default', () => {
  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['localhost:5000/nginx', 'Always'],
    ['localhost:5000/nginx:1.0', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
    ['nginx:latest@sha256:abc', 'Always'],
    ['', 'IfNotPresent'],
    ['NGINX', 'IfNotPresent'],
  ])('%s → %s', (image, want) => expect(defaultPullPolicy(image)).toBe(want));
});

describe('pod template defaults (SetDefaults_PodSpec only)', () => {
  const t = defaultPodTemplate({
    metadata: { labels: { app: 'x' } },
    spec: {
      containers: [{
        name: 'c', image: 'img:1', ports: [{ containerPort: 80 }],
        readinessProbe: { httpGet: { port: 80 } },
        env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
        resources: { limits: { cpu: '1000m', memory: '1024Mi' } },
      }],
      volumes: [{ name: 'a' }, { name: 'b', configMap: { name: 'cm' } }, { name: 'c', hostPath: { path: '/x' } }],
    },
  } as JsonMap) as JsonMap;
  const spec = t.spec as JsonMap;
  const c = (spec.containers as JsonMap[])[0];

  it('sets the PodSpec-level defaults and nothing Pod-only', () => {
    expect(spec).toMatchObject({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', securityContext: {}, terminationGracePeriodSeconds: 30, schedulerName: 'default-scheduler' });
    for (const k of ['enableServiceLinks', 'priority', 'preemptionPolicy', 'serviceAccountName', 'tolerations']) expect(spec[k]).toBeUndefined();
  });

  it('defaults containers, ports, probes and env field refs', () => {
    expect(c).toMatchObject({ imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' });
    expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
    expect(c.readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    expect(((c.env as JsonMap[])[0].valueFrom as JsonMap).fieldRef).toEqual({ fieldPath: 'metadata.name', apiVersion: 'v1' });
  });

  it('canonicalizes resource quantities and never copies limits into requests in templates', () => {
    expect(c.resources).toEqual({ limits: { cpu: '1', memory: '1Gi' } });
  });

  it('always serializes resources: {}', () => {
    const bare = defaultPodTemplate({ spec: { containers: [{ name: 'c', image: 'i' }] } } as JsonMap) as JsonMap;
    expect(((bare.spec as JsonMap).containers as JsonMap[])[0].resources).toEqual({});
  });

  it('defaults volumes (emptyDir for no source, defaultMode 420, hostPath type "")', () => {
    expect(spec.volumes).toEqual([
      { name: 'a', emptyDir: {} },
      { name: 'b', configMap: { name: 'cm', defaultMode: 420 } },
      { name: 'c', hostPath: { path: '/x', type: '' } },
    ]);
  });
});

describe('Pod-only defaults', () => {
  it('adds service account, priority, preemption policy, service links, default tolerations and requests from limits', () => {
    const pod = defaultPod({ spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '500m' } } }] } }, true);
    const spec = pod.spec as JsonMap;
    expect(spec).toMatchObject({ serviceAccountName: 'default', serviceAccount: 'default', priority: 0, preemptionPolicy: 'PreemptLowerPriority', enableServiceLinks: true });
    expect(spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    expect(((spec.containers as JsonMap[])[0].resources as JsonMap).requests).toEqual({ cpu: '500m' });
  });

  it('does not duplicate a toleration the pod already has', () => {
    const pod = defaultPod({ spec: { containers: [], tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 }] } }, true);
    expect((pod.spec as JsonMap).tolerations).toHaveLength(2);
  });

  it('adds no default toleration to a pod that tolerates every NoExecute taint (a toleration without a key)', () => {
    const pod = defaultPod({ spec: { containers: [], tolerations: [{ operator: 'Exists' }] } }, true);
    expect((pod.spec as JsonMap).tolerations).toEqual([{ operator: 'Exists' }]);
  });

  it('leaves a mirror pod without a service account or its token', () => {
    const pod = admitPod(defaultPod({ metadata: { annotations: { 'kubernetes.io/config.mirror': 'abc' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }, false), () => 0.5);
    const spec = pod.spec as JsonMap;
    expect([spec.serviceAccountName, spec.serviceAccount, spec.volumes]).toEqual([undefined, undefined, undefined]);
    // Any other pod gets them.
    const other = admitPod(defaultPod({ spec: { containers: [{ name: 'c', image: 'busybox' }] } }, false), () => 0.5).spec as JsonMap;
    expect([other.serviceAccountName, (other.volumes as JsonMap[])[0].name]).toEqual(['default', expect.stringMatching(/^kube-api-access-/)]);
  });

  it('admitPod on a defaulted pod gives what the full create-time defaulting gives, key order included', () => {
    const raw = (): JsonMap => ({ spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: '500m' } } }], volumes: [{ name: 'v' }] } });
    expect(JSON.stringify(admitPod(defaultPod(raw(), false)))).toBe(JSON.stringify(defaultPod(raw(), true)));
  });
});
