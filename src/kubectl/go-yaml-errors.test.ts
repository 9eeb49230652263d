import { describe, expect, it } from 'vitest';
import { goYamlSyntaxError, yamlToJson, yamlToJsonError } from './go-yaml-errors.ts';

const H = 'apiVersion: v1\nkind: Service\nmetadata:\n';
const P = 'spec:\n  ports:\n  - port: 80\n';
const svc = (name: string): string => `${H}  name: ${name}\n${P}`;
const filler = Array.from({ length: 14 }, (_, i) => `    note${i}: ${'x'.repeat(40)}\n`).join('');

// Each text is what kubectl 1.33 printed after `error converting YAML to JSON: ` for the document (see
// scripts/crosscheck/yaml-errors.sim), or null when it took the document.
const CASES: Array<[string, string, string | null]> = [
  ['a key indented one space less', `${H}  name: s2\n bad: indent\n${P}`, 'yaml: line 4: did not find expected key'],
  ['a label indented one space less', `${H}  name: y2\n  labels:\n    a: b\n   c: d\n${P}`, 'yaml: line 6: did not find expected key'],
  ['a word with no colon ending a list', `${H}  name: y3\nspec:\n  ports:\n  - port: 80\n  bad\n`, "yaml: line 9: could not find expected ':'"],
  ['a word with no colon in a mapping', `${H}  name: y4\n  bad\n  labels: {}\n${P}`, "yaml: line 6: could not find expected ':'"],
  ['an unclosed flow mapping', 'apiVersion: v1\nkind: Service\nmetadata: {name: x\n', "yaml: line 3: did not find expected ',' or '}'"],
  ['an unclosed flow sequence', `${H}  name: y6\nspec:\n  ports: [{port: 80}\n`, "yaml: line 6: did not find expected ',' or ']'"],
  ['a flow sequence missing a comma', `${H}  name: y7\nspec:\n  ports: [{port: 80} {port: 81}]\n`, "yaml: line 5: did not find expected ',' or ']'"],
  ['a tab as indentation', `${H}\tname: y9\n${P}`, 'yaml: line 4: found character that cannot start any token'],
  ['a tab after a colon', `${H}  name:\ty10\n${P}`, null],
  ['an unclosed double quote', `${H}  name: "y12\n`, 'yaml: line 5: found unexpected end of stream'],
  ['an unclosed single quote', `${H}  name: 'y13\n${P}`, 'yaml: line 8: found unexpected end of stream'],
  ['text after a closing quote', `${H}  name: "y14" x\n${P}`, 'yaml: line 3: did not find expected key'],
  ['an unknown escape', `${H}  name: "y\\q15"\n${P}`, 'yaml: line 4: found unknown escape character'],
  ['a bad hex escape', `${H}  name: "y\\x4G"\n${P}`, 'yaml: line 4: did not find expected hexdecimal number'],
  ['an invalid unicode escape', `${H}  name: y\n  annotations:\n    a: "\\ud800"\n${P}`, 'yaml: line 6: found invalid Unicode character escape code'],
  ['a second colon on a line', `${H}  name: y17: x\n${P}`, 'yaml: line 4: mapping values are not allowed in this context'],
  ['a missing colon after the first key', `apiVersion v1\nkind: Service\nmetadata:\n  name: y19\n${P}`, 'yaml: line 2: mapping values are not allowed in this context'],
  ['a value on the line of a block key', `${H}  name: y75\nspec: ports:\n  - port: 80\n`, 'yaml: line 5: mapping values are not allowed in this context'],
  ['a list item in a mapping', `${H}  name: y20\n- item\n${P}`, 'yaml: line 4: did not find expected key'],
  ['a list on the line of its key', `${H}  name: y83\nspec:\n  ports: - port: 80\n`, 'yaml: line 6: block sequence entries are not allowed in this context'],
  ['a list item indented less than its list', `${H}  name: y24\nspec:\n  ports:\n    - port: 80\n   - port: 81\n`, 'yaml: line 7: did not find expected key'],
  ['a key between two indentations', `${H}  name: y25\nspec:\n  ports:\n  - port: 80\n     protocol: TCP\n`, 'yaml: line 8: mapping values are not allowed in this context'],
  ['a sequence then a key', '- a\nb: c\n', "yaml: line 1: did not find expected '-' indicator"],
  ['an unclosed flow sequence as a value', 'just text: [\n', 'yaml: line 1: did not find expected node content'],
  ['a value with no key', ': x\n', 'yaml: did not find expected key'],
  ['an at sign', `${H}  name: @y28\n${P}`, 'yaml: line 4: found character that cannot start any token'],
  ['a literal block less indented than its first line', `${H}  name: y\n  annotations:\n    a: |\n      line1\n     line2\n${P}`, 'yaml: line 7: did not find expected key'],
  ['a literal block indented with a tab', `${H}  name: y\n  annotations:\n    a: |\n\tline1\n${P}`, 'yaml: line 7: found a tab character where an indentation space is expected'],
  ['an indentation indicator of 0', `${H}  name: y\n  annotations:\n    a: |0\n      x\n${P}`, 'yaml: line 6: found an indentation indicator equal to 0'],
  ['text after a block indicator', `${H}  name: y\n  annotations:\n    a: | x\n      y\n${P}`, 'yaml: line 6: did not find expected comment or line break'],
  ['a tab in a plain scalar continuation', `${H}  name: y\n  annotations:\n    a: b\n\tc\n${P}`, 'yaml: line 7: found a tab character that violates indentation'],
  ['an undefined alias', `${H}  name: *nm\n${P}`, "yaml: unknown anchor 'nm' referenced"],
  ['an alias before its anchor', `${H}  labels:\n    a: *later\n  name: &later y\n${P}`, "yaml: unknown anchor 'later' referenced"],
  ['an anchor without a name', `${H}  name: & y\n${P}`, 'yaml: line 4: did not find expected alphabetic or numeric character'],
  ['an alias inside its own anchor', `${H}  name: y\n  labels: &l\n    a: *l\n${P}`, "yaml: anchor 'l' value contains itself"],
  ['a merge of a scalar', `${H}  name: y\n  annotations:\n    <<: x\n${P}`, 'yaml: map merge requires map or sequence of maps as the value'],
  ['a flow sequence as a key', `${H}  name: y\n  labels:\n    [a, b]: c\n${P}`, 'yaml: invalid map key: []interface {}{"a", "b"}'],
  ['a flow mapping as a key', `${H}  name: y\n  labels:\n    {a: b}: c\n${P}`, 'yaml: invalid map key: map[interface {}]interface {}{"a":"b"}'],
  ['an int tag on a word', `${H}  name: !!int y44\n${P}`, 'yaml: cannot decode !!str `y44` as a !!int'],
  ['a bool tag on a number', `${H}  name: y\n  annotations:\n    a: !!bool 1\n${P}`, 'yaml: cannot decode !!int `1` as a !!bool'],
  ['invalid base64', `${H}  name: y\n  annotations:\n    a: !!binary abc\n${P}`, 'yaml: !!binary value contains invalid base64 data'],
  ['an undefined tag handle', `${H}  name: !e!x y45\n${P}`, 'yaml: line 3: found undefined tag handle'],
  ['a verbatim tag not closed', `${H}  name: !<tag:yaml.org,2002:str y\n${P}`, "yaml: line 4: did not find the expected '>'"],
  ['a YAML 1.2 directive', '%YAML 1.2\n', 'yaml: found incompatible YAML document'],
  ['a directive without a document start', `%YAML 1.1\n${svc('y47')}`, 'yaml: line 1: did not find expected <document start>'],
  ['an unknown directive', `%FOO bar\n${svc('y48')}`, 'yaml: found unknown directive name'],
  ['a duplicate %TAG directive', '%TAG !e! tag:e.com,2000:\n%TAG !e! tag:f.com,2000:\n', 'yaml: line 1: found duplicate %TAG directive'],
  ['a document end marker first', `...\n${svc('y50')}`, 'yaml: did not find expected node content'],
  ['junk after a document end marker', `${svc('y49')}...\nfoo: [\n`, null],
  ['a key longer than 1024 characters', `${H}  name: y\n  annotations:\n    ${'k'.repeat(1100)}: v\n${P}`, 'yaml: line 6: mapping values are not allowed in this context'],
  ['flow collections nested past the limit', `${H}  name: y\n  annotations:\n    a: ${'['.repeat(10001)}${']'.repeat(10001)}\n${P}`, 'yaml: line 6: exceeded max depth of 10000'],
  ['a control character', `${H}  name: y60\x01\n${P}`, 'yaml: control characters are not allowed'],
  ['a delete character', `${H}  name: y61\x7f\n${P}`, 'yaml: control characters are not allowed'],
  ['a control character far after a syntax error', `${H}  name: y\n bad: x\n  annotations:\n${filler}    z: \x02\n${P}`, 'yaml: line 4: did not find expected key'],
  ['a syntax error far after a control character', `${H}  name: y63\x03\n  annotations:\n${filler} bad: x\n${P}`, 'yaml: control characters are not allowed'],
  ['a control character in the second chunk', `${H}  name: y\n  annotations:\n${filler}    z: a\x04\n${P}`, 'yaml: control characters are not allowed'],
  ['an unclosed quote in the second chunk', `${H}  name: y\n  annotations:\n${filler}    z: "open\n`, 'yaml: line 21: found unexpected end of stream'],
  ['a byte order mark', `\ufeff${svc('y58')}`, null],
  ['a byte order mark then a bad indentation', `\ufeff${H}  name: y59\n bad: x\n${P}`, 'yaml: line 4: did not find expected key'],
  ['CRLF line ends', svc('y71').replace(/\n/g, '\r\n'), null],
  ['CRLF line ends and a bad indentation', `${H}  name: y72\n bad: x\n${P}`.replace(/\n/g, '\r\n'), 'yaml: line 4: did not find expected key'],
  ['a line separator is a line break', `${H}  name: y\n  annotations:\n    a: b\u2028 bad: x\n${P}`, 'yaml: line 6: did not find expected key'],
  ['a lone CR is a line break', `${H}  name: y\n  annotations:\n    a: b\r bad: x\n${P}`, 'yaml: line 6: did not find expected key'],
  ['unicode before a bad indentation', `${H}  name: y\n  annotations:\n    greeting: ünïcödé\n   bad: x\n${P}`, 'yaml: line 6: did not find expected key'],
  ['comments in odd places', `# head\napiVersion: v1 # trailing\nkind: Service\nmetadata: # after\n  # indented\n  name: y51 #x\n#col0\n  labels: {a: b} # flow\n${P}# tail`, null],
  ['a deeper list item continues the scalar', `${H}  name: y22\n  labels:\n    a: b\n      - c\n${P}`, null],
  ['a duplicate key', `${H}  name: y43a\n  name: y43\n${P}`, null],
  ['a merge key', `${H}  name: y\n  labels: &l {a: b}\n  annotations:\n    <<: *l\n    c: d\n${P}`, null],
  ['only comments', '# nothing\n', null],
  ['an empty document', '', null],
];

