// Splits a script line into words like a POSIX shell: single quotes, double quotes with backslash escapes,
// backslash escapes outside quotes. No expansion. Throws an Error with a message on an unterminated quote.

/** Tokenizes one line; throws `Error('unterminated quote')` when a quote is left open. */
export function tokenizeLine(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error('unterminated quote');
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
      if (!closed) throw new Error('unterminated quote');
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[i + 1]; inWord = true; i += 2;
    } else if (ch === ' ' || ch === '\t') {
      if (inWord) { words.push(cur); cur = ''; inWord = false; }
      i++;
    } else {
      cur += ch; inWord = true; i++;
    }
  }
  if (inWord) words.push(cur);
  return words;
}
