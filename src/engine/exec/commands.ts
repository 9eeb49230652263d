// The utilities a simulated container runs, each with the options scripts use and its own error texts:
// GNU coreutils and hostname on Debian, BusyBox applets on Alpine and busybox, curl, BusyBox wget, and the
// shells themselves. Options outside what is modelled get the simulator's notice, never a made-up answer.
import { resolvePath, Unmodelled, utf8Length, type FsError } from './fs.ts';
import { DNS_SERVER, httpGet, lookup, parseUrl, resolveName, reverseLookup, rotated, type HttpOutcome, type Url } from './net.ts';
import { gnu, Shell, STRERROR, unmodelledText, type Proc, type ShellKind, type Utility } from './shell.ts';
import { cDate } from '../clock/time.ts';
import { bracket, tar, test } from './tar.ts';
import { basename, cut, dirname, head, seq, tail, wc } from './filters.ts';
import { grep } from './grep.ts';
import { sort, uniq } from './sort.ts';
import { tr } from './tr.ts';
import { sed } from './sed.ts';
import { nginx } from './nginx.ts';
import { getopt, notModelled, usageNotModelled } from './text-args.ts';


/** Splits `-abc` style options from operands (stops at `--` or the first operand); undefined on an option not in `allowed`. */
function opts(p: Proc, allowed: string): { flags: Set<string>; operands: string[] } | undefined {
  const flags = new Set<string>();
  let i = 0;
  for (; i < p.args.length; i++) {
    const a = p.args[i];
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    for (const f of a.slice(1)) { if (!allowed.includes(f)) return undefined; flags.add(f); }
  }
  return { flags, operands: p.args.slice(i) };
}

const cat: Utility = (p) => {
  const o = opts(p, '');
  if (!o) return notModelled(p, 'cat');
  let st = 0;
  for (const f of o.operands.length ? o.operands : ['-']) {
    if (f === '-') { p.out(p.stdin); continue; }
    const r = p.sh.world.fs.read(resolvePath(p.sh.cwd, f));
    if ('text' in r) { p.out(r.text); continue; }
    st = 1;
    if (gnu(p)) p.err(`cat: ${f}: ${STRERROR[r.err]}\n`);
    else p.err(r.err === 'EISDIR' ? 'cat: read error: Is a directory\n' : `cat: can't open '${f}': ${STRERROR[r.err]}\n`);
  }
  return st;
};

const hostname: Utility = (p) => {
  const { pod } = p.sh.world;
  const name = pod.spec?.hostname || pod.metadata!.name!;
  const domain = pod.spec?.subdomain ? `${pod.spec.subdomain}.${pod.metadata!.namespace ?? 'default'}.svc.cluster.local` : '';
  const ip = pod.status?.podIP ?? '';
  const a = p.args;
  if (a.length === 0 || (a.length === 1 && a[0] === '-s')) { p.out(`${name}\n`); return 0; }
  if (a.length === 1 && a[0] === '-f') { p.out(`${domain ? `${name}.${domain}` : name}\n`); return 0; }
  if (a.length === 1 && a[0] === '-d') { p.out(`${domain}\n`); return 0; }
  if (a.length === 1 && a[0] === '-i') { p.out(`${ip}\n`); return 0; }
  if (a.length === 1 && a[0] === '-I' && gnu(p)) { p.out(`${ip} \n`); return 0; }
  if (a.length === 1 && !a[0].startsWith('-')) {
    p.err(gnu(p) ? 'hostname: you must be root to change the host name\n' : 'hostname: sethostname: Operation not permitted\n');
    return 1;
  }
  return notModelled(p, 'hostname');
};

const date: Utility = (p) => {
  if (p.args.length > 1 || (p.args.length === 1 && p.args[0] !== '-u')) return notModelled(p, 'date');
  p.out(cDate(p.sh.world.c.wallNow()) + '\n');
  return 0;
};

