// The file system a container sees: its image (with the kubelet's /etc/hosts, /etc/hostname and
// /etc/resolv.conf), a writable layer that lasts as long as the container, and its volume mounts. What is
// written to a claim's volume is kept with the PersistentVolume, so it outlives the pod and comes back with
// the next pod that mounts the claim; an emptyDir lasts as long as the pod. Serializable (cluster ext).
import type { Cluster } from '../cluster.ts';
import type { Pod } from '../api/types.ts';
import { kubeletState } from '../kubelet/runtime.ts';
import { imageSkeleton, listableImageDir, NGINX_HTML, NGINX_ROOT, type Userland } from './userland.ts';
import { volumeContents, type ProjectedFile } from '../kubelet/config-refs.ts';

/**
 * A directory entry in a layer; a file is its text; a whiteout hides an image file deleted in the container. An
 * image file whose content the model does not know (the entrypoint script) is OPAQUE (never stored in a layer).
 */
const DIR = 1;
const WHITEOUT = 0;
const OPAQUE = 2;
type Entry = string | typeof DIR | typeof WHITEOUT | typeof OPAQUE;

/**
 * Every layer and volume with content, by key: `c/<pod uid>/<container>/<restarts>`, `e/<pod uid>/<volume>`,
 * `pv/<name>`; and a count of the writes, which tells hosts that a command changed files.
 */
interface FilesState { layers: Record<string, Record<string, Entry>>; writes: number }

const newFilesState = (): FilesState => ({ layers: {}, writes: 0 });

/** How many times commands have changed files in the cluster's containers and volumes (0 before any). */
export function filesWritten(c: Cluster): number {
  return c.ext<FilesState>('files', newFilesState).writes;
}

/** A file on a PersistentVolume, as the UI lists it under the claim: its path inside the volume and its size. */
export interface VolumeFile { path: string; bytes: number }

