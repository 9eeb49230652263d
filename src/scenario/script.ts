// The scenario script format: parses a whole script up front so a malformed line is reported (as
// `line N: …`) before anything runs. Grammar in README.md ("Scenario scripts").
import { parseGoDuration } from '../engine/clock/time.ts';
import type { NodeAction, PodFault } from '../engine/faults.ts';
import { tokenize } from '../kubectl/tokenize.ts';

/** A `sim …` command, parsed. */
export type SimCommand =
  | { op: 'advance'; ms: number }
  | { op: 'settle'; timeoutMs: number }
  | { op: 'pod'; name: string; fault: PodFault }
  | { op: 'node'; name: string; action: NodeAction }
  | { op: 'gate'; gate: string; value: boolean }
  | { op: 'seed'; seed: number };

/** One executable step of a script. `text` is the command line as written (echoed as `$ text`). */
export interface ScriptStep {
  line: number;
  text: string;
  words: string[];
  /** The commands kubectl's output is piped into (`| grep image`), when the line is a pipeline. */
  pipes?: string[][];
  stdin?: string;
  sim?: SimCommand;
}

const POD_FAULTS: readonly string[] = ['ready', 'unready', 'crash', 'fail', 'evict'];
export const DEFAULT_SETTLE_MS = 600_000;

/** Parses the words after `sim`; returns the command or a usage error text. */
export function parseSimCommand(w: readonly string[]): SimCommand | string {
  switch (w[0]) {
    case 'advance': {
      const ms = w.length === 2 ? parseGoDuration(w[1]) : null;
      return ms === null ? 'usage: sim advance DURATION (e.g. 250ms, 5s, 1m30s)' : { op: 'advance', ms };
    }
    case 'settle': {
      let timeoutMs = DEFAULT_SETTLE_MS;
      for (const a of w.slice(1)) {
        const m = /^--timeout=(.+)$/.exec(a);
        const ms = m ? parseGoDuration(m[1]) : null;
        if (ms === null) return 'usage: sim settle [--timeout=DURATION]';
        timeoutMs = ms;
      }
      return w.length <= 2 ? { op: 'settle', timeoutMs } : 'usage: sim settle [--timeout=DURATION]';
    }
    case 'pod':
      return w.length === 3 && POD_FAULTS.includes(w[2])
        ? { op: 'pod', name: w[1], fault: w[2] as PodFault } : 'usage: sim pod NAME ready|unready|crash|fail|evict';
    case 'node':
      return w.length === 3 && (w[2] === 'down' || w[2] === 'up')
        ? { op: 'node', name: w[1], action: w[2] } : 'usage: sim node NAME down|up';
    case 'gate': {
      const m = w.length === 2 ? /^([A-Za-z0-9]+)=(true|false)$/.exec(w[1]) : null;
      return m ? { op: 'gate', gate: m[1], value: m[2] === 'true' } : 'usage: sim gate NAME=true|false';
    }
    case 'seed':
      return w.length === 2 && /^\d+$/.test(w[1]) ? { op: 'seed', seed: Number(w[1]) } : 'usage: sim seed N';
    default:
      return `unknown sim command "${w[0] ?? ''}" (expected advance, settle, pod, node, gate or seed)`;
  }
}

/** Parses one command line (no heredoc handling). Returns the step or an error text. */
export function parseLine(text: string, line: number): ScriptStep | string {
  const t = tokenize(text);
  if (!t.ok) return t.error;
  const words = t.words;
  if (words[0] === 'kubectl') return t.pipes ? { line, text, words, pipes: t.pipes } : { line, text, words };
  if (t.pipes) return 'only kubectl output can be piped (into grep, head, tail, wc or base64)';
  if (words[0] === 'sim') {
    const sim = parseSimCommand(words.slice(1));
    return typeof sim === 'string' ? sim : { line, text, words, sim };
  }
  return `unknown command "${words[0]}" (a line must start with kubectl or sim)`;
}

const HEREDOC = /\s*<<\s*(?:'([A-Za-z_][A-Za-z0-9_]*)'|"([A-Za-z_][A-Za-z0-9_]*)"|([A-Za-z_][A-Za-z0-9_]*))\s*$/;

/** Parses a whole script. Errors name the 1-based line: `line 7: usage: sim advance DURATION …`. */
export function parseScript(source: string): { ok: true; steps: ScriptStep[] } | { ok: false; error: string } {
  const lines = source.split(/\r?\n/);
  const steps: ScriptStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    let cmd = trimmed;
    let stdin: string | undefined;
    const h = HEREDOC.exec(trimmed);
    if (h) {
      const delim = h[1] ?? h[2] ?? h[3];
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && lines[j] !== delim) body.push(lines[j++]);
      if (j >= lines.length) return { ok: false, error: `line ${i + 1}: here-document is not terminated by a line "${delim}"` };
      stdin = body.length ? body.join('\n') + '\n' : '';
      cmd = trimmed.slice(0, h.index).trimEnd();
      const step = parseLine(cmd, i + 1);
      if (typeof step === 'string') return { ok: false, error: `line ${i + 1}: ${step}` };
      if (step.sim) return { ok: false, error: `line ${i + 1}: a here-document only feeds kubectl` };
      steps.push({ ...step, text: trimmed, stdin });
      i = j;
      continue;
    }
    const step = parseLine(cmd, i + 1);
    if (typeof step === 'string') return { ok: false, error: `line ${i + 1}: ${step}` };
    steps.push(step);
  }
  return { ok: true, steps };
}
