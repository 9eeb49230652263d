// The files of the machine the app's terminals run on (the learner's own computer, not the cluster's): written by
// the shell's redirections (`kubectl get sts web -o yaml > web.yaml`, `cat <<EOF > web.yaml`), read by `cat`,
// `kubectl apply -f web.yaml` and `--from-file`. Text only, in the home directory (the shell's working
// directory) and /tmp; no other directories. Both terminals share them, as two windows on one machine do.

import type { OutputChunk } from '../kubectl/types.ts';

/** The shell's working directory, where a relative path points. */
export const HOME = '/root';

/** Where a path given to the shell points, or undefined for a directory this machine does not have. */
export function resolvePath(path: string): string | undefined {
  let p = path.startsWith('~/') ? `${HOME}/${path.slice(2)}` : path.startsWith('/') ? path : `${HOME}/${path}`;
  // `.` and `..` are walked as the kernel walks them; a trailing slash names a directory.
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  p = `/${parts.join('/')}`;
  const dir = p.slice(0, p.lastIndexOf('/')) || '/';
  return (dir === HOME || dir === '/tmp') && !path.endsWith('/') ? p : undefined;
}

/** The directory `path` names, absolute, when it is one this machine has (one a file can be put in). */
export function directoryOf(path: string): string | undefined {
  const p = resolvePath(`${path.replace(/\/+$/, '')}/x`);
  return p === undefined ? undefined : p.slice(0, -2);
}

/** Whether `path` names one of the directories this machine has. */
export const isDirectory = (path: string): boolean => directoryOf(path) !== undefined;

export class LocalFs {
  private readonly files = new Map<string, string>();
  /** Counts the changes to the files (a watcher compares it instead of listing them). */
  version = 0;

  /** The text of the file at `path`, or null when there is none. */
  read(path: string): string | null {
    const p = resolvePath(path);
    return p === undefined ? null : this.files.get(p) ?? null;
  }

  /**
   * Writes (or with `append` adds to) the file at `path`; returns bash's error when it cannot be written (a
   * directory this machine does not have).
   */
  write(path: string, text: string, append = false): string | undefined {
    const p = resolvePath(path);
    if (p === undefined) return `bash: ${path}: No such file or directory`;
    this.files.set(p, append ? (this.files.get(p) ?? '') + text : text);
    this.version++;
    return undefined;
  }

  /** Removes the file at `path`; false when there was none. */
  remove(path: string): boolean {
    const p = resolvePath(path);
    const removed = p !== undefined && this.files.delete(p);
    if (removed) this.version++;
    return removed;
  }

  /** The names of the files in directory `dir` (absolute), sorted as `ls` sorts them in the C locale. */
  list(dir: string): string[] {
    const prefix = `${dir.replace(/\/+$/, '')}/`;
    return [...this.files.keys()].filter((k) => k.startsWith(prefix) && !k.slice(prefix.length).includes('/'))
      .map((k) => k.slice(prefix.length)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}

/** `cat`, `ls`, `rm` and `touch` on the terminal's own files, with the GNU tools' messages. */
export function fileCommand(fs: LocalFs, words: readonly string[], stdin: string | undefined): { output: OutputChunk[]; exitCode: number } {
  const [cmd, ...args] = words;
  const output: OutputChunk[] = [];
  let exitCode = 0;
  const fail = (text: string): void => { output.push({ stream: 'err', text: `${text}\n` }); exitCode = 1; };
  const flags = args.filter((a) => /^-./.test(a));
  const names = args.filter((a) => !/^-./.test(a));
  const allowed: Record<string, string> = { cat: '', ls: '1', rm: 'f', touch: '' };
  const bad = flags.find((f) => [...f.slice(1)].some((c) => !allowed[cmd].includes(c)));
  if (bad) return { output: [{ stream: 'err', text: `${cmd}: the option ${bad} is not supported in this terminal\n` }], exitCode: 1 };
  switch (cmd) {
    case 'cat':
      if (!names.length) return { output: stdin ? [{ stream: 'out', text: stdin }] : [], exitCode: 0 };
      for (const n of names) {
        const text = n === '-' ? stdin ?? '' : fs.read(n);
        if (text === null) fail(isDirectory(n) ? `cat: ${n}: Is a directory` : `cat: ${n}: No such file or directory`);
        else if (text) output.push({ stream: 'out', text });
      }
      break;
    case 'ls': {
      const files: string[] = [];
      const dirs: Array<[string, string[]]> = [];
      for (const n of names.length ? names : ['.']) {
        const dir = directoryOf(n);
        if (dir !== undefined) dirs.push([n, fs.list(dir)]);
        else if (fs.read(n) !== null) files.push(n);
        else fail(`ls: cannot access '${n}': No such file or directory`);
      }
      // To a terminal, ls lays names out across the line; one name a line with -1.
      const sep = flags.length ? '\n' : '  ';
      const show = (list: string[]): string => (list.length ? `${list.join(sep)}\n` : '');
      const parts = [...(files.length ? [show(files)] : []), ...dirs.map(([n, list]) => (dirs.length + files.length > 1 ? `${n}:\n${show(list)}` : show(list)))];
      const text = parts.join('\n');
      if (text) output.push({ stream: 'out', text });
      break;
    }
    case 'rm':
      if (!names.length) { if (!flags.length) fail("rm: missing operand\nTry 'rm --help' for more information."); break; }
      for (const n of names) {
        if (isDirectory(n)) fail(`rm: cannot remove '${n}': Is a directory`);
        else if (!fs.remove(n) && !flags.length) fail(`rm: cannot remove '${n}': No such file or directory`);
      }
      break;
    case 'touch':
      if (!names.length) { fail("touch: missing file operand\nTry 'touch --help' for more information."); break; }
      for (const n of names) {
        if (fs.read(n) !== null || isDirectory(n)) continue;
        const e = fs.write(n, '');
        if (e) fail(e.replace(/^bash: (.*): No such file or directory$/, "touch: cannot touch '$1': No such file or directory"));
      }
      break;
  }
  return { output, exitCode };
}
