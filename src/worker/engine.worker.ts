// Web Worker entry: runs the engine host on the worker's global scope with real timers. Nothing else.
import type { Endpoint } from '../protocol/messages.ts';
import { Host } from './host.ts';

new Host(self as unknown as Endpoint, {
  now: () => performance.now(),
  setTimer: (fn, ms) => setTimeout(fn, ms),
  clearTimer: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
});
