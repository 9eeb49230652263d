// grep of a simulated container: GNU grep 3.8 on the Debian images, BusyBox's applet on busybox and Alpine, with their
// options, their regular expressions translated to JavaScript's over bytes (text-args.ts), their matching rules and
// their errors; what has no faithful counterpart is reported as not modelled.
import { Unmodelled } from './fs.ts';
import { gnu, STRERROR, type Utility } from './shell.ts';
import { bytesOf, getopt, has, Inputs, lastOf, linesOf, notModelled, textOf, usageNotModelled } from './text-args.ts';

/** Why a pattern does not compile, in the words of the regex library GNU grep reports with. */
export type RegexError = 'Invalid regular expression' | 'Unmatched [, [^, [:, [., or [=' | 'Trailing backslash' | 'Unmatched \\{'
  | 'Unmatched ( or \\(' | 'Unmatched ) or \\)' | 'Invalid character class name' | 'Invalid range end';

/** A pattern as a JavaScript regular expression over bytes, with what GNU grep would also say about it. */
export interface Translated { src: string; groups: number; backrefs: boolean; warnings: string[]; colonClass: boolean }

const WORD = 'A-Za-z0-9_';
const CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\t-\\r ', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f',
};

/** A byte as a JavaScript regex atom, in or out of a class (letters and digits as they are, the rest as `\xHH`). */
const esc = (b: string): string => (/[A-Za-z0-9]/.test(b) ? b : `\\x${b.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** A literal byte, matching either case under -i (ASCII letters only, as in the C locale). */
function literal(b: string, icase: boolean): string {
  if (icase && /[A-Za-z]/.test(b)) return `[${b.toLowerCase()}${b.toUpperCase()}]`;
  return esc(b);
}

/**
 * Translates a basic (`ere` false) or extended regular expression, given as bytes, into a JavaScript one that
 * matches the same lines: GNU's syntax (`\+`, `\?`, `\|`, `\<`, `\>`, `\w`, `\s`, `\b` and the like, which glibc's
 * regex also knows; not on Alpine, whose musl differs), `*` literal where nothing precedes it, `^` and `$` anchors
 * in a basic expression only at its ends or a group's, `{` literal in an extended one unless an interval follows.
 * Group numbers start after `offset` (patterns joined into one). Throws Unmodelled for what it cannot translate.
 */
export function translate(pat: string, ere: boolean, icase: boolean, offset: number, gnuExt: boolean): Translated | RegexError {
  let out = '';
  let atom = -1;          // where the last atom starts in `out`, -1 when there is none to repeat
  let repeated = false;   // whether that atom already has a repetition
  let ctxStart = true;    // at the start of the pattern, a group or an alternative
  let groups = 0;
  let backrefs = false;
  let colonClass = false;
  const warnings: string[] = [];
  const open: Array<{ at: number; n: number }> = [];
  const closed = new Set<number>();
  const unmodelled = (what: string): Unmodelled => new Unmodelled(`${what} in a regular expression is not modelled`);
  const push = (src: string): void => { atom = out.length; out += src; repeated = false; ctxStart = false; };
  const repeat = (q: string): void => {
    if (atom < 0) throw unmodelled('a repetition of nothing');
    if (repeated) {
      // A repetition of a repetition (`a**`, `a+?`) is one repetition: the same, or any number (`*`) when they differ.
      const prev = out[out.length - 1];
      if (!'*+?'.includes(prev) || !'*+?'.includes(q)) throw unmodelled('an interval repeated');
      out = out.slice(0, -1) + (prev === q ? q : '*');
    } else out += q;
    repeated = true;
    ctxStart = false;
  };
  const interval = (lo: string, comma: boolean, hi: string): string => {
    const min = lo === '' ? 0 : Number(lo);
    const max = hi === '' ? undefined : Number(hi);
    if (min > 32767 || (max !== undefined && (max > 32767 || max < min))) throw unmodelled('this interval');
    return !comma ? `{${min}}` : max === undefined ? `{${min},}` : `{${min},${max}}`;
  };
  for (let i = 0; i < pat.length; i++) {
    const ch = pat[i];
    if (ch === '\\') {
      const nx = pat[++i];
      if (nx === undefined) return 'Trailing backslash';
      if (!ere && nx === '(') {
        open.push({ at: out.length, n: ++groups + offset });
        out += '(';
        atom = -1; ctxStart = true;
        continue;
      }
      if (!ere && nx === ')') {
        const g = open.pop();
        if (!g) return 'Unmatched ) or \\)';
        out += ')';
        closed.add(g.n);
        atom = g.at; repeated = false; ctxStart = false;
        continue;
      }
      if (!ere && nx === '{') {
        const m = /^(\d*)(,?)(\d*)\\\}/.exec(pat.slice(i + 1));
        if (!m) { if (!pat.includes('\\}', i + 1)) return 'Unmatched \\{'; throw unmodelled('this interval'); }
        if (atom < 0) throw unmodelled('an interval at the start');
        if (m[1] === '' && !m[2]) throw unmodelled('an empty interval');
        repeat(interval(m[1], !!m[2], m[3]));
        i += m![0].length;
        continue;
      }
      if (/[1-9]/.test(nx)) {
        const n = Number(nx) + offset;
        if (!closed.has(n)) throw unmodelled('a back-reference to a group not yet closed');
        backrefs = true;
        // Grouped, so that a digit after it is not read as part of its number.
        push(`(?:\\${n})`);
        continue;
      }
      if (gnuExt) {
        if (!ere && nx === '|') { out += '|'; atom = -1; ctxStart = true; continue; }
        if (!ere && (nx === '+' || nx === '?')) { if (atom < 0) push(literal(nx, icase)); else repeat(nx); continue; }
        const special: Record<string, string> = {
          '<': `(?<![${WORD}])(?=[${WORD}])`, '>': `(?<=[${WORD}])(?![${WORD}])`, b: '\\b', B: '\\B',
          w: `[${WORD}]`, W: `[^${WORD}]`, s: '[\\t-\\r ]', S: '[^\\t-\\r ]', '`': '^', "'": '$',
        };
        if (nx in special) {
          if ('wWsS'.includes(nx)) push(special[nx]);
          else { out += special[nx]; atom = -1; ctxStart = false; }
          continue;
        }
      } else if ('|+?<>bBwWsS`\''.includes(nx)) throw unmodelled(`\\${nx} (musl's regex)`);
      push(literal(nx, icase));
      continue;
    }
    if (ere && ch === '(') {
      open.push({ at: out.length, n: ++groups + offset });
      out += '(';
      atom = -1; ctxStart = true;
      continue;
    }
    if (ere && ch === ')' && open.length) {
      const g = open.pop()!;
      out += ')';
      closed.add(g.n);
      atom = g.at; repeated = false; ctxStart = false;
      continue;
    }
    if (ere && ch === '|') { out += '|'; atom = -1; ctxStart = true; continue; }
    if (ch === '*') {
      if (atom >= 0) { repeat('*'); continue; }
      // A `*` with nothing before it is an ordinary character (GNU grep warns about one at the very start of an
      // extended expression).
      if (ere) {
        if (out !== '' || i !== 0) throw unmodelled('a * after ( or | or an anchor');
        warnings.push('* at start of expression');
      }
      push('\\*');
      continue;
    }
    if (ere && (ch === '+' || ch === '?')) {
      if (atom < 0) throw unmodelled(`a ${ch} with nothing before it`);
      repeat(ch);
      continue;
    }
    if (ere && ch === '{') {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(pat.slice(i));
      if (m && (m[1] !== '' || (m[2] && m[3] !== ''))) {
        if (atom < 0) throw unmodelled('an interval at the start');
        repeat(interval(m[1], !!m[2], m[3]));
        i += m[0].length - 1;
        continue;
      }
      if (m) throw unmodelled('this interval');
      if (atom < 0) throw unmodelled('a { at the start');
      push('\\{');
      continue;
    }
    if (ch === '^') {
      if (ere || ctxStart) { out += '^'; atom = -1; ctxStart = false; continue; }
      push('\\^');
      continue;
    }
    if (ch === '$') {
      const end = i === pat.length - 1 || (!ere && (pat.startsWith('\\)', i + 1) || pat.startsWith('\\|', i + 1)));
      if (ere || end) { out += '$'; atom = -1; ctxStart = false; continue; }
      push('\\$');
      continue;
    }
    if (ch === '.') { push('[^\\n]'); continue; }
    if (ch === '[') {
      const b = bracket(pat, i + 1, icase);
      if (typeof b === 'string') return b;
      if (b.colonClass) colonClass = true;
      push(b.src);
      i = b.end - 1;
      continue;
    }
    push(literal(ch, icase));
  }
  if (open.length) return 'Unmatched ( or \\(';
  return { src: out, groups, backrefs, warnings, colonClass };
}