const ls: Utility = (p) => {
  const o = opts(p, '1aA');
  if (!o) return notModelled(p, 'ls');
  const { fs } = p.sh.world;
  const operands = o.operands.length ? o.operands : ['.'];
  let st = 0;
  const blocks: string[] = [];
  const files: string[] = [];
  const dirs: Array<[string, string[]]> = [];
  for (const f of operands) {
    const path = resolvePath(p.sh.cwd, f);
    const kind = fs.stat(path);
    if (kind === 'file') { files.push(f); continue; }
    if (kind === 'dir') {
      let names = fs.list(path)!;
      if (o.flags.has('a')) names = ['.', '..', ...names];
      else if (!o.flags.has('A')) names = names.filter((n) => !n.startsWith('.'));
      dirs.push([f, names]);
      continue;
    }
    st = gnu(p) ? 2 : 1;
    p.err(gnu(p) ? `ls: cannot access '${f}': No such file or directory\n` : `ls: ${f}: No such file or directory\n`);
  }
  // Not to a terminal, or with -1: one name per line; to a terminal: across, two spaces apart (short listings).
  const layout = (names: string[]): string => {
    if (!names.length) return '';
    if (!p.sh.world.tty || o.flags.has('1') || names.join('  ').length > 80) return names.join('\n') + '\n';
    return names.join('  ') + '\n';
  };
  if (files.length) blocks.push(layout(files));
  const titled = operands.length > 1;
  for (const [f, names] of dirs) blocks.push((titled ? `${f}:\n` : '') + layout(names));
  p.out(blocks.join(titled ? '\n' : ''));
  return st;
};

/** Applies a file operation to each operand; a failure is reported in the utility's words and makes the status 1. */
function eachOperand(p: Proc, operands: string[], op: (path: string) => FsError | undefined, report: (f: string, err: FsError) => string | undefined): number {
  let st = 0;
  for (const f of operands) {
    const err = op(resolvePath(p.sh.cwd, f));
    const text = err && report(f, err);
    if (text === undefined) continue;
    st = 1;
    p.err(text);
  }
  return st;
}

const mkdir: Utility = (p) => {
  const o = opts(p, 'p');
  if (!o) return notModelled(p, 'mkdir');
  return eachOperand(p, o.operands, (path) => p.sh.world.fs.mkdir(path, o.flags.has('p')),
    (f, err) => (gnu(p) ? `mkdir: cannot create directory '${f}': ${STRERROR[err]}\n` : `mkdir: can't create directory '${f}': ${STRERROR[err]}\n`));
};

const touch: Utility = (p) => {
  const o = opts(p, '');
  if (!o) return notModelled(p, 'touch');
  const { fs } = p.sh.world;
  return eachOperand(p, o.operands, (path) => (fs.stat(path) === 'dir' ? undefined : fs.write(path, '', true)),
    (f, err) => (gnu(p) ? `touch: cannot touch '${f}': ${STRERROR[err]}\n` : `touch: ${f}: ${STRERROR[err]}\n`));
};

const rm: Utility = (p) => {
  const o = opts(p, 'frR');
  if (!o) return notModelled(p, 'rm');
  const recursive = o.flags.has('r') || o.flags.has('R');
  return eachOperand(p, o.operands, (path) => p.sh.world.fs.remove(path, recursive), (f, err) => {
    if (err === 'ENOENT' && o.flags.has('f')) return undefined;
    if (gnu(p)) return `rm: cannot remove '${f}': ${STRERROR[err]}\n`;
    return err === 'EISDIR' ? `rm: '${f}' is a directory\n` : `rm: can't remove '${f}': ${STRERROR[err]}\n`;
  });
};

/** The last component of a path as cp names a copy inside a directory (trailing slashes dropped). */
const baseName = (path: string): string => path.replace(/\/+$/, '').split('/').pop() || '/';

/** A directory's name joined with a name in it, without doubling a slash. */
const joinPath = (dir: string, name: string): string => (dir.endsWith('/') ? dir + name : `${dir}/${name}`);

