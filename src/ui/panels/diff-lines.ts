// Colours for `kubectl diff` output: which part of `diff -u -N` output a line is, and which terminal lines are
// a diff command's output. The text itself is never changed; only its class.
import type { TerminalLine } from '../store/index.ts';

/** A diff line's part: file header (`diff`, `---`, `+++`), hunk header (`@@`), added or removed line. */
export type DiffLineKind = 'head' | 'hunk' | 'add' | 'del';

// `--- FILE\tDATE` and `+++ FILE\tDATE`, as diff -u prints file headers (a removed `-- x` line has no date).
const FILE_HEADER = /^(?:---|\+\+\+) .*\t\d{4}-\d\d-\d\d /;

/** The part of `diff -u` output `line` is; undefined for a context line (or anything else). */
export function diffLineKind(line: string): DiffLineKind | undefined {
  if (line.startsWith('diff ') || FILE_HEADER.test(line)) return 'head';
  if (line.startsWith('@@ ')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return undefined;
}

/** Ids of the `kubectl diff` commands whose echo (`$ kubectl diff …`) is among `lines`. */
export function diffCommandIds(lines: readonly TerminalLine[]): ReadonlySet<number> {
  const ids = new Set<number>();
  for (const l of lines) if (l.kind === 'cmd' && l.command !== undefined && /^\$ kubectl diff(?:\s|$)/.test(l.text)) ids.add(l.command);
  return ids;
}