/** A bracket expression from just after its `[`: its JavaScript class and where it ends, or why it is invalid. */
function bracket(pat: string, from: number, icase: boolean): { src: string; end: number; colonClass: boolean } | RegexError {
  let j = from;
  let negate = false;
  if (pat[j] === '^') { negate = true; j++; }
  if (j >= pat.length) return 'Invalid regular expression';
  const bodyStart = j;
  let set = '';
  const add = (lo: number, hi: number): void => {
    set += lo === hi ? esc(String.fromCharCode(lo)) : `${esc(String.fromCharCode(lo))}-${esc(String.fromCharCode(hi))}`;
    if (!icase) return;
    // Under -i, the other case of every ASCII letter in the range.
    for (const [a, z, shift] of [[65, 90, 32], [97, 122, -32]] as const) {
      const l = Math.max(lo, a), h = Math.min(hi, z);
      if (l <= h) set += l === h ? esc(String.fromCharCode(l + shift)) : `${esc(String.fromCharCode(l + shift))}-${esc(String.fromCharCode(h + shift))}`;
    }
  };
  let first = true;
  for (;;) {
    if (j >= pat.length) return 'Unmatched [, [^, [:, [., or [=';
    const c = pat[j];
    if (c === ']' && !first) { j++; break; }
    first = false;
    if (c === '[' && (pat[j + 1] === ':' || pat[j + 1] === '.' || pat[j + 1] === '=')) {
      const kind = pat[j + 1];
      const close = pat.indexOf(kind + ']', j + 2);
      if (close < 0) return 'Unmatched [, [^, [:, [., or [=';
      if (kind !== ':') throw new Unmodelled('collating symbols and equivalence classes are not modelled');
      let name = pat.slice(j + 2, close);
      if (!(name in CLASSES)) return 'Invalid character class name';
      if (icase && (name === 'upper' || name === 'lower')) name = 'alpha';
      set += CLASSES[name];
      j = close + 2;
      if (pat[j] === '-' && pat[j + 1] !== ']') throw new Unmodelled('a range from a character class is not modelled');
      continue;
    }
    const lo = c.charCodeAt(0);
    if (pat[j + 1] === '-' && j + 2 < pat.length && pat[j + 2] !== ']') {
      const hiCh = pat[j + 2];
      if (hiCh === '[' && '.=:'.includes(pat[j + 3] ?? '')) throw new Unmodelled('a range to a class is not modelled');
      const hi = hiCh.charCodeAt(0);
      if (hi < lo) return 'Invalid range end';
      add(lo, hi);
      j += 3;
      continue;
    }
    add(lo, lo);
    j++;
  }
  // GNU grep refuses `[:space:]` written without the outer brackets.
  const body = pat.slice(bodyStart, j - 1);
  const colonClass = !negate && /^:.*[^:].*:$/.test(body);
  return { src: `[${negate ? '^' : ''}${set}]`, end: j, colonClass };
}

