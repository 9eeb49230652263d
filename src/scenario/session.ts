// One interactive session over a cluster: executes scenario lines (`kubectl …` or `sim …`) the same way for
// the headless runner, the Web Worker and tests. Streaming kubectl commands are returned to the host to drive.
import { Cluster } from '../engine/cluster.ts';
import { runKubectl } from '../kubectl/index.ts';
import type { KubectlStream, OutputChunk } from '../kubectl/types.ts';
import { parseGoDuration } from '../engine/clock/time.ts';
import { nodeAction, podFault, type NodeAction, type PodFault } from '../engine/faults.ts';
import { tokenizeLine } from './tokenize.ts';

/** The result of one line. `malformed` is set (and nothing ran) when the line is not valid script syntax. */
export interface LineResult {
  output: OutputChunk[];
  exitCode: number;
  stream?: KubectlStream;
  malformed?: string;
  /** For `sim settle`: whether it settled. */
  settled?: boolean;
}

const PODS_FAULTS: readonly PodFault[] = ['ready', 'unready', 'crash', 'fail', 'evict'];

/** Executes scenario lines against one cluster. */
export class Session {
  constructor(public cluster: Cluster) {}

  /** Runs one line. Never throws; a malformed line reports `malformed` and changes nothing. */
  exec(line: string, stdin?: string): LineResult {
    const text = line.trim();
    let words: string[];
    try {
      words = tokenizeLine(text);
    } catch (e) {
      return { output: [], exitCode: 2, malformed: (e as Error).message };
    }
    if (words[0] === 'kubectl') {
      const r = runKubectl(words, this.cluster, { stdin });
      return { output: r.output, exitCode: r.exitCode, stream: r.stream };
    }
    if (words[0] !== 'sim') return { output: [], exitCode: 2, malformed: `unknown command "${words[0] ?? ''}" (expected kubectl or sim)` };
    return this.sim(words.slice(1));
  }

  private sim(w: string[]): LineResult {
    const ok = (text = ''): LineResult => ({ output: text ? [{ stream: 'out', text }] : [], exitCode: 0 });
    const err = (text: string): LineResult => ({ output: [{ stream: 'err', text: text + '\n' }], exitCode: 1 });
    const bad = (msg: string): LineResult => ({ output: [], exitCode: 2, malformed: msg });
    switch (w[0]) {
      case 'advance': {
        const ms = w.length === 2 ? parseGoDuration(w[1]) : null;
        if (ms === null) return bad('usage: sim advance DURATION (e.g. 5s, 1m30s)');
        this.cluster.advance(ms);
        return ok();
      }
      case 'settle': {
        let timeout = 600_000;
        for (const a of w.slice(1)) {
          const m = /^--timeout=(.+)$/.exec(a);
          const ms = m ? parseGoDuration(m[1]) : null;
          if (ms === null) return bad('usage: sim settle [--timeout=DURATION]');
          timeout = ms;
        }
        const r = this.cluster.settle(timeout);
        const at = formatClock(r.now);
        return { ...ok(r.settled ? `settled at ${at}\n` : `not settled after ${formatClock(timeout)} (at ${at})\n`), settled: r.settled };
      }
      case 'pod': {
        if (w.length !== 3 || !PODS_FAULTS.includes(w[2] as PodFault)) return bad('usage: sim pod NAME ready|unready|crash|fail|evict');
        const e = podFault(this.cluster, 'default', w[1], w[2] as PodFault);
        return e ? err(`Error from server (NotFound): ${e}`) : ok();
      }
      case 'node': {
        if (w.length !== 3 || (w[2] !== 'down' && w[2] !== 'up')) return bad('usage: sim node NAME down|up');
        const e = nodeAction(this.cluster, w[1], w[2] as NodeAction);
        return e ? err(`Error from server (NotFound): ${e}`) : ok();
      }
      case 'gate': {
        const m = w.length === 2 ? /^([A-Za-z0-9]+)=(true|false)$/.exec(w[1]) : null;
        if (!m) return bad('usage: sim gate NAME=true|false');
        this.cluster.state.gates[m[1]] = m[2] === 'true';
        return ok();
      }
      case 'seed': {
        if (w.length !== 2 || !/^\d+$/.test(w[1])) return bad('usage: sim seed N');
        this.cluster.reseed(Number(w[1]));
        return ok();
      }
      default:
        return bad(`unknown sim command "${w[0] ?? ''}" (expected advance, settle, pod, node, gate or seed)`);
    }
  }
}

/** Virtual time as `1m30.25s`-style text for transcripts (Go duration form). */
export function formatClock(ms: number): string {
  if (ms === 0) return '0s';
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s ? `${+s.toFixed(3)}s` : (h || m ? '0s' : '')}`;
}
