import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../engine/index.ts';
import { candidateKeys, explainRecord, isExplained, latestExplained } from './explain-text.ts';

const rec = (r: Partial<TraceRecord>): TraceRecord => ({ seq: 1, t: 0, type: 'controller.created', ...r });
const set = { kind: 'StatefulSet' as const, namespace: 'default', name: 'nginx-web' };
const pod = (name: string) => ({ kind: 'Pod' as const, namespace: 'default', name });

describe('explainRecord', () => {
  it('uses the most specific key first', () => {
    expect(candidateKeys(rec({ rule: 'OrderedReady', object: pod('w-0') }))).toEqual([
      'explain.controller.created.OrderedReady.Pod', 'explain.controller.created.OrderedReady',
      'explain.controller.created.Pod', 'explain.controller.created', 'explain.generic',
    ]);
  });
  it('explains a pod creation with its revision', () => {
    const r = rec({ set, object: pod('nginx-web-0'), rule: 'OrderedReady', detail: { ordinal: 0, revision: 'nginx-web-7d8559755f' } });
    expect(explainRecord('en', r)).toBe('nginx-web created Pod nginx-web-0 (ordinal 0) at revision nginx-web-7d8559755f.');
    expect(explainRecord('zh-Hant', r)).toContain('創建了 Pod nginx-web-0');
  });
  it('falls back when a detail the specific sentence needs is missing', () => {
    const r = rec({ set, object: pod('nginx-web-0'), rule: 'OrderedReady' });
    expect(explainRecord('en', r)).toBe('nginx-web created Pod nginx-web-0.');
  });
  it('explains an OrderedReady wait in each language', () => {
    const r = rec({ type: 'controller.waiting', set, object: pod('nginx-web-1'), rule: 'OrderedReady',
      detail: { waitingFor: 'nginx-web-1', condition: 'Ready', phase: 'Running' } });
    expect(explainRecord('en', r)).toBe('nginx-web waits: nginx-web-1 is not Ready yet (phase Running); OrderedReady handles one ordinal at a time.');
    expect(explainRecord('zh-Hant', r)).toContain('nginx-web-1 還不是 Ready');
    expect(explainRecord('zh-Hans', r)).toContain('nginx-web-1 还不是 Ready');
  });
  it('explains a claim nothing can provision: the missing class by name, or no class at all', () => {
    const claim = { kind: 'PersistentVolumeClaim' as const, namespace: 'default', name: 'www-web-0' };
    const missing = rec({ type: 'volume.unprovisionable', object: claim, rule: 'missing-class', detail: { class: 'fast' } });
    expect(explainRecord('en', missing)).toBe('PVC www-web-0 cannot be provisioned: StorageClass fast does not exist. Its pod stays Pending until the class is created.');
    expect(explainRecord('zh-Hant', missing)).toContain('StorageClass fast 不存在');
    expect(explainRecord('zh-Hans', missing)).toContain('在创建这个 StorageClass 之前');
    const none = rec({ type: 'volume.unprovisionable', object: claim, rule: 'no-class', detail: {} });
    expect(explainRecord('en', none)).toBe('PVC www-web-0 names no StorageClass and no PersistentVolume matches it: it stays Pending, and so does its pod.');
  });
  it('explains a partition hold without an object', () => {
    const r = rec({ type: 'controller.skipped', set, rule: 'partition', detail: { pods: 2, partition: 2, revision: 'nginx-web-6b9c7f5d4c' } });
    expect(explainRecord('en', r)).toBe('nginx-web: 2 Pod(s) below partition 2 keep their old revision; lower the partition to update them.');
  });
  it('tells an eviction by a user\'s NoExecute taint from one off an unreachable node', () => {
    const off = rec({ type: 'node.evicted', object: pod('nginx-web-1'), detail: { node: 'kind-worker' } });
    expect(explainRecord('en', off)).toBe('Pod nginx-web-1 was evicted from unreachable node kind-worker.');
    const tainted = rec({ type: 'node.evicted', object: pod('nginx-web-1'), rule: 'taint', detail: { node: 'kind-worker', taint: 'maint=now:NoExecute' } });
    expect(explainRecord('en', tainted)).toBe('Pod nginx-web-1 was evicted from node kind-worker because of the taint maint=now:NoExecute.');
    expect(explainRecord('zh-Hant', tainted)).toBe('因污點 maint=now:NoExecute，Pod nginx-web-1 從節點 kind-worker 被驅逐。');
    expect(explainRecord('zh-Hans', tainted)).toBe('因污点 maint=now:NoExecute，Pod nginx-web-1 从节点 kind-worker 被驱逐。');
  });
  it('says why PodGC deleted a pod: its node is gone, or out of service', () => {
    const orphaned = rec({ type: 'podgc.deleted', object: pod('nginx-web-1'), rule: 'orphaned', detail: { node: 'kind-worker' } });
    expect(explainRecord('en', orphaned)).toBe('PodGC deleted Pod nginx-web-1: its node kind-worker no longer exists, 40 s after it was first missed.');
    expect(explainRecord('zh-Hant', orphaned)).toBe('PodGC 刪除了 Pod nginx-web-1：它的節點 kind-worker 已不存在，距首次發現已過 40 秒。');
    const shutdown = rec({ type: 'podgc.deleted', object: pod('nginx-web-1'), rule: 'out-of-service', detail: { node: 'kind-worker' } });
    expect(explainRecord('zh-Hans', shutdown)).toBe('PodGC 强制删除了在节点 kind-worker 上终止中的 Pod nginx-web-1：该节点不是 Ready，且带有 out-of-service 污点。');
    expect(latestExplained([orphaned, rec({ type: 'endpoints.updated', object: pod('x') })])).toBe(orphaned);
  });
  it('a record of unknown type still says something', () => {
    expect(explainRecord('en', rec({ type: 'mystery.thing' }))).toBe('mystery.thing');
  });
  it('status records are explained only when the rollout completes', () => {
    expect(isExplained(rec({ type: 'controller.status', detail: { revisionAdvanced: false } }))).toBe(false);
    expect(isExplained(rec({ type: 'controller.status', detail: { revisionAdvanced: true } }))).toBe(true);
    expect(isExplained(rec({ type: 'kubelet.stage', detail: { stage: 'pull' } }))).toBe(false);
  });
});

