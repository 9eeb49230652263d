import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../engine/cluster.ts';
import type { Pod, ReplicaSet } from '../../../engine/api/types.ts';
import { kc, testCluster } from '../../testing.ts';

const lines = (...l: string[]): string => [...l, ''].join('\n');

// The part of CoreDNS's pod template after its labels, as describe deployment and describe rs both print it.
const COREDNS_TEMPLATE = [
  '  Service Account:  coredns',
  '  Containers:',
  '   coredns:',
  '    Image:       registry.k8s.io/coredns/coredns:v1.13.1',
  '    Ports:       53/UDP (dns), 53/TCP (dns-tcp), 9153/TCP (metrics)',
  '    Host Ports:  0/UDP (dns), 0/TCP (dns-tcp), 0/TCP (metrics)',
  '    Args:',
  '      -conf',
  '      /etc/coredns/Corefile',
  '    Limits:',
  '      memory:  170Mi',
  '    Requests:',
  '      cpu:              100m',
  '      memory:           70Mi',
  '    Environment:        <none>',
  '    Mounts:             <none>',
  '  Volumes:              <none>',
  '  Priority Class Name:  system-cluster-critical',
  '  Node-Selectors:       kubernetes.io/os=linux',
  '  Tolerations:          CriticalAddonsOnly op=Exists',
  '                        node-role.kubernetes.io/control-plane:NoSchedule',
];


/** Writes a pod's phase through the status subresource, as the kubelet would. */
function setPhase(c: Cluster, pod: Pod, phase: string): void {
  const r = c.store.update('Pod', { ...pod, status: { ...pod.status, phase } } as Pod, { subresource: 'status', trusted: true });
  if (!r.ok) throw new Error(r.status.message);
}

describe('describe deployment', () => {
  it('matches the DeploymentDescriber layout: replicas, strategy, template, conditions, replica sets, events', () => {
    const c = testCluster();
    const d = c.store.get('Deployment', 'kube-system', 'coredns')!;
    c.event({ object: d, type: 'Normal', reason: 'ScalingReplicaSet', message: 'Scaled up replica set coredns-7d764666f9 from 0 to 2', component: 'deployment-controller' });
    c.advance(90_000);
    expect(kc(c, 'describe deploy coredns -n kube-system').out).toBe(lines(
      'Name:                   coredns',
      'Namespace:              kube-system',
      'CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000',
      'Labels:                 k8s-app=kube-dns',
      'Annotations:            deployment.kubernetes.io/revision: 1',
      'Selector:               k8s-app=kube-dns',
      'Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable',
      'StrategyType:           RollingUpdate',
      'MinReadySeconds:        0',
      'RollingUpdateStrategy:  1 max unavailable, 25% max surge',
      'Pod Template:',
      '  Labels:           k8s-app=kube-dns',
      ...COREDNS_TEMPLATE,
      'Conditions:',
      '  Type           Status  Reason',
      '  ----           ------  ------',
      '  Available      True    MinimumReplicasAvailable',
      '  Progressing    True    NewReplicaSetAvailable',
      'OldReplicaSets:  <none>',
      'NewReplicaSet:   coredns-7d764666f9 (2/2 replicas created)',
      'Events:',
      '  Type    Reason             Age   From                   Message',
      '  ----    ------             ----  ----                   -------',
      '  Normal  ScalingReplicaSet  90s   deployment-controller  Scaled up replica set coredns-7d764666f9 from 0 to 2',
    ));
  });

  it('lists every other owned ReplicaSet as old, oldest first, and the one whose template matches (hash aside) as new', () => {
    const c = testCluster();
    const d = c.store.get('Deployment', 'kube-system', 'coredns')!;
    const cur = c.store.get('ReplicaSet', 'kube-system', 'coredns-7d764666f9')!;
    const owner = cur.metadata!.ownerReferences!;
    const old = (name: string, hash: string, replicas: number): ReplicaSet => ({
      metadata: { name, namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': hash }, ownerReferences: owner },
      spec: {
        replicas, selector: { matchLabels: { 'k8s-app': 'kube-dns', 'pod-template-hash': hash } },
        template: { ...d.spec!.template, metadata: { labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': hash } }, spec: { ...d.spec!.template.spec!, containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.12.0' }] } },
      },
    });
    c.advance(1000);
    expect(c.store.create('ReplicaSet', old('coredns-b9f7c5c6d', 'b9f7c5c6d', 0), { trusted: true }).ok).toBe(true);
    expect(c.store.create('ReplicaSet', old('coredns-68c8cf4f77', '68c8cf4f77', 1), { trusted: true }).ok).toBe(true);
    // Not controlled by the Deployment: left out though its labels match.
    expect(c.store.create('ReplicaSet', { ...old('coredns-orphan', 'x', 1), metadata: { ...old('coredns-orphan', 'x', 1).metadata, ownerReferences: [] } }, { trusted: true }).ok).toBe(true);
    const out = kc(c, 'describe deploy coredns -n kube-system --show-events=false').out;
    expect(out).toContain('\nOldReplicaSets:  coredns-68c8cf4f77 (0/1 replicas created), coredns-b9f7c5c6d (0/0 replicas created)\nNewReplicaSet:   coredns-7d764666f9 (2/2 replicas created)\n');
    expect(out).not.toContain('Events:');
  });

  it('describes every Deployment of every namespace without a name', () => {
    const c = testCluster();
    const out = kc(c, 'describe deployments -A').out;
    expect([...out.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1])).toEqual(['coredns', 'local-path-provisioner']);
    expect(out).toContain('NewReplicaSet:   coredns-7d764666f9 (2/2 replicas created)\nEvents:          <none>\n\n\nName:                   local-path-provisioner\n');
  });
});