/**
 * `cp SRC DST` and `cp SRC… DIR`, with -r, -R or -a for directories; -p and -f change nothing here (the model keeps
 * no modes or times, and no file is write-protected), -n leaves an existing file alone. GNU refuses a target that is
 * no directory before copying anything; BusyBox tries each copy inside it and reports what that meets.
 */
const cp: Utility = (p) => {
  const isGnu = gnu(p);
  const o = getopt(p, 'rRapfn', '');
  if (!o) return notModelled(p, 'cp');
  const { fs } = p.sh.world;
  const recursive = o.opts.some(([f]) => 'rRa'.includes(f));
  const noClobber = o.opts.some(([f]) => f === 'n');
  const ops = o.operands;
  if (ops.length < 2) {
    if (!isGnu) return usageNotModelled(p, 'cp');
    p.err(`cp: ${ops.length ? `missing destination file operand after '${ops[0]}'` : 'missing file operand'}\nTry 'cp --help' for more information.\n`);
    return 1;
  }
  const target = ops[ops.length - 1];
  const sources = ops.slice(0, -1);
  const targetKind = fs.stat(resolvePath(p.sh.cwd, target));
  // BusyBox also copies a lone directory into a target that exists as anything else.
  const into = sources.length > 1 || targetKind === 'dir' || (!isGnu && !!targetKind && fs.stat(resolvePath(p.sh.cwd, sources[0])) === 'dir');
  const underFile = (path: string): boolean => {
    for (let up = path.slice(0, path.lastIndexOf('/')); up; up = up.slice(0, up.lastIndexOf('/'))) if (fs.stat(up) === 'file') return true;
    return false;
  };
  const targetUnderFile = underFile(resolvePath(p.sh.cwd, target));
  if (isGnu && sources.length > 1 && targetKind !== 'dir') {
    p.err(`cp: target '${target}': ${targetKind || targetUnderFile ? 'Not a directory' : 'No such file or directory'}\n`);
    return 1;
  }
  if (targetUnderFile && !into) {
    p.err(isGnu ? `cp: cannot stat '${target}': Not a directory\n` : `cp: can't stat '${target}': Path has non-directory component\n`);
    return 1;
  }
  let st = 0;
  const fail = (text: string): void => { p.err(text); st = 1; };
  // A copy of a directory into itself: the directory made for it, met again among the entries being copied.
  let made: { path: string; src: string; dest: string } | undefined;
  const copy = (src: string, dest: string, top: boolean): void => {
    const from = resolvePath(p.sh.cwd, src), to = resolvePath(p.sh.cwd, dest);
    const kind = fs.stat(from);
    if (!kind) return fail(isGnu ? `cp: cannot stat '${src}': No such file or directory\n` : `cp: can't stat '${src}': No such file or directory\n`);
    if (kind === 'dir' && !recursive) return fail(isGnu ? `cp: -r not specified; omitting directory '${src}'\n` : `cp: omitting directory '${src}'\n`);
    if (from === to) return fail(`cp: '${src}' and '${dest}' are the same file\n`);
    if (kind === 'dir' && from === made?.path) {
      return fail(isGnu ? `cp: cannot copy a directory, '${made.src}', into itself, '${made.dest}'\n` : `cp: recursion detected, omitting directory '${src}'\n`);
    }
    // BusyBox looks at the destination first: under a file, that fails.
    if (!isGnu && underFile(to)) return fail(`cp: can't stat '${dest}': Not a directory\n`);
    const destKind = fs.stat(to);
    if (kind === 'dir') {
      if (destKind === 'file') return fail(`cp: cannot overwrite non-directory '${dest}' with directory '${src}'\n`);
      if (!destKind) {
        const err = fs.mkdir(to, false);
        if (err) return fail(isGnu ? `cp: cannot create directory '${dest}': ${STRERROR[err]}\n` : `cp: can't create directory '${dest}': ${STRERROR[err]}\n`);
        if (top && to.startsWith(from + '/')) made = { path: to, src, dest };
      }
      for (const name of fs.list(from) ?? []) copy(joinPath(src, name), joinPath(dest, name), false);
      return;
    }
    if (destKind === 'dir') return fail(isGnu ? `cp: cannot overwrite directory '${dest}' with non-directory\n` : `cp: can't create '${dest}': Is a directory\n`);
    // A target named with a trailing slash must be a directory.
    if (top && !into && dest.endsWith('/')) {
      return fail(isGnu ? `cp: cannot create regular file '${dest}': Not a directory\n` : `cp: can't create '${dest}': Is a directory\n`);
    }
    if (noClobber && destKind) return;
    const r = fs.read(from);
    const err = 'text' in r ? fs.write(to, r.text, false) : r.err;
    if (err) fail(isGnu ? `cp: cannot create regular file '${dest}': ${STRERROR[err]}\n` : `cp: can't create '${dest}': ${STRERROR[err]}\n`);
  };
  for (const src of sources) copy(src, into ? joinPath(target, baseName(src)) : target, true);
  return st;
};

