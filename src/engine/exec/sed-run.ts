// The run of a parsed sed script (sed-parse.ts) over its inputs: the cycle of each line through the commands,
// addresses and ranges, what is printed where, and -i's files written back; GNU's and BusyBox's ways where they differ.
import { resolvePath, Unmodelled, type FsError } from './fs.ts';
import { execRandom } from './random.ts';
import { where, type Addr, type Chunk, type Cmd, type Program } from './sed-parse.ts';
import { find, type Rx } from './sed-regex.ts';
import { STRERROR, type Proc } from './shell.ts';
import { bytesOf, Inputs, textOf } from './text-args.ts';

/** What the options ask of a run: the script's chunks, -n, -E, -i's suffix, GNU's -s and -u, and the files. */
export interface Opts {
  chunks: Chunk[]; quiet: boolean; ere: boolean; inPlace?: string; separate: boolean; unbuffered: boolean; files: string[];
}

/** An input line's bytes and whether a newline ended it (the last line of a file may have none). */
interface Line { text: string; nl: boolean }

function linesOfBytes(text: string): Line[] {
  if (!text) return [];
  const parts = text.split('\n');
  const nl = text.endsWith('\n');
  if (nl) parts.pop();
  return parts.map((t, i) => ({ text: t, nl: nl || i < parts.length - 1 }));
}

/**
 * Where output goes (standard output or the file being edited). A line printed without its newline (the input's
 * last had none) gets it when anything is printed after it, as both programs do.
 */
class Sink {
  text = '';
  private pending = false;
  constructor(private readonly put?: (s: string) => void) {}
  write(t: string): void {
    const s = (this.pending ? '\n' : '') + t;
    this.pending = false;
    if (s) this.raw(s);
  }
  line(t: string, nl: boolean): void { this.write(nl ? `${t}\n` : t); this.pending = !nl; }
  raw(t: string): void { if (this.put) this.put(t); else this.text += t; }
}

/** Ends the run at once (GNU's fatal errors), with a status. */
class Stop { constructor(readonly status: number) {} }

type Event = { kind: 'out' | 'err'; text: string } | { kind: 'write'; name: string; path: string; text: string; original: string };

/**
 * One run of a parsed script over the inputs: `go` runs it, keeping what it prints and writes as events, and `finish`
 * applies them (so a run that meets something not modelled changes no file) and gives the exit status.
 */
export class Run {
  private readonly events: Event[] = [];
  private status = 0;
  private quit?: number;
  private lineNo = 0;
  private lastRx?: Rx;
  private ranges: Array<{ active: boolean; end: number }> = [];
  private sink: Sink;
  private readonly quiet: boolean;
  private readonly alpine: boolean;

  constructor(private readonly p: Proc, private readonly prog: Program, private readonly o: Opts, private readonly isGnu: boolean) {
    this.quiet = o.quiet || prog.quiet;
    this.alpine = p.sh.world.userland.flavour === 'alpine';
    this.sink = new Sink((text) => this.events.push({ kind: 'out', text }));
    this.resetRanges();
  }

  private resetRanges(): void {
    // `0,/re/` is in its range before the first line.
    this.ranges = this.prog.cmds.map((c) => ({ active: c.a1?.kind === 'line' && c.a1.n === 0, end: 0 }));
  }

  private err(text: string, status: number): void { this.events.push({ kind: 'err', text }); this.status = status; }

  /** Runs the script over the inputs (or -i's files), until they end, q, or an error that ends sed. */
  go(): void {
    try {
      if (this.o.inPlace !== undefined) this.inPlace();
      else if (this.o.separate) this.eachAlone();
      else this.continuous();
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      this.status = e.status;
      this.quit = undefined;
    }
  }

  /** An input's lines, or none after printing why it cannot be read (BusyBox reads a directory as empty). */
  private open(name: string, inputs: Inputs): Line[] {
    const r = inputs.read(name);
    if ('text' in r) return linesOfBytes(bytesOf(r.text));
    if (r.err === 'EISDIR') {
      if (this.isGnu) throw new Unmodelled('reading a directory is not modelled');
      return [];
    }
    this.cannotRead(name, r.err);
    return [];
  }

  /** An input that cannot be read is left out, with a message and the status GNU (2) or BusyBox (1) ends with. */
  private cannotRead(name: string, err: FsError): void {
    this.err(this.isGnu ? `sed: can't read ${name}: ${STRERROR[err]}\n` : `sed: ${name}: ${STRERROR[err]}\n`, this.isGnu ? 2 : 1);
  }

  /** All inputs as one stream: `$` is the last line of the last input that has lines. */
  private continuous(): void {
    const names = this.o.files.length ? this.o.files : ['-'];
    // BusyBox ends the stream at standard input and starts counting lines again after it.
    if (!this.isGnu && names.slice(0, -1).includes('-')) throw new Unmodelled("BusyBox's - before other files is not modelled");
    const inputs = new Inputs(this.p);
    let queue: Line[] = [], at = 0, next = 0;
    // Opening the following inputs (and saying which cannot be read) happens when the line before is read.
    const read = (): Line | undefined => {
      while (at >= queue.length) {
        if (next >= names.length) return undefined;
        queue = this.open(names[next++], inputs);
        at = 0;
      }
      return queue[at++];
    };
    this.lines(read);
  }

