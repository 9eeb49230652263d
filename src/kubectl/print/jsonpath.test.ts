import { describe, expect, it } from 'vitest';
import { JsonPathError, JsonPathExecError, jsonPathPrint, jsonPathTemplateError, jsonpath, jsonpathValues } from './jsonpath.ts';
import { goSharpV } from './go-dump.ts';

const pod = {
  metadata: { name: 'web-0', labels: { app: 'nginx', 'kubernetes.io/hostname': 'node-1' } },
  spec: { hostname: 'web-0', subdomain: 'nginx', replicas: 3, ratio: 1.5 },
  status: { conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'False' }] },
};

const node = (name: string, cpu: string, extra: Record<string, unknown> = {}): unknown => ({ metadata: { name, labels: { ...extra } }, status: { capacity: { cpu } } });
const nodes = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [node('a', '2', { x: 'y' }), node('b', '4'), node('c', '8'), node('d', '2')] };

// The engine's own words for a template that fails on `data`.
const execError = (template: string, data: unknown = nodes, allowMissingKeys = true): string => {
  try {
    jsonpath(template, data, { allowMissingKeys });
  } catch (e) {
    if (e instanceof JsonPathExecError) return e.message;
    throw e;
  }
  return '';
};
const parseError = (template: string): string | null => jsonPathTemplateError(template);

