// What the text utilities share: getopt as glibc and musl run it, the simulator's notices for options it does not
// model, and the byte view of text the C locale gives (a file's text as its UTF-8 bytes, and back).
import { resolvePath, Unmodelled, type FsError } from './fs.ts';
import { unmodelledText, type Proc } from './shell.ts';

/** The simulator's notice for options a utility does not model (status 1). */
export const notModelled = (p: Proc, name: string): number => { p.err(unmodelledText(`${name} ${p.args.join(' ')}: these options are not modelled`)); return 1; };

/** For what BusyBox answers with its usage text (which names its build): the simulator's notice (status 1). */
export const usageNotModelled = (p: Proc, name: string): number => {
  p.err(unmodelledText(`${[name, ...p.args].join(' ')}: BusyBox's usage message is not modelled`));
  return 1;
};

/** Options in the order given, each letter with its argument ('' for a flag), and the operands. */
export interface Args { opts: Array<[string, string]>; operands: string[] }

/**
 * Reads short options as getopt does: letters clustered (`-vn`), an option's argument attached or in the next word
 * (`-n5`, `-n 5`), `--` ending the options, `-` an operand. glibc's getopt (GNU's tools, BusyBox on glibc) also takes
 * options after operands unless told to stop at the first operand; musl's (Alpine) always stops there. Undefined for
 * a letter outside `plain` and `withArg`, a long option, or an option without its argument: not modelled.
 */
export function getopt(p: Proc, plain: string, withArg: string, args = p.args, stopAtOperand = false): Args | undefined {
  const permute = !stopAtOperand && p.sh.world.userland.flavour !== 'alpine';
  const out: Args = { opts: [], operands: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { out.operands.push(...args.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') {
      if (!permute) { out.operands.push(...args.slice(i)); break; }
      out.operands.push(a);
      continue;
    }
    if (a.startsWith('--')) return undefined;
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withArg.includes(f)) {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return undefined;
        out.opts.push([f, v]);
        break;
      }
      if (!plain.includes(f)) return undefined;
      out.opts.push([f, '']);
    }
  }
  return out;
}

export const has = (a: Args, f: string): boolean => a.opts.some(([o]) => o === f);
export const lastOf = (a: Args, f: string): string | undefined => a.opts.filter(([o]) => o === f).pop()?.[1];

/** The UTF-8 bytes of a text, one char code (0 to 255) per byte. */
export function bytesOf(text: string): string {
  if (!/[^\x00-\x7f]/.test(text)) return text;
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

/** The text whose UTF-8 bytes these are; throws Unmodelled when they cut a character in two (output that is no text). */
export function textOf(bytes: string): string {
  if (!/[^\x00-\x7f]/.test(bytes)) return bytes;
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes.charCodeAt(i);
    const n = b < 0x80 ? 1 : b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 0;
    let c = n === 1 ? b : n === 2 ? b & 31 : n === 3 ? b & 15 : b & 7;
    for (let k = 1; k < n; k++) {
      const t = bytes.charCodeAt(i + k);
      if (!(t >= 0x80 && t < 0xc0)) { c = -1; break; }
      c = (c << 6) | (t & 63);
    }
    if (!n || c < 0 || i + n > bytes.length) throw new Unmodelled('output that splits a multibyte character is not modelled');
    out += String.fromCodePoint(c);
    i += n;
  }
  return out;
}

/** A text's lines without their newlines; a last line without one counts as a line. */
export function linesOf(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** Where a utility reads its operands from: files, or standard input for `-` (read once: a second `-` finds it used up). */
export class Inputs {
  private stdinUsed = false;
  constructor(private readonly p: Proc) {}

  read(name: string): { text: string } | { err: FsError } {
    if (name === '-') {
      const text = this.stdinUsed ? '' : this.p.stdin;
      this.stdinUsed = true;
      return { text };
    }
    const path = resolvePath(this.p.sh.cwd, name);
    // The null device reads as empty.
    if (path === '/dev/null') return { text: '' };
    return this.p.sh.world.fs.read(path);
  }
}
