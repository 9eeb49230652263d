// The script language of sed, as GNU sed 4.9 and BusyBox 1.35 read it: addresses, the commands the simulator models,
// and each program's own words and positions for a script it rejects. Regexes and replacements: sed-regex.ts.
import { Unmodelled } from './fs.ts';
import { compileRegex, replacement, type Part, type Rx } from './sed-regex.ts';
import { textOf } from './text-args.ts';

/** A piece of the script, as bytes: an `-e` expression (the script operand is expression 1) or an `-f` file's content. */
export interface Chunk { text: string; expr?: number; file?: string }

/** An address; `rx` undefined is the empty regex (the last one used); line 0 only starts `0,/re/`. */
export type Addr = { kind: 'line' | 'plus' | 'tilde'; n: number } | { kind: 'last' } | { kind: 're'; rx?: Rx; prev?: Rx }
  | { kind: 'step'; first: number; step: number };

/** A command with its addresses; `chunk` is where it was written (GNU names it in errors found while running). */
export type Cmd = { a1?: Addr; a2?: Addr; neg: boolean; chunk: number } & (
  | { name: '{'; end: number } | { name: '}' | 'p' | 'd' | '=' } | { name: 'q' | 'Q'; code: number }
  | { name: 'a' | 'i' | 'c'; text: string }
  | { name: 's'; rx?: Rx; prev?: Rx; repl: Part[]; global: boolean; nth: number; print: boolean }
  | { name: 'y'; map: Map<string, string> });

/**
 * A parsed script: its commands in order (a block's `{` knows where its `}` is, -1 for BusyBox's unclosed one) and
 * whether it asks for -n (`#n`).
 */
export interface Program { cmds: Cmd[]; quiet: boolean }

/** How to read a script: the flavour, -E, and whether regexes have GNU's extensions (glibc, not Alpine's musl). */
export interface Dialect { gnu: boolean; ere: boolean; gnuRegex: boolean }

/** A rejected script: GNU's message (after `sed: -e expression #N, char M: `, or whole when `bare`) and BusyBox's. */
class Bad { constructor(readonly gnu: string, readonly bb: string, readonly bare = false) {} }

const unmodelled = (what: string): Unmodelled => new Unmodelled(`${what} in a sed script is not modelled`);
const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t';
const isSpace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const TEXT_COMMANDS = 'aic';
/** Commands each program has that the simulator does not model (hold space, branches, n/N/D/P, files, l). */
const UNMODELLED_GNU = ':bDeFgGhHlnNPrRtTvwWxz';
const UNMODELLED_BB = ':bDgGhHlnNPrtTwx';

/**
 * Reads the script, chunk by chunk as GNU does (a block or an `a\` text may go on in the next chunk; BusyBox gets its
 * chunks joined by newlines), into a Program, or the error text the program prints and its status. Throws Unmodelled for
 * a command or form the simulator does not model.
 */
export function parseScript(chunks: readonly Chunk[], d: Dialect): Program | { error: string; status: number } {
  const pieces = d.gnu ? chunks : [{ ...chunks[0], text: chunks.map((c) => c.text).join('\n') }];
  const p = new Parser(pieces, d);
  try {
    p.run();
  } catch (e) {
    if (!(e instanceof Bad)) throw e;
    if (!d.gnu) return { error: `sed: ${e.bb}\n`, status: 1 };
    // GNU's one error without a place is also its one with status 4.
    return e.bare ? { error: `sed: ${e.gnu}\n`, status: 4 } : { error: `sed: ${where(pieces[p.ci], p.pos)}: ${e.gnu}\n`, status: 1 };
  }
  return { cmds: p.cmds, quiet: p.quiet };
}

/** GNU's name for a place in the script: `-e expression #N, char M` or `file F line L`. */
export function where(chunk: Chunk, pos: number): string {
  if (chunk.file === undefined) return `-e expression #${chunk.expr}, char ${pos}`;
  if (!pos) throw new Unmodelled('this error in a script file is not modelled');
  return `file ${chunk.file} line ${chunk.text.slice(0, pos).split('\n').length}`;
}

/** The reader of one script: where it is (chunk and byte, as GNU counts them), and what it has read so far. */
class Parser {
  cmds: Cmd[] = [];
  quiet = false;
  ci = 0;
  pos = 0;
  private readonly open: number[] = [];
  private lastRx?: Rx;

  constructor(private readonly chunks: readonly Chunk[], private readonly d: Dialect) {}

  /** The next byte of the current chunk; undefined at its end (which counts as no byte read, as in GNU). */
  private get(): string | undefined { const t = this.chunks[this.ci].text; return this.pos < t.length ? t[this.pos++] : undefined; }
  private unget(ch: string | undefined): void { if (ch !== undefined) this.pos--; }
  private blank(): string | undefined { let ch = this.get(); while (isBlank(ch)) ch = this.get(); return ch; }
  private nextChunk(): boolean { if (this.ci + 1 >= this.chunks.length) return false; this.ci++; this.pos = 0; return true; }

