// The one shell construct the app's terminal takes besides a command line: the documentation's loops over pods,
// `for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done`. Expanded into the command lines it runs, in
// order: `$i` and `${i}` replaced outside single quotes, the body split at `;` outside quotes. Pure.

/** A loop's command lines (each a `kubectl …` line or `echo …`), or an error text; null when `line` is no loop. */
export function expandForLoop(line: string): string[] | { error: string } | null {
  const m = /^for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\s+([^;]*);\s*do\s+([\s\S]*?);?\s*done\s*$/.exec(line.trim());
  if (!m) return /^for\s/.test(line.trim()) ? { error: 'syntax error: a loop is `for NAME in WORDS; do COMMAND; …; done`' } : null;
  const [, name, words, body] = m;
  const values = words.trim().split(/\s+/).filter(Boolean);
  const commands = splitCommands(body);
  if (typeof commands === 'string') return { error: commands };
  if (!commands.length) return { error: "syntax error near unexpected token `done'" };
  const out: string[] = [];
  for (const v of values) for (const c of commands) out.push(substitute(c, name, v));
  return out;
}

// The body's commands: split at `;` outside quotes, blank ones dropped.
function splitCommands(body: string): string[] | string {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const ch of body) {
    if (quote) { if (ch === quote) quote = ''; cur += ch; continue; }
    if (ch === "'" || ch === '"') { quote = ch; cur += ch; continue; }
    if (ch === ';') { out.push(cur.trim()); cur = ''; continue; }
    cur += ch;
  }
  if (quote) return `unexpected EOF while looking for matching \`${quote}'`;
  out.push(cur.trim());
  return out.filter(Boolean);
}

// `$name` and `${name}` replaced by `value` except inside single quotes (where the shell leaves them as they are).
function substitute(cmd: string, name: string, value: string): string {
  const re = new RegExp(`\\$(?:\\{${name}\\}|${name}(?![A-Za-z0-9_]))`, 'g');
  return cmd.split(/('[^']*')/).map((part) => (part.startsWith("'") ? part : part.replace(re, value))).join('');
}
