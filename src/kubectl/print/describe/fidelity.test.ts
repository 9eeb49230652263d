// Byte-level checks of describe output against what kubectl 1.35's describers print
// (kubectl/pkg/describe/describe.go), one upstream behaviour per test.
import { describe, expect, it } from 'vitest';
import type { KObject, Pod } from '../../../engine/api/types.ts';
import { rfc3339 } from '../../../engine/clock/time.ts';
import { kc, put, testCluster, webPod, webSet } from '../../testing.ts';

const lines = (out: string, from: string, count: number): string[] => {
  const all = out.split('\n');
  const i = all.findIndex((l) => l.startsWith(from));
  return all.slice(i, i + count);
};

describe('describe: containers (describeContainers)', () => {
  it('prints port names after the ports, joined with ", " (describeContainerPorts, kubectl >= 1.34)', () => {
    const c = testCluster();
    const s = webSet();
    s.spec!.template.spec!.containers[0].ports!.push({ containerPort: 443, protocol: 'TCP' });
    put(c, 'StatefulSet', s);
    const out = kc(c, 'describe sts web').out;
    expect(out).toContain('    Ports:        80/TCP (web), 443/TCP\n    Host Ports:   0/TCP (web), 0/TCP\n');
  });

  it('splits multi-line commands and env values into lines; resolves a pod\'s name fieldRef only', () => {
    const c = testCluster();
    const pod = webPod(0, { wallMs: c.wallNow() });
    Object.assign(pod.spec!.containers[0], {
      command: ['sh', '-c', 'echo a\necho b'],
      env: [
        { name: 'MULTI', value: 'x\ny' },
        { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
        { name: 'PASS', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode', optional: true } } },
        { name: 'CPU', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
      ],
      envFrom: [{ configMapRef: { name: 'cfg' } }, { prefix: 'S_', secretRef: { name: 'db', optional: true } }],
    });
    put(c, 'Pod', pod as KObject);
    const out = kc(c, 'describe pod web-0').out;
    expect(lines(out, '    Command:', 5)).toEqual(['    Command:', '      sh', '      -c', '      echo a', '      echo b']);
    expect(lines(out, '    Environment Variables from:', 11)).toEqual([
      '    Environment Variables from:',
      '      cfg  ConfigMap                Optional: false',
      '      db   Secret with prefix \'S_\'  Optional: true',
      '    Environment:',
      '      MULTI:     x',
      '                 y',
      '      POD_NAME:  web-0 (v1:metadata.name)',
      '      POD_IP:     (v1:status.podIP)',
      '      PASS:      <set to the key \'password\' in secret \'db\'>   Optional: false',
      '      MODE:      <set to the key \'mode\' of config map \'cfg\'>  Optional: true',
      '      CPU:       node allocatable (limits.cpu)',
    ]);
  });
});

describe('describe: volumes (describeVolumes)', () => {
  it('indents a pod template\'s volume names by one more space but keeps the 4-space detail lines', () => {
    const c = testCluster();
    const s = webSet();
    s.spec!.template.spec!.volumes = [{ name: 'cache', emptyDir: {} }];
    put(c, 'StatefulSet', s);
    expect(lines(kc(c, 'describe sts web').out, '  Volumes:', 5)).toEqual([
      '  Volumes:',
      '   cache:',
      '    Type:          EmptyDir (a temporary directory that shares a pod\'s lifetime)',
      '    Medium:        ',
      '    SizeLimit:     <unset>',
    ]);
  });

  it('prints projected sources in their order, and `<unknown>` at the name\'s level for unmodelled sources', () => {
    const c = testCluster();
    const pod = webPod(0, { wallMs: c.wallNow() });
    pod.spec!.volumes = [
      { name: 'kube-api-access-abcde', projected: { defaultMode: 420, sources: [
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ] } },
      { name: 'disk', fc: { targetWWNs: ['500a0982991b8dc5'], lun: 2 } },
    ];
    put(c, 'Pod', pod as KObject);
    expect(lines(kc(c, 'describe pod web-0').out, 'Volumes:', 9)).toEqual([
      'Volumes:',
      '  kube-api-access-abcde:',
      '    Type:                    Projected (a volume that contains injected data from multiple sources)',
      '    ConfigMapName:           kube-root-ca.crt',
      '    Optional:                false',
      '    TokenExpirationSeconds:  3607',
      '    DownwardAPI:             true',
      '  disk:',
      '  <unknown>',
    ]);
  });
});

describe('describe: metadata blocks', () => {
  it('puts a long or multi-line annotation under its key, cut at 138 bytes (printAnnotationsMultiline)', () => {
    const c = testCluster();
    const s = webSet();
    s.metadata!.annotations = { long: 'a'.repeat(150), multi: 'line1\nline2\n', short: 'v' };
    put(c, 'StatefulSet', s);
    expect(lines(kc(c, 'describe sts web').out, 'Annotations:', 6)).toEqual([
      'Annotations:        long:',
      `                      ${'a'.repeat(138)}...`,
      '                    multi:',
      '                      line1',
      '                      line2',
      '                    short: v',
    ]);
  });

  it('sorts tolerations by key (printTolerationsMultilineWithIndent)', () => {
    const c = testCluster();
    const pod = webPod(0, { wallMs: c.wallNow() });
    pod.spec!.tolerations = [
      { key: 'zzz', operator: 'Exists' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'aaa', operator: 'Equal', value: 'v', effect: 'NoSchedule' },
    ];
    put(c, 'Pod', pod as KObject);
    // Admission added the unreachable toleration after the three of the manifest. The column is as wide as the
    // token volume's `TokenExpirationSeconds:` above it (one tabwriter block), as on a real cluster.
    const pad = ' '.repeat('TokenExpirationSeconds:  '.length + 4);
    expect(lines(kc(c, 'describe pod web-0').out, 'Tolerations:', 4)).toEqual([
      `${'Tolerations:'.padEnd(pad.length)}aaa=v:NoSchedule`,
      `${pad}node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`,
      `${pad}node.kubernetes.io/unreachable:NoExecute op=Exists for 300s`,
      `${pad}zzz op=Exists`,
    ]);
  });
});

describe('describe pod: status and extras (describePod)', () => {
  it('says `Terminating (lasts <invalid>)` while the deletion deadline is ahead: the age since it is negative', () => {
    const c = testCluster();
    const pod = webPod(0, { wallMs: c.wallNow() }) as Pod;
    put(c, 'Pod', { ...pod, metadata: { ...pod.metadata, finalizers: ['example.com/hold'] } } as KObject);
    c.store.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 30 });
    expect(kc(c, 'describe pod web-0').out).toContain('Status:                    Terminating (lasts <invalid>)\nTermination Grace Period:  30s\n');
    c.advance(45_000);
    expect(kc(c, 'describe pod web-0').out).toContain('Status:                    Terminating (lasts 15s)\n');
  });

  it('prints readiness gates, topology spread constraints and the QoS computed from the spec', () => {
    const c = testCluster();
    const pod = webPod(0, { wallMs: c.wallNow() });
    pod.spec!.readinessGates = [{ conditionType: 'example.com/lb' }];
    pod.spec!.topologySpreadConstraints = [
      { topologyKey: 'zone', maxSkew: 2, whenUnsatisfiable: 'ScheduleAnyway' },
      { topologyKey: 'kubernetes.io/hostname', maxSkew: 1, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'nginx' } } },
    ];
    pod.spec!.containers[0].resources = { limits: { cpu: '1', memory: '1Gi' } };
    put(c, 'Pod', pod as KObject);
    const out = kc(c, 'describe pod web-0').out;
    expect(lines(out, 'Readiness Gates:', 3)).toEqual(['Readiness Gates:', '  Type             Status', '  example.com/lb   <none> ']);
    expect(out).toContain('QoS Class:                    Guaranteed\n');
    expect(lines(out, 'Topology Spread Constraints:', 2)).toEqual([
      'Topology Spread Constraints:  kubernetes.io/hostname:DoNotSchedule when max skew 1 is exceeded for selector app=nginx',
      '                              zone:ScheduleAnyway when max skew 2 is exceeded',
    ]);
  });
});

