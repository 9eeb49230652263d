// `npm run --silent crosscheck -- FILE.sim [--kubectl PATH] [--seed=N] [--verbose]`: differential testing of the
// simulation. Runs a scenario script twice from the same seed: (A) through the simulated kubectl, as `npm run sim`
// does, and (B) through a real kubectl binary talking to a second simulated cluster served over HTTP by
// apiserver.ts. After every line it prints the differences in kubectl's output and in the two clusters' stored
// objects, and ends with a summary. The report is the product: the exit status is 0 whatever it found (2 for a
// usage error or a script that does not parse).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { Cluster } from '../engine/cluster.ts';
import { KINDS, type KObject } from '../engine/api/types.ts';
import type { OutputChunk } from '../kubectl/types.ts';
import { KIND_NAME } from '../kubectl/kubeconfig.ts';
import { docExample, isManifestUrl } from '../kubectl/doc-examples.ts';
import { parseScript, type ScriptStep } from '../scenario/script.ts';
import { Session, formatClock } from '../scenario/session.ts';
import { driveStream } from '../scenario/runner.ts';
import { Pipeline } from '../scenario/pipes.ts';
import { startApiServer, type ApiServer } from './apiserver.ts';

const DEFAULT_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.33';
const REAL_TIMEOUT_MS = 60_000;
// Virtual milliseconds a polling drain may run past the simulated one's end.
const DRAIN_SLACK_MS = 5_000;
// Real milliseconds a kubectl gets to finish by itself once the server has nothing more to drive.
const IDLE_GRACE_MS = 1_500;

interface Args { file: string; kubectl: string; verbose: boolean; seed?: number }

function parseArgs(argv: string[]): Args | string {
  let kubectl = DEFAULT_KUBECTL, verbose = false, seed: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') continue;
    if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--kubectl') kubectl = argv[++i] ?? '';
    else if (a.startsWith('--kubectl=')) kubectl = a.slice('--kubectl='.length);
    else if (/^--seed=\d+$/.test(a)) seed = Number(a.slice('--seed='.length));
    else if (a.startsWith('-')) return `unknown flag ${a}`;
    else files.push(a);
  }
  if (files.length !== 1 || !kubectl) return 'usage: npm run --silent crosscheck -- FILE.sim [--kubectl PATH] [--seed=N] [--verbose]';
  return { file: files[0], kubectl, verbose, seed };
}

/** What one side of a line printed. */
interface Outcome { out: string; err: string; exitCode: number }

function collect(chunks: readonly OutputChunk[]): { out: string; err: string } {
  let out = '', err = '';
  for (const c of chunks) if (c.stream === 'out') out += c.text; else err += c.text;
  return { out, err };
}

/** Runs a step through the simulated kubectl (and the cluster passes a waiting command needs), as the runner does. */
function runSimulated(session: Session, step: ScriptStep): Outcome {
  const chunks: OutputChunk[] = [];
  const r = session.run(step);
  chunks.push(...r.output);
  let exitCode = r.exitCode;
  if (r.stream) exitCode = driveStream(session.cluster, r.stream, (c) => chunks.push(c));
  return { ...collect(chunks), exitCode };
}

/**
 * kubectl's words for the real binary: the documentation's manifest URLs (which the simulation serves from its
 * built-in copies, there being no network) become local files holding the same text.
 */
function realWords(words: readonly string[], dir: string, urls: Map<string, string>): string[] {
  const local = (url: string): string => {
    const text = docExample(url);
    if (text === null) return url;
    const file = join(dir, basename(url));
    writeFileSync(file, text);
    urls.set(file, url);
    return file;
  };
  return words.slice(1).map((w) => {
    if (isManifestUrl(w)) return local(w);
    const eq = w.indexOf('=');
    if (eq > 0 && w.startsWith('-') && isManifestUrl(w.slice(eq + 1))) return `${w.slice(0, eq + 1)}${local(w.slice(eq + 1))}`;
    return w;
  });
}

