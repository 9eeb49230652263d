// Entry of the Chromium bench's Web Worker: runs one case per message and posts the result back.
import { runCase } from './bench-case.ts';

self.onmessage = (e: MessageEvent<number>) => { self.postMessage(runCase(e.data)); };
