// Entry point of the simulated kubectl: tokenize, pick the verb (and sub-command), parse its declared
// flags, run it against the cluster's API. Never throws: a bug becomes `error: internal: …` (exit 1).
import { Ctx, type Verb } from './context.ts';
import { E, KubectlError } from './errors.ts';
import { commandWords, parseFlags, withoutCommandWord } from './flags.ts';
import { KUBECTL_COMMANDS, VERBS } from './registry.ts';
import { connectionProblem, kubeconfigPathProblem } from './kubeconfig.ts';
import { argvOf } from './tokenize.ts';
import type { Cluster, KubectlIO, KubectlResult, OutputChunk } from './types.ts';
import { goDurationError } from '../engine/clock/time.ts';

export type { EditorOpen, KubectlIO, KubectlResult, KubectlStream, OutputChunk, ShellAttach } from './types.ts';

const err = (text: string, code = 1): KubectlResult => ({ output: [{ stream: 'err', text: text.endsWith('\n') ? text : text + '\n' }], exitCode: code });

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

/** Models cobra's SuggestionsFor: distance ≤ 2 or a prefix match. */
export function suggestionsFor(typed: string, names: readonly string[]): string[] {
  const t = typed.toLowerCase();
  return names.filter((n) => levenshtein(t, n) <= 2 || n.startsWith(t));
}

// cobra's help flag: `-h`/`--help` (or `--help=true`) anywhere before `--` asks for the command's help, before any
// flag or argument is checked.
const HELP_WORDS = new Set(['-h', '--help', '--help=true']);
function asksForHelp(words: readonly string[]): boolean {
  for (const w of words) {
    if (w === '--') return false;
    if (HELP_WORDS.has(w)) return true;
  }
  return false;
}

// The command `kubectl help WORDS…` names: the modelled command path the words lead to, another kubectl command by
// its name, or kubectl itself.
function helpTopic(words: string[]): string {
  const topic = words.filter((w) => !w.startsWith('-'));
  if (!topic.length) return '';
  const found = findVerb(topic);
  if (found && !('output' in found)) return found.path;
  return KUBECTL_COMMANDS.includes(topic[0]) ? topic[0] : '';
}

type Found = { verb: Verb; path: string; rest: string[] };

// Finds the command as cobra's Find does: at each level, the first word that is not a flag (or the value of one)
// names the sub-command, which is then taken out of the words; flags may stand before it. `null`: no command is
// named, kubectl itself runs (with the words as its flags).
function findVerb(words: string[]): Found | KubectlResult | null {
  const name = commandWords(words, []).at(0);
  if (name === undefined) return null;
  const verb = name === 'help' ? undefined : VERBS.find((v) => v.name === name);
  if (verb) return descend(verb, name, withoutCommandWord(words, name, []));
  // kubectl looks for a plugin before cobra runs: with a flag first, that search fails (and help is no plugin).
  const first = words.find((w) => !w.startsWith('-'));
  if (first !== 'help' && words[0].startsWith('-')) return err(`Error: flags cannot be placed before plugin name: ${words[0]}`);
  if (name === 'help') return err(E.helpUnavailable(helpTopic(withoutCommandWord(words, name, []))));
  if (KUBECTL_COMMANDS.includes(name)) return err(`error: "kubectl ${name}" is not available in this simulated cluster`);
  return err(E.unknownCommand(name, suggestionsFor(name, KUBECTL_COMMANDS)));
}

const named = (word: string) => (c: { name: string; aliases?: readonly string[] }): boolean => c.name === word || !!c.aliases?.includes(word);