describe('goYamlSyntaxError: go-yaml v2 words and lines', () => {
  for (const [name, doc, text] of CASES) {
    it(name, () => {
      expect(goYamlSyntaxError(doc)).toBe(text);
    });
  }
});

describe('yamlToJson: sigs.k8s.io/yaml after go-yaml', () => {
  it('refuses a null map key and values JSON cannot hold', () => {
    expect(yamlToJsonError(`${H}  name: z1\n  labels:\n    ~: x\n${P}`))
      .toBe('unsupported map key of type: %!s(<nil>), key: <nil>, value: "x"');
    expect(yamlToJsonError(`${H}  name: z2\n  annotations:\n    a: .nan\n${P}`)).toBe('json: unsupported value: NaN');
    expect(yamlToJsonError(`${H}  name: z6\n  annotations:\n    a: .inf\n${P}`)).toBe('json: unsupported value: +Inf');
    expect(yamlToJsonError(`${H}  name: y\n  annotations:\n    ? - a\n      - 1\n      - ~\n    : x\n${P}`))
      .toBe('yaml: invalid map key: []interface {}{"a", 1, interface {}(nil)}');
  });

  it('gives the value go-yaml reads, keys as strings', () => {
    expect(yamlToJson('a:\n  1: x\n  true: w\n  1.5: z\nb: [1, "2", ~, y]\n')).toEqual({ value: { a: { 1: 'x', true: 'w', '1.5': 'z' }, b: [1, '2', null, true] } });
    // go-yaml stops after the first node: a JSON value and what follows it.
    expect(yamlToJson('{"a": 1} x\n')).toEqual({ value: { a: 1 } });
    expect(yamlToJson('# only a comment\n')).toEqual({ value: null });
  });
});