/** Bytes of a text in UTF-8 (files are written as text). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) n += 1;
    else if (code < 0x800) n += 2;
    else if (code >= 0xd800 && code <= 0xdbff) { n += 4; i++; } else n += 3;
  }
  return n;
}

/** The files on each existing PersistentVolume, by PV name, sorted by path (volumes without files left out). */
export function volumeFiles(c: Cluster): Record<string, VolumeFile[]> {
  const out: Record<string, VolumeFile[]> = {};
  const layers = c.ext<FilesState>('files', newFilesState).layers;
  for (const key of Object.keys(layers).sort()) {
    if (!key.startsWith('pv/') || !c.store.get('PersistentVolume', '', key.slice(3))) continue;
    const files = Object.entries(layers[key])
      .filter((e): e is [string, string] => typeof e[1] === 'string')
      .map(([path, text]) => ({ path, bytes: utf8Length(text) }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (files.length) out[key.slice(3)] = files;
  }
  return out;
}

/** A file operation's failure, as errno names the shell and utilities turn into their own texts. */
export type FsError = 'ENOENT' | 'EISDIR' | 'ENOTDIR' | 'EROFS' | 'EEXIST' | 'EBUSY';

/** Thrown where the model does not know what the real file system holds (a secret's files, /etc's other files). */
export class Unmodelled extends Error {}

/**
 * A volume mounted in the container: its content lives in a layer under `key`, or (a ConfigMap, Secret, projected
 * or downwardAPI volume, always read-only) is the fixed set of `files` the kubelet wrote, each directory listed.
 */
interface Mount { path: string; key?: string; readOnly: boolean; files?: Record<string, Entry> }

// The entries of a configMap, secret, projected or downwardAPI volume: its files and the directories above them.
function projectedEntries(files: Record<string, ProjectedFile>): Record<string, Entry> {
  const out: Record<string, Entry> = {};
  for (const [path, f] of Object.entries(files)) {
    out[path] = typeof f === 'string' ? f : OPAQUE;
    for (let i = path.indexOf('/'); i > 0; i = path.indexOf('/', i + 1)) out[path.slice(0, i)] = DIR;
  }
  return out;
}

/** Normalises a path against a working directory: absolute, no `.`/`..`, no trailing slash (except `/`). */
export function resolvePath(cwd: string, path: string): string {
  const parts: string[] = [];
  for (const p of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop(); else parts.push(p);
  }
  return '/' + parts.join('/');
}

const parentOf = (p: string): string => (p.lastIndexOf('/') <= 0 ? '/' : p.slice(0, p.lastIndexOf('/')));

/** The kubelet-managed files every container sees. Models kubelet_pods.go managedHostsFileContent and the resolv.conf it writes. */
function kubeletFiles(pod: Pod): Record<string, string> {
  const name = pod.spec?.hostname || pod.metadata!.name!;
  const ns = pod.metadata!.namespace ?? 'default';
  const ip = pod.status?.podIP ?? '';
  const own = pod.spec?.subdomain ? `${ip}\t${name}.${pod.spec.subdomain}.${ns}.svc.cluster.local\t${name}\n` : `${ip}\t${name}\n`;
  return {
    '/etc/hosts': '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' +
      'fe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n' + own,
    '/etc/hostname': `${name}\n`,
    '/etc/resolv.conf': `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`,
  };
}

/** Drops the layers of containers and pods that are gone and the contents of deleted PersistentVolumes. */
function prune(c: Cluster, st: FilesState): void {
  const pods = kubeletState(c).pods;
  for (const key of Object.keys(st.layers)) {
    const [kind, a, b, restarts] = key.split('/');
    const rt = kind === 'pv' ? undefined : pods[a];
    const gone = kind === 'pv' ? !c.store.get('PersistentVolume', '', a)
      : !rt || (kind === 'c' && [...rt.containers, ...rt.inits].find((ct) => ct.name === b)?.restartCount !== Number(restarts));
    if (gone) delete st.layers[key];
  }
}

// Told of every change a command makes to the files of a pod (its containers' layers and volumes): the kubelet's
// prober listens, as its probes may read them.
let filesChanged: ((c: Cluster, podUid: string) => void) | undefined;

/** Sets the listener told of every change to a pod's files. */
export function onPodFilesChanged(fn: (c: Cluster, podUid: string) => void): void {
  filesChanged = fn;
}

/** One container's view of its files. */
export class ContainerFs {
  private readonly st: FilesState;
  private readonly podUid: string;
  private readonly mounts: Mount[];
  private readonly base: Record<string, string>;
  private readonly rootKey: string;

  constructor(private readonly c: Cluster, pod: Pod, container: string, restarts: number, private readonly userland: Userland) {
    this.st = c.ext<FilesState>('files', newFilesState);
    prune(c, this.st);
    const uid = pod.metadata!.uid!;
    this.podUid = uid;
    this.rootKey = `c/${uid}/${container}/${restarts}`;
    this.base = kubeletFiles(pod);
    if (userland.nginx) for (const [f, text] of Object.entries(NGINX_HTML)) this.base[`${NGINX_ROOT}/${f}`] = text;
    const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((ct) => ct.name === container);
    this.mounts = (spec?.volumeMounts ?? []).map((m) => {
      const vol = pod.spec?.volumes?.find((v) => v.name === m.name);
      let key: string | undefined;
      if (vol?.persistentVolumeClaim) {
        const pv = c.store.get('PersistentVolumeClaim', pod.metadata!.namespace ?? 'default', vol.persistentVolumeClaim.claimName)?.spec?.volumeName;
        if (pv) key = `pv/${pv}`;
      } else if (vol?.emptyDir) key = `e/${uid}/${m.name}`;
      // What the kubelet wrote at its last sync of the pod (a pod it did not set up, such as one of the cluster's own
      // at bootstrap, reads the objects as they are).
      const files = vol && (kubeletState(c).pods[uid]?.volumeFiles?.[vol.name] ?? volumeContents(c.store, pod, vol));
      if (files) return { path: resolvePath('/', m.mountPath), readOnly: true, files: projectedEntries(files) };
      return { path: resolvePath('/', m.mountPath), key, readOnly: !!m.readOnly || !!vol?.persistentVolumeClaim?.readOnly || !key };
    }).sort((a, b) => b.path.length - a.path.length);
  }

  /** The mount a path lies under, if any, and the path inside it. */
  private where(path: string): { mount?: Mount; rel: string } {
    for (const m of this.mounts) {
      if (path === m.path) return { mount: m, rel: '' };
      if (path.startsWith(m.path === '/' ? '/' : m.path + '/')) return { mount: m, rel: path.slice(m.path.length + 1) };
    }
    return { rel: path };
  }

  private layer(key: string, create: boolean): Record<string, Entry> | undefined {
    if (create) {
      this.st.writes++;
      filesChanged?.(this.c, this.podUid);
      return (this.st.layers[key] ??= {});
    }
    return this.st.layers[key];
  }

  /** What is at a path: a file's text, DIR, or undefined. Throws Unmodelled inside a volume whose content is not modelled. */
  private entry(path: string): Entry | undefined {
    const { mount, rel } = this.where(path);
    if (mount) {
      if (rel === '') return DIR;
      if (mount.files) return mount.files[rel];
      if (!mount.key) throw new Unmodelled(`the files of the volume mounted at ${mount.path} are not modelled`);
      const e = this.layer(mount.key, false)?.[rel];
      return e === WHITEOUT ? undefined : e;
    }
    const own = this.layer(this.rootKey, false)?.[path];
    if (own !== undefined) return own === WHITEOUT ? undefined : own;
    if (path in this.base) return this.base[path];
    const sk = imageSkeleton(this.userland);
    if (sk.dirs.has(path) || this.isMountAncestor(path)) return DIR;
    if (sk.files.has(path)) return OPAQUE;
    // A name the model does not know: missing for sure only where the directory's whole content is known.
    const parent = parentOf(path);
    if (this.entry(parent) !== DIR || this.complete(parent)) return undefined;
    throw new Unmodelled(`${path} is not modelled`);
  }

  /** Whether every name in a directory of the container's own file system is known (so others do not exist). */
  private complete(dir: string): boolean {
    if (listableImageDir(this.userland, dir)) return true;
    return this.layer(this.rootKey, false)?.[dir] === DIR && !imageSkeleton(this.userland).dirs.has(dir);
  }

  private isMountAncestor(path: string): boolean {
    return this.mounts.some((m) => m.path.startsWith(path === '/' ? '/' : path + '/'));
  }

  /** `file`, `dir` or undefined. */
  stat(path: string): 'file' | 'dir' | undefined {
    const e = this.entry(path);
    return e === undefined ? undefined : e === DIR ? 'dir' : 'file';
  }

  /** A file's text, or why it cannot be read (missing, a directory). Throws Unmodelled where the content is not modelled. */
  read(path: string): { text: string } | { err: FsError } {
    const e = this.entry(path);
    if (e === OPAQUE) throw new Unmodelled(`the content of ${path} is not modelled`);
    if (e === undefined) return { err: 'ENOENT' };
    return e === DIR ? { err: 'EISDIR' } : { text: e as string };
  }

  /** Where a write to `path` lands, or why it cannot. */
  private target(path: string): { layer: Record<string, Entry>; at: string } | FsError {
    const parent = this.entry(parentOf(path));
    if (parent === undefined) return 'ENOENT';
    if (parent !== DIR) return 'ENOTDIR';
    const { mount, rel } = this.where(path);
    if (mount && rel === '') return 'EISDIR';
    if (mount?.readOnly) return 'EROFS';
    return mount ? { layer: this.layer(mount.key!, true)!, at: rel } : { layer: this.layer(this.rootKey, true)!, at: path };
  }

  /** Writes (or appends to) a file, creating it. */
  write(path: string, text: string, append: boolean): FsError | undefined {
    let existing: Entry | undefined;
    // Replacing a file needs no knowledge of what it held; appending to it does.
    try { existing = this.entry(path); } catch (e) { if (append || !(e instanceof Unmodelled)) throw e; }
    if (existing === OPAQUE && append) throw new Unmodelled(`the content of ${path} is not modelled`);
    if (existing === DIR) return 'EISDIR';
    const t = this.target(path);
    if (typeof t === 'string') return t;
    t.layer[t.at] = append && typeof existing === 'string' ? existing + text : text;
    return undefined;
  }

  /** Makes a directory (`mkdir`; with `parents`, `mkdir -p`). */
  mkdir(path: string, parents: boolean): FsError | undefined {
    const e = this.entry(path);
    if (e !== undefined) return parents && e === DIR ? undefined : 'EEXIST';
    if (parents && this.entry(parentOf(path)) === undefined && path !== '/') {
      const up = this.mkdir(parentOf(path), true);
      if (up) return up;
    }
    const t = this.target(path);
    if (typeof t === 'string') return t;
    t.layer[t.at] = DIR;
    return undefined;
  }

  /** Removes a file, or with `recursive` a directory and everything under it. */
  remove(path: string, recursive: boolean): FsError | undefined {
    const e = this.entry(path);
    if (e === undefined) return 'ENOENT';
    if (e === DIR && !recursive) return 'EISDIR';
    const { mount, rel } = this.where(path);
    if (mount && rel === '') return 'EBUSY';
    if (mount?.readOnly) return 'EROFS';
    if (e === DIR) for (const child of this.list(path) ?? []) this.remove(`${path === '/' ? '' : path}/${child}`, true);
    const sk = imageSkeleton(this.userland);
    const inImage = !mount && (path in this.base || sk.dirs.has(path) || sk.files.has(path));
    const layer = mount ? this.layer(mount.key!, true)! : this.layer(this.rootKey, true)!;
    const at = mount ? rel : path;
    if (inImage) layer[at] = WHITEOUT; else delete layer[at];
    return undefined;
  }

  /**
   * The names in a directory, sorted as `ls` sorts them in the C locale; undefined when it does not exist.
   * Throws Unmodelled for an image directory whose full content the model does not know.
   */
  list(path: string): string[] | undefined {
    const e = this.entry(path);
    if (e === undefined || e !== DIR) return undefined;
    const { mount, rel } = this.where(path);
    const names = new Set<string>();
    const childOf = (key: string, dir: string): string | undefined => {
      const prefix = dir === '' ? '' : dir === '/' ? '/' : dir + '/';
      if (!key.startsWith(prefix) || key === dir) return undefined;
      const rest = key.slice(prefix.length);
      return rest && !rest.includes('/') ? rest : undefined;
    };
    if (mount?.files) {
      for (const k of Object.keys(mount.files)) { const n = childOf(k, rel); if (n) names.add(n); }
    } else if (mount) {
      if (!mount.key) throw new Unmodelled(`the files of the volume mounted at ${mount.path} are not modelled`);
      for (const [k, v] of Object.entries(this.layer(mount.key, false) ?? {})) { const n = childOf(k, rel); if (n && v !== WHITEOUT) names.add(n); }
    } else {
      const own = this.layer(this.rootKey, false) ?? {};
      if (!this.complete(path)) throw new Unmodelled(`the contents of ${path} are not modelled`);
      const sk = imageSkeleton(this.userland);
      for (const k of [...Object.keys(this.base), ...sk.dirs, ...sk.files]) { const n = childOf(k, path); if (n) names.add(n); }
      for (const [k, v] of Object.entries(own)) { const n = childOf(k, path); if (n) { if (v === WHITEOUT) names.delete(n); else names.add(n); } }
      for (const m of this.mounts) { const n = childOf(m.path, path); if (n) names.add(n); }
    }
    return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
