// `tar` in a simulated container, as `kubectl cp` runs it: `tar cf - PATH…` writes an archive of the container's
// files to standard output, `tar -xmf - [-C DIR]` unpacks one read from standard input. GNU tar on the Debian images,
// BusyBox's applet on Alpine and busybox, each with its own messages and exit status. The archive is the ustar format
// (512-byte headers, the content, zero padding, two zero blocks at the end), kept in a string whose UTF-8 bytes are the
// archive's bytes: the headers are ASCII and the files are text. Also `test` (`[`), which kubectl cp runs as
// `test -d DEST` to learn whether its destination is a directory.
import { resolvePath, utf8Length, type FsError } from './fs.ts';
import { gnu, STRERROR, unmodelledText, type Proc, type Utility } from './shell.ts';

/** One member of an archive: a directory (its name ends with `/`) or a text file. */
export interface TarMember { name: string; dir: boolean; text: string }

const BLOCK = 512;
// GNU tar writes whole records of 20 blocks; BusyBox stops after the two zero blocks.
const GNU_RECORD = 20 * BLOCK;

const octal = (n: number, width: number): string => `${n.toString(8).padStart(width - 1, '0')}\0`;
const field = (s: string, width: number): string => s.slice(0, width).padEnd(width, '\0');

// A ustar header (POSIX magic). A name over 100 bytes is split at a slash into prefix and name.
function header(m: TarMember, mtime: number): string {
  let name = m.name, prefix = '';
  if (name.length > 100) {
    const cut = name.lastIndexOf('/', Math.min(name.length - 2, 155));
    if (cut > 0 && name.length - cut - 1 <= 100) { prefix = name.slice(0, cut); name = name.slice(cut + 1); }
  }
  const head = (sum: string): string => field(name, 100) + octal(m.dir ? 0o755 : 0o644, 8) + octal(0, 8) + octal(0, 8)
    + octal(m.dir ? 0 : utf8Length(m.text), 12) + octal(mtime, 12) + sum + (m.dir ? '5' : '0') + field('', 100)
    + 'ustar\x0000' + field('root', 32) + field('root', 32) + field('', 8) + field('', 8) + field(prefix, 155) + field('', 12);
  let sum = 0;
  const blank = head('        ');
  for (let i = 0; i < blank.length; i++) sum += blank.charCodeAt(i);
  return head(`${sum.toString(8).padStart(6, '0')}\0 `);
}

/** An archive of `members` (modification time `mtime`, Unix seconds); `gnu`: padded to GNU tar's record size. */
export function packTar(members: readonly TarMember[], mtime: number, gnu = true): string {
  let out = '';
  let bytes = 0;
  for (const m of members) {
    const size = m.dir ? 0 : utf8Length(m.text);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    out += header(m, mtime) + (m.dir ? '' : m.text + '\0'.repeat(pad));
    bytes += BLOCK + size + pad;
  }
  bytes += 2 * BLOCK;
  const end = gnu ? (GNU_RECORD - (bytes % GNU_RECORD)) % GNU_RECORD : 0;
  return out + '\0'.repeat(2 * BLOCK + end);
}

/** Why an input is no archive: nothing at all or less than a block (`short`), or a block that is no header (`magic`). */
export type TarReadError = 'short' | 'magic';

