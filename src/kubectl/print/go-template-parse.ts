// The lexer and parser of Go's text/template for kubectl's `-o go-template`: text, comments, trim markers,
// pipelines, variables, if/else if/with/range/break/continue, parenthesised pipelines. Models
// text/template/parse (lex.go, parse.go, node.go String forms); errors carry Go's texts.

/** A parse error: `template: output:LINE: MESSAGE`, as Template.Parse returns it. */
export class GoTemplateParseError extends Error {}

type TokType = 'text' | 'comment' | 'left' | 'right' | 'space' | 'field' | 'variable' | 'ident' | 'keyword' | 'dot'
  | 'bool' | 'nil' | 'number' | 'char' | 'charConst' | 'string' | 'rawString' | 'pipe' | 'lparen' | 'rparen'
  | 'declare' | 'assign' | 'error' | 'eof';

interface Tok { typ: TokType; val: string; pos: number; line: number }

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string): boolean => c === '_' || /^[\p{L}\p{Nd}]$/u.test(c);

// Go's lexer, run to the end (or its first error) before parsing; the parser reads the tokens in order.
function lex(input: string): Tok[] {
  const toks: Tok[] = [];
  let pos = 0;
  let start = 0;
  const lineAt = (p: number): number => 1 + (input.slice(0, p).match(/\n/g)?.length ?? 0);
  const emit = (typ: TokType): void => { toks.push({ typ, val: input.slice(start, pos), pos: start, line: lineAt(start) }); start = pos; };
  const fail = (msg: string): Tok[] => { toks.push({ typ: 'error', val: msg, pos: start, line: lineAt(start) }); return toks; };
  const hasLeftTrim = (p: number): boolean => input[p] === '-' && isSpace(input[p + 1] ?? '');
  const atRight = (): { delim: boolean; trim: boolean } => {
    if (input.startsWith('}}', pos)) return { delim: true, trim: false };
    if (isSpace(input[pos] ?? '') && input[pos + 1] === '-' && input.startsWith('}}', pos + 2)) return { delim: true, trim: true };
    return { delim: false, trim: false };
  };
  const atTerminator = (): boolean => {
    const c = input[pos];
    return c === undefined || isSpace(c) || '.,|:)(}'.includes(c);
  };
  for (;;) {
    // Text up to the next action; a left trim marker eats the spaces before it.
    const x = input.indexOf('{{', pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit('text');
      emit('eof');
      return toks;
    }
    pos = x;
    const trim = hasLeftTrim(x + 2) ? pos - start - input.slice(start, pos).replace(/[ \t\r\n]+$/, '').length : 0;
    pos -= trim;
    if (pos > start) emit('text');
    pos += trim;
    start = pos;
    pos += 2;
    const after = hasLeftTrim(pos) ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      start = pos;
      const end = input.indexOf('*/', pos + 2);
      if (end < 0) return fail('unclosed comment');
      pos = end + 2;
      const r = atRight();
      if (!r.delim) return fail('comment ends before closing delimiter');
      pos += (r.trim ? 2 : 0) + 2;
      if (r.trim) while (isSpace(input[pos] ?? '')) pos++;
      start = pos;
      continue;
    }
    emit('left');
    pos += after;
    start = pos;
    let parens = 0;
    // Inside the action.
    for (;;) {
      const r = atRight();
      if (r.delim) {
        if (parens !== 0) return fail('unclosed left paren');
        if (r.trim) { pos += 2; start = pos; }
        pos += 2;
        emit('right');
        if (r.trim) while (isSpace(input[pos] ?? '')) pos++;
        start = pos;
        break;
      }
      const c = input[pos];
      if (c === undefined) return fail('unclosed action');
      if (isSpace(c)) {
        let n = 0;
        while (isSpace(input[pos] ?? '')) { pos++; n++; }
        // A space then `-}}` is a trim-marked right delimiter.
        if (input[pos] === '-' && input.startsWith('}}', pos + 1)) {
          pos--;
          if (n === 1) continue;
        }
        emit('space');
        continue;
      }
      pos++;
      if (c === '=') emit('assign');
      else if (c === ':') {
        if (input[pos++] !== '=') return fail('expected :=');
        emit('declare');
      } else if (c === '|') emit('pipe');
      else if (c === '"') {
        for (;;) {
          const q = input[pos++];
          if (q === '\\') { const n = input[pos++]; if (n !== undefined && n !== '\n') continue; }
          if (q === undefined || q === '\\' || q === '\n') return fail('unterminated quoted string');
          if (q === '"') break;
        }
        emit('string');
      } else if (c === '`') {
        const end = input.indexOf('`', pos);
        if (end < 0) return fail('unterminated raw quoted string');
        pos = end + 1;
        emit('rawString');
      } else if (c === '$' || (c === '.' && !(input[pos] >= '0' && input[pos] <= '9'))) {
        if (atTerminator()) { emit(c === '$' ? 'variable' : 'dot'); continue; }
        while (pos < input.length && isAlnum(input[pos])) pos++;
        if (!atTerminator()) return fail(`bad character ${goRune(input[pos])}`);
        emit(c === '$' ? 'variable' : 'field');
      } else if (c === '\'') {
        for (;;) {
          const q = input[pos++];
          if (q === '\\') { const n = input[pos++]; if (n !== undefined && n !== '\n') continue; }
          if (q === undefined || q === '\\' || q === '\n') return fail('unterminated character constant');
          if (q === '\'') break;
        }
        emit('charConst');
      } else if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
        pos--;
        const m = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?|[0-9_]*(\.[0-9_]*)?)([eEpP][+-]?[0-9_]+)?i?/.exec(input.slice(pos))!;
        pos += m[0].length;
        if (pos < input.length && isAlnum(input[pos])) { pos++; return fail(`bad number syntax: ${JSON.stringify(input.slice(start, pos))}`); }
        emit('number');
      } else if (isAlnum(c)) {
        while (pos < input.length && isAlnum(input[pos])) pos++;
        if (!atTerminator()) return fail(`bad character ${goRune(input[pos])}`);
        const word = input.slice(start, pos);
        emit(KEYWORDS.has(word) ? (word === 'nil' ? 'nil' : 'keyword') : word === 'true' || word === 'false' ? 'bool' : 'ident');
      } else if (c === '(') { emit('lparen'); parens++; } else if (c === ')') {
        emit('rparen');
        if (--parens < 0) return fail(`unexpected right paren ${goRune(')')}`);
      } else if (c.charCodeAt(0) < 0x80 && c.charCodeAt(0) >= 0x20) emit('char');
      else return fail(`unrecognized character in action: ${goRune(c)}`);
    }
  }
}