  /** GNU -s: each input a stream of its own, printed to standard output. */
  private eachAlone(): void {
    const inputs = new Inputs(this.p);
    for (const name of this.o.files.length ? this.o.files : ['-']) {
      if (this.quit !== undefined) return;
      this.separately(this.open(name, inputs));
    }
  }

  /** One input on its own (GNU -s, and -i): line numbers start again; GNU also forgets its ranges. */
  private separately(lines: Line[]): void {
    this.lineNo = 0;
    if (this.isGnu) this.resetRanges();
    let i = 0;
    this.lines(() => lines[i++]);
  }

  private lines(read: () => Line | undefined): void {
    let cur = read();
    while (cur && this.quit === undefined) {
      const next = read();
      this.cycle(cur, !next);
      cur = next;
    }
  }

  /** -i: each file's output replaces it (read again if named again); a missing file is skipped, a directory stops GNU. */
  private inPlace(): void {
    const written = new Map<string, string>();
    for (const name of this.o.files) {
      if (this.quit !== undefined) return;
      const path = resolvePath(this.p.sh.cwd, name);
      if (path.startsWith('/dev/') || path.startsWith('/proc/')) throw new Unmodelled('-i on a device file is not modelled');
      const r = written.has(path) ? { text: written.get(path)! } : this.p.sh.world.fs.read(path);
      if ('err' in r) {
        if (r.err !== 'EISDIR') { this.cannotRead(name, r.err); continue; }
        if (!this.isGnu) throw new Unmodelled("BusyBox's -i on a directory is not modelled");
        this.err(`sed: couldn't edit ${name}: not a regular file\n`, 4);
        throw new Stop(4);
      }
      const out = new Sink();
      this.sink = out;
      this.separately(linesOfBytes(bytesOf(r.text)));
      const text = textOf(out.text);
      written.set(path, text);
      this.events.push({ kind: 'write', name, path, text, original: r.text });
    }
  }

  private cycle(line: Line, isLast: boolean): void {
    this.lineNo++;
    let ps = line.text;
    let print = !this.quiet;
    const appended: string[] = [];
    // BusyBox ends what p prints with a newline even where the input line had none.
    const nl = this.isGnu ? line.nl : true;
    const { cmds } = this.prog;
    for (let pc = 0; pc < cmds.length; pc++) {
      const c = cmds[pc];
      if (this.selects(pc, c, ps, isLast) === c.neg) {
        if (c.name !== '{') continue;
        if (c.end < 0) { this.err('sed: unterminated {\n', 1); throw new Stop(1); }
        pc = c.end;
        continue;
      }
      switch (c.name) {
        case 'p': this.sink.line(ps, nl); break;
        // BusyBox prints the number before the newline a line printed without one still owes.
        case '=': if (this.isGnu) this.sink.write(`${this.lineNo}\n`); else this.sink.raw(`${this.lineNo}\n`); break;
        case 'a': appended.push(c.text); break;
        case 'i': this.sink.write(c.text); break;
        case 'c':
          // Over a range, the text replaces the whole range: it is printed at its last line.
          if (!c.a2 || !this.ranges[pc].active) this.sink.write(c.text);
          print = false; pc = cmds.length; break;
        case 'd': print = false; pc = cmds.length; break;
        case 'q': this.quit = c.code; pc = cmds.length; break;
        case 'Q': this.quit = c.code; return;
        case 's': {
          const r = this.substitute(c, ps);
          if (r !== undefined) { ps = r; if (c.print) this.sink.line(ps, nl); }
          break;
        }
        case 'y': ps = [...ps].map((b) => c.map.get(b) ?? b).join(''); break;
      }
    }
    if (print) this.sink.line(ps, line.nl);
    for (const t of appended) this.sink.write(t);
  }

  /** Whether a command's addresses select this line, moving its range on. */
  private selects(pc: number, c: Cmd, ps: string, isLast: boolean): boolean {
    if (!c.a1) return true;
    if (!c.a2) return this.hit(c.a1, ps, isLast, c.chunk);
    const r = this.ranges[pc];
    const a2 = c.a2;
    if (r.active) {
      if (a2.kind === 're' ? this.hit(a2, ps, isLast, c.chunk) : a2.kind === 'last' ? isLast : this.lineNo >= r.end) r.active = false;
      return true;
    }
    if (!this.hit(c.a1, ps, isLast, c.chunk)) return false;
    // The end is looked for from the next line; a line number not past this one makes a range of one line.
    r.end = a2.kind === 'line' ? a2.n : a2.kind === 'plus' ? this.lineNo + a2.n
      : a2.kind === 'tilde' ? (a2.n > 0 ? (Math.floor(this.lineNo / a2.n) + 1) * a2.n : this.lineNo) : 0;
    r.active = a2.kind === 're' || (a2.kind === 'last' ? !isLast : r.end > this.lineNo);
    return true;
  }

