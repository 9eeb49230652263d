// The shell's redirections on a terminal line (after its expansions): `> FILE`, `>> FILE`, `2> FILE`, `&> FILE`,
// `2>&1`, `>&2`, `< FILE`, `/dev/null`. Found as bash finds them (outside quotes, anywhere in the line, a digit
// before the operator naming the descriptor only when it starts a word); the rest of the line is left as written.
import { tokenize } from '../kubectl/tokenize.ts';

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
