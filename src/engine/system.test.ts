// The cluster's own workloads: what a fresh kind cluster runs, made without a PRNG draw, kept when a user deletes
// one of their pods, and served read-only.
import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster.ts';
import { nextUuid, seedRng } from './clock/rng.ts';
import { kc } from '../kubectl/testing.ts';
import { runKubectl } from '../kubectl/index.ts';
import { nodeAction } from './faults.ts';
import { canonicalQuantity } from './api/quantity.ts';

const fresh = () => Cluster.create({ seed: 7, freeze: true });
const podsIn = (c: Cluster, ns: string) => c.store.list('Pod', ns).map((p) => `${p.metadata!.name} ${p.spec!.nodeName} ${p.status?.phase}`);

describe('the cluster\'s own workloads', () => {
  it('run from the start: static pods, kindnet and kube-proxy on every node, CoreDNS and the local-path provisioner', () => {
    const c = fresh();
    const pods = c.store.list('Pod', 'kube-system');
    expect(pods.every((p) => p.status?.phase === 'Running' && p.status.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'))).toBe(true);
    // Generated names end in five characters of apimachinery's alphabet (no vowels); a ReplicaSet's add its hash.
    const names = pods.map((p) => p.metadata!.name!.replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '-*').replace(/-[0-9a-f]{10}-\*$/, '-*'));
    expect(names.sort()).toEqual([
      'coredns-*', 'coredns-*', 'etcd-kind-control-plane',
      'kindnet-*', 'kindnet-*', 'kindnet-*', 'kindnet-*',
      'kube-apiserver-kind-control-plane', 'kube-controller-manager-kind-control-plane',
      'kube-proxy-*', 'kube-proxy-*', 'kube-proxy-*', 'kube-proxy-*', 'kube-scheduler-kind-control-plane',
    ]);
    expect(podsIn(c, 'local-path-storage')).toEqual([expect.stringMatching(/^local-path-provisioner-7dc846544d-\w{5} kind-control-plane Running$/)]);
    // On the host's network a pod has its node's address; CoreDNS gets the control plane's first pod addresses.
    const kp = pods.find((p) => p.metadata!.name!.startsWith('kube-proxy') && p.spec!.nodeName === 'kind-worker')!;
    expect(kp.status!.podIP).toBe('172.18.0.3');
    expect(pods.filter((p) => p.metadata!.labels?.['k8s-app'] === 'kube-dns').map((p) => p.status!.podIP).sort()).toEqual(['10.244.0.2', '10.244.0.3']);
  });

  it('store their quantities in canonical form, as the API server serves them (a node\'s 24 GiB is 24Gi, not 24576Mi)', () => {
    const c = fresh();
    const lists: Array<[string, Record<string, unknown> | undefined]> = [];
    for (const n of c.store.list('Node')) lists.push([`${n.metadata!.name} capacity`, n.status?.capacity], [`${n.metadata!.name} allocatable`, n.status?.allocatable]);
    for (const p of c.store.list('Pod')) {
      for (const k of [...(p.spec!.initContainers ?? []), ...p.spec!.containers]) {
        lists.push([`${p.metadata!.name} ${k.name} requests`, k.resources?.requests], [`${p.metadata!.name} ${k.name} limits`, k.resources?.limits]);
      }
    }
    const odd = lists.flatMap(([where, list]) => Object.entries(list ?? {})
      .filter(([, q]) => canonicalQuantity(q as string) !== q).map(([name, q]) => `${where} ${name}=${String(q)}`));
    expect(lists.length).toBeGreaterThan(20);
    expect(odd).toEqual([]);
    expect(c.store.get('Node', '', 'kind-worker')!.status!.capacity!.memory).toBe('24Gi');
  });

  it('a cluster of 250 workers has a kindnet and a kube-proxy on every node, each under its own name', () => {
    const c = Cluster.create({ seed: 1, workers: 250 });
    const pods = c.store.list('Pod', 'kube-system');
    for (const ds of ['kindnet', 'kube-proxy']) {
      const mine = pods.filter((p) => p.metadata!.ownerReferences?.[0]?.name === ds);
      expect(new Set(mine.map((p) => p.spec!.nodeName)).size).toBe(251);
    }
    expect(new Set(pods.map((p) => p.metadata!.name)).size).toBe(pods.length);
  });

  it('kube-dns has its Endpoints and EndpointSlice at once, and cluster-info names CoreDNS', () => {
    const c = fresh();
    const writes: string[] = [];
    c.store.watch((e) => writes.push(`${e.type} ${e.kind} ${e.object.metadata!.name}`));
    expect(kc(c, 'get endpoints kube-dns -n kube-system').out).toMatch(/kube-dns +10\.244\.0\.2:53,10\.244\.0\.3:53,10\.244\.0\.2:53 \+ 3 more\.\.\. +0s/);
    expect(kc(c, 'get endpointslices -n kube-system').out).toMatch(/kube-dns-\w{5} +IPv4 +53,53,9153 +10\.244\.0\.2,10\.244\.0\.3 +0s/);
    c.advance(60_000);
    // The controllers' first sync finds nothing to change.
    expect(writes).toEqual([]);
  });

  it('draws nothing from the PRNG: after them it stands where the 12 draws of the rest of the bootstrap left it', () => {
    const c = fresh();
    // The bootstrap before them creates 4 namespaces, 4 nodes, the StorageClass, and the kubernetes Service,
    // Endpoints and EndpointSlice: 12 uids drawn, and nothing else is.
    const rng = seedRng(7);
    for (let i = 0; i < 12; i++) nextUuid(rng);
    expect(c.state.rng).toEqual(rng);
    // Their own identities are fixed, whatever the seed.
    const uids = (x: Cluster) => x.store.list('Pod', 'kube-system').map((p) => p.metadata!.uid!);
    expect(uids(Cluster.create({ seed: 8, freeze: true }))).toEqual(uids(c));
  });

  it('a deleted DaemonSet pod comes back on its node under a new name; the DaemonSet counts it', () => {
    const c = fresh();
    const old = c.store.list('Pod', 'kube-system').find((p) => p.metadata!.name!.startsWith('kube-proxy') && p.spec!.nodeName === 'kind-worker2')!;
    expect(kc(c, `delete pod ${old.metadata!.name} -n kube-system --wait=false`).code).toBe(0);
    c.advance(500);
    expect(kc(c, 'get ds kube-proxy -n kube-system').out).toMatch(/kube-proxy +4 +4 +3 +4 +3 +kubernetes.io\/os=linux/);
    c.advance(10_000);
    const now = c.store.list('Pod', 'kube-system').filter((p) => p.metadata!.name!.startsWith('kube-proxy') && p.spec!.nodeName === 'kind-worker2');
    expect(now).toHaveLength(1);
    expect(now[0].metadata!.name).not.toBe(old.metadata!.name);
    expect(now[0].status!.phase).toBe('Running');
    // On the host's network, the kubelet gives it the node's address.
    expect(now[0].status!.podIP).toBe(c.store.get('Node', '', 'kind-worker2')!.status!.addresses![0].address);
    expect(kc(c, 'get ds kube-proxy -n kube-system').out).toMatch(/kube-proxy +4 +4 +4 +4 +4 +kubernetes.io\/os=linux/);
    const ev = c.store.list('Event', 'kube-system').find((e) => e.reason === 'SuccessfulCreate')!;
    expect([ev.involvedObject.kind, ev.message, ev.source?.component]).toEqual(['DaemonSet', `Created pod: ${now[0].metadata!.name}`, 'daemonset-controller']);
    // The scheduler placed it (daemon pods go through it, pinned to their node by affinity); the image was already there.
    expect(c.store.list('Event', 'kube-system').some((e) => e.involvedObject?.name === now[0].metadata!.name && e.reason === 'Scheduled'
      && e.message === `Successfully assigned kube-system/${now[0].metadata!.name} to kind-worker2`)).toBe(true);
    // The image was already on the node.
    expect(c.store.list('Event', 'kube-system').some((e) => e.involvedObject.name === now[0].metadata!.name && e.reason === 'Pulled' && e.message!.includes('already present on machine'))).toBe(true);
  });

  it('a deleted CoreDNS pod is replaced by its ReplicaSet through the scheduler', () => {
    const c = fresh();
    const old = c.store.list('Pod', 'kube-system').find((p) => p.metadata!.labels?.['k8s-app'] === 'kube-dns')!;
    kc(c, `delete pod ${old.metadata!.name} -n kube-system --wait=false`);
    c.advance(10_000);
    const dns = c.store.list('Pod', 'kube-system').filter((p) => p.metadata!.labels?.['k8s-app'] === 'kube-dns');
    expect(dns).toHaveLength(2);
    expect(dns.every((p) => p.status?.phase === 'Running')).toBe(true);
    expect(kc(c, 'get deploy,rs -n kube-system').out).toMatch(/deployment.apps\/coredns +2\/2 +2 +2/);
    expect(c.store.list('Event', 'kube-system').some((e) => e.reason === 'Scheduled')).toBe(true);
  });

  it('both CoreDNS pods deleted at once are both replaced (the ReplicaSet makes up every missing pod)', () => {
    const c = fresh();
    kc(c, 'delete pod -n kube-system -l k8s-app=kube-dns --wait=false');
    c.advance(10_000);
    const dns = c.store.list('Pod', 'kube-system').filter((p) => p.metadata!.labels?.['k8s-app'] === 'kube-dns' && !p.metadata!.deletionTimestamp);
    expect(dns.map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
  });

  it('a deleted control-plane Node: its pods go (PodGC), the DaemonSets count the nodes left; registered again, it gets its daemon and mirror pods back', () => {
    const c = fresh();
    const onCp = () => c.store.list('Pod', 'kube-system').filter((p) => p.spec?.nodeName === 'kind-control-plane').map((p) => p.metadata!.name!.replace(/-[bcdfghjklmnpqrstvwxz2456789]{5}$/, '-*')).sort();
    kc(c, 'delete node kind-control-plane');
    c.advance(70_000);
    expect(onCp()).toEqual([]);
    expect(c.store.get('DaemonSet', 'kube-system', 'kindnet')!.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3 });
    expect(c.store.list('Pod', 'kube-system').filter((p) => p.metadata!.labels?.['k8s-app'] === 'kube-dns')).toHaveLength(2);
    expect(c.store.get('Node', '', 'kind-control-plane')).toBeUndefined();
    expect(nodeAction(c, 'kind-control-plane', 'up')).toBeNull();
    c.advance(10_000);
    expect(onCp()).toEqual([
      'etcd-kind-control-plane', 'kindnet-*', 'kube-apiserver-kind-control-plane', 'kube-controller-manager-kind-control-plane',
      'kube-proxy-*', 'kube-scheduler-kind-control-plane',
    ]);
    expect(c.store.get('DaemonSet', 'kube-system', 'kube-proxy')!.status).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4 });
    expect(nodeAction(c, 'kind-worker9', 'up')).toBe('nodes "kind-worker9" not found');
  });

  it('a deleted mirror pod is written again at once; the static pod it shows never stopped', () => {
    const c = fresh();
    c.advance(30_000);
    const before = c.store.get('Pod', 'kube-system', 'etcd-kind-control-plane')!;
    kc(c, 'delete pod etcd-kind-control-plane -n kube-system --wait=false');
    c.advance(2_000);
    const after = c.store.get('Pod', 'kube-system', 'etcd-kind-control-plane')!;
    expect(after.metadata!.uid).not.toBe(before.metadata!.uid);
    expect(after.status!.containerStatuses![0].containerID).toBe(before.status!.containerStatuses![0].containerID);
    expect(after.status!.containerStatuses![0].state!.running!.startedAt).toBe('2026-01-01T00:00:00Z');
    expect(c.store.list('Event', 'kube-system').some((e) => e.reason === 'Killing')).toBe(false);
  });

  it('are served read-only: the API server refuses to create, change or delete a DaemonSet, Deployment or ReplicaSet', () => {
    const c = fresh();
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - {name: web, image: nginx:alpine}\n';
    expect(runKubectl('apply -f -', c, { stdin: deploy }).output[0].text).toBe('Error from server (Forbidden): error when creating "STDIN": deployments.apps "web" is forbidden: this simulated cluster runs no controller for deployments.apps: it shows the cluster\'s own as they are, read-only\n');
    expect(kc(c, 'scale deploy coredns -n kube-system --replicas=3').err).toMatch(/^Error from server \(Forbidden\): deployments.apps "coredns" is forbidden: /);
    expect(kc(c, 'delete ds kindnet -n kube-system').err).toMatch(/^Error from server \(Forbidden\): daemonsets.apps "kindnet" is forbidden: /);
    expect(kc(c, 'label rs -n kube-system --all x=y').err).toMatch(/^Error from server \(Forbidden\): replicasets.apps "coredns-7d764666f9" is forbidden: /);
    expect(c.store.get('Deployment', 'kube-system', 'coredns')!.spec!.replicas).toBe(2);
    expect(kc(c, 'delete ns kube-system').err).toBe('Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n');
  });

  it('a snapshot from a build before the read-only kinds restores with them empty', () => {
    const snap = fresh().snapshot();
    for (const k of ['DaemonSet', 'Deployment', 'ReplicaSet', 'PodDisruptionBudget'] as const) delete (snap.store.objects as Partial<typeof snap.store.objects>)[k];
    const c = Cluster.restore(snap);
    expect(c.store.list('DaemonSet')).toEqual([]);
    expect(kc(c, 'get pdb').err).toBe('No resources found in default namespace.\n');
  });

  it('their images are distroless: kubectl exec finds no shell', () => {
    const c = fresh();
    const r = kc(c, 'exec -n kube-system etcd-kind-control-plane -- sh -c true');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in \$PATH: unknown\n$/);
  });

  it('kubectl get all -A lists them with their workloads', () => {
    const out = kc(fresh(), 'get all -A').out;
    expect(out).toMatch(/kube-system +daemonset.apps\/kindnet +4 +4 +4 +4 +4 +<none>/);
    expect(out).toMatch(/local-path-storage +deployment.apps\/local-path-provisioner +1\/1 +1 +1/);
    expect(out).toMatch(/kube-system +replicaset.apps\/coredns-7d764666f9 +2 +2 +2/);
    expect(out).toMatch(/kube-system +service\/kube-dns +ClusterIP +10\.96\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP/);
  });
});
