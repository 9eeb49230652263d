// Several lines at once in the app's terminal (pasted, or typed on after an open here-document, quote or trailing
// backslash): split into the commands a shell would read, in order. What the terminal echoes of each is what bash
// shows for pasted input: `$ ` before its first line and `> ` before the lines that continue it. Pure; shared by
// the terminal (is the input complete yet?) and the session (what runs).
import { OWN_COMMANDS } from './shell-commands.ts';

/** One command of a block. */
export interface BlockCommand {
  /** The lines as given: the command, its continuation lines and its here-document with the delimiter line. */
  source: string[];
  /**
   * The command line that runs: continued lines joined, a `#` comment and the here-document operator taken out,
   * and `cat <<EOF |` in front of kubectl dropped (the document becomes kubectl's standard input). '' for a line
   * that is only a comment.
   */
  line: string;
  /** The here-document's text, when the command has one. */
  stdin?: string;
  /** Its delimiter was not quoted (`<<EOF`), so bash expands `$NAME` and `$(…)` in it before the command reads it. */
  expandStdin?: true;
  /** Why the command cannot run here, when it cannot. */
  error?: string;
}

/**
 * The commands of a block. `open` says what the last lines (`rest`) leave unfinished: a here-document waiting for
 * its delimiter, a quote, a trailing backslash or a loop without its `done`; a shell would wait for more lines
 * before running that command.
 */
export interface Block { commands: BlockCommand[]; open?: 'heredoc' | 'quote' | 'continuation' | 'loop'; rest?: string[] }

/** What the terminal echoes of a command: `$ first` and `> ` before every line after it. */
export function echoOf(c: BlockCommand): string {
  return c.source.map((l, i) => `${i ? '> ' : '$ '}${l}\n`).join('');
}

// One logical line: its text (as the tokenizer is to read it) and its here-document operator's delimiter, if any
// (`tabs`: `<<-`, which takes leading tabs off the document's lines and the delimiter line).
interface Logical { text: string; heredoc?: { delim: string; tabs: boolean; quoted: boolean } }

/**
 * Reads lines from `lines[i]` up to the end of one logical line: inside quotes a line break is part of the text,
 * a backslash at the end of a line joins the next one. Returns the text, the number of lines read, and what is
 * left open when the lines run out first.
 */
function logicalLine(lines: readonly string[], i: number): { l: Logical; used: number; open?: 'quote' | 'continuation' } {
  let text = '';
  let quote = '';
  let heredoc: Logical['heredoc'];
  for (let j = i; j < lines.length; j++) {
    const line = lines[j];
    let k = 0;
    let continued = false;
    while (k < line.length) {
      const ch = line[k];
      if (quote === "'") {
        if (ch === "'") quote = '';
        text += ch; k++;
        continue;
      }
      if (ch === '\\') {
        // A backslash ending the line joins the next (outside single quotes, in double quotes too).
        if (k === line.length - 1) { continued = true; k++; break; }
        text += ch + line[k + 1]; k += 2;
        continue;
      }
      if (quote === '"') {
        if (ch === '"') quote = '';
        text += ch; k++;
        continue;
      }
      if (ch === "'" || ch === '"') { quote = ch; text += ch; k++; continue; }
      // A comment starts at a word's start and runs to the end of the line.
      if (ch === '#' && (text === '' || /\s$/.test(text))) break;
      if (ch === '<' && line[k + 1] === '<' && line[k + 2] !== '<' && !heredoc) {
        const m = /^<<(-?)[ \t]*(?:'([^']*)'|"([^"]*)"|([^\s;&|<>()'"]+))/.exec(line.slice(k));
        if (m) {
          heredoc = { delim: m[2] ?? m[3] ?? m[4], tabs: m[1] === '-', quoted: m[4] === undefined };
          k += m[0].length;
          continue;
        }
      }
      text += ch; k++;
    }
    if (quote) {
      if (j === lines.length - 1) return { l: { text, heredoc }, used: j - i + 1, open: 'quote' };
      text += '\n';
      continue;
    }
    if (continued) {
      if (j === lines.length - 1) return { l: { text, heredoc }, used: j - i + 1, open: 'continuation' };
      continue;
    }
    return { l: { text, heredoc }, used: j - i + 1 };
  }
  return { l: { text }, used: 0 };
}