/** fmt's %#U of a character: `U+007D '}'`. */
function goRune(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

// The parse tree. `pos` is the byte offset used in execution errors (`output:1:14`).
export type Arg =
  | { t: 'field'; pos: number; idents: string[] }
  | { t: 'var'; pos: number; name: string; idents: string[] }
  | { t: 'dot'; pos: number }
  | { t: 'nil'; pos: number }
  | { t: 'bool'; pos: number; v: boolean }
  | { t: 'number'; pos: number; text: string; v: bigint | number }
  | { t: 'string'; pos: number; text: string; v: string }
  | { t: 'ident'; pos: number; name: string }
  | { t: 'pipe'; pos: number; pipe: Pipe }
  | { t: 'chain'; pos: number; node: Arg; idents: string[] };
export interface Cmd { pos: number; args: Arg[] }
export interface Pipe { pos: number; decl: string[]; isAssign: boolean; cmds: Cmd[] }
export type TNode =
  | { t: 'text'; text: string }
  | { t: 'action'; pos: number; pipe: Pipe }
  | { t: 'if' | 'with' | 'range'; pos: number; pipe: Pipe; list: TNode[]; elseList: TNode[] | null }
  | { t: 'break' | 'continue'; pos: number };

/** A node as Go's parse package prints it (the `<…>` of an execution error). */
export function argString(a: Arg): string {
  switch (a.t) {
    case 'field': return a.idents.map((i) => '.' + i).join('');
    case 'var': return a.name + a.idents.map((i) => '.' + i).join('');
    case 'dot': return '.';
    case 'nil': return 'nil';
    case 'bool': return String(a.v);
    case 'number': case 'string': return a.text;
    case 'ident': return a.name;
    case 'pipe': return '(' + pipeString(a.pipe) + ')';
    case 'chain': return argString(a.node) + a.idents.map((i) => '.' + i).join('');
  }
}

/** A command as Go prints it: its operands separated by spaces. */
export function cmdString(c: Cmd): string {
  return c.args.map(argString).join(' ');
}

function pipeString(p: Pipe): string {
  const decl = p.decl.length ? p.decl.join(', ') + (p.isAssign ? ' = ' : ' := ') : '';
  return decl + p.cmds.map(cmdString).join(' | ');
}

/** Go's item String: EOF, `<keyword>`, or the quoted text (cut at ten characters). */
function tokString(t: Tok): string {
  if (t.typ === 'eof') return 'EOF';
  if (t.typ === 'error') return t.val;
  if (t.typ === 'keyword' || t.typ === 'nil') return `<${t.val}>`;
  const q = JSON.stringify(t.val);
  return t.val.length > 10 ? JSON.stringify(t.val.slice(0, 10)) + '...' : q;
}

/** Parses a template; throws GoTemplateParseError with Go's text. `funcs` are the names that may be called. */
export function parseTemplate(text: string, name: string, funcs: ReadonlySet<string>): TNode[] {
  const toks = lex(text);
  let i = 0;
  let furthest = 0;
  let actionLine = 0;
  let rangeDepth = 0;
  const vars: string[] = ['$'];
  const fail = (msg: string): never => {
    throw new GoTemplateParseError(`template: ${name}:${toks[furthest].line}: ${msg}`);
  };
  const next = (): Tok => { const t = toks[Math.min(i, toks.length - 1)]; i++; furthest = Math.max(furthest, Math.min(i - 1, toks.length - 1)); return t; };
  const backup = (): void => { i--; };
  const peek = (): Tok => { const t = next(); backup(); return t; };
  const nextNonSpace = (): Tok => { let t = next(); while (t.typ === 'space') t = next(); return t; };
  // Like Go's: the spaces stay consumed, only the token is put back.
  const peekNonSpace = (): Tok => { const t = nextNonSpace(); backup(); return t; };
  const unexpected = (t: Tok, context: string): never => {
    if (t.typ === 'error') {
      let extra = '';
      if (actionLine !== 0 && actionLine !== t.line) {
        extra = ` in action started at ${name}:${actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      return fail(t.val + extra);
    }
    return fail(`unexpected ${tokString(t)} in ${context}`);
  };

  function itemList(): { list: TNode[]; end: 'end' | 'else'; elseTok?: Tok } {
    const list: TNode[] = [];
    while (peekNonSpace().typ !== 'eof') {
      const n = textOrAction();
      if (n === 'end' || n === 'else') return { list, end: n };
      if (n) list.push(n);
    }
    return fail('unexpected EOF');
  }

  function textOrAction(): TNode | 'end' | 'else' | null {
    const t = nextNonSpace();
    if (t.typ === 'text') return { t: 'text', text: t.val };
    if (t.typ === 'left') {
      actionLine = t.line;
      try { return action(); } finally { actionLine = 0; }
    }
    return unexpected(t, 'input');
  }

  function action(): TNode | 'end' | 'else' {
    const t = nextNonSpace();
    if (t.typ === 'keyword') {
      switch (t.val) {
        case 'end': { const r = nextNonSpace(); if (r.typ !== 'right') unexpected(r, 'end'); return 'end'; }
        case 'else': {
          const p = peekNonSpace();
          if (p.typ === 'keyword' && (p.val === 'if' || p.val === 'with')) return 'else';
          const r = nextNonSpace();
          if (r.typ !== 'right') unexpected(r, 'else');
          return 'else';
        }
        case 'if': case 'with': case 'range': return control(t.val);
        case 'break': case 'continue': {
          const r = nextNonSpace();
          if (r.typ !== 'right') unexpected(r, `{{${t.val}}}`);
          if (rangeDepth === 0) fail(`{{${t.val}}} outside {{range}}`);
          return { t: t.val, pos: t.pos };
        }
        case 'nil': break;
        default:
          // {{define}}, {{template}} and {{block}} are not modelled.
          return fail(`unexpected <${t.val}> in command`);
      }
    }
    backup();
    const p = peek();
    return { t: 'action', pos: p.pos, pipe: pipeline('command', 'right') };
  }

  function control(kind: 'if' | 'with' | 'range'): TNode {
    const depth = vars.length;
    try {
      const pipe = pipeline(kind, 'right');
      if (kind === 'range') rangeDepth++;
      const body = itemList();
      if (kind === 'range') rangeDepth--;
      let elseList: TNode[] | null = null;
      if (body.end === 'else') {
        const p = peek();
        if (kind !== 'range' && p.typ === 'keyword' && p.val === kind) {
          // {{else if …}} is {{else}}{{if …}}…{{end}}{{end}} with one {{end}}.
          next();
          elseList = [control(kind)];
        } else {
          const rest = itemList();
          if (rest.end !== 'end') fail('expected end; found {{else}}');
          elseList = rest.list;
        }
      }
      return { t: kind, pos: pipe.pos, pipe, list: body.list, elseList };
    } finally {
      vars.length = depth;
    }
  }

  function pipeline(context: string, end: 'right' | 'rparen'): Pipe {
    const first = peekNonSpace();
    const pipe: Pipe = { pos: first.pos, decl: [], isAssign: false, cmds: [] };
    for (;;) {
      const v = peekNonSpace();
      if (v.typ !== 'variable') break;
      // Three tokens of look-ahead: `$x :=` declares, `$x foo` is an argument (then put everything back).
      const at = i;
      nextNonSpace();
      const n = peekNonSpace();
      if (n.typ === 'assign' || n.typ === 'declare') {
        pipe.isAssign = n.typ === 'assign';
        nextNonSpace();
        pipe.decl.push(v.val);
        if (pipe.isAssign) { if (!vars.includes(v.val)) fail(`undefined variable "${v.val}"`); } else vars.push(v.val);
        break;
      }
      if (n.typ === 'char' && n.val === ',') {
        nextNonSpace();
        pipe.decl.push(v.val);
        vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = peekNonSpace();
          if (p.typ === 'variable' || p.typ === 'right' || p.typ === 'rparen') continue;
          fail('range can only initialize variables');
        }
        fail(`too many declarations in ${context}`);
      }
      i = at;
      break;
    }
    for (;;) {
      const t = nextNonSpace();
      if (t.typ === end) {
        if (pipe.cmds.length === 0) fail(`missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, k) => {
          if (['bool', 'dot', 'nil', 'number', 'string'].includes(c.args[0].t)) fail(`non executable command in pipeline stage ${k + 2}`);
        });
        return pipe;
      }
      if (['bool', 'charConst', 'dot', 'field', 'ident', 'number', 'nil', 'rawString', 'string', 'variable', 'lparen'].includes(t.typ)) {
        backup();
        pipe.cmds.push(command());
      } else unexpected(t, context);
    }
  }

  function command(): Cmd {
    const cmd: Cmd = { pos: peekNonSpace().pos, args: [] };
    for (;;) {
      peekNonSpace();
      const op = operand();
      if (op) cmd.args.push(op);
      const t = next();
      if (t.typ === 'space') continue;
      if (t.typ === 'right' || t.typ === 'rparen') backup();
      else if (t.typ !== 'pipe') unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) fail('empty command');
    return cmd;
  }

  function operand(): Arg | null {
    let node = term();
    if (!node) return null;
    if (peek().typ === 'field') {
      const pos = peek().pos;
      const idents: string[] = [];
      while (peek().typ === 'field') idents.push(next().val.slice(1));
      if (node.t === 'field') node = { t: 'field', pos, idents: [...node.idents, ...idents] };
      else if (node.t === 'var') node = { t: 'var', pos, name: node.name, idents: [...node.idents, ...idents] };
      else if (['bool', 'string', 'number', 'nil', 'dot'].includes(node.t)) fail(`unexpected . after term ${JSON.stringify(argString(node))}`);
      else node = { t: 'chain', pos, node, idents };
    }
    return node;
  }

  function term(): Arg | null {
    const t = nextNonSpace();
    switch (t.typ) {
      case 'error': return fail(t.val);
      case 'ident':
        if (!funcs.has(t.val)) fail(`function ${JSON.stringify(t.val)} not defined`);
        return { t: 'ident', pos: t.pos, name: t.val };
      case 'dot': return { t: 'dot', pos: t.pos };
      case 'nil': return { t: 'nil', pos: t.pos };
      case 'variable': {
        const [nm, ...rest] = t.val.split('.');
        if (!vars.includes(nm)) fail(`undefined variable "${nm}"`);
        return { t: 'var', pos: t.pos, name: nm, idents: rest };
      }
      case 'field': return { t: 'field', pos: t.pos, idents: [t.val.slice(1)] };
      case 'bool': return { t: 'bool', pos: t.pos, v: t.val === 'true' };
      case 'charConst': case 'number': return numberArg(t);
      case 'lparen': {
        const pipe = pipeline('parenthesized pipeline', 'rparen');
        return { t: 'pipe', pos: t.pos, pipe };
      }
      case 'string': case 'rawString': return { t: 'string', pos: t.pos, text: t.val, v: unquote(t.val) };
    }
    backup();
    return null;
  }

  function numberArg(t: Tok): Arg {
    if (t.typ === 'charConst') {
      const s = unquote('"' + t.val.slice(1, -1).replace(/"/g, '\\"') + '"');
      if ([...s].length !== 1) fail(`malformed character constant: ${t.val}`);
      return { t: 'number', pos: t.pos, text: t.val, v: BigInt(s.codePointAt(0)!) };
    }
    const clean = t.val.replace(/_/g, '');
    if (/^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]*|[1-9][0-9]*)$/.test(clean)) {
      const neg = clean.startsWith('-');
      const body = clean.replace(/^[+-]/, '');
      const v = BigInt(/^0[0-7]+$/.test(body) ? '0o' + body.slice(1) : body.replace(/^0[oO]/, '0o'));
      return { t: 'number', pos: t.pos, text: t.val, v: neg ? -v : v };
    }
    const f = Number(clean);
    if (clean === '' || Number.isNaN(f) || /i$/.test(clean)) fail(`illegal number syntax: ${JSON.stringify(t.val)}`);
    return { t: 'number', pos: t.pos, text: t.val, v: f };
  }

  // The top level: like itemList, where {{end}} and {{else}} are errors.
  const root: TNode[] = [];
  while (peek().typ !== 'eof') {
    const n = textOrAction();
    if (n === 'end' || n === 'else') fail(`unexpected {{${n}}}`);
    else if (n) root.push(n);
  }
  return root;
}

/** strconv.Unquote of a Go string literal (interpreted or raw). */
function unquote(lit: string): string {
  if (lit.startsWith('`')) return lit.slice(1, -1).replace(/\r/g, '');
  const body = lit.slice(1, -1);
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_m, e: string) => {
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"', '\'': '\'' };
    if (e in simple) return simple[e];
    if (/^[xuU]/.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]{3}$/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return e;
  });
}