/** Spans of a line a pattern matches. */
type Span = [number, number];

/**
 * The leftmost match at or after `from`, and of those starting there the longest, as POSIX regex matching picks
 * (JavaScript's backtracking takes the first alternative that fits, which may be shorter).
 */
export function leftmostLongest(re: RegExp, src: string, line: string, from: number, exact: Map<number, RegExp>): Span | undefined {
  re.lastIndex = from;
  const m = re.exec(line);
  if (!m) return undefined;
  const s = m.index;
  let e = s + m[0].length;
  if (/\||\)[*+?{]/.test(src)) {
    for (let end = line.length; end > e; end--) {
      let x = exact.get(line.length - end);
      if (!x) exact.set(line.length - end, (x = new RegExp(`(?:${src})(?=[\\s\\S]{${line.length - end}}$)`, 'y')));
      x.lastIndex = s;
      if (x.test(line)) { e = end; break; }
    }
  }
  return [s, e];
}

/** A compiled set of patterns: whether a line matches, and the spans -o prints. */
interface Matcher { test(line: string): boolean; spans(line: string): Span[] }

const isWordByte = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** GNU grep: the patterns are alternatives of one expression; -w and -x constrain where a match may lie. */
function gnuMatcher(srcs: string[], word: boolean, whole: boolean): Matcher {
  const alts = srcs.map((s) => `(?:${s})`).join('|');
  const src = whole ? `^(?:${alts})$` : word ? `(?<![${WORD}])(?:${alts})(?![${WORD}])` : alts;
  const re = new RegExp(src, 'g');
  const exact = new Map<number, RegExp>();
  return {
    test: (line) => { re.lastIndex = 0; return re.test(line); },
    spans: (line) => {
      const out: Span[] = [];
      for (let pos = 0; pos <= line.length;) {
        const m = leftmostLongest(re, src, line, pos, exact);
        if (!m) break;
        if (m[1] === m[0]) { pos = m[0] + 1; continue; }
        out.push(m);
        pos = m[1];
      }
      return out;
    },
  };
}

