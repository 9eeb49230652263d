// Splits a kubectl command line into words like a POSIX shell (quotes, backslash escapes, `|` pipelines, no
// expansion) and drops an optional leading `kubectl`. Pure; the only parser of command text inside kubectl.

/**
 * The words of a command line, or an error text when a quote is left open. `pipes`: the words of each command
 * after an unquoted `|`, when the line is a pipeline.
 */
export type Tokens = { ok: true; words: string[]; pipes?: string[][] } | { ok: false; error: string };

/** Tokenizes a command line: single quotes are literal, double quotes honour `\"`, `\\`, `\$`, `` \` ``. */
export function tokenize(line: string): Tokens {
  const stages: string[][] = [];
  let words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { ok: false, error: 'unexpected EOF while looking for matching `\'\'' };
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      i++;
      let closed = false;
      while (i < line.length) {
        const c = line[i];
        if (c === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1])) { cur += line[i + 1]; i += 2; continue; }
        if (c === '"') { closed = true; i++; break; }
        cur += c; i++;
      }
      if (!closed) return { ok: false, error: 'unexpected EOF while looking for matching `""' };
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      if (line[i + 1] !== '\n') { cur += line[i + 1]; inWord = true; }
      i += 2;
    } else if (ch === '|') {
      // A pipeline: the shell's syntax error when a command is missing on either side.
      if (inWord) { words.push(cur); cur = ''; inWord = false; }
      if (words.length === 0) return { ok: false, error: `syntax error near unexpected token \`${line[i + 1] === '|' ? '||' : '|'}'` };
      stages.push(words);
      words = [];
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      if (inWord) { words.push(cur); cur = ''; inWord = false; }
      i++;
    } else {
      cur += ch; inWord = true; i++;
    }
  }
  if (inWord) words.push(cur);
  if (stages.length === 0) return { ok: true, words };
  if (words.length === 0) return { ok: false, error: 'syntax error: unexpected end of file' };
  stages.push(words);
  return { ok: true, words: stages[0], pipes: stages.slice(1) };
}

/** The argv of a kubectl invocation: tokenized if a string, without a leading `kubectl` word. */
export function argvOf(args: string | readonly string[]): Tokens {
  const t: Tokens = typeof args === 'string' ? tokenize(args) : { ok: true, words: [...args] };
  if (t.ok && t.words[0] === 'kubectl') t.words.shift();
  return t;
}