/**
 * The whole environment, `NAME=value` a line, as a program run directly by the runtime (`kubectl exec POD -- env`)
 * gets it: PATH, HOSTNAME, the image's ENV, the kubelet's variables (in their declared order: a real kubelet hands
 * them over in a Go map's order, which varies from one container to the next), HOME. Only for the busybox images,
 * whose ENV is PATH alone; a shell passes on its exported variables in an order of its own, not modelled either.
 */
function wholeEnvironment(p: Proc): number {
  if (!p.sh.environ) throw new Unmodelled("the environment a shell passes on (its exported variables, in the shell's own order) is not modelled; ask for a variable, e.g. printenv HOSTNAME");
  if (p.sh.world.userland.flavour !== 'busybox') throw new Unmodelled("this image's own environment (its ENV) is not modelled; ask for a variable, e.g. printenv HOSTNAME");
  for (const [k, v] of p.sh.vars) p.out(`${k}=${v}\n`);
  return 0;
}

/** `env` without arguments: the whole environment (see wholeEnvironment); running a command with it is not modelled. */
const env: Utility = (p) => {
  if (p.args.length) throw new Unmodelled(`env ${p.args.join(' ')}: only env without arguments is modelled`);
  return wholeEnvironment(p);
};

const printenv: Utility = (p) => {
  if (!p.args.length) return wholeEnvironment(p);
  if (p.args.some((a) => a.startsWith('-'))) throw new Unmodelled('printenv options are not modelled; ask for a variable, e.g. printenv HOSTNAME');
  let st = 0;
  for (const a of p.args) { const v = p.sh.vars.get(a); if (v === undefined) st = 1; else p.out(v + '\n'); }
  return st;
};

/** curl's five-character size columns (models its max5data): bytes, then k, then M with a decimal, then M. */
function size5(n: number): string {
  const MB = 1024 * 1024;
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * 1024) return `${Math.floor(n / 1024)}k`.padStart(5);
  if (n < 100 * MB) return `${String(Math.floor(n / MB)).padStart(2)}.${Math.floor((n % MB) / (MB / 10))}M`;
  return `${Math.floor(n / MB)}M`.padStart(5);
}

/** curl's progress meter, as printed when standard output is not a terminal (the transfer takes about a millisecond). */
function meter(bytes: number): string {
  const speed = size5(bytes * 1000);
  const pct = bytes ? '100' : '  0';
  return '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `${pct} ${size5(bytes)}  ${pct} ${size5(bytes)}    0     0  ${speed}      0 --:--:-- --:--:-- --:--:-- ${speed}\n`;
}

/** Where a curl runs: how it reaches a URL, whether its standard output is a terminal, how it writes `-o FILE`. */
export interface CurlHost {
  get(url: Url, userAgent: string): HttpOutcome;
  /** The user agent (`curl/8.14.1`). */
  agent: string;
  /** Whether standard output is a terminal (the progress meter shows when it is not, or with -o). */
  tty: boolean;
  /** Writes `-o FILE`; false when it cannot be written. */
  write(path: string, text: string): boolean;
}

