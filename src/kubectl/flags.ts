// Declared flags and a pflag-compatible parser: `--name=value`, `--name value`, `-n value`, `-nvalue`,
// boolean `-w` / `--watch=false`, repeatable string arrays, `--` ends flags. Errors use pflag's texts.
import { goDurationError } from '../engine/clock/time.ts';

/** A flag a verb accepts. `strings` flags may repeat and split on commas; `duration` takes a Go duration (`30s`). */
export interface FlagSpec {
  name: string;
  short?: string;
  type: 'bool' | 'string' | 'int' | 'strings' | 'stringArray' | 'duration';
  default?: boolean | string | number | string[];
  /** The value of the flag given without `=value` (pflag's NoOptDefVal); the next word is then not its value. */
  bare?: string;
  /** Flags declared along with this one (PrintFlags adds `--template` with `-o`). */
  with?: readonly FlagSpec[];
}

/** Parsed flag values by long name; `set` says which were given on the command line. */
export interface Flags {
  values: Record<string, boolean | string | number | string[]>;
  set: Set<string>;
  /** How many positionals came before `--` (cobra's ArgsLenAtDash); -1 without `--`. */
  dashAt: number;
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string', default: '' },
  { name: 'context', type: 'string', default: '' },
  { name: 'kubeconfig', type: 'string', default: '' },
  { name: 'request-timeout', type: 'string', default: '0' },
  // klog's level: a 32-bit integer (klog.Level.Set, strconv.ParseInt's error).
  { name: 'v', short: 'v', type: 'int', default: 0 },
];

/** Parses argv against the flags; returns positionals in order or pflag's error text (without `error: `). */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): { ok: true; flags: Flags; args: string[] } | { ok: false; error: string } {
  // A command's own flag hides a global one of the same name, shorthand included (`config set-context --namespace`).
  const local = specs.flatMap((s) => [s, ...(s.with ?? [])]);
  const all = [...local, ...GLOBAL_FLAGS.filter((g) => !local.some((l) => l.name === g.name))];
  const values: Flags['values'] = {};
  const set = new Set<string>();
  for (const s of all) values[s.name] = s.type === 'strings' || s.type === 'stringArray' ? [...((s.default as string[]) ?? [])] : (s.default ?? (s.type === 'bool' ? false : s.type === 'int' ? 0 : ''));
  const args: string[] = [];
  let dashAt = -1;
  const assign = (s: FlagSpec, raw: string, label: string): string | null => {
    if (s.type === 'bool') {
      const v = raw.toLowerCase();
      if (['true', '1', 't'].includes(v)) values[s.name] = true;
      else if (['false', '0', 'f'].includes(v)) values[s.name] = false;
      else return `invalid argument "${raw}" for "${label}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`;
    } else if (s.type === 'int') {
      if (!/^[+-]?\d+$/.test(raw)) return `invalid argument "${raw}" for "${label}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`;
      values[s.name] = Number(raw);
    } else if (s.type === 'duration') {
      const e = goDurationError(raw);
      if (e) return `invalid argument "${raw}" for "${label}" flag: ${e}`;
      values[s.name] = raw;
    } else if (s.type === 'strings' || s.type === 'stringArray') {
      const prev = set.has(s.name) ? (values[s.name] as string[]) : [];
      values[s.name] = [...prev, ...(s.type === 'strings' ? raw.split(',') : [raw])];
    } else values[s.name] = raw;
    set.add(s.name);
    return null;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { dashAt = args.length; args.push(...argv.slice(i + 1)); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const s = all.find((f) => f.name === name);
      if (!s) return { ok: false, error: `unknown flag: --${name}` };
      let raw: string;
      if (eq >= 0) raw = a.slice(eq + 1);
      else if (s.type === 'bool') raw = 'true';
      else if (s.bare !== undefined) raw = s.bare;
      else if (i + 1 < argv.length) raw = argv[++i];
      else return { ok: false, error: `flag needs an argument: --${name}` };
      // pflag names a flag with its shorthand, however it was given.
      const e = assign(s, raw, s.short ? `-${s.short}, --${name}` : `--${name}`);
      if (e) return { ok: false, error: e };
    } else if (a.startsWith('-') && a.length > 1) {
      let j = 1;
      while (j < a.length) {
        const c = a[j];
        const s = all.find((f) => f.short === c);
        if (!s) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
        const label = `-${c}, --${s.name}`;
        if (s.type === 'bool') {
          if (a[j + 1] === '=') { const e = assign(s, a.slice(j + 2), label); if (e) return { ok: false, error: e }; break; }
          assign(s, 'true', label);
          j++;
          continue;
        }
        let raw: string;
        if (j + 1 < a.length) raw = a.slice(a[j + 1] === '=' ? j + 2 : j + 1);
        else if (i + 1 < argv.length) raw = argv[++i];
        else return { ok: false, error: `flag needs an argument: '${c}' in ${a}` };
        const e = assign(s, raw, label);
        if (e) return { ok: false, error: e };
        break;
      }
    } else args.push(a);
  }
  return { ok: true, flags: { values, set, dashAt }, args };
}

// cobra finds the command before pflag parses anything: it walks the words, taking each flag it does not know as
// one that consumes the next word (so only a command's known flags may stand before its sub-command's name).
function flagLookup(specs: readonly FlagSpec[]): { long(name: string): FlagSpec | undefined; short(c: string): FlagSpec | undefined } {
  const all = [...specs.flatMap((s) => [s, ...(s.with ?? [])]), ...GLOBAL_FLAGS];
  return { long: (name) => all.find((f) => f.name === name), short: (c) => all.find((f) => f.short === c) };
}
// pflag's NoOptDefVal: a bool flag, or one with a bare value, does not take the next word.
const takesNoValue = (s: FlagSpec | undefined): boolean => !!s && (s.type === 'bool' || s.bare !== undefined);

/** Whether the word is a flag that takes the next word as its value (`--name value`, `-n value`). */
function consumesNext(word: string, flags: ReturnType<typeof flagLookup>): boolean {
  if (word.includes('=')) return false;
  if (word.startsWith('--')) return !takesNoValue(flags.long(word.slice(2)));
  return word.length === 2 && word.startsWith('-') && !takesNoValue(flags.short(word[1]));
}

/** cobra's stripFlags: the words that are not flags or flag values, up to `--`, as the command level sees them. */
export function commandWords(words: readonly string[], specs: readonly FlagSpec[]): string[] {
  const flags = flagLookup(specs);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (w.startsWith('-') && consumesNext(w, flags)) {
      // cobra stops looking when the value would be the last word.
      if (words.length - i - 1 <= 1) break;
      i++;
    } else if (w !== '' && !w.startsWith('-')) out.push(w);
  }
  return out;
}

/** cobra's argsMinusFirstX: the words without the first positional occurrence of `name` (a command's name). */
export function withoutCommandWord(words: readonly string[], name: string, specs: readonly FlagSpec[]): string[] {
  const flags = flagLookup(specs);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === '--') break;
    if (w.startsWith('-')) {
      if (consumesNext(w, flags)) i++;
    } else if (w === name) return [...words.slice(0, i), ...words.slice(i + 1)];
  }
  return [...words];
}