/** Runs the real kubectl; stopped with SIGINT (Ctrl-C) when the server reports it has nothing more to drive. */
function runReal(kubectl: string, args: string[], stdin: string | undefined, env: NodeJS.ProcessEnv, server: ApiServer, idle: { on?: () => void }): Promise<Outcome & { note?: string }> {
  return new Promise((resolve) => {
    const child = spawn(kubectl, args, { env, cwd: env.HOME, stdio: [stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '', err = '', note: string | undefined;
    child.stdout!.on('data', (d: Buffer) => { out += d.toString('utf8'); });
    child.stderr!.on('data', (d: Buffer) => { err += d.toString('utf8'); });
    if (stdin !== undefined) child.stdin!.end(stdin);
    const killer = setTimeout(() => { note = `killed after ${REAL_TIMEOUT_MS / 1000}s (real time)`; child.kill('SIGKILL'); }, REAL_TIMEOUT_MS);
    let interrupt: NodeJS.Timeout | undefined;
    idle.on = () => {
      interrupt = setTimeout(() => { note = 'interrupted (Ctrl-C) once the cluster had nothing more to do'; child.kill('SIGINT'); }, IDLE_GRACE_MS);
    };
    child.on('error', (e) => { err += `crosscheck: cannot run ${kubectl}: ${e.message}\n`; });
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      if (interrupt) clearTimeout(interrupt);
      idle.on = undefined;
      void waitForWatches(server).then(() => resolve({ out, err, exitCode: code ?? (signal === 'SIGINT' ? 130 : 137), note }));
    });
  });
}

// Waits (briefly) until the server has no watch open, so that it stops driving cluster B before the next line.
async function waitForWatches(server: ApiServer): Promise<void> {
  for (let i = 0; i < 100 && server.openWatches > 0; i++) await new Promise((r) => setTimeout(r, 10));
}

// ---------------------------------------------------------------------------------------------------------------
// Comparing

// A duration as kubectl's ages print it (`5s`, `2m3s`, `330d`, `2y5d`), or the repeat note after one.
const DURATION = /(?<![\w.:/-])(?:\d+[ydhms]){1,2}(?: \(x\d+ over (?:\d+[ydhms]){1,2}\))?(?![\w.:/-])/g;

/**
 * The text with the ages in describe's Events tables and in `kubectl events` replaced and the columns' padding
 * collapsed (real kubectl computes those ages from the wall clock, the simulation from virtual time), and `kubectl
 * diff`'s temporary directories and file times replaced.
 */
function maskedText(text: string, wholeText: boolean): string {
  let inEvents = wholeText;
  return text.split('\n').map((line) => {
    // `kubectl diff`'s temporary directories and the files' times (the simulation's are in virtual time).
    line = line.replace(/\/(LIVE|MERGED)-\d+\//g, '/$1-<n>/').replace(/^((?:diff -u -N|---|\+\+\+) \S+)\t.*$/, '$1\t<mtime>');
    if (!wholeText) {
      if (/^Events:/.test(line)) { inEvents = true; return line; }
      if (inEvents && line !== '' && !/^\s/.test(line)) inEvents = false;
    }
    return inEvents ? line.replace(DURATION, '<age>').replace(/ {2,}/g, ' ') : line;
  }).join('\n');
}

/** A unified diff of two texts (sim first), without the file headers. */
function unified(label: string, a: string, b: string): string {
  const patch = createTwoFilesPatch(`${label} (sim)`, `${label} (real)`, a, b, '', '', { context: 2 });
  return patch.split('\n').filter((l) => !l.startsWith('=====') && l !== '\\ No newline at end of file').join('\n');
}

type Json = unknown;

/** The differing paths of two JSON values: `path: sim=… real=…`. */
function jsonDiff(a: Json, b: Json, path: string, out: string[]): void {
  if (a === b) return;
  const isObj = (v: Json): v is Record<string, Json> => !!v && typeof v === 'object' && !Array.isArray(v);
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) out.push(`${path}[${i}]: sim=<absent> real=${JSON.stringify(b[i])}`);
      else if (i >= b.length) out.push(`${path}[${i}]: sim=${JSON.stringify(a[i])} real=<absent>`);
      else jsonDiff(a[i], b[i], `${path}[${i}]`, out);
    }
    return;
  }
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const p = path ? `${path}.${k}` : k;
      if (!(k in a) || a[k] === undefined) { if (b[k] !== undefined) out.push(`${p}: sim=<absent> real=${JSON.stringify(b[k])}`); }
      else if (!(k in b) || b[k] === undefined) out.push(`${p}: sim=${JSON.stringify(a[k])} real=<absent>`);
      else jsonDiff(a[k], b[k], p, out);
    }
    return;
  }
  out.push(`${path}: sim=${JSON.stringify(a)} real=${JSON.stringify(b)}`);
}