/**
 * BusyBox grep: the patterns are tried one at a time (the last given first) and -o prints the matches of the first
 * that fits. -w takes the leftmost-longest match and, when it is not a whole word, searches again after it; -o then
 * prints that match and every later one, words or not. With -F it looks for the text itself, and -o prints the
 * pattern as given.
 */
function busyboxMatcher(pats: string[], fixed: boolean, icase: boolean, word: boolean, whole: boolean, srcs: string[]): Matcher {
  const order = pats.map((_, i) => i).reverse();
  const res = srcs.map((s) => new RegExp(s, 'g'));
  const exact = srcs.map(() => new Map<number, RegExp>());
  const fold = (s: string): string => (icase ? s.replace(/[A-Z]/g, (c) => c.toLowerCase()) : s);
  /** The span of pattern k's match that makes the line selected, if any. */
  const found = (k: number, line: string): Span | undefined => {
    if (fixed) {
      const hay = fold(line), needle = fold(pats[k]);
      if (whole) return hay === needle ? [0, line.length] : undefined;
      for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + 1)) {
        if (!word || (!isWordByte(line[at - 1]) && !isWordByte(line[at + needle.length]))) return [at, at + needle.length];
      }
      return undefined;
    }
    const m = leftmostLongest(res[k], srcs[k], line, 0, exact[k]);
    if (!m) return undefined;
    if (whole) return m[0] === 0 && m[1] === line.length ? m : undefined;
    if (!word) return m;
    for (let cur: Span | undefined = m, from = 0; cur;) {
      if (!isWordByte(line[cur[0] - 1]) && !isWordByte(line[cur[1]])) return cur;
      if (cur[1] <= from) return undefined;
      from = cur[1];
      cur = leftmostLongest(res[k], srcs[k], line, from, exact[k]);
    }
    return undefined;
  };
  return {
    test: (line) => order.some((k) => found(k, line) !== undefined),
    spans: (line) => {
      for (const k of order) {
        const m = found(k, line);
        if (!m) continue;
        if (fixed) return [[-1, k]];
        const out: Span[] = [];
        for (let cur: Span | undefined = m; cur;) {
          if (cur[1] > cur[0]) out.push(cur);
          let end = cur[1];
          if (end >= line.length) break;
          if (end === cur[0]) end++;
          cur = leftmostLongest(res[k], srcs[k], line, end, exact[k]);
        }
        return out;
      }
      return [];
    },
  };
}

/**
 * `grep [-qvcinlhHsxwoEF] [-m N] [-e PATTERN]… [PATTERN] [FILE…]`: the lines that match (or with -v do not), with
 * the file name before each when there are several files and the line number with -n. Status 0 when a line was
 * selected, 1 when none, 2 on an error (a file that cannot be read; with -q a selected line wins). GNU reports a
 * directory; BusyBox reads one as empty.
 */
