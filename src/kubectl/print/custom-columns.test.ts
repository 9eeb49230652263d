import { describe, expect, it } from 'vitest';
import { KubectlError } from '../errors.ts';
import { CustomColumnsPrinter, customColumnsRow, parseCustomColumns } from './custom-columns.ts';
import { goSprint } from './go-fmt.ts';

const err = (f: () => unknown): string => {
  try { f(); } catch (e) { if (e instanceof KubectlError) return e.text; throw e; }
  return '';
};

describe('custom columns', () => {
  it('parses HEADER:path pairs with every relaxed path form kubectl takes', () => {
    expect(parseCustomColumns('custom-columns=A:.a.b,B:a.b,C:{a.b},D:{.a.b},E:,F:x:y')).toEqual([
      { header: 'A', template: '{.a.b}' }, { header: 'B', template: '{.a.b}' }, { header: 'C', template: '{.a.b}' },
      { header: 'D', template: '{.a.b}' }, { header: 'E', template: '' }, { header: 'F', template: '{.x:y}' },
    ]);
  });

  it("refuses a missing or malformed spec in kubectl's words", () => {
    expect(err(() => parseCustomColumns('custom-columns'))).toBe('error: custom-columns format specified but no custom columns given');
    expect(err(() => parseCustomColumns('custom-columns='))).toBe('error: custom-columns format specified but no custom columns given');
    expect(err(() => parseCustomColumns('custom-columns=NAME:.a,AGE'))).toBe('error: unexpected custom-columns spec: AGE, expected <header>:<json-path-expr>');
    expect(err(() => parseCustomColumns('custom-columns=N:{.a}}'))).toBe("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  });

  it("prints values as Go's fmt.Sprint prints decoded JSON", () => {
    expect(goSprint('x')).toBe('x');
    expect(goSprint(3)).toBe('3');
    expect(goSprint(0.5)).toBe('0.5');
    expect(goSprint(123456.5)).toBe('123456.5');
    expect(goSprint(1234567.5)).toBe('1.2345675e+06');
    expect(goSprint(1.5e21)).toBe('1.5e+21');
    expect(goSprint(0.00001)).toBe('1e-05');
    expect(goSprint(true)).toBe('true');
    expect(goSprint(null)).toBe('<nil>');
    expect(goSprint({ b: 1, a: { d: 'x', c: [1, 'y'] } })).toBe('map[a:map[c:[1 y] d:x] b:1]');
    expect(goSprint([])).toBe('[]');
    expect(goSprint({})).toBe('map[]');
  });

  it('joins a path\'s values with commas, <none> when it finds nothing, and escapes terminal control characters', () => {
    const cols = parseCustomColumns('custom-columns=IMAGES:.spec.containers[*].image,X:.nope,E:,N:.metadata.annotations.note');
    const pod = { spec: { containers: [{ image: 'nginx' }, { image: 'busybox' }] }, metadata: { annotations: { note: 'a\x1b[31m\rb' } } };
    expect(customColumnsRow(cols, pod)).toBe('nginx,busybox\t<none>\t<none>\ta^[[31m\\rb');
  });

  it('prints the header once and keeps column widths across calls (a watch)', () => {
    const p = new CustomColumnsPrinter(parseCustomColumns('custom-columns=NAME:.n,V:.v'), false);
    const out: string[] = [];
    p.print([{ n: 'a-long-name', v: 1 }], (t) => out.push(t));
    p.print([{ n: 'b', v: 2 }], (t) => out.push(t));
    expect(out).toEqual(['NAME          V\na-long-name   1\n', 'b             2\n']);
    const quiet = new CustomColumnsPrinter(parseCustomColumns('custom-columns=NAME:.n'), true);
    const q: string[] = [];
    quiet.print([{ n: 'a' }], (t) => q.push(t));
    expect(q).toEqual(['a\n']);
  });

  it('fails on a path that does not parse after printing the header, as kubectl does', () => {
    // (`.metadata.na!me` parses: a field name runs to the next `.`, `[`, space or brace.)
    const p = new CustomColumnsPrinter(parseCustomColumns('custom-columns=NAME:.metadata[x]'), false);
    const out: string[] = [];
    expect(err(() => p.print([{}], (t) => out.push(t)))).toBe('error: invalid array index x');
    expect(out).toEqual(['NAME\n']);
  });
});