// Every stored object but Events, by `Kind ns/name`, without managedFields.
function storedObjects(c: Cluster): Map<string, Json> {
  const m = new Map<string, Json>();
  for (const kind of KINDS) {
    if (kind === 'Event') continue;
    for (const o of c.store.list(kind) as KObject[]) {
      const meta: Record<string, unknown> = { ...o.metadata };
      delete meta.managedFields;
      m.set(`${kind} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`, { ...o, metadata: meta });
    }
  }
  return m;
}

/** The state differences between the clusters, one block per object. */
function stateDiff(a: Cluster, b: Cluster): string[] {
  const sa = storedObjects(a), sb = storedObjects(b);
  const out: string[] = [];
  for (const key of new Set([...sa.keys(), ...sb.keys()])) {
    if (!sb.has(key)) { out.push(`  ${key}: only in sim`); continue; }
    if (!sa.has(key)) { out.push(`  ${key}: only in real`); continue; }
    const paths: string[] = [];
    jsonDiff(sa.get(key), sb.get(key), '', paths);
    if (paths.length) out.push(`  ${key}:`, ...paths.map((p) => `    ${p}`));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string') { process.stderr.write(`${args}\n`); return 2; }
  let source: string;
  try { source = readFileSync(args.file, 'utf8'); } catch (e) {
    process.stderr.write(`crosscheck: cannot read ${args.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const parsed = parseScript(source);
  if (!parsed.ok) { process.stderr.write(`${parsed.error}\n`); return 2; }

  // Two clusters built as the runner builds one, from the same seed.
  const simCluster = Cluster.create({ seed: args.seed });
  const realCluster = Cluster.create({ seed: args.seed });
  const sim = new Session(simCluster, { localFiles: true }), real = new Session(realCluster);
  const idle: { on?: () => void } = {};
  const server = await startApiServer(realCluster, {
    capMs: 600_000, eventPauseMs: 40, whenIdle: 'end', onIdle: () => idle.on?.(),
    ...(args.verbose ? { log: (l: string) => process.stderr.write(`  [shim] ${l}\n`) } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-'));
  mkdirSync(join(dir, 'home'));
  const kubeconfig = join(dir, 'kubeconfig');
  // The kubeconfig kind writes (cluster, user and context all `kind-kind`), pointing at the shim over plain HTTP.
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config', 'preferences: {}', `current-context: ${KIND_NAME}`,
    'clusters:', '- cluster:', `    server: ${server.url}`, `  name: ${KIND_NAME}`,
    'contexts:', '- context:', `    cluster: ${KIND_NAME}`, `    user: ${KIND_NAME}`, `  name: ${KIND_NAME}`,
    'users:', `- name: ${KIND_NAME}`, '  user:', '    token: crosscheck', '',
  ].join('\n'));
  // `kubectl edit`'s editor, as the runner models it: the first time it opens, the file is saved as the line's heredoc
  // (unchanged without one); a file kubectl reopens (with the API server's errors) is closed unchanged.
  const editor = join(dir, 'editor.sh'), saved = join(dir, 'saved'), opened = join(dir, 'opened');
  writeFileSync(editor, `#!/bin/sh\n[ -e '${opened}' ] && exit 0\ntouch '${opened}'\n[ -e '${saved}' ] && cat '${saved}' > "$1"\nexit 0\n`, { mode: 0o755 });
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: join(dir, 'home'), KUBECONFIG: kubeconfig, LANG: 'C', TERM: 'dumb', KUBE_EDITOR: editor };

  let lastState = { text: '', line: 0 };
  let compared = 0, withOutput = 0, ageOnly = 0, withState = 0, clockSkews = 0;
  const p = (s: string): void => { process.stdout.write(s.endsWith('\n') ? s : `${s}\n`); };
  for (const step of parsed.steps) {
    const report: string[] = [];
    let a: Outcome, b: Outcome & { note?: string };
    if (step.sim) {
      a = runSimulated(sim, step);
      b = runSimulated(real, step);
    } else {
      compared++;
      a = runSimulated(sim, step);
      server.resetBudget();
      server.expectEndAt(simCluster.now);
      // drain polls for its pods rather than watching them: its waits pass as the wall clock does, up to a little
      // past where the simulated drain ended (the real one's requests come a little later in virtual time).
      server.followWallClock(step.words.includes('drain') ? simCluster.now + DRAIN_SLACK_MS : undefined);
      const edit = step.words.includes('edit');
      rmSync(opened, { force: true });
      rmSync(saved, { force: true });
      if (edit && step.stdin !== undefined) writeFileSync(saved, step.stdin);
      const urls = new Map<string, string>();
      const r = await runReal(args.kubectl, realWords(step.words, dir, urls), edit ? undefined : step.stdin, env, server, idle);
      // The local copies of the documentation's manifests are named as the URLs they stand for.
      for (const [file, url] of urls) { r.out = r.out.split(file).join(url); r.err = r.err.split(file).join(url); }
      // A pipeline (`| grep x`) filters the real output the way the simulated shell filters the simulated one.
      if (step.pipes) {
        const pipe = new Pipeline(step.pipes);
        const fed = pipe.feed([{ stream: 'out', text: r.out }]);
        const end = pipe.end();
        const piped = collect([...fed, ...end.output]);
        b = { out: piped.out, err: r.err + piped.err, exitCode: end.exitCode, note: r.note };
      } else b = r;
      if (b.note) report.push(`  note: real kubectl ${b.note}`);
    }
    const kubectlStep = !step.sim;
    const events = kubectlStep && step.words[1] === 'events';
    let outputDiffers = false, onlyAges = true;
    for (const [label, x, y] of [['stdout', a.out, b.out], ['stderr', a.err, b.err]] as const) {
      if (x === y) continue;
      outputDiffers = true;
      // Shown without the event ages (unless --verbose): those always differ and say nothing about the simulation.
      const nx = maskedText(x, events), ny = maskedText(y, events);
      if (nx !== ny) {
        onlyAges = false;
        report.push(args.verbose ? unified(label, x, y) : unified(`${label}, ages and temp files masked`, nx, ny));
      } else if (args.verbose) report.push(unified(label, x, y));
    }
    if (a.exitCode !== b.exitCode) { outputDiffers = true; onlyAges = false; report.push(`  exit code: sim=${a.exitCode} real=${b.exitCode}`); }
    if (outputDiffers) { if (onlyAges) { ageOnly++; report.unshift('  (output differs only in ages and temp files)'); } else withOutput++; }
    // A waiting command moves each clock by itself: line them up again so that what follows starts together.
    if (simCluster.now !== realCluster.now) {
      clockSkews++;
      report.push(`  clock: sim at ${formatClock(simCluster.now)}, real at ${formatClock(realCluster.now)}; the one behind is advanced`);
      if (simCluster.now < realCluster.now) simCluster.advance(realCluster.now - simCluster.now);
      else realCluster.advance(simCluster.now - realCluster.now);
    }
    // The stores' differences; repeated only when they changed since the last line that reported them.
    const state = stateDiff(simCluster, realCluster);
    const stateText = state.join('\n');
    if (state.length && kubectlStep) withState++;
    if (stateText !== lastState.text) {
      if (state.length) report.push('  state differences:', ...state);
      else report.push('  state: the stores agree again');
      lastState = { text: stateText, line: step.line };
    } else if (state.length) report.push(`  state differences: as after line ${lastState.line}`);
    if (report.length || args.verbose) {
      p(`line ${step.line}: $ ${step.text.split('\n')[0]}`);
      if (args.verbose && !report.length) p('  (same)');
      for (const r of report) p(r);
    }
  }
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  p(`\n${compared} lines compared, ${withOutput} with output differences, ${withState} with state differences`
    + ` (${ageOnly} more differing only in ages and temp files; ${clockSkews} clock re-alignments)`);
  return 0;
}

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  process.stderr.write(`crosscheck: ${String((e as Error)?.stack ?? e)}\n`);
  process.exitCode = 2;
});
