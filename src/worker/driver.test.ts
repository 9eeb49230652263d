// Driver: logged inputs, checkpoints, seeking back and forward, forking, step and settle.
import { describe, expect, it, vi } from 'vitest';
import { Driver } from './driver.ts';
import { TEST_CLUSTER, tickOf } from './test-fakes.ts';

vi.mock('../kubectl/index.ts', async () => ({ runKubectl: (await import('./test-fakes.ts')).fakeRunKubectl }));

function driver(): Driver {
  const d = new Driver(1, {}, TEST_CLUSTER);
  d.reset('empty');
  return d;
}

describe('Driver', () => {
  it("introduces each of the scenario's lines by a structured note", () => {
    const out = new Driver(1, {}, TEST_CLUSTER).reset('seed');
    const notes = out.flatMap((c) => ('note' in c && c.note ? [c.note] : []));
    expect(notes).toEqual([{ key: 'terminal.scenarioManifest', params: { name: 'seed', line: 'kubectl apply -f -' } }]);
  });

  it('logs changing commands with their virtual time and leaves read-only ones out', () => {
    const d = driver();
    d.advanceTo(2500);
    d.exec('kubectl create ns tick-a');
    d.exec('kubectl get ns');
    expect(d.timeline.inputs).toEqual([{ ms: 2500, line: 'kubectl create ns tick-a' }]);
    expect(d.applied).toBe(1);
  });

  it('takes checkpoints on the 10 s grid while advancing', () => {
    const d = driver();
    d.advanceTo(35_000);
    expect([0, 10_000, 20_000, 30_000].every((ms) => d.timeline.hasCheckpoint(ms))).toBe(true);
    expect(d.timeline.hasCheckpoint(40_000)).toBe(false);
  });

  it('seeking back shows the earlier state; seeking forward replays the log to the same state', () => {
    const d = driver();
    d.advanceTo(9_000);
    d.exec('kubectl create ns tick-a');
    d.advanceTo(30_000);
    expect(tickOf(d.cluster, 'tick-a')).toBe('5');
    const later = JSON.stringify([...d.cluster.store.state.objects.Namespace]);

    d.seek(11_500);
    expect(d.cluster.now).toBe(11_500);
    expect(tickOf(d.cluster, 'tick-a')).toBe('2');
    d.seek(5_000);
    expect(tickOf(d.cluster, 'tick-a')).toBeUndefined();
    expect(d.cluster.store.get('Namespace', '', 'tick-a')).toBeUndefined();

    d.seek(30_000);
    expect(JSON.stringify([...d.cluster.store.state.objects.Namespace])).toBe(later);
  });

  it('clamps seeks to the recorded session', () => {
    const d = driver();
    d.advanceTo(4_000);
    d.seek(60_000);
    expect(d.cluster.now).toBe(4_000);
    d.seek(-5);
    expect(d.cluster.now).toBe(0);
  });

  it('acting at a past moment forks: later inputs, checkpoints and end are dropped', () => {
    const d = driver();
    d.exec('kubectl create ns tick-a');
    d.advanceTo(15_000);
    d.exec('kubectl create ns tick-b');
    d.advanceTo(25_000);
    d.seek(12_000);
    d.exec('kubectl create ns tick-c');
    expect(d.timeline.inputs.map((i) => i.line)).toEqual(['kubectl create ns tick-a', 'kubectl create ns tick-c']);
    expect(d.timeline.endMs).toBe(12_000);
    expect(d.timeline.hasCheckpoint(20_000)).toBe(false);
    expect(d.timeline.hasCheckpoint(10_000)).toBe(true);
    d.advanceTo(26_000);
    expect(d.cluster.store.get('Namespace', '', 'tick-b')).toBeUndefined();
    expect(tickOf(d.cluster, 'tick-c')).toBe('5');
  });

  it('playing forward from the past re-applies logged inputs at their instants', () => {
    const d = driver();
    d.advanceTo(15_000);
    d.exec('kubectl create ns tick-b');
    d.advanceTo(20_000);
    d.seek(3_000);
    const replayed: string[] = [];
    const d2 = d as unknown as { hooks: { replayed?: (e: { line: string }) => void } };
    d2.hooks.replayed = (e) => replayed.push(e.line);
    d.advanceTo(16_000);
    expect(replayed).toEqual(['kubectl create ns tick-b']);
    expect(tickOf(d.cluster, 'tick-b')).toBe('1');
  });

  it('step advances to the next pending work; settle runs until nothing is pending', () => {
    const d = driver();
    d.exec('kubectl create ns tick-a');
    expect(d.step()).toBe(true);
    expect(d.cluster.now).toBe(1000);
    expect(tickOf(d.cluster, 'tick-a')).toBe('1');
    expect(d.settle()).toEqual({ settled: true, now: 5000 });
    expect(d.step()).toBe(false);
  });

  it('step runs work due at the current instant (a follow-up with no delay) instead of standing still', () => {
    const d = driver();
    d.advanceTo(3000);
    d.exec('kubectl create ns tick-a');
    d.cluster.enqueue('ticker/tick', 'tick-a', 0);
    expect(d.step()).toBe(true);
    expect([d.cluster.now, tickOf(d.cluster, 'tick-a')]).toEqual([3000, '1']);
    expect(d.settle()).toEqual({ settled: true, now: 7000 });
  });

  it('runs `sim advance` and `sim settle` itself so the timeline keeps its checkpoints', () => {
    const d = driver();
    d.exec('kubectl create ns tick-a');
    expect(d.exec('sim advance 25s').exitCode).toBe(0);
    expect(d.cluster.now).toBe(25_000);
    expect(d.timeline.hasCheckpoint(20_000)).toBe(true);
    expect(d.timeline.inputs).toHaveLength(1);
    d.exec('kubectl create ns tick-b');
    expect(d.exec('sim settle').output[0].text).toBe('settled at 30s\n');
    expect(d.exec('sim advance soon').malformed).toMatch(/usage/);
  });

  it('marks user inputs on the timeline', () => {
    const d = driver();
    d.advanceTo(1_200);
    d.exec('kubectl create ns x');
    expect(d.timeline.markers).toEqual([{ ms: 1_200, kind: 'user', label: 'kubectl create ns x' }]);
  });
});