/** The members of an archive (ustar, GNU and PAX headers; links and devices are skipped), or why it is none. */
export function unpackTar(data: string): { members: TarMember[] } | { error: TarReadError } {
  const bytes = new TextEncoder().encode(data);
  const dec = new TextDecoder();
  const str = (at: number, len: number): string => {
    let end = at;
    while (end < at + len && bytes[end] !== 0) end++;
    return dec.decode(bytes.subarray(at, end));
  };
  if (bytes.length < BLOCK) return { error: 'short' };
  const members: TarMember[] = [];
  let longName: string | undefined;
  for (let at = 0; at + BLOCK <= bytes.length;) {
    const block = bytes.subarray(at, at + BLOCK);
    if (block.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i];
    const magic = str(at + 257, 6).trim();
    if (magic !== 'ustar' || parseInt(str(at + 148, 8).trim(), 8) !== sum) {
      return members.length ? { members } : { error: 'magic' };
    }
    const size = parseInt(str(at + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(block[156] || 0x30);
    // POSIX ustar ("ustar\0") has a name prefix; GNU's old format ("ustar  ") has other fields there.
    const prefix = block[262] === 0 ? str(at + 345, 155) : '';
    const own = prefix ? `${prefix}/${str(at, 100)}` : str(at, 100);
    const body = dec.decode(bytes.subarray(at + BLOCK, at + BLOCK + size));
    at += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') { longName = body.replace(/\0+$/, ''); continue; }
    if (type === 'x') { longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(body)?.[1] ?? longName; continue; }
    if (type === 'g') continue;
    const name = longName ?? own;
    longName = undefined;
    if (type === '5') members.push({ name, dir: true, text: '' });
    else if (type === '0' || type === '7') members.push({ name, dir: false, text: body });
  }
  return { members };
}

// tar's options as kubectl cp gives them: a first word of letters with or without its dash (`cf`, `-xmf`), `f` taking
// the next word, `-C DIR`, and the two `--no-same-*` words.
interface TarArgs { mode: 'c' | 'x' | 't'; file: string; dir?: string; operands: string[] }

function parseArgs(args: readonly string[]): TarArgs | undefined {
  let mode: TarArgs['mode'] | undefined, file: string | undefined, dir: string | undefined;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-same-permissions' || a === '--no-same-owner') continue;
    if (a === '-C') { dir = args[++i]; if (dir === undefined) return undefined; continue; }
    const letters = i === 0 && !a.startsWith('-') ? a : a.startsWith('-') && !a.startsWith('--') ? a.slice(1) : undefined;
    if (letters === undefined) { operands.push(a); continue; }
    for (const ch of letters) {
      if (ch === 'c' || ch === 'x' || ch === 't') { if (mode && mode !== ch) return undefined; mode = ch; } else if (ch === 'f') {
        file = args[++i];
        if (file === undefined) return undefined;
      } else if (ch !== 'm' && ch !== 'o') return undefined;
    }
  }
  return mode && file === '-' ? { mode, file, dir, operands } : undefined;
}

// Writes the archive of `operands` to standard output.
function create(p: Proc, a: TarArgs): number {
  const isGnu = gnu(p);
  const { fs } = p.sh.world;
  const members: TarMember[] = [];
  let failed = false;
  let warned = false;
  const warnLeading = (): void => {
    if (warned) return;
    warned = true;
    p.err(isGnu ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n");
  };
  const walk = (path: string, name: string): void => {
    const kind = fs.stat(path);
    if (kind === 'dir') {
      members.push({ name: `${name}/`, dir: true, text: '' });
      for (const child of fs.list(path) ?? []) walk(`${path === '/' ? '' : path}/${child}`, `${name}/${child}`);
      return;
    }
    const r = fs.read(path);
    if ('text' in r) members.push({ name, dir: false, text: r.text });
  };
  if (!a.operands.length) {
    p.err(isGnu ? "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: empty archive\n');
    return isGnu ? 2 : 1;
  }
  for (const arg of a.operands) {
    const stripped = arg.replace(/^\/+/, '');
    if (isGnu && stripped !== arg) warnLeading();
    const path = resolvePath(p.sh.cwd, arg);
    if (!fs.stat(path)) {
      p.err(isGnu ? `tar: ${arg}: Cannot stat: ${STRERROR.ENOENT}\n` : `tar: ${arg}: ${STRERROR.ENOENT}\n`);
      failed = true;
      continue;
    }
    if (!isGnu && stripped !== arg) warnLeading();
    walk(path, stripped.replace(/\/+$/, '') || '.');
  }
  p.out(packTar(members, Math.floor(p.sh.world.c.wallNow() / 1000), isGnu));
  if (!failed) return 0;
  p.err(isGnu ? 'tar: Exiting with failure status due to previous errors\n' : 'tar: error exit delayed from previous errors\n');
  return isGnu ? 2 : 1;
}

// Unpacks (or, with `t`, lists) the archive on standard input into `-C DIR` (the working directory without it).
function extract(p: Proc, a: TarArgs): number {
  const isGnu = gnu(p);
  const { fs } = p.sh.world;
  const read = unpackTar(p.stdin);
  if ('error' in read) {
    if (isGnu) { p.err('tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n'); return 2; }
    p.err(read.error === 'short' ? 'tar: short read\n' : 'tar: invalid tar magic\n');
    return 1;
  }
  if (a.mode === 't') { p.out(read.members.map((m) => `${m.name}\n`).join('')); return 0; }
  const base = resolvePath(p.sh.cwd, a.dir ?? '.');
  const kind = fs.stat(base);
  if (kind !== 'dir') {
    const why = STRERROR[kind ? 'ENOTDIR' : 'ENOENT'];
    if (isGnu) { p.err(`tar: ${a.dir}: Cannot open: ${why}\ntar: Error is not recoverable: exiting now\n`); return 2; }
    p.err(`tar: can't change directory to '${a.dir}': ${why}\n`);
    return 1;
  }
  let failed = false;
  for (const m of read.members) {
    const name = m.name.replace(/^\/+/, '').replace(/\/+$/, '');
    if (!name || name === '.') continue;
    const path = resolvePath(base, name);
    // Both tars make the directories a member's path needs.
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    if (parent !== base && !fs.stat(parent)) fs.mkdir(parent, true);
    let err: FsError | undefined;
    if (m.dir) err = fs.stat(path) === 'dir' ? undefined : fs.mkdir(path, true);
    else err = fs.stat(path) === 'dir' ? 'EISDIR' : fs.write(path, m.text, false);
    if (!err) continue;
    if (!isGnu) {
      p.err(m.dir ? `tar: can't make directory '${name}': ${STRERROR[err]}\n` : `tar: can't remove old file ${name}: ${STRERROR[err]}\n`);
      return 1;
    }
    // GNU tar opens a file with O_EXCL after unlinking it; a directory in the way makes that open fail with EEXIST.
    p.err(m.dir ? `tar: ${name}: Cannot mkdir: ${STRERROR[err]}\n` : `tar: ${name}: Cannot open: ${STRERROR[err === 'EISDIR' ? 'EEXIST' : err]}\n`);
    failed = true;
  }
  if (!failed) return 0;
  p.err('tar: Exiting with failure status due to previous errors\n');
  return 2;
}

/** `tar`: create to standard output, or extract or list from standard input; other uses get the simulator's notice. */
export const tar: Utility = (p) => {
  const a = parseArgs(p.args);
  if (!a || (a.mode === 'c' && p.sh.world.tty)) {
    p.err(unmodelledText(`tar ${p.args.join(' ')}: only tar cf - PATH… and tar xf - [-C DIR] (what kubectl cp runs) are modelled`));
    return 1;
  }
  return a.mode === 'c' ? create(p, a) : extract(p, a);
};

const INT_COMPARE: Record<string, (x: number, y: number) => boolean> = {
  '-eq': (x, y) => x === y, '-ne': (x, y) => x !== y, '-lt': (x, y) => x < y, '-le': (x, y) => x <= y, '-gt': (x, y) => x > y, '-ge': (x, y) => x >= y,
};

// The expression `test` and `[` evaluate: file tests (-e, -f, -d), string tests (-n, -z, =, !=), integer comparisons
// of decimal operands, and `!`.
function evaluate(p: Proc, a: readonly string[], name: string): number {
  const kind = (f: string): 'file' | 'dir' | undefined => p.sh.world.fs.stat(resolvePath(p.sh.cwd, f));
  if (a.length === 0) return 1;
  if (a.length === 1) return a[0] ? 0 : 1;
  if (a.length === 2) {
    const [op, v] = a;
    if (op === '-e') return kind(v) ? 0 : 1;
    if (op === '-f') return kind(v) === 'file' ? 0 : 1;
    if (op === '-d') return kind(v) === 'dir' ? 0 : 1;
    if (op === '-n') return v ? 0 : 1;
    if (op === '-z') return v ? 1 : 0;
  }
  if (a.length === 3 && (a[1] === '=' || a[1] === '!=')) return (a[0] === a[2]) === (a[1] === '=') ? 0 : 1;
  const cmp = a.length === 3 ? INT_COMPARE[a[1]] : undefined;
  if (cmp && /^\s*-?\d+\s*$/.test(a[0]) && /^\s*-?\d+\s*$/.test(a[2])) return cmp(Number(a[0]), Number(a[2])) ? 0 : 1;
  if (a[0] === '!' && a.length > 1) {
    const r = evaluate(p, a.slice(1), name);
    return r === 2 ? 2 : 1 - r;
  }
  p.err(unmodelledText(`${name} ${p.args.join(' ')}: only -e, -f, -d, -n, -z, =, !=, ! and the integer comparisons (-eq, -lt, …) are modelled`));
  return 2;
}

/** `test EXPR`: status 0 when true, 1 when false. */
export const test: Utility = (p) => evaluate(p, p.args, 'test');

/** `[ EXPR ]`: `test` with a closing bracket, which it insists on. */
export const bracket: Utility = (p) => {
  if (p.args[p.args.length - 1] !== ']') { p.err(gnu(p) ? "[: missing `]'\n" : '[: missing ]\n'); return 2; }
  return evaluate(p, p.args.slice(0, -1), '[');
};