describe('describe daemonset', () => {
  it('matches the DaemonSetDescriber layout: the node counts outside the columns, the pods by phase', () => {
    const c = testCluster();
    expect(kc(c, 'describe ds kube-proxy -n kube-system').out).toBe(lines(
      'Name:           kube-proxy',
      'Namespace:      kube-system',
      'Selector:       k8s-app=kube-proxy',
      'Node-Selector:  kubernetes.io/os=linux',
      'Labels:         k8s-app=kube-proxy',
      'Annotations:    deprecated.daemonset.template.generation: 1',
      'Desired Number of Nodes Scheduled: 4',
      'Current Number of Nodes Scheduled: 4',
      'Number of Nodes Scheduled with Up-to-date Pods: 4',
      'Number of Nodes Scheduled with Available Pods: 4',
      'Number of Nodes Misscheduled: 0',
      'Pods Status:  4 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:           k8s-app=kube-proxy',
      '  Service Account:  kube-proxy',
      '  Containers:',
      '   kube-proxy:',
      '    Image:      registry.k8s.io/kube-proxy:v1.35.4',
      '    Port:       <none>',
      '    Host Port:  <none>',
      '    Command:',
      '      /usr/local/bin/kube-proxy',
      '      --config=/var/lib/kube-proxy/config.conf',
      '      --hostname-override=$(NODE_NAME)',
      '    Environment:',
      '      NODE_NAME:         (v1:spec.nodeName)',
      '    Mounts:             <none>',
      '  Volumes:              <none>',
      '  Priority Class Name:  system-node-critical',
      '  Node-Selectors:       kubernetes.io/os=linux',
      '  Tolerations:          op=Exists',
      'Events:                 <none>',
    ));
  });

  it('counts only the selected pods it controls, by phase, after their status changes', () => {
    const c = testCluster();
    const pods = c.store.list('Pod', 'kube-system').filter((p) => p.metadata?.labels?.app === 'kindnet');
    expect(pods).toHaveLength(4);
    setPhase(c, pods[0], 'Pending');
    setPhase(c, pods[1], 'Failed');
    setPhase(c, pods[2], 'Succeeded');
    // A pod with the labels but no controller is not the DaemonSet's.
    const orphan = { ...pods[3], metadata: { name: 'kindnet-orphan', namespace: 'kube-system', labels: pods[3].metadata!.labels } } as Pod;
    const r = c.store.create('Pod', orphan, { trusted: true });
    expect(r.ok).toBe(true);
    setPhase(c, c.store.get('Pod', 'kube-system', 'kindnet-orphan')!, 'Running');
    expect(kc(c, 'describe ds kindnet -n kube-system').out).toContain('\nPods Status:  1 Running / 1 Waiting / 1 Succeeded / 1 Failed\nPod Template:\n');
  });

  it('resolves TYPE/NAME, several names and -l like the other kinds', () => {
    const c = testCluster();
    const names = (args: string): string[] => [...kc(c, args).out.matchAll(/^Name:\s+(\S+)$/gm)].map((m) => m[1]);
    expect(names('describe daemonset/kindnet -n kube-system')).toEqual(['kindnet']);
    expect(names('describe ds kube-proxy kindnet -n kube-system')).toEqual(['kube-proxy', 'kindnet']);
    expect(names('describe ds -n kube-system')).toEqual(['kindnet', 'kube-proxy']);
    expect(names('describe ds -n kube-system -l k8s-app=kube-proxy')).toEqual(['kube-proxy']);
    expect(names('describe ds kube -n kube-system')).toEqual(['kube-proxy']);
    expect(kc(c, 'describe ds nope -n kube-system').err).toBe('Error from server (NotFound): daemonsets.apps "nope" not found\n');
    expect(kc(c, 'describe ds').err).toBe('No resources found in default namespace.\n');
  });
});

