// The API server shim over HTTP, with fetch: discovery, reads, writes, tables, a watch that drives the clock, and exec over WebSocket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { Cluster } from '../engine/cluster.ts';
import { startApiServer, type ApiServer } from './apiserver.ts';

const WEB = {
  apiVersion: 'apps/v1', kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 1, serviceName: 'nginx', selector: { matchLabels: { app: 'nginx' } },
    template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21' }] } },
  },
};

let cluster: Cluster;
let server: ApiServer;

beforeEach(async () => {
  cluster = Cluster.create({ seed: 1 });
  server = await startApiServer(cluster, { eventPauseMs: 0 });
});
afterEach(async () => {
  await server.close();
});

const get = async (path: string, accept = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> => {
  const r = await fetch(server.url + path, { headers: { Accept: accept } });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};
const send = async (method: string, path: string, body: unknown, type = 'application/json'): Promise<{ status: number; body: Record<string, unknown> }> => {
  const r = await fetch(server.url + path, { method, headers: { 'Content-Type': type }, body: JSON.stringify(body) });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

// Brings the set's pod up: the cluster is driven directly, as a test needs no watch for it.
function createWeb(): void {
  const r = cluster.store.create('StatefulSet', WEB);
  expect(r.ok).toBe(true);
  cluster.settle();
}

describe('discovery', () => {
  it('serves the version, the core group and the named groups with their resources and subresources', async () => {
    expect((await get('/version')).body.gitVersion).toBe('v1.35.4');
    expect((await get('/api')).body.versions).toEqual(['v1']);
    const groups = (await get('/apis')).body.groups as Array<{ name: string; preferredVersion: { groupVersion: string } }>;
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(['apps', 'storage.k8s.io', 'policy', 'discovery.k8s.io']));
    const apps = (await get('/apis/apps/v1')).body.resources as Array<{ name: string; kind: string; shortNames?: string[]; verbs: string[]; categories?: string[] }>;
    const sts = apps.find((r) => r.name === 'statefulsets')!;
    expect(sts).toMatchObject({ kind: 'StatefulSet', shortNames: ['sts'], categories: ['all'] });
    expect(sts.verbs).toContain('patch');
    expect(apps.find((r) => r.name === 'statefulsets/scale')).toMatchObject({ kind: 'Scale', group: 'autoscaling', version: 'v1' });
    const core = (await get('/api/v1')).body.resources as Array<{ name: string; namespaced: boolean }>;
    expect(core.map((r) => r.name)).toEqual(expect.arrayContaining(['pods', 'pods/log', 'pods/eviction', 'pods/binding', 'pods/status', 'nodes']));
    expect(core.find((r) => r.name === 'nodes')!.namespaced).toBe(false);
  });
});

describe('resources', () => {
  it('gets a pod and lists pods by label selector', async () => {
    const all = (await get('/api/v1/pods')).body;
    expect(all.kind).toBe('PodList');
    const items = all.items as Array<{ metadata: { name: string; namespace: string } }>;
    const first = items[0];
    const one = await get(`/api/v1/namespaces/${first.metadata.namespace}/pods/${first.metadata.name}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ kind: 'Pod', metadata: { name: first.metadata.name } });
    const dns = (await get('/api/v1/namespaces/kube-system/pods?labelSelector=k8s-app%3Dkube-dns')).body.items as Array<{ metadata: { name: string } }>;
    expect(dns.length).toBe(2);
    expect(dns.every((p) => p.metadata.name.startsWith('coredns-'))).toBe(true);
    const byNode = (await get('/api/v1/pods?fieldSelector=spec.nodeName%3Dkind-worker')).body.items as Array<{ spec: { nodeName: string } }>;
    expect(byNode.length).toBeGreaterThan(0);
    expect(byNode.every((p) => p.spec.nodeName === 'kind-worker')).toBe(true);
  });

  it('answers an unknown path and a missing object with a NotFound Status', async () => {
    const path = await get('/apis/nosuch.example.com/v1/widgets');
    expect(path.status).toBe(404);
    expect(path.body).toMatchObject({ kind: 'Status', reason: 'NotFound', message: 'the server could not find the requested resource' });
    const obj = await get('/apis/apps/v1/namespaces/default/statefulsets/nope');
    expect(obj.status).toBe(404);
    expect(obj.body.message).toBe('statefulsets.apps "nope" not found');
  });

  it('creates with POST, then reads it back', async () => {
    const created = await send('POST', '/api/v1/namespaces/default/services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' }, spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80 }] },
    });
    expect(created.status).toBe(201);
    const back = await get('/api/v1/namespaces/default/services/nginx');
    expect(back.body).toMatchObject({ metadata: { name: 'nginx', namespace: 'default', uid: (created.body.metadata as { uid: string }).uid } });
    const again = await send('POST', '/api/v1/namespaces/default/services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' }, spec: { ports: [{ port: 80 }] } });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('AlreadyExists');
  });

  it('applies a strategic merge patch to a StatefulSet image, and a merge patch to its scale', async () => {
    createWeb();
    const patched = await send('PATCH', '/apis/apps/v1/namespaces/default/statefulsets/web',
      { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:mainline' }] } } } }, 'application/strategic-merge-patch+json');
    expect(patched.status).toBe(200);
    const containers = cluster.store.get('StatefulSet', 'default', 'web')!.spec!.template.spec!.containers;
    expect(containers).toHaveLength(1);
    expect(containers[0].image).toBe('nginx:mainline');
    const scale = await send('PATCH', '/apis/apps/v1/namespaces/default/statefulsets/web/scale', { spec: { replicas: 3 } }, 'application/merge-patch+json');
    expect(scale.body).toMatchObject({ kind: 'Scale', spec: { replicas: 3 }, status: { selector: 'app=nginx' } });
    expect(cluster.store.get('StatefulSet', 'default', 'web')!.spec!.replicas).toBe(3);
  });

  it('deletes: the pod terminates gracefully, a dry run changes nothing', async () => {
    createWeb();
    const dry = await send('DELETE', '/api/v1/namespaces/default/pods/web-0?dryRun=All', {});
    expect(dry.status).toBe(200);
    expect(cluster.store.get('Pod', 'default', 'web-0')!.metadata!.deletionTimestamp).toBeUndefined();
    const del = await send('DELETE', '/api/v1/namespaces/default/pods/web-0', { propagationPolicy: 'Background' });
    expect(del.status).toBe(200);
    expect(cluster.store.get('Pod', 'default', 'web-0')!.metadata!.deletionTimestamp).toBeDefined();
    const svc = await send('DELETE', '/api/v1/namespaces/default/services/kubernetes', {});
    expect(svc.body).toMatchObject({ kind: 'Status', status: 'Success' });
    expect(cluster.store.get('Service', 'default', 'kubernetes')).toBeUndefined();
  });
});

describe('tables', () => {
  it('serves `get pods` as a Table with the simulated printer columns and cells', async () => {
    createWeb();
    const t = (await get('/api/v1/namespaces/default/pods', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json')).body;
    expect(t.kind).toBe('Table');
    const cols = t.columnDefinitions as Array<{ name: string; priority: number; format: string }>;
    expect(cols.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(cols.filter((c) => c.priority === 1).map((c) => c.name)).toContain('NODE');
    expect(cols[0].format).toBe('name');
    const rows = t.rows as Array<{ cells: string[]; object: { kind: string; metadata: { name: string } } }>;
    expect(rows).toHaveLength(1);
    expect(rows[0].cells.slice(0, 3)).toEqual(['web-0', '1/1', 'Running']);
    expect(rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 'web-0' } });
  });
});

describe('watch', () => {
  it('drives a graceful deletion to its DELETED event, moving virtual time', async () => {
    createWeb();
    cluster.store.delete('Pod', 'default', 'web-0', {});
    const before = cluster.now;
    const rv = cluster.store.state.resourceVersion;
    const ac = new AbortController();
    const r = await fetch(`${server.url}/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb-0&watch=true&resourceVersion=${rv}`, { signal: ac.signal });
    const reader = r.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const events: Array<{ type: string; object: { metadata: { name: string; deletionTimestamp?: string } } }> = [];
    while (!events.some((e) => e.type === 'DELETED')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      const lines = text.split('\n');
      text = lines.pop()!;
      for (const l of lines) if (l) events.push(JSON.parse(l) as (typeof events)[number]);
    }
    ac.abort();
    expect(events.find((e) => e.type === 'DELETED')?.object.metadata.name).toBe('web-0');
    // The pod's grace period (30s, cut short when its container stops) passed in virtual time only.
    expect(cluster.now).toBeGreaterThan(before);
  });
});

describe('exec over WebSocket', () => {
  // Upgrades a request and collects the server's frames (channel, text) until it closes.
  function exec(path: string): Promise<{ status: number; frames: Array<[number, string]> }> {
    return new Promise((resolve, reject) => {
      const req = request(server.url + path, {
        headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Protocol': 'v5.channel.k8s.io' },
      });
      req.on('response', (res) => resolve({ status: res.statusCode ?? 0, frames: [] }));
      req.on('upgrade', (res, socket, head: Buffer) => {
        expect(res.headers['sec-websocket-accept']).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
        let buf = Buffer.alloc(0);
        const frames: Array<[number, string]> = [];
        // What came with the response's head, then what follows.
        const take = (d: Buffer): void => {
          buf = Buffer.concat([buf, d]);
          for (;;) {
            if (buf.length < 2) return;
            // A length of 126 is followed by the real one in two bytes (the server's frames stay under 64 KiB).
            const at = (buf[1] & 0x7f) === 126 ? 4 : 2;
            const len = at === 4 ? buf.readUInt16BE(2) : buf[1] & 0x7f, op = buf[0] & 0x0f;
            if (buf.length < at + len) return;
            if (op === 0x2) frames.push([buf[at], buf.subarray(at + 1, at + len).toString()]);
            if (op === 0x8) { socket.destroy(); resolve({ status: 101, frames }); return; }
            buf = buf.subarray(at + len);
          }
        };
        socket.on('data', take);
        take(head);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('runs the command in the container: its output on channels 1 and 2, its exit on channel 3', async () => {
    createWeb();
    const ok = await exec('/api/v1/namespaces/default/pods/web-0/exec?command=hostname&container=nginx&stdout=true&stderr=true');
    expect(ok.status).toBe(101);
    expect(ok.frames).toEqual([[1, 'web-0\n'], [3, '{"metadata":{},"status":"Success"}']]);
    const failed = await exec('/api/v1/namespaces/default/pods/web-0/exec?command=sh&command=-c&command=echo%20e%20%3E%262%3B%20exit%203&container=nginx&stdout=true&stderr=true');
    expect(failed.frames[0]).toEqual([2, 'e\n']);
    expect(JSON.parse(failed.frames[1][1])).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
    // A container the pod does not have is refused at the upgrade, with the API server's Status.
    const refused = await exec('/api/v1/namespaces/default/pods/web-0/exec?command=ls&container=nope&stdout=true');
    expect(refused.status).toBe(400);
  });
});
