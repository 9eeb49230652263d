// The shell's redirections on a terminal line (after its expansions): `> FILE`, `>> FILE`, `2> FILE`, `&> FILE`,
// `2>&1`, `>&2`, `< FILE`, `/dev/null`. Found as bash finds them (outside quotes, anywhere in the line, a digit
// before the operator naming the descriptor only when it starts a word); the rest of the line is left as written.
import { tokenize } from '../kubectl/tokenize.ts';
import type { KubectlStream, OutputChunk } from '../kubectl/types.ts';
import { isDirectory, type LocalFs } from './local-fs.ts';

/**
 * One redirection: descriptor `fd` (`&`: standard output and error) to `target`, a file (`>` truncates, `>>`
 * appends, `<` reads) or, with `>&`, another descriptor.
 */
export interface Redirect { fd: 0 | 1 | 2 | '&'; op: '>' | '>>' | '<' | '>&'; target: string }

export type Redirected = { ok: true; text: string; redirects: Redirect[] } | { ok: false; error: string };

const BREAK = /[\s|;&<>()]/;

/** Splits `text` into the command and its redirections. */
export function splitRedirects(text: string): Redirected {
  const redirects: Redirect[] = [];
  let out = '';
  let quote = '';
  let i = 0;
  const atWordStart = (k: number): boolean => k === 0 || /\s/.test(text[k - 1]);
  while (i < text.length) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\' && quote === '"' && i + 1 < text.length) { out += ch + text[i + 1]; i += 2; continue; }
      if (ch === quote) quote = '';
      out += ch; i++;
      continue;
    }
    if (ch === '\\' && i + 1 < text.length) { out += ch + text[i + 1]; i += 2; continue; }
    if (ch === "'" || ch === '"') { quote = ch; out += ch; i++; continue; }
    let j = i;
    let fd: Redirect['fd'] | undefined;
    if (/[0-9]/.test(ch) && atWordStart(i) && /[<>]/.test(text[i + 1] ?? '')) { fd = Number(ch) as 0 | 1 | 2; j++; }
    else if (ch === '&' && text[i + 1] === '>') { fd = '&'; j++; }
    const op = text[j];
    if (op !== '>' && op !== '<') { out += ch; i++; continue; }
    let kind: Redirect['op'];
    if (op === '<') {
      if (text[j + 1] === '<') return { ok: false, error: 'a here-document (<<) goes on a line of its own, with its lines after it' };
      kind = '<'; j++;
      fd ??= 0;
    } else if (text[j + 1] === '>') { kind = '>>'; j += 2; }
    else if (text[j + 1] === '&' && fd !== '&') { kind = '>&'; j += 2; }
    else { kind = '>'; j++; }
    fd ??= 1;
    if (typeof fd === 'number' && fd > 2) return { ok: false, error: `${fd}: Bad file descriptor` };
    // The target: the next word (quotes removed), after optional blanks.
    while (j < text.length && /[ \t]/.test(text[j])) j++;
    let k = j;
    let q = '';
    while (k < text.length && (q || !BREAK.test(text[k]))) {
      const c = text[k];
      if (q) { if (c === '\\' && q === '"') k++; else if (c === q) q = ''; }
      else if (c === '\\') k++;
      else if (c === "'" || c === '"') q = c;
      k++;
    }
    const raw = text.slice(j, k);
    if (!raw) return { ok: false, error: `syntax error near unexpected token \`${k < text.length ? text[k] === '>' && text[k + 1] === '>' ? '>>' : text[k] : 'newline'}'` };
    const word = tokenize(raw);
    if (!word.ok || word.words.length !== 1) return { ok: false, error: word.ok ? `${raw}: ambiguous redirect` : word.error };
    const target = word.words[0];
    if (kind === '>&') {
      if (target === '-') return { ok: false, error: 'closing a descriptor (>&-) is not supported in this terminal' };
      if (!/^[12]$/.test(target)) {
        // `>& FILE` is `&> FILE`, as bash reads it.
        if (/^[0-9]+$/.test(target)) return { ok: false, error: `${target}: Bad file descriptor` };
        redirects.push({ fd: '&', op: '>', target });
        out += ' '; i = k;
        continue;
      }
    }
    if (target === '') return { ok: false, error: ': No such file or directory' };
    redirects.push({ fd, op: kind, target });
    out += ' ';
    i = k;
  }
  return { ok: true, text: out.replace(/\s+$/, ''), redirects };
}

/** Whether `text` has a redirection outside quotes (what makes a terminal line go through the shell). */
export function hasRedirect(text: string): boolean {
  const r = splitRedirects(text);
  return !r.ok || r.redirects.length > 0;
}

/**
 * Sets up a command's redirections on the terminal's files, left to right as bash does: files to write are created
 * (emptied by `>`), `< FILE` is read. Returns the command's standard input (if redirected) and what routes its output
 * (`chunks`, and a stream's later output through `stream`), or bash's error before anything ran.
 */
export function openRedirects(fs: LocalFs, redirects: readonly Redirect[]):
  { stdin?: string; chunks: (out: readonly OutputChunk[]) => OutputChunk[]; stream: (s: KubectlStream) => KubectlStream } | { error: string } {
  // The terminal (as its standard output or error), a file, or nowhere.
  type Dest = { tty: 'out' | 'err' } | { file: string } | { discard: true };
  const dest: Record<1 | 2, Dest> = { 1: { tty: 'out' }, 2: { tty: 'err' } };
  let stdin: string | undefined;
  for (const r of redirects) {
    if (r.op === '<') {
      const text = r.target === '/dev/null' ? '' : fs.read(r.target);
      if (text === null) return { error: `bash: ${r.target}: ${isDirectory(r.target) ? 'Is a directory' : 'No such file or directory'}` };
      stdin = text;
      continue;
    }
    if (r.fd === 0) return { error: `bash: ${r.target}: the standard input is only read with <` };
    let d: Dest;
    if (r.op === '>&') d = dest[Number(r.target) as 1 | 2];
    else if (r.target === '/dev/null') d = { discard: true };
    else if (r.target === '/dev/stdout' || r.target === '/dev/stderr') d = dest[r.target === '/dev/stdout' ? 1 : 2];
    else {
      if (isDirectory(r.target)) return { error: `bash: ${r.target}: Is a directory` };
      const e = fs.write(r.target, '', r.op === '>>');
      if (e) return { error: e };
      d = { file: r.target };
    }
    if (r.fd === '&') dest[1] = dest[2] = d;
    else dest[r.fd] = d;
  }
  const chunks = (out: readonly OutputChunk[]): OutputChunk[] => out.flatMap((c) => {
    const d = c.stream === 'out' ? dest[1] : c.stream === 'err' ? dest[2] : undefined;
    if (!d) return [c];
    if ('file' in d) fs.write(d.file, c.text, true);
    return 'tty' in d ? [{ ...c, stream: d.tty }] : [];
  });
  const stream = (s: KubectlStream): KubectlStream => ({
    get deadline() { return s.deadline; },
    get endless() { return s.endless; },
    cancel: () => s.cancel(),
    poll: () => {
      const p = s.poll();
      return { ...p, output: chunks(p.output) };
    },
  });
  return { ...(stdin !== undefined ? { stdin } : {}), chunks, stream };
}