describe('describe: events (DescribeEvents)', () => {
  it('leads a message with the involved object\'s fieldPath (kubectl >= 1.35)', () => {
    const c = testCluster();
    const pod = put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }) as KObject);
    c.event({ object: pod, type: 'Normal', reason: 'Pulling', message: 'Pulling image "nginx"', component: 'kubelet', host: 'kind-worker', fieldPath: 'spec.containers{nginx}' });
    c.event({ object: pod, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned default/web-0 to kind-worker', component: 'default-scheduler' });
    const out = kc(c, 'describe pod web-0').out;
    expect(out).toContain('kubelet            spec.containers{nginx}: Pulling image "nginx"\n');
    expect(out).toContain('default-scheduler  Successfully assigned default/web-0 to kind-worker\n');
  });

  it('leaves the Events section out with --show-events=false', () => {
    const c = testCluster();
    put(c, 'StatefulSet', webSet());
    const out = kc(c, 'describe sts web --show-events=false').out;
    expect(out).not.toContain('Events:');
    expect(out.endsWith('  Access Modes:  [ReadWriteOnce]\n')).toBe(true);
  });
});

describe('describe pvc (describePersistentVolumeClaim)', () => {
  it('lists mounting and owning pods by name, then conditions and the data source', () => {
    const c = testCluster();
    const mounting = (name: string): KObject => {
      const p = webPod(0, { wallMs: c.wallNow() });
      p.metadata!.name = name;
      p.spec!.volumes = [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }];
      return p as KObject;
    };
    put(c, 'Pod', mounting('web-b'));
    put(c, 'Pod', mounting('web-a'));
    const owner = put(c, 'Pod', { ...webPod(0, { wallMs: c.wallNow() }), metadata: { name: 'owner', namespace: 'default' } } as KObject);
    const t = rfc3339(c.wallNow());
    put(c, 'PersistentVolumeClaim', {
      metadata: {
        name: 'www-web-0', namespace: 'default', annotations: { 'volume.beta.kubernetes.io/storage-class': 'fast' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'owner', uid: owner.metadata!.uid! }],
      },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', dataSource: { kind: 'PersistentVolumeClaim', name: 'src' } },
      status: { phase: 'Pending', conditions: [{ type: 'Resizing', status: 'True', lastTransitionTime: t }] },
    } as KObject);
    const out = kc(c, 'describe pvc www-web-0').out;
    expect(out).toContain('StorageClass:  fast\n');
    expect(lines(out, 'DataSource:', 10)).toEqual([
      'DataSource:',
      '  Kind:   PersistentVolumeClaim',
      '  Name:   src',
      'Used By:  owner',
      '          web-a',
      '          web-b',
      'Conditions:',
      '  Type       Status  LastProbeTime                     LastTransitionTime                Reason  Message',
      '  ----       ------  -----------------                 ------------------                ------  -------',
      '  Resizing   True    Mon, 01 Jan 0001 00:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000           ',
    ]);
  });
});

