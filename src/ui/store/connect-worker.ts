// Opens the engine host in a module Web Worker and reports its crashes to the bridge.
import type { Endpoint } from '../../protocol/messages.ts';
import type { Connection } from './bridge.ts';

/** A Connector for the browser: one new Worker per call. */
export function connectWorker(): Connection {
  const worker = new Worker(new URL('../../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  return {
    endpoint: worker as unknown as Endpoint,
    onCrash(fn) {
      worker.addEventListener('error', (ev) => {
        ev.preventDefault();
        fn(ev.message || 'the engine worker stopped');
      });
      worker.addEventListener('messageerror', () => fn('a message from the engine could not be read'));
    },
    terminate: () => worker.terminate(),
  };
}
