// `kubectl create secret tls NAME --cert=FILE --key=FILE`: a kubernetes.io/tls Secret holding the two files as
// tls.crt and tls.key, once they read as a certificate and a private key. Models create_secret_tls.go; of
// tls.X509KeyPair, the PEM blocks are checked (and their errors worded as Go's), not the DER inside them.
import { utf8String } from '../../engine/api/base64.ts';
import type { Ctx, Verb } from '../context.ts';
import { KubectlError, noSuchFile } from '../errors.ts';
import { GENERATOR_FLAGS, generatorFlags, nameFromArgs } from './create-generated.ts';
import { addSecretKey, finishSecret, newSecret, sendSecret } from './create-secret-shared.ts';
import { readLocalFile } from './create-sources.ts';

// Models create_secret_tls.go readFile: os.ReadFile's error, wrapped.
function readFile(ctx: Ctx, path: string): Uint8Array {
  const bytes = readLocalFile(ctx, path);
  if (bytes === null) throw new KubectlError(`error: Cannot read file ${path}, ${noSuchFile(path)}`);
  return bytes;
}

const BASE64_BODY = /^[A-Za-z0-9+/=\s]*$/;

// The types of the PEM blocks in the text, in order, as pem.Decode finds them: `-----BEGIN T-----` at a line's
// start, its `-----END T-----`, and a base64 body between (after any `Key: value` headers); a block that does not
// decode is passed over.
function pemBlockTypes(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|\n)-----BEGIN ([^\n]*?)-----[ \t]*\r?\n([\s\S]*?)(?:^|\n)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let body = m[2]!;
    const blank = body.search(/\r?\n\r?\n/);
    if (/^[^\n:]+:/.test(body) && blank >= 0) body = body.slice(blank);
    if (BASE64_BODY.test(body)) out.push(m[1]!);
  }
  return out;
}

const list = (types: readonly string[]): string => `[${types.join(' ')}]`;

/** Models the PEM half of tls.X509KeyPair: a CERTIFICATE block in the certificate, a private key block in the key. */
export function checkKeyPair(cert: Uint8Array, key: Uint8Array): void {
  const certTypes = pemBlockTypes(utf8String(cert));
  if (!certTypes.includes('CERTIFICATE')) {
    if (!certTypes.length) throw new KubectlError('error: tls: failed to find any PEM data in certificate input');
    if (certTypes.length === 1 && certTypes[0]!.endsWith('PRIVATE KEY')) {
      throw new KubectlError('error: tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    }
    throw new KubectlError(`error: tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: ${list(certTypes)}`);
  }
  const keyTypes = pemBlockTypes(utf8String(key));
  const at = keyTypes.findIndex((t) => t === 'PRIVATE KEY' || t.endsWith(' PRIVATE KEY'));
  if (at >= 0) return;
  if (!keyTypes.length) throw new KubectlError('error: tls: failed to find any PEM data in key input');
  if (keyTypes.length === 1 && keyTypes[0] === 'CERTIFICATE') throw new KubectlError('error: tls: found a certificate rather than a key in the PEM for the private key');
  throw new KubectlError(`error: tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: ${list(keyTypes)}`);
}

export const createSecretTls: Verb = {
  name: 'tls',
  short: 'Create a TLS secret',
  flags: [
    ...GENERATOR_FLAGS,
    { name: 'cert', type: 'string', default: '' },
    { name: 'key', type: 'string', default: '' },
    { name: 'append-hash', type: 'bool' },
  ],
  run(ctx) {
    const name = nameFromArgs(ctx);
    const flags = generatorFlags(ctx);
    // Validate checks the two files are named (not the name: an empty one goes to the API server).
    if (!ctx.str('key') || !ctx.str('cert')) throw new KubectlError('error: key and cert must be specified');
    const cert = readFile(ctx, ctx.str('cert'));
    const key = readFile(ctx, ctx.str('key'));
    checkKeyPair(cert, key);
    const secret = newSecret(ctx, name, 'kubernetes.io/tls');
    addSecretKey(secret, 'tls.crt', cert);
    addSecretKey(secret, 'tls.key', key);
    sendSecret(ctx, flags, finishSecret(ctx, secret), (m) => `error: failed to create secret: ${m}`);
  },
};
