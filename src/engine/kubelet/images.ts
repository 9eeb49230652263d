// The simulated container registry: which images exist, their size and digest, and how their process
// behaves (runs until signalled or exits at once; how fast it honours SIGTERM). Also the containerd
// pull-error texts for images that do not exist. Digests and sizes are plausible fixed values, not
// copies of the real registry's.
import type { Container } from 'kubernetes-types/core/v1';
import { fnv1a32 } from '../api/revision-hash.ts';
import { SYSTEM_IMAGE_LIST } from '../system-images.ts';

/** One pullable image. */
export interface ImageInfo {
  /** Fully qualified reference without tag, as containerd reports it: `docker.io/library/nginx`. */
  repo: string;
  tag: string;
  /** `sha256:<64 hex>` of the manifest list. */
  digest: string;
  /** `repo@digest`, the imageID a container status reports. */
  id: string;
  /** Bytes, as printed in the kubelet's `Image size: N bytes.`. */
  size: number;
  /** How the image's default process behaves. `shell` exits at once unless given a command. */
  process: 'server' | 'shell';
  /** Milliseconds the process needs to exit after SIGTERM; Infinity when it ignores SIGTERM. */
  sigtermMs: number;
  /**
   * The identity containerd reports for the image's default user (status `user.linux`): uid, gid and the
   * supplemental groups merged from the image's /etc/group (gid first). Alpine's root is in eleven groups,
   * busybox's in root and wheel, Debian's in root only.
   */
  user: { uid: number; gid: number; supplementalGroups: readonly number[] };
}

const hex = (seed: string): string => {
  // A fixed, readable-looking 64-hex digest derived from the name (FNV-1a rounds); stable across runs.
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 64; round++) {
    h = fnv1a32(`${seed}#${round}`, h);
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
};

const img = (repo: string, tag: string, size: number, process: ImageInfo['process'], sigtermMs: number, groups: readonly number[]): ImageInfo => {
  const digest = `sha256:${hex(`${repo}:${tag}`)}`;
  return { repo, tag, digest, id: `${repo}@${digest}`, size, process, sigtermMs, user: { uid: 0, gid: 0, supplementalGroups: groups } };
};

// Root's groups in the image's /etc/group, as containerd merges them (gid 0 first).
const ALPINE_ROOT = Object.freeze([0, 1, 2, 3, 4, 6, 10, 11, 20, 26, 27]);
const BUSYBOX_ROOT = Object.freeze([0, 10]);
const DEBIAN_ROOT = Object.freeze([0]);

const NGINX = 'docker.io/library/nginx';
const BUSYBOX = 'docker.io/library/busybox';
const SLIM = 'registry.k8s.io/nginx-slim';

/** Every image the simulated registry serves, keyed by `repo:tag`. */
export const IMAGE_CATALOG: Readonly<Record<string, ImageInfo>> = Object.fromEntries([
  img(NGINX, 'alpine', 21_243_839, 'server', 300, ALPINE_ROOT),
  img(NGINX, 'mainline', 72_223_946, 'server', 300, DEBIAN_ROOT),
  img(NGINX, 'latest', 72_223_946, 'server', 300, DEBIAN_ROOT),
  img(NGINX, '1.27', 72_195_292, 'server', 300, DEBIAN_ROOT),
  // The StatefulSet Basics tutorial's images: web.yaml starts on 0.21 and its rolling update moves to 0.24.
  img(SLIM, '0.21', 25_643_516, 'server', 250, DEBIAN_ROOT),
  img(SLIM, '0.24', 25_825_218, 'server', 250, DEBIAN_ROOT),
  img(SLIM, '0.27', 26_001_734, 'server', 250, DEBIAN_ROOT),
  img(BUSYBOX, 'latest', 2_155_893, 'shell', Infinity, BUSYBOX_ROOT),
  img(BUSYBOX, '1.36', 2_160_406, 'shell', Infinity, BUSYBOX_ROOT),
  // The image the Kubernetes DNS and StatefulSet tutorials run: its nslookup still resolves through the search path.
  img(BUSYBOX, '1.28', 727_710, 'shell', Infinity, BUSYBOX_ROOT),
  // The kind node image's own (preloaded on every node; see engine/system.ts): long-running servers.
  ...SYSTEM_IMAGE_LIST.map(([ref, size]) => {
    const colon = ref.lastIndexOf(':');
    return img(ref.slice(0, colon), ref.slice(colon + 1), size, 'server', 200, DEBIAN_ROOT);
  }),
].map((i) => [`${i.repo}:${i.tag}`, i]));

/** An image reference split and normalised the way containerd names it. */
export interface ImageRef { repo: string; tag: string; /** `docker.io/library/nginx:alpine` */ full: string }

// Parsed references by image text: every stage and status write of every pod asks again for the same few
// images, so each text is parsed once. Entries are frozen because callers share them.
const refCache = new Map<string, ImageRef>();

/**
 * Normalises `nginx`, `nginx:1.27`, `registry.k8s.io/nginx-slim:0.24` to containerd's fully qualified form.
 * The result is shared and frozen.
 */
export function normalizeImage(image: string): ImageRef {
  let ref = refCache.get(image);
  if (!ref) {
    // Bounded: a long session of hand-typed images must not grow it without end.
    if (refCache.size >= 1024) refCache.clear();
    refCache.set(image, (ref = Object.freeze(parseImage(image))));
  }
  return ref;
}

function parseImage(image: string): ImageRef {
  let name = image;
  let tag = 'latest';
  const at = name.indexOf('@');
  if (at >= 0) name = name.slice(0, at);
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) { tag = name.slice(colon + 1); name = name.slice(0, colon); }
  const first = name.split('/')[0];
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repo = name;
  if (!hasRegistry) repo = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return { repo, tag, full: `${repo}:${tag}` };
}

/** The catalog entry for a container image, or undefined when the registry does not have it. */
export function lookupImage(image: string): ImageInfo | undefined {
  return IMAGE_CATALOG[normalizeImage(image).full];
}

/**
 * The containerd error for an image the registry does not serve: `not found` for an unknown tag of a
 * known repository (or any registry.k8s.io name), `pull access denied` for an unknown Docker Hub repository.
 */
export function pullErrorText(image: string): string {
  const ref = normalizeImage(image);
  const knownRepo = Object.values(IMAGE_CATALOG).some((i) => i.repo === ref.repo);
  const head = `rpc error: code = NotFound desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": `;
  if (knownRepo || !ref.repo.startsWith('docker.io/')) return `${head}${ref.full}: not found`;
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref.full}": failed to resolve reference "${ref.full}": ` +
    'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
}

/** The pull policy in effect (the API server defaults it; this repeats the rule for objects written raw). */
export function pullPolicy(container: Container): 'Always' | 'IfNotPresent' | 'Never' {
  const p = container.imagePullPolicy;
  if (p === 'Always' || p === 'IfNotPresent' || p === 'Never') return p;
  const ref = container.image ?? '';
  const tagged = /:[^/]+$/.test(ref.split('@')[0]) || ref.includes('@');
  return !tagged || ref.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}