describe('jsonpath', () => {
  it('prints fields with literal text around them', () => {
    expect(jsonpath('{.spec.hostname}.{.spec.subdomain}', pod)).toBe('web-0.nginx');
    expect(jsonpath('{.metadata.labels}', pod)).toBe('{"app":"nginx","kubernetes.io/hostname":"node-1"}');
    expect(jsonpath('{.status.missing}', pod)).toBe('');
  });

  it('prints maps and lists as json.Marshal does: keys in byte order, HTML-safe escapes', () => {
    const o = { metadata: { uid: 'u', name: 'n', annotations: { z: '<a&b>', a: '1' } } };
    expect(jsonpath('{.metadata}', o)).toBe('{"annotations":{"a":"1","z":"\\u003ca\\u0026b\\u003e"},"name":"n","uid":"u"}');
  });

  it('prints a JSON null as null (as kubectl 1.33 does), and numbers as Go prints int64 and float64', () => {
    expect(jsonpath('{.a}', { a: null })).toBe('null');
    expect(jsonpath('{range .items[*]}{.t}|{end}', { items: [{ t: null }, { t: 'x' }] })).toBe('null|x|');
    expect(jsonpath('{.spec.replicas} {.spec.ratio}', pod)).toBe('3 1.5');
  });

  it('filters, indexes and ranges', () => {
    expect(jsonpath('{.status.conditions[?(@.type=="Ready")].status}', pod)).toBe('False');
    expect(jsonpath("{.status.conditions[?(@.type=='Ready')].status}", pod)).toBe('False');
    expect(jsonpath('{.status.conditions[0].type}', pod)).toBe('Initialized');
    expect(jsonpath('{.status.conditions[*].type}', pod)).toBe('Initialized Ready');
    const list = { kind: 'List', items: [pod, { ...pod, metadata: { name: 'web-1' } }] };
    expect(jsonpath('{range .items[*]}{.metadata.name}{"\\n"}{end}', list)).toBe('web-0\nweb-1\n');
    expect(jsonpath("{range .items[*]}[{.metadata.name}]{end}{'\\n'}", list)).toBe('[web-0][web-1]\n');
  });

  it('runs nested ranges, text after a range, and a range without an end', () => {
    const list = { items: [{ n: 'a', c: [1, 2] }, { n: 'b', c: [3] }] };
    expect(jsonpath('{range .items[*]}{.n}:{range .c[*]}{@},{end};{end}!', list)).toBe('a:1,2,;b:3,;!');
    expect(jsonpath('{range .items[*]}{.n}', list)).toBe('ab');
    // A range over nothing still finds its end.
    expect(jsonpath('{range .none[*]}x{end}y', list)).toBe('y');
  });

  it('compares with every operator, numbers as ints or floats, booleans and strings', () => {
    expect(jsonpath('{.items[?(@.v>1)].n}', { items: [{ n: 'a', v: 1 }, { n: 'b', v: 2 }] })).toBe('b');
    expect(jsonpath('{.items[?(@.v>=1)].n}', { items: [{ n: 'a', v: 1 }, { n: 'b', v: 2 }] })).toBe('a b');
    expect(jsonpath('{.items[?(@.v<2)].n}', { items: [{ n: 'a', v: 1 }, { n: 'b', v: 2 }] })).toBe('a');
    expect(jsonpath('{.items[?(@.v<=2)].n}', { items: [{ n: 'a', v: 1 }, { n: 'b', v: 2 }] })).toBe('a b');
    expect(jsonpath('{.items[?(@.v!=1)].n}', { items: [{ n: 'a', v: 1 }, { n: 'b', v: 2 }] })).toBe('b');
    expect(jsonpath('{.items[?(@.v > 1.5)].n}', { items: [{ n: 'a', v: 1.25 }, { n: 'b', v: 2.5 }] })).toBe('b');
    expect(jsonpath('{.items[?(@.ok==true)].n}', { items: [{ n: 'a', ok: false }, { n: 'b', ok: true }] })).toBe('b');
    expect(jsonpath('{.items[?(@.n<"b")].n}', { items: [{ n: 'a' }, { n: 'b' }] })).toBe('a');
  });

  it('keeps the items an existence filter finds something in; an empty filter keeps them all', () => {
    expect(jsonpath('{.items[?(@.metadata.labels.x)].metadata.name}', nodes)).toBe('a');
    expect(jsonpath('{.items[?()].metadata.name}', nodes)).toBe('a b c d');
  });

  it('skips the items a comparison finds nothing in', () => {
    expect(jsonpath('{.items[?(@.x>1)]}', nodes)).toBe('');
    expect(jsonpath('{.items[?(@.x>1.5)].metadata.name}', nodes)).toBe('');
  });

  it("fails a filter in kubectl's words", () => {
    expect(execError('{.items[?(@.metadata.name==kind-worker)].metadata.name}')).toBe('unrecognized identifier kind-worker');
    expect(execError('{.items[?(@ == nil)]}')).toBe('unrecognized identifier nil');
    expect(execError('{.items[?(@.status.capacity.cpu>=2)].metadata.name}')).toBe('incompatible types for comparison');
    expect(execError('{.items[?(@.metadata.name!=true)].metadata.name}')).toBe('incompatible types for comparison');
    expect(execError('{.items[?(@.metadata.labels<"x")]}')).toBe('invalid type for comparison');
    expect(execError('{.items[?(@.a=1)]}', { items: [{ a: 1 }] })).toBe('unrecognized filter operator =');
    expect(execError('{.items[?(@.a[*]==1)]}', { items: [{ a: [1, 2] }] })).toBe('can only compare one element at a time');
    expect(execError('{.metadata[?(@.a)]}')).toBe('map[resourceVersion:] is not array or slice and cannot be filtered');
    expect(parseError('{.items[?(@.a ~ b)]}')).toBe("error: error parsing jsonpath {.items[?(@.a ~ b)]}, unrecognized character in action: U+007E '~'");
    expect(parseError('{.items[?(@.a)}')).toBe('error: error parsing jsonpath {.items[?(@.a)}, unclosed array expect ]');
    expect(parseError('{.items[?(@.a}')).toBe('error: error parsing jsonpath {.items[?(@.a}, unterminated filter');
  });

  it('slices, steps and counts from the end', () => {
    expect(jsonpath('{.items[0:2].metadata.name}', nodes)).toBe('a b');
    expect(jsonpath('{.items[::2].metadata.name}', nodes)).toBe('a c');
    expect(jsonpath('{.items[1:].metadata.name}', nodes)).toBe('b c d');
    expect(jsonpath('{.items[-1].metadata.name}', nodes)).toBe('d');
    expect(jsonpath('{.items[-2:].metadata.name}', nodes)).toBe('c d');
    expect(jsonpath('{.items[0,2].metadata.name}', nodes)).toBe('a c');
    expect(jsonpath('{.items[2:2].metadata.name}', nodes)).toBe('');
  });

  it("fails an index out of range in kubectl's words", () => {
    expect(execError('{.items[99]}')).toBe('array index out of bounds: index 99, length 4');
    expect(execError('{.items[1:9]}')).toBe('array index out of bounds: index 8, length 4');
    expect(execError('{.items[3:1]}')).toBe('starting index 3 is greater than ending index 1');
    expect(execError('{.items[0:2:0]}')).toBe('step must be > 0');
    expect(execError('{.metadata[0]}')).toBe('map[string]interface {} is not array or slice');
    expect(parseError('{.items[a]}')).toBe('error: error parsing jsonpath {.items[a]}, invalid array index a');
    expect(parseError('{.items[1:x]}')).toBe('error: error parsing jsonpath {.items[1:x]}, invalid array index 1:x');
    expect(parseError('{.items[0}')).toBe('error: error parsing jsonpath {.items[0}, unterminated array');
  });

  it('reads escaped dots and quoted keys as one field name; a double-quoted key is no index', () => {
    expect(jsonpath('{.metadata.labels.kubernetes\\.io/hostname}', pod)).toBe('node-1');
    expect(jsonpath("{.metadata['name']}", pod)).toBe('web-0');
    expect(jsonpath("{.metadata['name','labels']}", pod)).toBe('web-0 {"app":"nginx","kubernetes.io/hostname":"node-1"}');
    expect(parseError('{.items[0].metadata["name"]}')).toBe('error: error parsing jsonpath {.items[0].metadata["name"]}, invalid array index "name"');
  });

  it('descends recursively, and starts from the root with $ or @', () => {
    expect(jsonpath('{..name}', nodes)).toBe('a b c d');
    expect(jsonpath('{$.items[0].metadata.name}', nodes)).toBe('a');
    expect(jsonpath('{.kind} {@.kind}', nodes)).toBe('List List');
    expect(jsonpath('{.metadata.labels.*}', pod)).toBe('nginx node-1');
    expect(parseError('{....a}')).toBe('error: error parsing jsonpath {....a}, invalid multiple recursive descent');
  });

  it('prints literals: quoted text, booleans, ints and floats', () => {
    expect(jsonpath('{"a"} {true} {1.5} {3}', nodes)).toBe('a true 1.5 3');
    expect(jsonpath("{'\\t'}{\"\\u00e9\"}", nodes)).toBe('\té');
    expect(parseError('{1.2.3}')).toBe('error: error parsing jsonpath {1.2.3}, cannot parse number 1.2.3');
    expect(parseError('{"a}')).toBe('error: error parsing jsonpath {"a}, unterminated quoted string');
    expect(parseError('{"\\q"}')).toBe('error: error parsing jsonpath {"\\q"}, unquote string "\\q" error invalid syntax');
  });

  it('rejects malformed templates when they are parsed, and fails an end outside a range when it runs', () => {
    expect(() => jsonpath('{.a', pod)).toThrow(JsonPathError);
    expect(parseError('{.a')).toBe('error: error parsing jsonpath {.a, unclosed action');
    expect(parseError('{.a,.b}')).toBe("error: error parsing jsonpath {.a,.b}, unrecognized character in action: U+002C ','");
    expect(parseError('{end}')).toBeNull();
    expect(execError('{end}')).toBe('not in range, nothing to end');
    expect(parseError('')).toBe('error: template format specified but no template given');
  });

  it('with --allow-missing-template-keys=false, a missing key is an error', () => {
    expect(execError('{.items[0].metadata.nosuch}', nodes, false)).toBe('nosuch is not found');
    expect(execError('{.items[0].metadata.name}', nodes, false)).toBe('');
  });

  it('prints -o jsonpath-as-json results as an indented JSON array per node', () => {
    expect(jsonPathPrint('{.items[0].metadata.labels}', nodes, { asJson: true }).out).toBe('[\n    {\n        "x": "y"\n    }\n]\n');
    expect(jsonPathPrint('{.items[*].metadata.name}', nodes, { asJson: true }).out).toBe('[\n    "a",\n    "b",\n    "c",\n    "d"\n]\n');
  });

  it('reports an execution error with the template and the object in Go syntax, printing nothing', () => {
    const r = jsonPathPrint('{.items[9]}', { kind: 'List', items: [{ a: 1, b: 'x', c: null }] });
    expect(r.out).toBe('');
    expect(r.error).toBe('error: error executing jsonpath "{.items[9]}": Error executing template: array index out of bounds: index 9, length 1. '
      + 'Printing more information for debugging the template:\n\ttemplate was:\n\t\t{.items[9]}\n\tobject given to jsonpath engine was:\n'
      + '\t\tmap[string]interface {}{"items":[]interface {}{map[string]interface {}{"a":1, "b":"x", "c":interface {}(nil)}}, "kind":"List"}\n\n\n');
  });

  it('gives the values of the first node for custom columns, sort-by and wait', () => {
    expect(jsonpathValues('{.items[*].metadata.name}', nodes)).toEqual(['a', 'b', 'c', 'd']);
    expect(jsonpathValues('{.nosuch}', nodes)).toEqual([]);
  });
});

describe("Go's %#v of decoded JSON", () => {
  it('writes maps with sorted keys, lists, quoted strings, numbers, booleans and nil', () => {
    expect(goSharpV({ b: 'x', a: 1 })).toBe('map[string]interface {}{"a":1, "b":"x"}');
    expect(goSharpV(['x', 'y'])).toBe('[]interface {}{"x", "y"}');
    expect(goSharpV({ f: 1.5, big: 1e6, t: true, n: null, e: {}, l: [], q: 'a"\n' }))
      .toBe('map[string]interface {}{"big":1000000, "e":map[string]interface {}{}, "f":1.5, "l":[]interface {}{}, "n":interface {}(nil), "q":"a\\"\\n", "t":true}');
  });
});
