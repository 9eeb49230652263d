// `kubectl cp SRC DEST [-c CONTAINER]`: copies a file between the terminal's machine and a container, through the
// container's own tar as kubectl does it. From a pod: `tar cf - PATH` runs in the container (its messages go to
// standard output, as kubectl passes them on) and kubectl unpacks the archive into the local path, so a single file
// given a directory as its destination fails with Go's `open DIR: is a directory`. To a pod: `test -d DEST` decides
// whether DEST is a directory, kubectl packs the local file under DEST's base name and `tar -xmf - -C DIR` unpacks it.
// Models kubectl/pkg/cmd/cp (cp.go and filespec.go).
import { execInPod } from '../../engine/exec/exec.ts';
import { packTar, unpackTar } from '../../engine/exec/tar.ts';
import { hasUnmodelled } from '../../engine/exec/shell.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError, apiErrorText, streamErrorText } from '../errors.ts';
import { notFound } from '../../engine/api/errors.ts';
import { defaultContainer } from '../pod-target.ts';

// Go's path.Clean for a slash-separated path.
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

// path.Dir, path.Base and path.Join.
const dirOf = (p: string): string => cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
const baseOf = (p: string): string => {
  const t = p.replace(/\/+$/, '');
  if (p !== '' && t === '') return '/';
  return t === '' ? '.' : t.slice(t.lastIndexOf('/') + 1);
};
const joinPath = (a: string, b: string): string => (a || b ? cleanPath([a, b].filter((x) => x !== '').join('/')) : '');

// filespec.go's stripTrailingSlash: one slash, and never the root's.
const stripTrailingSlash = (f: string): string => (f !== '' && f !== '/' && f.endsWith('/') ? f.slice(0, -1) : f);

// filespec.go's stripPathShortcuts: leading `../` and a bare `.` or `..` go, then one leading slash.
function stripPathShortcuts(p: string): string {
  let s = p;
  while (s.startsWith('../')) s = s.slice(3);
  if (s === '.' || s === '..') s = '';
  return s.startsWith('/') ? s.slice(1) : s;
}

interface FileSpec { pod?: string; namespace?: string; file: string }

const SPEC_FORMAT = 'error: filespec must match the canonical format: [[namespace/]pod:]file/path';

function fileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new KubectlError(SPEC_FORMAT);
  if (i === -1) return { file: stripTrailingSlash(arg) };
  const pieces = arg.slice(0, i).split('/');
  if (pieces.length > 2) throw new KubectlError(SPEC_FORMAT);
  const file = stripTrailingSlash(arg.slice(i + 1));
  return pieces.length === 1 ? { pod: pieces[0], file } : { namespace: pieces[0], pod: pieces[1], file };
}

// The pod's namespace and container: ExecOptions.Run's checks (the pod, its phase), then the default container,
// whose note goes to `note` (cp passes standard output as the error stream of the tar it reads from).
function target(ctx: Ctx, spec: FileSpec, note: (text: string) => void): { namespace: string; pod: string; container: string } {
  const namespace = spec.namespace ?? ctx.namespace;
  const pod = ctx.cluster.store.get('Pod', namespace, spec.pod!);
  if (!pod) throw new KubectlError(apiErrorText(notFound('Pod', spec.pod!)));
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new KubectlError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container = ctx.str('container');
  if (!container) container = defaultContainer({ err: note }, pod, false);
  return { namespace, pod: spec.pod!, container };
}

const NOT_MODELLED = 'error: this machine\'s files are in its home directory and /tmp only (no other directories); copy into one of them (kubectl cp web-0:/etc/hostname hostname.txt)';