/**
 * curl with the options scripts use (-s, -S, -f, -L, -o): its output, errors and exit status. Undefined when
 * an option is not modelled (the caller says so in its own words).
 */
export function curlMain(args: readonly string[], host: CurlHost, out: (t: string) => void, err: (t: string) => void): number | undefined {
  let silent = false, showError = false, fail = false, follow = false;
  let output: string | undefined;
  const urls: string[] = [];
  const longs: Record<string, string> = { '--silent': 's', '--show-error': 'S', '--fail': 'f', '--location': 'L', '--output': 'o' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const flags = longs[a] ?? (/^-[sSfLo]+$/.test(a) ? a.slice(1) : a.startsWith('-') ? undefined : '');
    if (flags === undefined) return undefined;
    if (flags === '') { urls.push(a); continue; }
    for (const f of flags) {
      if (f === 's') silent = true; else if (f === 'S') showError = true; else if (f === 'f') fail = true; else if (f === 'L') follow = true;
      else output = args[++i];
    }
  }
  if (!urls.length) { err("curl: try 'curl --help' or 'curl --manual' for more information\n"); return 2; }
  const progress = !silent && (!host.tty || output !== undefined);
  let st = 0;
  for (const raw of urls) {
    const url = parseUrl(raw);
    if (!url) { if (!silent || showError) err(`curl: (3) URL rejected: Bad hostname\n`); st = 3; continue; }
    let r: HttpOutcome = host.get(url, host.agent);
    if (follow && r.kind === 'response' && r.status === 301) r = host.get({ ...url, path: url.path + '/' }, host.agent);
    const errText = (code: number, text: string): void => { st = code; if (!silent || showError) err(`curl: (${code}) ${text}\n`); };
    if (r.kind === 'unmodelled') { err(unmodelledText(r.what)); st = 1; continue; }
    if (r.kind !== 'response') {
      if (progress) err(meter(0));
      if (r.kind === 'unresolved') errText(6, `Could not resolve host: ${r.host}`);
      else if (r.kind === 'empty') errText(52, 'Empty reply from server');
      else errText(7, `Failed to connect to ${r.host} port ${r.port} after 0 ms: Couldn't connect to server`);
      continue;
    }
    if (fail && r.status >= 400) { if (progress) err(meter(0)); errText(22, `The requested URL returned error: ${r.status}`); continue; }
    if (progress) err(meter(utf8Length(r.body)));
    if (output === undefined || output === '-') { out(r.body); continue; }
    if (!host.write(output, r.body)) errText(23, `Failure writing output to destination`);
  }
  return st;
}

const curl: Utility = (p) => {
  const { c, pod } = p.sh.world;
  const st = curlMain(p.args, {
    get: (url, agent) => httpGet(c, pod, url, agent),
    agent: `curl/${p.sh.world.userland.curl ?? '8.14.1'}`,
    tty: p.sh.world.tty,
    write: (path, text) => !p.sh.world.fs.write(resolvePath(p.sh.cwd, path), text, false),
  }, (t) => p.out(t), (t) => p.err(t));
  return st ?? notModelled(p, 'curl');
};