  run(): void {
    for (;;) {
      let ch = this.get();
      while (ch === ';' || isSpace(ch)) ch = this.get();
      if (ch === undefined) { if (this.nextChunk()) continue; break; }
      this.unget(ch);
      this.command();
    }
    // BusyBox finds a block unclosed only when it has to skip it (sed-run.ts).
    if (this.open.length && this.d.gnu) {
      this.ci = this.cmds[this.open[this.open.length - 1]].chunk;
      this.pos = 0;
      throw new Bad("unmatched `{'", '');
    }
  }

  private command(): void {
    const { gnu } = this.d;
    const a1 = this.address(true);
    let a2: Addr | undefined;
    if (a1) {
      let ch = gnu ? this.blank() : this.get();
      if (ch === ',') {
        if (gnu) { ch = this.blank(); this.unget(ch); }
        a2 = this.address(false);
        if (!a2) throw new Bad("unexpected `,'", 'no address after comma');
      } else this.unget(ch);
    } else if (!gnu) {
      // BusyBox reads a comma even with no address before it.
      const ch = this.get();
      if (ch === ',') throw this.address(false) ? unmodelled("BusyBox's range without a start") : new Bad('', 'no address after comma');
      this.unget(ch);
    }
    let ch = this.blank();
    let neg = false;
    if (ch === '!') {
      neg = true;
      ch = this.blank();
      if (ch === '!') throw new Bad("multiple `!'s", 'unsupported command !');
    }
    if (ch === undefined || (!gnu && ch === '\n')) throw new Bad('missing command', 'missing command');
    const zero = (a: Addr | undefined): boolean => a?.kind === 'line' && a.n === 0;
    if (!gnu && (zero(a1) || zero(a2))) throw unmodelled("BusyBox's line 0");
    if ((zero(a1) && a2?.kind !== 're') || zero(a2)) {
      throw new Bad('invalid usage of line address 0', '');
    }
    const base = { a1, a2, neg, chunk: this.ci };
    if (ch === '#') {
      if (a1 || neg) throw new Bad("comments don't accept any addresses", 'unsupported command #');
      const first = this.ci === 0 && this.pos === 1;
      let c = this.get();
      if (c === 'n' && (gnu ? first : true)) this.quiet = true;
      while (c !== undefined && c !== '\n') c = this.get();
      return;
    }
    if (ch === '{') { this.open.push(this.cmds.length); this.cmds.push({ ...base, name: '{', end: -1 }); return; }
    if (ch === '}') {
      // BusyBox: a } closes the innermost block if there is one, and does nothing when run.
      if (gnu && !this.open.length) throw new Bad("unexpected `}'", '');
      if (gnu && (a1 || neg)) throw new Bad("`}' doesn't want any addresses", '');
      if (this.open.length) (this.cmds[this.open.pop()!] as { end: number }).end = this.cmds.length;
      this.cmds.push({ ...base, name: '}' });
      this.end();
      return;
    }
    if (ch === 'p' || ch === 'd' || ch === '=') { this.cmds.push({ ...base, name: ch }); this.end(); return; }
    if (ch === 'q' || (ch === 'Q' && gnu)) {
      if (a2 && gnu) throw new Bad('command only uses one address', '');
      let code = 0;
      if (gnu) {
        const c = this.blank();
        this.unget(c);
        if (isDigit(c)) code = this.int() & 255;
      }
      this.cmds.push({ ...base, name: ch, code });
      this.end();
      return;
    }
    if (TEXT_COMMANDS.includes(ch)) {
      if (!gnu && a2 && ch !== 'c') throw new Bad('', `command '${ch}' uses only one address`);
      this.cmds.push({ ...base, name: ch as 'a' | 'i' | 'c', text: this.text() });
      return;
    }
    if (ch === 's') { this.cmds.push({ ...base, ...this.subst() }); return; }
    if (ch === 'y') { this.cmds.push({ ...base, name: 'y', map: this.translit() }); this.end(); return; }
    if ((gnu ? UNMODELLED_GNU : UNMODELLED_BB).includes(ch)) throw unmodelled(`the command ${ch}`);
    throw new Bad(`unknown command: \`${textOf(ch)}'`, `unsupported command ${textOf(ch)}`);
  }

  /** GNU: after a command, blanks and then the end of the line, `;`, `}` or `#`. BusyBox reads the next command. */
  private end(): void {
    if (!this.d.gnu) return;
    const ch = this.blank();
    if (ch === '}' || ch === '#') this.unget(ch);
    else if (ch !== undefined && ch !== '\n' && ch !== ';') throw new Bad('extra characters after command', '');
  }

