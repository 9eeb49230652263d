// Runs a parsed script against a cluster and produces its transcript: `$ <line>` then the output of each
// step. Commands that wait in real life (rollout status, wait, delete, get -w) advance virtual time while
// they wait. Shared by the CLI (`npm run sim`) and tests.
import { Cluster, type ClusterOptions } from '../engine/cluster.ts';
import type { KubectlStream, OutputChunk } from '../kubectl/types.ts';
import { DEFAULT_SETTLE_MS, parseScript, type ScriptStep } from './script.ts';
import { Session } from './session.ts';

/** Receives transcript text as it is produced. */
export type TranscriptSink = (chunk: OutputChunk) => void;

/** Hooks for tests: called after each step with the session (e.g. to check invariants). */
export interface RunHooks {
  /** Called once with the new cluster before the first step (e.g. to install pass listeners). */
  onCluster?(cluster: Cluster): void;
  afterStep?(step: ScriptStep, session: Session): void;
}

/**
 * Drives a streaming kubectl command: runs cluster passes one at a time, polling the stream after each,
 * until it ends by itself or its deadline (`--timeout`) passes. When nothing more is due before the deadline
 * (or within `capMs` for a command without one), the user would press Ctrl-C: the stream is cancelled there
 * without moving the clock further, so a quiet cluster does not age while a watch idles.
 */
export function driveStream(cluster: Cluster, stream: KubectlStream, sink: TranscriptSink, capMs = DEFAULT_SETTLE_MS): number {
  const limit = cluster.now + capMs;
  const emit = (r: ReturnType<KubectlStream['poll']>): void => { for (const c of r.output) sink(c); };
  for (;;) {
    const r = stream.poll();
    emit(r);
    if (r.done) return r.exitCode;
    const next = cluster.nextDue();
    const until = Math.min(stream.deadline ?? Infinity, limit);
    // Background work (a node's status report) is no reason to keep watching: only foreground work due in time
    // is, with any background work due before it run on the way.
    const foreground = cluster.nextForegroundDue();
    if (next !== undefined && foreground !== undefined && foreground <= until) {
      cluster.step(next);
      continue;
    }
    if (stream.deadline !== undefined && stream.deadline <= limit && cluster.now < stream.deadline) {
      cluster.advance(stream.deadline - cluster.now);
      continue;
    }
    stream.cancel();
    const last = stream.poll();
    emit(last);
    return last.exitCode;
  }
}

/** Runs script text. Returns the exit status: 0 when it ran to its end, 2 for a malformed script. */
export function runScript(source: string, sink: TranscriptSink, opts: ClusterOptions = {}, hooks: RunHooks = {}): { exitCode: number; cluster?: Cluster; error?: string } {
  const parsed = parseScript(source);
  if (!parsed.ok) return { exitCode: 2, error: parsed.error };
  const cluster = Cluster.create(opts);
  hooks.onCluster?.(cluster);
  // A script's local files start empty: what kubectl cp copies out of a pod is there for the next lines to use.
  const session = new Session(cluster, { localFiles: true });
  // Like a shell prompt, each `$ line` starts on a fresh line even when the last output had no newline
  // (`-o jsonpath=…` prints none).
  let atLineStart = true;
  const out: TranscriptSink = (c) => {
    if (c.text) atLineStart = c.text.endsWith('\n');
    sink(c);
  };
  for (const step of parsed.steps) {
    sink({ stream: 'out', text: `${atLineStart ? '' : '\n'}$ ${step.text}\n` });
    atLineStart = true;
    const r = session.run(step);
    for (const c of r.output) out(c);
    if (r.stream) driveStream(cluster, r.stream, out);
    hooks.afterStep?.(step, session);
  }
  return { exitCode: 0, cluster };
}

/** Convenience for tests: the whole transcript as one string. */
export function transcript(source: string, opts: ClusterOptions = {}, hooks: RunHooks = {}): { text: string; exitCode: number; cluster?: Cluster; error?: string } {
  let text = '';
  const r = runScript(source, (c) => { text += c.text; }, opts, hooks);
  return { text, ...r };
}