// Walks down the sub-commands (`create service clusterip`), each named by the first word that is not one of the
// command's flags.
function descend(verb: Verb, path: string, rest: string[]): Found | KubectlResult {
  if (!verb.subcommands && !verb.unmodelled) return { verb, path, rest };
  const subName = commandWords(rest, verb.flags).at(0);
  const sub = subName === undefined ? undefined : verb.subcommands?.find(named(subName));
  if (sub) return descend(sub, `${path} ${sub.name}`, withoutCommandWord(rest, subName!, verb.flags));
  const absent = subName === undefined ? undefined : verb.unmodelled?.find(named(subName));
  if (absent) return err(`error: "kubectl ${path} ${absent.name}" is not available in this simulated cluster${absent.hint ? `; ${absent.hint}` : ''}`);
  if (verb.run) return { verb, path, rest };
  // A command group runs cmdutil.DefaultSubCommandRun: its help without arguments (not reproduced here), else every
  // argument (flags aside) named as one unknown command.
  const parsed = parseFlags(rest, verb.flags);
  if (!parsed.ok) return err(E.usage(path, parsed.error));
  if (!parsed.args.length) return err(E.helpUnavailable(path));
  return err(E.usageErr(path, `unknown command "${parsed.args.join(' ')}"`));
}

/** Runs one kubectl invocation against the cluster. Never throws. */
export function runKubectl(args: string | string[], cluster: Cluster, io: KubectlIO = {}): KubectlResult {
  let ctx: Ctx | undefined;
  try {
    const t = argvOf(args);
    if (!t.ok) return err(`error: ${t.error}`);
    const found = findVerb(t.words);
    if (found === null) {
      // kubectl itself: its flags are checked, then it prints its help (not reproduced here).
      const parsed = asksForHelp(t.words) ? null : parseFlags(t.words, []);
      return parsed && !parsed.ok ? err(E.usage('', parsed.error)) : err(E.helpUnavailable(''));
    }
    if ('output' in found) return found;
    if (asksForHelp(found.rest)) return err(E.helpUnavailable(found.path));
    const parsed = parseFlags(found.rest, found.verb.flags);
    if (!parsed.ok) {
      const exit = found.verb.flagErrorExit;
      return exit === undefined ? err(E.usage(found.path, parsed.error)) : err(E.usageErr(found.path, parsed.error), exit);
    }
    // An explicit kubeconfig is read first: everything but `version --client` needs it.
    const isConfig = found.path.startsWith('config');
    const clientOnly = found.path === 'version' && parsed.flags.values.client === true;
    const badPath = clientOnly ? null : kubeconfigPathProblem(parsed.flags.values.kubeconfig as string, isConfig);
    if (badPath) return err(badPath);
    // Everything but `config` (which works on the kubeconfig file) needs the API server, through the context.
    if (!isConfig && found.path !== 'version') {
      // clientcmd checks --request-timeout as it builds the client: whole seconds, or a Go duration.
      const timeout = parsed.flags.values['request-timeout'] as string;
      if (!/^\d+$/.test(timeout) && goDurationError(timeout) !== null) {
        return err('error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
      }
      const problem = connectionProblem(cluster, parsed.flags.values.context as string, cluster.wallNow());
      if (problem) return err(problem.discovery ? `${problem.discovery}\n${problem.text}` : problem.text);
    }
    ctx = new Ctx(cluster, io, parsed.flags, parsed.args, found.path);
    const stream = found.verb.run?.(ctx) ?? undefined;
    if (!stream) {
      if (ctx.attach) return { output: ctx.output, exitCode: 0, attach: ctx.attach };
      return ctx.editor ? { output: ctx.output, exitCode: 0, editor: ctx.editor } : { output: ctx.output, exitCode: 0 };
    }
    // A first evaluation right away: a condition that already holds ends the command without a stream.
    const first = stream.poll();
    const output = [...ctx.output, ...first.output];
    return first.done ? { output, exitCode: first.exitCode } : { output, exitCode: 0, stream };
  } catch (e) {
    const before: OutputChunk[] = ctx?.output ?? [];
    if (e instanceof KubectlError) {
      return { output: e.text ? [...before, ...err(e.text).output] : before, exitCode: e.code };
    }
    return { output: [...before, ...err(E.internal((e as Error)?.message ?? String(e))).output], exitCode: 1 };
  }
}
