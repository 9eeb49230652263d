// ANSI escapes in terminal output (`kubectl cluster-info` colours its names and links): a line's text split into
// styled segments. Pure; the escapes never reach the DOM, so they are neither shown, read aloud nor copied.
// SGR (`ESC[…m`) sets bold and the 16 foreground colours; every other escape sequence is dropped.

/** A standard or bright foreground colour (SGR 30–37, 90–97). */
export type AnsiColor =
  | 'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white'
  | 'bright-black' | 'bright-red' | 'bright-green' | 'bright-yellow' | 'bright-blue' | 'bright-magenta' | 'bright-cyan' | 'bright-white';

/** A run of text in one style; `fg` absent: the line's own colour. */
export interface AnsiSegment { text: string; fg?: AnsiColor; bold?: true }

const COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;

// CSI (ESC [ params intermediates final; cut off at the end of the line), OSC (ESC ] … BEL or ESC \), any other
// two-byte escape (ESC 7, ESC c), a lone ESC.
const ESCAPE = /\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\[[0-?]*[ -/]*$|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[0-~]?/g;

interface Style { fg?: AnsiColor; bold?: true }

/** Applies one SGR parameter list (`0;32`, empty meaning reset) to `style`; unknown codes change nothing. */
function applySgr(style: Style, params: string): Style {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let next: Style = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) next = {};
    else if (c === 1) next.bold = true;
    else if (c === 22) delete next.bold;
    else if (c >= 30 && c <= 37) next.fg = COLORS[c - 30];
    else if (c >= 90 && c <= 97) next.fg = `bright-${COLORS[c - 90]}`;
    else if (c === 39) delete next.fg;
    // 256-colour and RGB colours (38/48;5;n, 38/48;2;r;g;b) are not shown; skip their arguments so that they are
    // not read as codes of their own.
    else if (c === 38 || c === 48) i += codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
  }
  return next;
}

/**
 * Splits `text` at its escape sequences into segments with the style in force, starting unstyled. The segments'
 * texts joined are `text` without any escape; empty runs are left out, and adjacent runs of one style merged.
 */
export function parseAnsi(text: string): AnsiSegment[] {
  if (!text.includes('\x1b')) return text ? [{ text }] : [];
  const out: AnsiSegment[] = [];
  let style: Style = {};
  const push = (s: string): void => {
    if (!s) return;
    const prev = out[out.length - 1];
    if (prev && prev.fg === style.fg && prev.bold === style.bold) prev.text += s;
    else out.push({ text: s, ...(style.fg ? { fg: style.fg } : {}), ...(style.bold ? { bold: true } : {}) });
  };
  let at = 0;
  for (const m of text.matchAll(ESCAPE)) {
    push(text.slice(at, m.index));
    at = m.index + m[0].length;
    if (m[2] === 'm' && /^[\d;:]*$/.test(m[1])) style = applySgr(style, m[1]);
  }
  push(text.slice(at));
  return out;
}

/** `text` without its escape sequences. */
export function stripAnsi(text: string): string {
  return text.includes('\x1b') ? parseAnsi(text).map((s) => s.text).join('') : text;
}

/** The CSS classes of a styled segment (`ansi-red`, `ansi-bold`); empty for an unstyled one. */
export function ansiClass(s: AnsiSegment): string {
  return [s.fg ? `ansi-${s.fg}` : '', s.bold ? 'ansi-bold' : ''].filter(Boolean).join(' ');
}
