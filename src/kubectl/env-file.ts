// Environment variable names and `.env` files, as `set env` and `create configmap|secret --from-env-file` read them.
// Models apimachinery validation.IsEnvVarName and kubectl/pkg/cmd/util/env_file.go (AddFromEnvFile).
import { regexError } from '../engine/api/validation-names.ts';
import { goQuote } from '../engine/api/field-errors.ts';
import { KubectlError } from './errors.ts';
import { utf8Text } from './utf8.ts';

const ENV_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_NAME_RE = new RegExp(`^${ENV_NAME_FMT}$`);

/** Models validation.IsEnvVarName: the problems with an environment variable name, none when it is valid. */
export function envNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (!ENV_NAME_RE.test(name)) {
    errs.push(regexError("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit", ENV_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1'));
  }
  if (name === '.') errs.push("must not be '.'");
  else if (name === '..') errs.push("must not be '..'");
  else if (name.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

// unicode.IsSpace: JavaScript's \s, with U+0085 and without U+FEFF.
const isSpace = (c: string): boolean => c !== '\ufeff' && /^[\s\u0085]$/.test(c);

// bufio.ScanLines: lines split at LF, a CR before it dropped; a last line without LF counts unless empty.
function scanLines(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    if (i === bytes.length && start === i) break;
    const end = i > start && bytes[i - 1] === 0x0d ? i - 1 : i;
    out.push(bytes.subarray(start, end));
    start = i + 1;
  }
  return out;
}

/**
 * Models AddFromEnvFile: each line of the file `path` (its bytes) that is not blank or a comment is `KEY=value` (or
 * `KEY` alone, whose value would come from kubectl's own environment, which the simulated kubectl has not: empty),
 * passed to `add`. A line that is not UTF-8 or whose key is not an environment variable name fails the command.
 */
export function addFromEnvFile(path: string, bytes: Uint8Array, add: (key: string, value: string) => void): void {
  scanLines(bytes).forEach((raw, n) => {
    let line = utf8Text(raw);
    if (line === null) throw new KubectlError(`error: env file ${path} contains invalid utf8 bytes at line ${n + 1}: [${[...raw].join(' ')}]`);
    // A byte order mark is dropped from the first line only; leading white space from every line.
    if (n === 0 && line.startsWith('\ufeff')) line = line.slice(1);
    let i = 0;
    while (i < line.length && isSpace(line[i]!)) i++;
    line = line.slice(i);
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    const errs = envNameErrors(key);
    if (errs.length) throw new KubectlError(`error: ${goQuote(key)} is not a valid key name: ${errs.join(';')}`);
    add(key, eq < 0 ? '' : line.slice(eq + 1));
  });
}
