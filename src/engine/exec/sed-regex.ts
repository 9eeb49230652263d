// What sed does around the regex library (grep.ts translates POSIX regexes): its own escapes in a regex, the
// replacement of `s`, and matching leftmost-longest with the groups a replacement takes.
import { Unmodelled } from './fs.ts';
import { leftmostLongest, translate } from './grep.ts';
import { textOf } from './text-args.ts';

/** A compiled regular expression: JavaScript's over bytes, its groups, and the cache leftmostLongest (grep.ts) fills. */
export interface Rx { re: RegExp; src: string; groups: number; exact: Map<number, RegExp> }

/** Replacement text: literal bytes, or a group's number (0 for the whole match). */
export type Part = string | number;

/** Escapes GNU sed turns into other bytes (`\f`, `\x41`, `\cX`, case conversion) that the model leaves out. */
const GNU_ESCAPES = 'afvrdoxcLUluE';

const unmodelled = (what: string): Unmodelled => new Unmodelled(`${what} in a sed script is not modelled`);

/**
 * A regex of the script, as bytes with sed's escapes still in it, compiled; or why it does not compile, as GNU
 * words it (`bare`: a whole message, not one after the place in the script) and as BusyBox does. Throws
 * Unmodelled for what the translation leaves out.
 */
export function compileRegex(raw: string, ere: boolean, icase: boolean, gnu: boolean, gnuRegex: boolean)
  : Rx | { gnu: string; bb: string; bare?: boolean } {
  const t = translate(sedEscapes(raw), ere, icase, 0, gnuRegex);
  const shown = `bad regex '${textOf(raw)}': `;
  // BusyBox reports with glibc's regcomp, which words an unmatched ) as an unmatched (.
  if (typeof t === 'string') return { gnu: t, bb: shown + (t === 'Unmatched ) or \\)' ? 'Unmatched ( or \\(' : t) };
  if (t.warnings.length) return { gnu: 'Invalid preceding regular expression', bb: `${shown}Invalid preceding regular expression` };
  if (gnu && t.colonClass) return { gnu: 'character class syntax is [[:space:]], not [:space:]', bb: '', bare: true };
  if (t.backrefs && icase) throw unmodelled('back-references with I');
  // In sed the pattern space may hold newlines (put there by s), and `.` matches them.
  const src = t.src.split('[^\\n]').join('[\\s\\S]');
  return { re: new RegExp(src, 'g'), src, groups: t.groups, exact: new Map() };
}

/** The match at or after `at`, leftmost-longest, with its groups. */
export function find(rx: Rx, ps: string, at: number): RegExpExecArray | null {
  rx.re.lastIndex = at;
  const m = rx.re.exec(ps);
  if (!m) return null;
  const span = leftmostLongest(rx.re, rx.src, ps, at, rx.exact)!;
  if (span[1] === m.index + m[0].length) return m;
  const x = rx.exact.get(ps.length - span[1])!;
  x.lastIndex = span[0];
  return x.exec(ps);
}

/** The escapes sed itself reads in a regex before the regex library: `\n` and `\t` (in brackets too). */
function sedEscapes(raw: string): string {
  let out = '';
  let inBracket = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (!inBracket && c === '[') {
      inBracket = true;
      out += c;
      if (raw[i + 1] === '^') out += raw[++i];
      if (raw[i + 1] === ']') out += raw[++i];
      continue;
    }
    if (inBracket && c === '[' && ':.='.includes(raw[i + 1] ?? '_')) {
      const close = raw.indexOf(`${raw[i + 1]}]`, i + 2);
      const stop = close < 0 ? raw.length : close + 2;
      out += raw.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (inBracket && c === ']') { inBracket = false; out += c; continue; }
    if (c !== '\\') { out += c; continue; }
    const nx = raw[++i];
    if (nx === 'n' || nx === '\n') out += '\n';
    else if (nx === 't') out += '\t';
    else if (inBracket) throw unmodelled('a backslash in a bracket expression');
    else if (GNU_ESCAPES.includes(nx)) throw unmodelled(`\\${nx} in a regex`);
    else out += `\\${nx}`;
  }
  return out;
}

/** The replacement of `s`: `&` and `\0`…`\9` for the match and its groups, `\n`, `\t`, and escaped bytes as they are. */
export function replacement(raw: string): Part[] {
  const parts: Part[] = [];
  let lit = '';
  const flush = (): void => { if (lit) parts.push(lit); lit = ''; };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '&') { flush(); parts.push(0); continue; }
    if (c !== '\\') { lit += c; continue; }
    const nx = raw[++i];
    if (nx >= '0' && nx <= '9') { flush(); parts.push(Number(nx)); continue; }
    if (nx === 'n' || nx === '\n') lit += '\n';
    else if (nx === 't') lit += '\t';
    else if (GNU_ESCAPES.includes(nx)) throw unmodelled(`\\${nx} in a replacement`);
    else lit += nx;
  }
  flush();
  return parts;
}
