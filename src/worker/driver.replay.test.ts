// With the real engine and kubectl: a state reached by seeking (restore a checkpoint, replay the log) is
// byte-identical to the state reached by playing straight through.
import { describe, expect, it } from 'vitest';
import { Driver } from './driver.ts';

const storeJson = (d: Driver): string =>
  JSON.stringify(Object.entries(d.cluster.store.state.objects).map(([k, m]) => [k, [...m]]));

describe('Driver with the real engine', () => {
  it('seeking back and forth reproduces the straight-through state exactly', () => {
    const d = new Driver(7);
    d.reset('seed');
    d.advanceTo(5_000);
    expect(d.exec('kubectl scale sts nginx-web --replicas=5').exitCode).toBe(0);
    d.advanceTo(31_234);
    expect(d.exec('kubectl set image sts/nginx-web nginx=nginx:1.27-alpine').exitCode).toBe(0);
    d.advanceTo(62_000);
    const at62 = storeJson(d);
    d.advanceTo(90_000);
    const at90 = storeJson(d);

    d.seek(12_000);
    expect(d.cluster.now).toBe(12_000);
    d.seek(90_000);
    expect(storeJson(d)).toBe(at90);
    d.seek(62_000);
    expect(storeJson(d)).toBe(at62);
  });
});