  private int(): number {
    let n = '';
    let ch = this.get();
    while (isDigit(ch)) { n += ch; ch = this.get(); }
    this.unget(ch);
    if (n.length > 9) throw unmodelled('a number this large');
    return Number(n);
  }

  private address(first: boolean): Addr | undefined {
    const { gnu } = this.d;
    const ch = this.get();
    if (isDigit(ch)) {
      this.unget(ch);
      const n = this.int();
      const c = this.get();
      if (gnu && c === '~') {
        if (!first) throw unmodelled('first~step as the second address');
        const c2 = this.get(); this.unget(c2);
        if (!isDigit(c2)) throw unmodelled('first~ without a step');
        return { kind: 'step', first: n, step: this.int() };
      }
      this.unget(c);
      return { kind: 'line', n };
    }
    if (ch === '$') return { kind: 'last' };
    if (!first && (ch === '+' || (gnu && ch === '~'))) {
      const c = this.get(); this.unget(c);
      if (!isDigit(c)) throw unmodelled(`${ch} without a number`);
      return { kind: ch === '+' ? 'plus' : 'tilde', n: this.int() };
    }
    if (ch === '/' || ch === '\\') {
      const delim = ch === '/' ? ch : this.get();
      if (delim === undefined || delim === '\n' || delim === '\\') throw unmodelled('this address delimiter');
      const pat = this.part(delim, true, ['unterminated address regex', `unmatched '${textOf(delim)}'`]);
      let icase = false;
      for (let c = this.get(); ; c = this.get()) {
        if (gnu && c === 'I') { icase = true; continue; }
        if (gnu && c === 'M') throw unmodelled('the M flag');
        this.unget(c);
        break;
      }
      const prev = this.lastRx;
      return { kind: 're', rx: this.regex(pat, icase), prev };
    }
    this.unget(ch);
    return undefined;
  }

  /**
   * The text of `s`, `y` or an address up to the unescaped delimiter (bracket expressions may hold it), raw but for
   * an escaped delimiter: GNU makes it the plain character (with its meaning in a regex), BusyBox leaves the
   * backslash to the regex. Throws Bad at a newline or the end of the chunk.
   */
  private part(delim: string, regex: boolean, unterminated: [string, string]): string {
    const bad = (): Bad => new Bad(...unterminated);
    let out = '';
    for (;;) {
      const ch = this.get();
      if (ch === undefined) throw bad();
      if (ch === '\n') { this.unget(ch); throw bad(); }
      if (ch === delim) return out;
      if (ch === '\\') {
        const nx = this.get();
        if (nx === undefined) throw bad();
        if (nx === delim && /[A-Za-z0-9]/.test(delim)) throw unmodelled('an escaped letter or digit as the delimiter');
        out += nx === delim && regex && this.d.gnu ? nx : `\\${nx}`;
        continue;
      }
      out += ch;
      if (ch === '[' && regex) out += this.bracket(bad);
    }
  }

  /** The rest of a bracket expression after its `[`, raw. */
  private bracket(bad: () => Bad): string {
    let out = '';
    let ch = this.get();
    if (ch === '^') { out += ch; ch = this.get(); }
    if (ch === ']') { out += ch; ch = this.get(); }
    for (;;) {
      if (ch === undefined) throw bad();
      if (ch === '\n') throw unmodelled('a newline in a bracket expression');
      out += ch;
      if (ch === ']') return out;
      if (ch === '[') {
        const kind = this.get();
        if (kind === ':' || kind === '.' || kind === '=') {
          out += kind;
          for (let prev = ''; ;) {
            const c = this.get();
            if (c === undefined) throw bad();
            out += c;
            if (prev === kind && c === ']') break;
            prev = c;
          }
        } else { ch = kind; continue; }
      }
      ch = this.get();
    }
  }

  /** A regex of the script (raw, as `part` gives it) compiled, or undefined for the empty one. */
  private regex(raw: string, icase: boolean): Rx | undefined {
    if (raw === '') {
      if (icase) throw unmodelled('flags on the empty regex');
      if (!this.d.gnu && !this.lastRx) throw new Bad('', 'no previous regexp');
      return undefined;
    }
    const rx = compileRegex(raw, this.d.ere, icase, this.d.gnu, this.d.gnuRegex);
    if ('gnu' in rx) throw new Bad(rx.gnu, rx.bb, rx.bare);
    return (this.lastRx = rx);
  }