export const grep: Utility = (p) => {
  const isGnu = gnu(p);
  const a = getopt(p, 'qvcinlhHsxwoEF', 'em');
  if (!a) return notModelled(p, 'grep');
  const flag = (f: string): boolean => has(a, f);
  if (flag('l') && flag('c')) return notModelled(p, 'grep');
  // GNU refuses two kinds of pattern; BusyBox takes -F over -E.
  if (isGnu && flag('E') && flag('F')) { p.err('grep: conflicting matchers specified\n'); return 2; }
  let max = Infinity;
  const mArg = lastOf(a, 'm');
  if (mArg !== undefined) {
    if (!/^\d+$/.test(mArg) || (!isGnu && mArg === '0')) return notModelled(p, 'grep');
    max = Number(mArg);
  }
  const operands = [...a.operands];
  const given = a.opts.filter(([f]) => f === 'e').map(([, v]) => v);
  if (!given.length) {
    if (!operands.length) {
      if (!isGnu) return usageNotModelled(p, 'grep');
      p.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    given.push(operands.shift()!);
  }
  if (given.some((g) => g.includes('\n'))) throw new Unmodelled('patterns separated by newlines are not modelled');
  const alpine = p.sh.world.userland.flavour === 'alpine';
  const icase = flag('i'), fixed = flag('F'), word = flag('w'), whole = flag('x');
  const pats = given.map(bytesOf);
  if (alpine && pats.some((q) => /[^\x00-\x7f]/.test(q))) throw new Unmodelled("non-ASCII patterns with musl's regex are not modelled");
  // Each pattern as a JavaScript expression over bytes (a fixed string as its escaped bytes).
  const srcs: string[] = [];
  let groups = 0;
  for (const q of pats) {
    if (fixed) { srcs.push([...q].map((b) => literal(b, icase)).join('')); continue; }
    const t = translate(q, flag('E'), icase, isGnu ? groups : 0, !alpine);
    if (typeof t === 'string') {
      p.err(isGnu ? `grep: ${t}\n` : `grep: bad regex '${textOf(q)}'\n`);
      return 2;
    }
    if (t.backrefs && icase) throw new Unmodelled('back-references with -i are not modelled');
    if (isGnu) for (const w of t.warnings) p.err(`grep: warning: ${w}\n`);
    if (isGnu && t.colonClass) { p.err('grep: character class syntax is [[:space:]], not [:space:]\n'); return 2; }
    groups += t.groups;
    srcs.push(t.src);
  }
  const matcher = isGnu ? gnuMatcher(srcs, word, whole) : busyboxMatcher(pats, fixed, icase, word, whole, srcs);
  const files = operands.length ? operands : ['-'];
  const named = flag('H') || (!flag('h') && files.length > 1);
  const numbered = flag('n') && !flag('c') && !flag('l') && !flag('q');
  const inputs = new Inputs(p);
  let selected = false, error = false;
  for (const file of files) {
    const name = file === '-' ? '(standard input)' : file;
    const r = inputs.read(file);
    let text = '';
    if ('err' in r) {
      if (r.err !== 'EISDIR' || isGnu) {
        if (!flag('s')) p.err(`grep: ${file}: ${STRERROR[r.err]}\n`);
        error = true;
        if (r.err !== 'EISDIR' || !flag('c')) continue;
      }
    } else text = r.text;
    if (text.includes('\0')) throw new Unmodelled('binary input (NUL bytes) is not modelled');
    const lines = linesOf(text);
    if (alpine && /[^\x00-\x7f]/.test(text)) throw new Unmodelled("non-ASCII input with musl's regex is not modelled");
    let n = 0, out = '';
    for (const [i, line] of lines.entries()) {
      if (n >= max) break;
      const b = bytesOf(line);
      if (matcher.test(b) === flag('v')) continue;
      n++;
      selected = true;
      if (flag('q')) return 0;
      if (flag('l')) break;
      if (flag('c')) continue;
      const prefix = (named ? `${name}:` : '') + (numbered ? `${i + 1}:` : '');
      if (!flag('o')) { out += `${prefix}${line}\n`; continue; }
      if (flag('v')) continue;
      for (const [s, e] of matcher.spans(b)) out += `${prefix}${s < 0 ? given[e] : textOf(b.slice(s, e))}\n`;
    }
    if (flag('l') && n) out += `${name}\n`;
    if (flag('c')) out += `${named ? `${name}:` : ''}${n}\n`;
    p.out(out);
  }
  if (error) return 2;
  return selected ? 0 : 1;
};