const wget: Utility = (p) => {
  let quiet = false;
  let output: string | undefined;
  const urls: string[] = [];
  for (let i = 0; i < p.args.length; i++) {
    const a = p.args[i];
    if (a === '-q') quiet = true;
    else if (a === '-O' || a === '-qO' || a === '-Oq') { output = p.args[++i]; quiet ||= a !== '-O'; }
    else if (/^-q?O.+/.test(a)) { quiet ||= a.startsWith('-q'); output = a.slice(a.indexOf('O') + 1); }
    else if (a.startsWith('-')) return notModelled(p, 'wget');
    else urls.push(a);
  }
  if (!urls.length) { p.err('BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n'); return 1; }
  for (const raw of urls) {
    const url = parseUrl(raw);
    if (!url || url.scheme !== 'http') { p.err(`wget: not an http or ftp url: ${raw}\n`); return 1; }
    const r = httpGet(p.sh.world.c, p.sh.world.pod, url, 'Wget');
    if (r.kind === 'unresolved') { p.err(`wget: bad address '${url.host}'\n`); return 1; }
    if (!quiet) p.err(`Connecting to ${url.host}${url.port === 80 && !raw.includes(`:${url.port}`) ? '' : `:${url.port}`} (${r.ip}:${url.port})\n`);
    if (r.kind === 'refused') { p.err(`wget: can't connect to remote host (${r.ip}): Connection refused\n`); return 1; }
    if (r.status >= 400) { p.err(`wget: server returned error: HTTP/1.1 ${r.status} ${r.reason}\n`); return 1; }
    const file = output ?? (url.path.endsWith('/') ? 'index.html' : url.path.slice(url.path.lastIndexOf('/') + 1));
    const bar = (name: string): string => `${name.padEnd(20).slice(0, 20)} 100% |********************************| ${size5(utf8Length(r.body)).padStart(5)}  0:00:00 ETA\n`;
    if (file === '-') {
      if (!quiet) p.err('writing to stdout\n' + bar('-'));
      p.out(r.body);
      if (!quiet) p.err('written to stdout\n');
      continue;
    }
    const path = resolvePath(p.sh.cwd, file);
    const err = p.sh.world.fs.write(path, r.body, false);
    if (err) { p.err(`wget: can't open '${file}': ${STRERROR[err]}\n`); return 1; }
    if (!quiet) p.err(`saving to '${file}'\n${bar(file)}'${file}' saved\n`);
  }
  return 0;
};

/**
 * glibc's `getent hosts NAME…`: for each name, one line per address, the address padded to 15 columns, the
 * canonical name and its aliases; exit 2 when a name does not resolve. (IPv6 is asked first: localhost is ::1.)
 */
const getent: Utility = (p) => {
  if (!gnu(p)) throw new Unmodelled("this image's getent is not modelled");
  const [db, ...keys] = p.args;
  if (db !== 'hosts' || !keys.length) throw new Unmodelled('only getent hosts NAME is modelled');
  let st = 0;
  for (const key of keys) {
    const r = key.toLowerCase() === 'localhost'
      ? { name: 'localhost', aliases: ['ip6-localhost', 'ip6-loopback'], ips: ['::1'] }
      : resolveName(p.sh.world.c, p.sh.world.pod, key);
    if (!r) { st = 2; continue; }
    for (const ip of r.ips) p.out(`${ip.padEnd(15)} ${[r.name, ...r.aliases].join(' ')}\n`);
  }
  return st;
};

/**
 * BusyBox nslookup, HOST only. Up to 1.28 it asks the C library (search path and /etc/hosts apply) and prints
 * `Address N:` lines with each address's name; from 1.29 it sends its own A and AAAA queries to the nameserver,
 * adds the search domains only to a name without a dot, and prints each reply (NXDOMAIN sets exit status 1).
 */
