// The terminal's parameter and command expansion, as bash does it before it splits a line into words: `$NAME`,
// `${NAME}`, `$?` and `$(command)` outside single quotes. What a value brings in is never read as shell syntax again:
// unquoted, it is split at white space into words that are quoted for the tokenizer; inside double quotes it stays one
// word. Pure; the command of a `$(…)` runs through the callback.

/** The shell's own state: its variables and the exit status of the last command (`$?`). */
export interface ShellState { vars: Map<string, string>; status: number }

/** Quotes a word for the tokenizer: single quotes, `'` as `'\''`. */
export const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A word as the tokenizer reads it back: as it is when it holds nothing a shell reads, else quoted. */
export const shWord = (s: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : shQuote(s));

// A value as the text that reads back as it: inside double quotes with \, ", $ and ` escaped; unquoted as its
// words, each quoted (none for an empty value).
function insert(value: string, inDouble: boolean): string {
  if (inDouble) return value.replace(/[\\"$`]/g, (c) => `\\${c}`);
  return value.split(/[ \t\n]+/).filter(Boolean).map(shWord).join(' ');
}

/**
 * Expands `text`. `run` gives a command's standard output (or an error text); its trailing line breaks are dropped,
 * as bash drops them. Errors are bash's texts.
 */
export function expand(text: string, state: ShellState, run: (command: string) => string | { error: string }): { ok: true; text: string } | { ok: false; error: string } {
  let out = '';
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote === "'") {
      if (ch === "'") quote = '';
      out += ch;
      continue;
    }
    if (ch === '\\') {
      out += ch + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === "'" && !quote) { quote = "'"; out += ch; continue; }
    if (ch === '"') { quote = quote ? '' : '"'; out += ch; continue; }
    if (ch !== '$') { out += ch; continue; }
    const d = dollar(text, i, state, run);
    if (!d) { out += ch; continue; }
    if ('error' in d) return { ok: false, error: d.error };
    out += insert(d.value, quote === '"');
    i = d.end;
  }
  return { ok: true, text: out };
}

/**
 * Expands a here-document whose delimiter was not quoted: `$NAME`, `${NAME}`, `$?` and `$(…)` put in as they are
 * (nothing is split or quoted in a document), `\$`, `` \` `` and `\\` are those characters, a backslash before a
 * line break joins the lines; quotes are plain characters.
 */
export function expandDocument(text: string, state: ShellState, run: (command: string) => string | { error: string }): { ok: true; text: string } | { ok: false; error: string } {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') {
      const next = text[i + 1];
      if (next === '\n') { i++; continue; }
      if (next === '$' || next === '`' || next === '\\') { out += next; i++; continue; }
      out += ch;
      continue;
    }
    if (ch !== '$') { out += ch; continue; }
    const d = dollar(text, i, state, run);
    if (!d) { out += ch; continue; }
    if ('error' in d) return { ok: false, error: d.error };
    out += d.value;
    i = d.end;
  }
  return { ok: true, text: out };
}

/**
 * The expansion that the `$` at `i` starts: its value (a command's output without its trailing line breaks) and the
 * index of its last character; null when the `$` starts none and is a plain character.
 */
function dollar(text: string, i: number, state: ShellState, run: (command: string) => string | { error: string }): { value: string; end: number } | { error: string } | null {
  const rest = text.slice(i + 1);
  if (rest.startsWith('(')) {
    const end = closingParen(text, i + 2);
    if (end < 0) return { error: "unexpected EOF while looking for matching `)'" };
    const r = run(text.slice(i + 2, end));
    return typeof r === 'string' ? { value: r.replace(/\n+$/, ''), end } : { error: r.error };
  }
  if (rest.startsWith('?')) return { value: String(state.status), end: i + 1 };
  const m = /^(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(rest);
  if (m) return { value: state.vars.get(m[1] ?? m[2]) ?? '', end: i + m[0].length };
  if (rest.startsWith('{')) return { error: `${text.slice(i, text.indexOf('}', i) + 1 || undefined)}: bad substitution` };
  return null;
}

// The index of the `)` that closes a `$(` whose inside starts at `from` (quotes and nested parentheses skipped), or -1.
function closingParen(text: string, from: number): number {
  let depth = 0;
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      continue;
    }
    if (ch === '\\') { i++; continue; }
    if (ch === "'" || ch === '"') { quote = ch; continue; }
    if (ch === '(') depth++;
    else if (ch === ')') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Whether a line needs the shell's own handling: an expansion, an assignment, or `sleep`/`export`/`echo`. */
export function needsShell(line: string): boolean {
  const t = line.trim();
  if (/^([A-Za-z_][A-Za-z0-9_]*=|export\s|sleep(\s|$)|echo(\s|$))/.test(t)) return true;
  let quote = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (quote === "'") { if (ch === "'") quote = ''; continue; }
    if (ch === '\\') { i++; continue; }
    if (ch === "'" && !quote) { quote = "'"; continue; }
    if (ch === '"') { quote = quote ? '' : '"'; continue; }
    if (ch === '$' && /[({?A-Za-z_]/.test(t[i + 1] ?? '')) return true;
  }
  return false;
}

/** GNU sleep's operands (NUMBER[smhd], summed) in milliseconds, or its error text. */
export function sleepMs(args: readonly string[]): number | string {
  if (!args.length) return "sleep: missing operand\nTry 'sleep --help' for more information.";
  let ms = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`;
    ms += Number(m[1]) * { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd'];
  }
  return Math.round(ms);
}
