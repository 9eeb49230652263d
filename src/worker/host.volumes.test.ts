// Host with the real engine and kubectl: the files written onto a PersistentVolume reach the UI in the patch
// after the write, are left out of patches when nothing was written, and come with every full patch (seek).
import { afterEach, describe, expect, it } from 'vitest';
import { closeChannels, openHost } from './host-harness.ts';

afterEach(closeChannels);

describe('Host: volume files', () => {
  it('sends the files of each PersistentVolume when they change and with full patches', async () => {
    const { send, settle, clock, patches } = await openHost({}, { scenario: 'seed' });
    expect(patches()[0].volumes).toEqual({});
    send({ type: 'command', id: 1, line: 'sim settle' });
    await settle();
    send({ type: 'command', id: 2, line: `kubectl exec nginx-web-0 -- sh -c 'echo "$(hostname)" > /usr/share/nginx/html/index.html'` });
    await settle();
    clock.tick(16);
    await settle();
    const withFiles = patches().filter((p) => p.volumes && Object.keys(p.volumes).length);
    expect(withFiles).toHaveLength(1);
    const [pv, files] = Object.entries(withFiles[0].volumes!)[0];
    expect(pv).toMatch(/^pvc-/);
    expect(files).toEqual([{ path: 'index.html', bytes: 12 }]);
    send({ type: 'command', id: 3, line: 'sim advance 1s' });
    await settle();
    clock.tick(16);
    await settle();
    expect(patches().at(-1)!.volumes).toBeUndefined();
    send({ type: 'seek', ms: 0 });
    await settle();
    clock.tick(16);
    await settle();
    expect(patches().at(-1)).toMatchObject({ full: true, volumes: {} });
  });
});