function copyFromPod(ctx: Ctx, src: FileSpec, dest: string): void {
  const files = ctx.io.files;
  if (!files) throw new KubectlError('error: "kubectl cp" to local files is not available here, which has none; run it in the terminal');
  const t = target(ctx, src, (text) => ctx.out(text));
  const r = execInPod(ctx.cluster, { ...t, command: ['tar', 'cf', '-', src.file], tty: false });
  if (!r.ok) throw new KubectlError(streamErrorText(r.status));
  // tar's messages reach standard output; the archive is what kubectl unpacks. tar's exit status is lost: kubectl
  // reads to the archive's end and exits 0 before the exec reports how tar ended (kubectl issue 980), so a path the
  // container does not have prints tar's complaint, copies nothing, and "succeeds".
  let archive = '', notes = '';
  for (const c of r.output) if (c.stream === 'out') archive += c.text; else notes += c.text;
  ctx.out(notes);
  // A file the simulated container does not know (an image file's content): its notice says so, and nothing is copied.
  if (hasUnmodelled(notes)) throw new KubectlError('', 1);
  const read = unpackTar(archive);
  if ('error' in read) throw new KubectlError(read.error === 'short' && archive === '' ? 'error: EOF' : 'error: archive/tar: invalid tar header');
  const prefix = stripPathShortcuts(cleanPath(src.file.replace(/^[/\\]+/, '')));
  for (const m of read.members) {
    if (!m.name.startsWith(prefix)) throw new KubectlError('error: tar contents corrupted');
    const name = stripTrailingSlash(joinPath(dest, stripTrailingSlash(m.name.slice(prefix.length))));
    const parent = dirOf(name);
    if (!files.isDir(parent)) throw new KubectlError(NOT_MODELLED);
    if (m.dir) {
      if (!files.isDir(name)) throw new KubectlError(NOT_MODELLED);
      continue;
    }
    const err = files.write(name, m.text);
    if (err === 'EISDIR') throw new KubectlError(`error: open ${name}: is a directory`);
    if (err) throw new KubectlError(NOT_MODELLED);
  }
}

function copyToPod(ctx: Ctx, src: string, dest: FileSpec, noPreserve: boolean): void {
  const text = ctx.io.readFile?.(src) ?? null;
  if (text === null) {
    if (ctx.io.files?.isDir(src)) throw new KubectlError('error: copying a local directory is not available in this simulated cluster; copy its files one at a time');
    throw new KubectlError(`error: ${src} doesn't exist in local filesystem`);
  }
  // Both execs (test -d, then tar) name the default container; test's note goes to a buffer, tar's to standard error.
  const notes: string[] = [];
  const t = target(ctx, dest, (note) => notes.push(note));
  let destFile = dest.file;
  // checkDestinationIsDir: whatever keeps `test -d` from saying yes (a pod that is gone, no `test`) means "not a directory".
  const isDir = execInPod(ctx.cluster, { ...t, command: ['test', '-d', destFile], tty: false });
  if (isDir.ok && isDir.exitCode === 0) destFile = joinPath(destFile, baseOf(cleanPath(src)));
  const clean = cleanPath(destFile);
  const archive = packTar([{ name: baseOf(clean), dir: false, text }], Math.floor(ctx.cluster.wallNow() / 1000), false);
  const command = ['tar', ...(noPreserve ? ['--no-same-permissions', '--no-same-owner'] : []), '-xmf', '-'];
  const destDir = dirOf(destFile);
  if (destDir) command.push('-C', destDir);
  for (const note of notes) ctx.err(note);
  const r = execInPod(ctx.cluster, { ...t, command, stdin: archive, tty: false });
  if (!r.ok) throw new KubectlError(streamErrorText(r.status));
  for (const c of r.output) if (c.stream === 'out') ctx.out(c.text); else ctx.err(c.text);
  if (r.exitCode !== 0) throw new KubectlError(`command terminated with exit code ${r.exitCode}`, r.exitCode);
}

export const cp: Verb = {
  name: 'cp',
  short: 'Copy files and directories to and from containers',
  flags: [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'no-preserve', type: 'bool' },
    // Retrying re-runs tar from where the copy broke off; a copy here never breaks, so retries change nothing.
    { name: 'retries', type: 'int', default: 0 },
  ],
  run(ctx) {
    if (ctx.args.length !== 2) throw new KubectlError('error: source and destination are required');
    const src = fileSpec(ctx.args[0]);
    const dest = fileSpec(ctx.args[1]);
    if (src.pod && dest.pod) throw new KubectlError('error: one of src or dest must be a local file specification');
    if (!src.file || !dest.file) throw new KubectlError('error: filepath can not be empty');
    if (src.pod) return copyFromPod(ctx, src, dest.file);
    if (dest.pod) return copyToPod(ctx, src.file, dest, ctx.bool('no-preserve'));
    throw new KubectlError('error: one of src or dest must be a remote file specification');
  },
};
