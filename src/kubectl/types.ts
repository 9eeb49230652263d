// The contract between kubectl and its hosts (the scenario runner, the worker, tests).
import type { Cluster } from '../engine/cluster.ts';
import type { ShellSession } from '../engine/exec/exec.ts';
import type { HttpOutcome, Url } from '../engine/exec/net.ts';
import type { RunAttach } from './verbs/run.ts';

/**
 * One piece of output, in the order kubectl wrote it. `cmd`: the terminal's echo of a command that a block of
 * pasted lines runs next (`$ line`), written by the session, never by kubectl.
 */
export interface OutputChunk { stream: 'out' | 'err' | 'cmd'; text: string }

/**
 * A command that keeps running while virtual time passes (`get -w`, `rollout status`, `wait`, a
 * `delete` that waits for the object to go). The host calls `poll()` after every cluster pass and
 * when it advances time; `poll` returns the output produced since the last call.
 */
export interface KubectlStream {
  poll(): StreamPoll;
  /** Virtual time (cluster ms) at which the command gives up on its own (`--timeout`), if any. */
  deadline?: number;
  /** Whether the command ends by itself (rollout status, wait, delete) or runs until cancelled (`-w`). */
  endless: boolean;
  /** Stops it (Ctrl-C). */
  cancel(): void;
}

/**
 * What a poll of a running command gives: its output since the last poll, whether it ended and its exit code; the
 * standalone lines that make the writes it made (`logAs`, see LoggedLine); the shell it handed the terminal to.
 */
export interface StreamPoll { output: OutputChunk[]; done: boolean; exitCode: number; logAs?: LoggedLine[]; attach?: ShellAttach }

/**
 * A standalone scenario line (with its standard input) that makes the same write as a running command made at the
 * instant it made it: `run --rm` deleting its pod when it ends, `replace --force` creating the objects once the old
 * ones are gone. A timeline logs it at that instant, so a replay (which stops the command at once) makes the write
 * at the same instant.
 */
export interface LoggedLine {
  line: string;
  stdin?: string;
  /** The terminal's local files the line read (`kubectl apply -f web.yaml`), by absolute path, as they were. */
  files?: Record<string, string>;
}

/**
 * An interactive shell that `exec -it POD -- sh` opened from a terminal: the host sends the lines typed next
 * to it (Session.shellLine) until it exits. `base` is the environment it started with.
 */
export interface ShellAttach {
  namespace: string; pod: string; container: string; program: string;
  session: ShellSession; base: ShellSession['vars']; prompt: string;
  /**
   * Set when the shell is the container's own process (`run -it`, `attach -it`), not one `exec` started: its exit
   * ends the container (`uid` is the pod's); `run` is what `kubectl run` goes on with then.
   */
  main?: { uid: string; run?: RunAttach };
  /** The lines typed so far of a command the shell waits to see finished (its prompt is then `> `), and its own prompt. */
  pending?: { text: string; prompt: string };
}

/** What one kubectl invocation produced immediately, and the stream if it keeps running. */
export interface KubectlResult {
  output: OutputChunk[];
  exitCode: number;
  stream?: KubectlStream;
  /** An interactive shell was opened (`exec -it … -- sh` from a terminal). */
  attach?: ShellAttach;
  /** `kubectl edit` opened its editor on a temp file; the command goes on when the editor closes. */
  editor?: EditorOpen;
  /**
   * Standalone kubectl lines that make the same writes as this command did (`kubectl edit`'s patches), for a
   * timeline's input log: replaying them needs no editor.
   */
  logAs?: string[];
}

/**
 * The editor that `kubectl edit` opened: the temp file it wrote, and the rest of the command, which runs when
 * the editor closes. A host with a person at it shows `text` in an editor; the scenario runner closes it at once,
 * saved with the line's heredoc if it has one.
 */
export interface EditorOpen {
  /** The temp file, named as kubectl names it (`/tmp/kubectl-edit-<digits>.yaml`, `.json` with `-o json`). */
  file: string;
  /** The command the file is open for, as the terminal names it (absent: `kubectl edit`; `vi` for a local file). */
  program?: string;
  /** The file as the editor opens it: kubectl's header comments (with the errors of the last save), then the objects. */
  text: string;
  /**
   * The editor closed with the file holding `saved` (`text` again when nothing was changed). Runs the rest of
   * `kubectl edit` against `cluster` (the cluster at the instant the editor closed): its output and exit code, and
   * `editor` again when kubectl reopens the file to show what the API server refused.
   */
  save(saved: string, cluster: Cluster): KubectlResult;
}

/** A request a local client (the terminal's curl) sends to a listening port: the URL as it asked for it. */
export interface LocalRequest { url: Url; userAgent: string }

/** What accepts connections on a local port (`kubectl port-forward`): the reply, or none (the connection closed). */
export interface LocalListener { accept(req: LocalRequest): HttpOutcome }

/**
 * The network of the machine the terminals run on (the learner's computer): the ports its programs listen on.
 * `listen` binds an address and port (port 0: one the system picks) and returns the bound port, or the system
 * call's error for a bind that fails (`bind: address already in use`).
 */
export interface LocalNet {
  listen(address: string, port: number, l: LocalListener): number | { error: string };
  close(address: string, port: number, l: LocalListener): void;
}

/**
 * The files of the machine kubectl runs on, as `kubectl cp` writes them: `isDir` says whether a path is one of its
 * directories; `write` creates or replaces a file and returns what stops it (a directory in the way, a directory
 * this machine does not have), undefined when written.
 */
export interface LocalFiles {
  isDir(path: string): boolean;
  write(path: string, text: string): 'EISDIR' | 'ENOENT' | undefined;
}

/** Input besides argv. */
export interface KubectlIO {
  /** The local files `kubectl cp` writes to (reads go through `readFile`); without them, cp has no local side. */
  files?: LocalFiles;
  /** The local machine's network (`port-forward` listens on it); without it, nothing local can connect. */
  net?: LocalNet;
  /** Standard input (for `-f -`). */
  stdin?: string;
  /** Whether standard input is a terminal (the app's terminal; not a script): `exec -t` then gets a TTY. */
  terminal?: boolean;
  /** Files by name, for `-f FILE` (the runner reads the file system; the browser passes the editor buffer). */
  readFile?(path: string): string | null;
  /**
   * A file's bytes, for the sources of `create configmap|secret` (which may be binary); without it, `readFile`'s text
   * as UTF-8. Null when there is no such file.
   */
  readFileBytes?(path: string): Uint8Array | null;
}

export type { Cluster };