  private subst(): Omit<Extract<Cmd, { name: 's' }>, 'neg' | 'chunk'> {
    const { gnu } = this.d;
    const delim = this.get();
    const unterminated: [string, string] = ["unterminated `s' command", `unmatched '${textOf(delim ?? '')}'`];
    if (delim === undefined) throw new Bad(unterminated[0], 'bad format in substitution expression');
    if (delim === '\n' || delim === '\\') throw unmodelled('this delimiter');
    const pat = this.part(delim, true, unterminated);
    const repl = replacement(this.part(delim, false, unterminated));
    let global = false, print = false, icase = false, nth = 0;
    const badOption = new Bad("unknown option to `s'", 'bad option in substitution expression');
    for (;;) {
      const ch = this.get();
      if (ch === undefined || ch === '\n' || ch === ';') break;
      if (ch === '}' || ch === '#') { this.unget(ch); break; }
      if (isBlank(ch)) continue;
      if (ch === 'i' || ch === 'I') { icase = true; continue; }
      if (ch === 'g') {
        if (global && gnu) throw new Bad("multiple `g' options to `s' command", '');
        global = true; continue;
      }
      if (ch === 'p') {
        if (print && gnu) throw new Bad("multiple `p' options to `s' command", '');
        print = true; continue;
      }
      if (isDigit(ch)) {
        this.unget(ch);
        const n = this.int();
        if (!gnu && (nth || global || !n)) throw unmodelled("BusyBox's s with this count");
        if (nth) throw new Bad("multiple number options to `s' command", '');
        if (!n) throw new Bad("number option to `s' command may not be zero", '');
        nth = n; continue;
      }
      if ('mMew'.includes(ch) && (gnu || ch !== 'e')) throw unmodelled(`the s flag ${ch}`);
      throw badOption;
    }
    const prev = this.lastRx;
    const rx = this.regex(pat, icase);
    const most = Math.max(-1, ...repl.filter((r): r is number => typeof r === 'number'));
    if (!rx && most > 0) throw unmodelled('groups of the empty regex');
    if (rx && gnu && most > rx.groups) throw new Bad(`invalid reference \\${most} on \`s' command's RHS`, '');
    // BusyBox: a count before g is forgotten.
    return { name: 's', rx, prev, repl, global, nth: (global && !gnu) || !nth ? 1 : nth, print };
  }

  private translit(): Map<string, string> {
    const delim = this.get();
    const unterminated: [string, string] = ["unterminated `y' command", `unmatched '${textOf(delim ?? '')}'`];
    if (delim === undefined) throw new Bad(unterminated[0], 'bad format in substitution expression');
    if (delim === '\n' || delim === '\\') throw unmodelled('this delimiter');
    const decode = (raw: string): string[] => {
      const out: string[] = [];
      for (let i = 0; i < raw.length; i++) {
        if (raw[i] !== '\\') { out.push(raw[i]); continue; }
        const nx = raw[++i];
        if (nx === 'n') out.push('\n');
        else if ((nx === '\\' && this.d.gnu) || nx === delim) out.push(nx);
        else throw unmodelled(`\\${nx} in y`);
      }
      return out;
    };
    const from = decode(this.part(delim, false, unterminated));
    const to = decode(this.part(delim, false, unterminated));
    if (from.length !== to.length) {
      if (!this.d.gnu) throw unmodelled("BusyBox's y with strings of different lengths");
      throw new Bad("strings for `y' command are different lengths", '');
    }
    const map = new Map<string, string>();
    // A byte given twice: GNU keeps the last, BusyBox the first.
    from.forEach((b, i) => { if (this.d.gnu || !map.has(b)) map.set(b, to[i]); });
    return map;
  }

  /** The text of a, i or c: one line (GNU's `a text`) or `a\` and lines ending in `\`; with its newline. */
  private text(): string {
    const { gnu } = this.d;
    let ch = this.blank();
    if (ch === undefined && gnu) throw new Bad("expected \\ after `a', `c' or `i'", '');
    if (ch === '\\') {
      ch = this.get();
      if (ch === undefined) {
        // `a\` at the end of an expression: the text is in the next one (GNU: none at all when there is none).
        if (!gnu) return '\n';
        if (!this.nextChunk()) return '';
      } else if (ch !== '\n') this.unget(ch);
    } else this.unget(ch);
    let out = '';
    for (;;) {
      const c = this.get();
      if (c === undefined || c === '\n') return `${out}\n`;
      if (c !== '\\') { out += c; continue; }
      const nx = this.get();
      if (nx === undefined) {
        // A backslash at the very end: BusyBox reads a newline there, GNU nothing (or goes on in the next chunk).
        if (!gnu) return `${out}\n\n`;
        if (!this.nextChunk()) return `${out}\n`;
        out += '\n';
      } else if (nx === 'n' || nx === '\n') out += '\n';
      else if (nx === 't') out += '\t';
      else if (/[A-Za-z0-9]/.test(nx)) throw unmodelled(`\\${nx} in a text`);
      else out += nx;
    }
  }
}
