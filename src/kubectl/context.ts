// What a running verb sees: the cluster, its parsed flags and positionals, the target namespace, and
// the output buffer. Verbs write through `out`/`err`; failures are thrown as KubectlError.
import type { Cluster, EditorOpen, KubectlIO, OutputChunk, ShellAttach } from './types.ts';
import type { Stream } from './stream.ts';
import type { FlagSpec, Flags } from './flags.ts';
import { KubectlError } from './errors.ts';
import { contextNamespace } from './kubeconfig.ts';
import { parseGoDuration } from '../engine/clock/time.ts';

/** The state of one invocation. */
export class Ctx {
  readonly output: OutputChunk[] = [];
  /** Set by `exec -it … -- sh` from a terminal: the shell it opened. */
  attach?: ShellAttach;
  /** Set by `edit`: the editor it opened. */
  editor?: EditorOpen;
  constructor(
    public readonly cluster: Cluster,
    public readonly io: KubectlIO,
    public readonly flags: Flags,
    public readonly args: string[],
    /** `get`, `rollout status`: the command path for usage texts. */
    public readonly path: string,
  ) {}

  /** The namespace from `-n`, else the context's (kubeconfig), else `default`. */
  get namespace(): string {
    return (this.flags.values.namespace as string) || contextNamespace(this.cluster, this.flags.values.context as string);
  }

  /** Whether `-n` was given (a context's namespace is not enforced: clientcmd's Namespace()). */
  get namespaceExplicit(): boolean {
    return !!this.flags.values.namespace;
  }

  str(name: string): string { return this.flags.values[name] as string; }
  bool(name: string): boolean { return this.flags.values[name] as boolean; }
  int(name: string): number { return this.flags.values[name] as number; }
  list(name: string): string[] { return this.flags.values[name] as string[]; }
  given(name: string): boolean { return this.flags.set.has(name); }
  /**
   * A Go duration flag (`--timeout=30s`) in ms, signed as time.ParseDuration allows (`-1s`: each command says what
   * a negative value means); kubectl's flag error for a value it refuses.
   */
  duration(name: string): number {
    const text = this.str(name);
    const sign = text.startsWith('-') ? -1 : 1;
    const ms = parseGoDuration(text.replace(/^[-+]/, ''));
    if (ms === null) throw new KubectlError(`error: invalid argument "${text}" for "--${name}" flag: time: invalid duration "${text}"`);
    return sign * ms;
  }

  out(text: string): void { push(this.output, 'out', text); }
  err(text: string): void { push(this.output, 'err', text); }
}

function push(list: OutputChunk[], stream: OutputChunk['stream'], text: string): void {
  if (!text) return;
  const last = list[list.length - 1];
  if (last && last.stream === stream) last.text += text; else list.push({ stream, text });
}

/** A sub-command kubectl has and this simulation does not model: answered as not available, naming it. */
export interface Unmodelled { name: string; aliases?: readonly string[]; hint?: string }

/**
 * A registered command: declared flags, and a run function that may return a stream. A command with both
 * sub-commands and `run` runs itself when the word after it names none of them (`create -f`, `config` alone).
 */
export interface Verb {
  name: string;
  /** Other names of the command (cobra's aliases); usage texts name it by `name`. */
  aliases?: readonly string[];
  /** Short help line (for suggestions and future help output). */
  short: string;
  flags: readonly FlagSpec[];
  /** Sub-commands (`rollout status`, `set image`, `create service clusterip`), chosen by the first positional word. */
  subcommands?: readonly Verb[];
  /** Sub-commands of the real kubectl that are not modelled here. */
  unmodelled?: readonly Unmodelled[];
  /**
   * A flag error is the command's usage error with this exit status, not pflag's (diff sets its own flag error
   * function and exits with 2 on errors).
   */
  flagErrorExit?: number;
  run?(ctx: Ctx): Stream | void;
}