/** Splits `source` (lines; a final line break is optional) into the commands it holds. Never throws. */
export function splitBlock(source: string): Block {
  const lines = source.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const commands: BlockCommand[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i].trim() === '') { i++; continue; }
    const { l, used, open } = logicalLine(lines, i);
    const start = i;
    const unfinished = (open: NonNullable<Block['open']>): Block => ({ commands, open, rest: lines.slice(start) });
    const source = lines.slice(i, i + used);
    i += used;
    if (open) return unfinished(open);
    let line = l.text.trim();
    if (l.heredoc) {
      const { delim, tabs } = l.heredoc;
      const strip = (s: string): string => (tabs ? s.replace(/^\t+/, '') : s);
      let j = i;
      while (j < lines.length && strip(lines[j]) !== delim) j++;
      if (j >= lines.length) return unfinished('heredoc');
      const body = lines.slice(i, j).map(strip);
      source.push(...lines.slice(i, j + 1));
      i = j + 1;
      const cat = /^cat\s*\|\s*([\s\S]*)$/.exec(line);
      if (cat) line = cat[1];
      // `cat <<EOF > web.yaml` writes the document to a local file (see LocalFs); `cat <<EOF` prints it.
      const error = cat || /^(kubectl|k|cat|grep|head|tail|wc|base64)(\s|$)/.test(line) ? undefined
        : 'only kubectl, cat and the tools output is piped into read a here-document in this terminal (cat <<EOF | kubectl apply -f -, cat <<EOF > web.yaml)';
      commands.push({
        source, line, stdin: body.length ? `${body.join('\n')}\n` : '', ...(l.heredoc.quoted ? {} : { expandStdin: true as const }),
        ...(error ? { error } : {}),
      });
      continue;
    }
    // A loop over several lines (`for i in 0 1; do` … `done`) is one command, its lines joined as a one-line loop.
    if (/^for\s/.test(line) && !ENDS_LOOP.test(line)) {
      const parts = [line];
      for (;;) {
        if (i >= lines.length) return unfinished('loop');
        if (lines[i].trim() === '') { source.push(lines[i++]); continue; }
        const next = logicalLine(lines, i);
        source.push(...lines.slice(i, i + next.used));
        i += next.used;
        if (next.open) return unfinished(next.open);
        const t = next.l.text.trim();
        if (t) parts.push(t);
        if (ENDS_LOOP.test(t)) break;
      }
      line = parts.join('; ').replace(/(^|[;\s])do;\s*/g, '$1do ').replace(/;\s*;/g, ';');
    }
    commands.push({ source, line });
  }
  return { commands };
}

// The last word of a loop.
const ENDS_LOOP = /(^|[;\s])done$/;

// A line that starts with one of the shell's own commands (then a blank, the end, or an operator), or an assignment.
const OWN_LINE = new RegExp(`^(${OWN_COMMANDS.join('|')})(\\s|$|[;&|<>])|^[A-Za-z_][A-Za-z0-9_]*=`);

/**
 * A typed line as the engine runs it: `kubectl …`, `sim …`, loops and the shell's own words (`echo`, `sleep`,
 * `export`, `NAME=value`), the local file commands (`cat`, `ls`, `rm`, `touch`, `vi`) and the tools output is piped
 * into (`grep`, `head`, `tail`, `wc`, `base64`) as they are; `k …` and bare verbs get the prefix.
 */
export function toScenarioLine(typed: string): string {
  const text = typed.trim();
  if (OWN_LINE.test(text)) return text;
  if (/^k(\s|$)/.test(text)) return `kubectl${text.slice(1)}`;
  return `kubectl ${text}`;
}

/**
 * One command of a list (`a; b`, `a && b`, `a || b`, `a & b`): `op` joins it to the one before (absent for the first;
 * `;` after a `&`); `background`: it ended with `&`, so it runs as a background job.
 */
export interface ListPart { op?: ';' | '&&' | '||'; text: string; background?: true }

/**
 * The commands of a list, split at `;`, `&`, `&&` and `||` outside quotes (a `|` alone is a pipe and stays), or null
 * when the line is no list. A trailing `;` or `&` ends the list; an operator with no command beside it is bash's
 * syntax error.
 */
export function splitList(line: string): ListPart[] | { error: string } | null {
  const parts: ListPart[] = [];
  let cur = '';
  let op: ListPart['op'];
  let quote = '';
  let found = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') { cur += ch + (line[i + 1] ?? ''); i++; continue; }
      cur += ch;
      continue;
    }
    if (ch === '\\') { cur += ch + (line[i + 1] ?? ''); i++; continue; }
    if (ch === "'" || ch === '"') { quote = ch; cur += ch; continue; }
    const two = line.slice(i, i + 2);
    if (two === ';;') return { error: "syntax error near unexpected token `;;'" };
    // A lone `&` sends the command before it to the background, and ends it as `;` does (`&&`, and `&` in a
    // redirection, `2>&1`, `&>`, `>&2`, `|&`, are not it).
    const background = ch === '&' && two !== '&&' && line[i + 1] !== '>' && !'><&|'.includes(line[i - 1] ?? ' ');
    const next: ListPart['op'] | '&' | undefined = background ? '&' : two === '&&' || two === '||' ? two : ch === ';' && line[i + 1] !== ';' ? ';' : undefined;
    if (!next) { cur += ch; continue; }
    found = true;
    if (!cur.trim()) return { error: `syntax error near unexpected token \`${next}'` };
    parts.push({ ...(op ? { op } : {}), text: cur.trim(), ...(next === '&' ? { background: true as const } : {}) });
    op = next === '&' ? ';' : next;
    cur = '';
    i += next.length - 1;
  }
  if (!found) return null;
  if (!cur.trim()) {
    if (op !== ';') return { error: 'syntax error: unexpected end of file' };
    return parts;
  }
  parts.push({ op, text: cur.trim() });
  return parts;
}

/** What the terminal sends to the interactive shell it is attached to for Ctrl-C at the prompt (ETX, as a terminal sends it). */
export const SHELL_INTERRUPT = '\u0003';

/** What it sends for Ctrl-D at the shell's `>` prompt (EOT): the end of input in the middle of a command. */
export const SHELL_EOF = '\u0004';