describe('describe svc (describeService)', () => {
  it('prints the load balancer ingress', () => {
    const c = testCluster();
    put(c, 'Service', {
      metadata: { name: 'lb', namespace: 'default' },
      spec: { type: 'LoadBalancer', selector: { app: 'x' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] },
      status: { loadBalancer: { ingress: [{ ip: '172.18.0.10', ipMode: 'VIP' }, { hostname: 'lb.example.com' }] } },
    } as KObject);
    expect(kc(c, 'describe svc lb').out).toMatch(/\nLoadBalancer Ingress: +172\.18\.0\.10 \(VIP\), lb\.example\.com\nPort: /);
  });
});

describe('describe node: requests as the scheduler counts them', () => {
  it('adds a sidecar\'s requests to the pod\'s (resource.PodRequests), as the scheduler does', () => {
    const c = testCluster();
    const pod = webPod(0, { wallMs: c.wallNow(), node: 'kind-worker' }) as Pod;
    pod.spec!.containers[0] = { ...pod.spec!.containers[0], resources: { requests: { cpu: '500m' } } };
    pod.spec!.initContainers = [{ name: 'proxy', image: 'busybox', restartPolicy: 'Always', resources: { requests: { cpu: '250m' } } }];
    put(c, 'Pod', pod as KObject);
    // 500m + 250m for the pod, and 100m (requested and limited) for the node's kindnet.
    expect(kc(c, 'describe node kind-worker').out).toMatch(/\n {2}cpu +850m \(42%\) +100m \(5%\)\n/);
  });
});