describe('latestExplained (the Now caption)', () => {
  const rec = (seq: number, type: string, detail: Record<string, string | number | boolean | null> = {}) => ({ seq, t: seq, type, detail });
  it('prefers the newest controller or user decision over routine follow-ups', () => {
    const trace = [rec(1, 'controller.created'), rec(2, 'endpoints.updated'), rec(3, 'volume.bound'), rec(4, 'kubelet.stage')];
    expect(latestExplained(trace)?.seq).toBe(1);
    expect(latestExplained([...trace, rec(5, 'user.fault')])?.seq).toBe(5);
  });
  it('headlines a probe verdict: why the pod the controller waits for is not Ready', () => {
    const trace = [rec(1, 'controller.waiting'), rec(2, 'endpoints.updated'), { ...rec(3, 'kubelet.probe'), rule: 'readiness-failed' }, rec(4, 'volume.bound')];
    expect(latestExplained(trace)?.seq).toBe(3);
    expect(explainRecord('en', { ...trace[2]!, object: pod('web-0'), detail: { node: 'kind-worker', container: 'nginx', output: 'HTTP probe failed with statuscode: 403', times: 3 } }))
      .toMatch(/^Kubelet on kind-worker: the readiness probe of nginx in pod web-0 failed 3 times in a row \(HTTP probe failed with statuscode: 403\)\. /);
  });
  it('headlines an init container\'s progress: why the pod is Init:N/M', () => {
    const trace = [rec(1, 'controller.waiting'), { ...rec(2, 'kubelet.init'), rule: 'running' }, rec(3, 'endpoints.updated')];
    expect(latestExplained(trace)?.seq).toBe(2);
    const running = { ...trace[1]!, object: pod('web-0'), detail: { node: 'kind-worker', container: 'wait-for-db', index: 1, count: 2 } };
    expect(explainRecord('en', running)).toMatch(/^Kubelet on kind-worker: pod web-0 runs its init container wait-for-db \(1 of 2\)\. /);
    expect(explainRecord('zh-Hant', running)).toMatch(/^kind-worker 上的 Kubelet：Pod web-0 正在執行 init container wait-for-db（第 1 個，共 2 個）。/);
    const done = { ...running, rule: 'completed', detail: { ...running.detail, next: 'init-mydb' } };
    expect(explainRecord('zh-Hans', done)).toBe('kind-worker 上的 Kubelet：Pod web-0 的 init container wait-for-db 已完成（exit code 0）。下一个 init-mydb 现在启动。');
  });
  it('falls back to the newest explained record, and skips unexplained ones', () => {
    expect(latestExplained([rec(1, 'endpoints.updated'), rec(2, 'kubelet.stage')])?.seq).toBe(1);
    expect(latestExplained([rec(1, 'controller.status', { revisionAdvanced: false })])).toBeUndefined();
  });
});

describe('scale-down sentences say what happens to the PVC', () => {
  const scaleDown = (claims: string): TraceRecord => ({
    seq: 1, t: 0, type: 'controller.deleted', rule: 'scale-down', object: { kind: 'Pod', namespace: 'default', name: 'web-2' },
    set: { kind: 'StatefulSet', namespace: 'default', name: 'web' }, detail: { replicas: 2, claims },
  });
  it('kept under whenScaled Retain, deleted under Delete, not mentioned without claims', () => {
    expect(explainRecord('en', scaleDown('kept'))).toMatch(/its PVC stays \(whenScaled: Retain\)/);
    expect(explainRecord('en', scaleDown('deleted'))).toMatch(/its PVC goes with it \(whenScaled: Delete\)/);
    expect(explainRecord('en', scaleDown('none'))).not.toMatch(/PVC/);
    expect(explainRecord('zh-Hant', scaleDown('deleted'))).toMatch(/隨之刪除/);
  });
});