  private hit(a: Addr, ps: string, isLast: boolean, chunk: number): boolean {
    switch (a.kind) {
      case 'line': return this.lineNo === a.n;
      case 'last': return isLast;
      case 'step': return a.step > 0 ? this.lineNo >= a.first && (this.lineNo - a.first) % a.step === 0 : this.lineNo === a.first;
      case 're': {
        const rx = this.regex(a.rx, a.prev, chunk, ps);
        rx.re.lastIndex = 0;
        return rx.re.test(ps);
      }
      default: return false;
    }
  }

  /** The regex to use: the command's own, or for the empty regex the last one used (GNU's rule). */
  private regex(rx: Rx | undefined, prev: Rx | undefined, chunk: number, ps: string): Rx {
    if (this.alpine && /[^\x00-\x7f]/.test(ps)) throw new Unmodelled("non-ASCII input with musl's regex is not modelled");
    if (rx) return (this.lastRx = rx);
    if (!this.lastRx) {
      this.err(`sed: ${where(this.o.chunks[chunk], 0)}: no previous regular expression\n`, 1);
      throw new Stop(1);
    }
    // BusyBox takes the regex written last before it; where that differs from the last used, not modelled.
    if (!this.isGnu && prev !== this.lastRx) throw new Unmodelled("BusyBox's empty regex here is not modelled");
    return this.lastRx;
  }

  /**
   * `s`: the matches, leftmost-longest, from the start of the pattern space on; an empty match right where the last
   * match ended does not count (BusyBox: only with g). The new pattern space, or undefined when nothing was replaced.
   */
  private substitute(c: Extract<Cmd, { name: 's' }>, ps: string): string | undefined {
    const rx = this.regex(c.rx, c.prev, c.chunk, ps);
    // BusyBox matches again on the rest of the line, so what looks behind (\b, \<) sees no text before it.
    if (!this.isGnu && (c.global || c.nth > 1) && /\(\?<[=!]|\\[bB]/.test(rx.src)) {
      throw new Unmodelled("BusyBox's s///g with \\b, \\< or \\> is not modelled");
    }
    const skipEmpty = this.isGnu || c.global;
    let out = '', pos = 0, at = 0, count = 0, prevEnd = -1, did = false;
    while (at <= ps.length) {
      const m = find(rx, ps, at);
      if (!m) break;
      const s = m.index, e = s + m[0].length;
      if (skipEmpty && s === e && s === prevEnd) { at = s + 1; continue; }
      if (++count >= c.nth) {
        out += ps.slice(pos, s) + c.repl.map((r) => (typeof r === 'string' ? r : m[r] ?? '')).join('');
        pos = e;
        did = true;
        if (!c.global) break;
      }
      prevEnd = e;
      at = s === e ? e + 1 : e;
    }
    return did ? out + ps.slice(pos) : undefined;
  }

  /**
   * Applies the run: writes the edited files in order (a read-only one stops the run there, with the temporary file
   * name each program makes), then prints. GNU buffers its standard output to the end unless it is a terminal or
   * -u; BusyBox flushes it before each error. Returns the exit status.
   */
  finish(): number {
    const { p, isGnu } = this;
    // Bytes that are no text stop the run before it changes any file.
    for (const ev of this.events) if (ev.kind === 'out') ev.text = textOf(ev.text);
    const shown: Array<{ kind: 'out' | 'err'; text: string }> = [];
    let status = this.status || (this.quit ?? 0);
    for (const ev of this.events) {
      if (ev.kind !== 'write') { shown.push(ev); continue; }
      const err = p.sh.world.fs.write(ev.path, ev.text, false);
      if (err) {
        const rand = tempSuffix(p);
        const dir = ev.name.includes('/') ? ev.name.slice(0, ev.name.lastIndexOf('/')) : '.';
        shown.push({ kind: 'err', text: isGnu ? `sed: couldn't open temporary file ${dir}/sed${rand}: ${STRERROR[err]}\n`
          : `sed: can't create temp file '${ev.name}${rand}': ${STRERROR[err]}\n` });
        status = isGnu ? 4 : 1;
        break;
      }
      if (this.o.inPlace) p.sh.world.fs.write(resolvePath(p.sh.cwd, ev.name + this.o.inPlace), ev.original, false);
    }
    const ordered = !isGnu || p.sh.world.tty || this.o.unbuffered;
    for (const s of ordered ? shown : [...shown.filter((x) => x.kind === 'err'), ...shown.filter((x) => x.kind === 'out')]) {
      if (s.kind === 'out') p.out(s.text); else p.err(s.text);
    }
    return status;
  }
}

/** The six random characters mkstemp puts in a temporary file's name. */
function tempSuffix(p: Proc): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 6; i++) s += chars[Math.floor(execRandom(p.sh.world.c) * chars.length)];
  return s;
}