const nslookup: Utility = (p) => {
  const { c, pod, userland } = p.sh.world;
  const host = p.args[0];
  if (!host || host.startsWith('-') || p.args.length > 1) return notModelled(p, 'nslookup');
  if (userland.nslookup === 'small') {
    const named = (ip: string): string => {
      // getnameinfo: /etc/hosts first (the pod's own address), then the cluster DNS.
      const self = ip === pod.status?.podIP ? resolveName(c, pod, pod.spec?.hostname || pod.metadata!.name!) : undefined;
      const name = ip === '127.0.0.1' ? 'localhost' : self ? self.name : reverseLookup(c, ip);
      return name ? `${ip} ${name}` : ip;
    };
    p.out(`${'Server:'.padEnd(10)} ${DNS_SERVER.ip}\nAddress 1: ${named(DNS_SERVER.ip)}\n\n`);
    const r = resolveName(c, pod, host);
    if (!r) { p.err(`nslookup: can't resolve '${host}'\n`); return 1; }
    p.out(`${'Name:'.padEnd(10)} ${host}\n`);
    r.ips.forEach((ip, i) => p.out(`Address ${i + 1}: ${named(ip)}\n`));
    return 0;
  }
  p.out(`Server:\t\t${DNS_SERVER.ip}\nAddress:\t${DNS_SERVER.ip}:53\n\n`);
  let st = 0;
  const bare = host.endsWith('.') ? host.slice(0, -1) : host;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(bare)) {
    const ptr = `${bare.split('.').reverse().join('.')}.in-addr.arpa`;
    const name = reverseLookup(c, bare);
    p.out(name ? `${ptr}\tname = ${name}\n\n` : `** server can't find ${ptr}: NXDOMAIN\n\n`);
    return name ? 0 : 1;
  }
  const ns = pod.metadata!.namespace ?? 'default';
  const names = host.includes('.') ? [bare] : [`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'].map((d) => `${host}.${d}`);
  for (const type of ['A', 'AAAA']) {
    for (const name of names) {
      const ips = lookup(c, name.toLowerCase());
      if (!ips.length) { p.out(`** server can't find ${name}: NXDOMAIN\n\n`); st = 1; continue; }
      if (type === 'AAAA') { p.out(`*** Can't find ${name}: No answer\n\n`); continue; }
      for (const ip of rotated(c, ips)) p.out(`Name:\t${name}\nAddress: ${ip}\n`);
      p.out('\n');
    }
  }
  return st;
};

/** `sleep DURATION`: returns at once (no virtual time passes during an exec; a container's own process model times it). */
const sleep: Utility = (p) => {
  if (!p.args.length || !p.args.every((a) => a === 'infinity' || /^\d+(\.\d+)?[smhd]?$/.test(a))) return notModelled(p, 'sleep');
  return 0;
};

/** `sh -c SCRIPT [NAME ARGS…]`, or a script read from standard input. */
const shell = (kind: ShellKind): Utility => (p) => {
  const i = p.args[0] === '-c' ? 1 : 0;
  if (i === 0 && p.args.length) return notModelled(p, kind === 'bash' ? 'bash' : 'sh');
  const script = i ? p.args[1] : p.stdin;
  if (i && script === undefined) { p.err(kind === 'bash' ? 'bash: -c: option requires an argument\n' : kind === 'dash' ? 'sh: 0: -c requires an argument\n' : 'sh: -c requires an argument\n'); return 2; }
  const name = i && p.args[2] !== undefined ? p.args[2] : kind === 'bash' ? 'bash' : 'sh';
  const sub = new Shell(p.sh.world, kind, name, p.sh.vars, p.sh.cwd);
  sub.params = i ? p.args.slice(3) : [];
  sub.named = i > 0 && p.args[2] !== undefined;
  return sub.run(script, { stdin: i ? p.stdin : '', out: p.out, err: p.err });
};

/** The shell a flavour's `sh` is. */
export const shKind = (flavour: string): ShellKind => (flavour === 'debian' ? 'dash' : 'ash');

/** Every modelled utility by program name (a Map: names typed by a learner must not reach Object.prototype). */
export const UTILITIES: ReadonlyMap<string, Utility> = new Map<string, Utility>([
  ['cat', cat], ['hostname', hostname], ['date', date], ['ls', ls], ['mkdir', mkdir], ['touch', touch], ['rm', rm], ['cp', cp],
  ['wc', wc], ['head', head], ['tail', tail], ['grep', grep], ['cut', cut], ['seq', seq], ['basename', basename], ['dirname', dirname],
  ['printenv', printenv], ['env', env], ['curl', curl], ['wget', wget], ['getent', getent], ['nslookup', nslookup], ['sleep', sleep],
  ['tar', tar], ['test', test], ['[', bracket],
  ['sort', sort], ['uniq', uniq], ['tr', tr], ['sed', sed], ['nginx', nginx],
  ['sh', (p) => shell(shKind(p.sh.world.userland.flavour))(p)], ['bash', shell('bash')], ['ash', shell('ash')], ['dash', shell('dash')],
]);
