// The sources `create configmap` and `create secret generic|docker-registry` read keys from: local files
// (`--from-file=[key=]path`), literals (`--from-literal=key=value`) and env files (`--from-env-file=path`). Models
// kubectl/pkg/util ParseFileSource and ParseLiteralSource, and the file checks of create_configmap.go and
// create_secret.go. This kubectl lists no directories: a path is a file or is not there.
import { utf8Bytes } from '../../engine/api/base64.ts';
import type { Ctx } from '../context.ts';
import { KubectlError } from '../errors.ts';
import type { FlagSpec } from '../flags.ts';

/** `--from-file`, `--from-literal`, `--from-env-file` (declared in kubectl's order) and `--append-hash`. */
export const SOURCE_FLAGS: readonly FlagSpec[] = [
  { name: 'from-file', type: 'strings', default: [] },
  { name: 'from-literal', type: 'stringArray', default: [] },
  { name: 'from-env-file', type: 'strings', default: [] },
  { name: 'append-hash', type: 'bool' },
];

// Go's path.Base: the last element, trailing slashes dropped; `.` for an empty path, `/` for slashes alone.
function pathBase(p: string): string {
  if (!p) return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (!trimmed) return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Models ParseFileSource: `path` (the key is its base name) or `key=path`; a key or path holds no `=`. */
export function parseFileSource(source: string): { key: string; path: string } {
  const parts = source.split('=');
  if (parts.length === 1) return { key: pathBase(source), path: source };
  if (parts.length > 2) throw new KubectlError("error: key names or file paths cannot contain '='");
  if (source.startsWith('=')) throw new KubectlError(`error: key name for file path ${parts[1]} missing`);
  if (source.endsWith('=')) throw new KubectlError(`error: file path for key name ${parts[0]} missing`);
  return { key: parts[0]!, path: parts[1]! };
}

/** Models ParseLiteralSource: `key=value` split at the first `=`; no `=`, or one first, is refused. */
export function parseLiteralSource(source: string): { key: string; value: string } {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new KubectlError(`error: invalid literal source ${source}, expected key=value`);
  return { key: source.slice(0, eq), value: source.slice(eq + 1) };
}

/** A local file's bytes (its text as UTF-8 where the host gives text only), or null when there is none. */
export function readLocalFile(ctx: Ctx, path: string): Uint8Array | null {
  if (ctx.io.readFileBytes) return ctx.io.readFileBytes(path);
  const text = ctx.io.readFile?.(path) ?? null;
  return text === null ? null : utf8Bytes(text);
}

/** A source file's bytes, or the error of kubectl's os.Stat of a path that is not there. */
export function readSourceFile(ctx: Ctx, path: string): Uint8Array {
  const bytes = readLocalFile(ctx, path);
  if (bytes === null) throw new KubectlError(`error: error reading ${path}: no such file or directory`);
  return bytes;
}

/** The Validate check the sources share: an env file is the only source when there is one. */
export function validateSources(ctx: Ctx): void {
  if (ctx.list('from-env-file').length && (ctx.list('from-file').length || ctx.list('from-literal').length)) {
    throw new KubectlError('error: from-env-file cannot be combined with from-file or from-literal');
  }
}