describe('describe replicaset', () => {
  it('matches the ReplicaSetDescriber layout, with Controlled By its Deployment', () => {
    const c = testCluster();
    const rs = c.store.get('ReplicaSet', 'kube-system', 'coredns-7d764666f9')!;
    c.event({ object: rs, type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: coredns-7d764666f9-abcde', component: 'replicaset-controller' });
    c.advance(5_000);
    expect(kc(c, 'describe rs coredns-7d764666f9 -n kube-system').out).toBe(lines(
      'Name:           coredns-7d764666f9',
      'Namespace:      kube-system',
      'Selector:       k8s-app=kube-dns,pod-template-hash=7d764666f9',
      'Labels:         k8s-app=kube-dns',
      '                pod-template-hash=7d764666f9',
      'Annotations:    deployment.kubernetes.io/desired-replicas: 2',
      '                deployment.kubernetes.io/max-replicas: 3',
      '                deployment.kubernetes.io/revision: 1',
      'Controlled By:  Deployment/coredns',
      'Replicas:       2 current / 2 desired',
      'Pods Status:    2 Running / 0 Waiting / 0 Succeeded / 0 Failed',
      'Pod Template:',
      '  Labels:           k8s-app=kube-dns',
      '                    pod-template-hash=7d764666f9',
      ...COREDNS_TEMPLATE,
      'Events:',
      '  Type    Reason            Age   From                   Message',
      '  ----    ------            ----  ----                   -------',
      '  Normal  SuccessfulCreate  5s    replicaset-controller  Created pod: coredns-7d764666f9-abcde',
    ));
  });

  it('counts its pods by phase after one fails', () => {
    const c = testCluster();
    const pod = c.store.list('Pod', 'kube-system').find((p) => p.metadata?.labels?.['pod-template-hash'] === '7d764666f9')!;
    setPhase(c, pod, 'Failed');
    expect(kc(c, 'describe replicaset/coredns-7d764666f9 -n kube-system').out).toContain('\nPods Status:    1 Running / 0 Waiting / 0 Succeeded / 1 Failed\n');
  });
});
