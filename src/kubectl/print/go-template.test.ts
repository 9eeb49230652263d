import { describe, expect, it } from 'vitest';
import { executeGoTemplate, goTemplateParseError, goTemplatePrint, parseGoTemplate } from './go-template.ts';
import { goFloat64, sprintf } from './go-fmt.ts';

// A pod as kubectl hands it to the template engine: decoded JSON, every number a float64.
const pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'web-0', labels: { app: 'nginx', 'apps.kubernetes.io/pod-index': '0' }, annotations: { secret: 'aGVsbG8=' } },
  spec: {
    containers: [{ name: 'nginx', image: 'nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }] }, { name: 'sidecar', image: 'busybox' }],
    hostname: 'web-0', priority: 0,
  },
  status: { phase: 'Running', nominatedNodeName: null, big: 1000000, half: 0.5 },
};

function run(t: string, data: unknown = pod): string {
  const r = executeGoTemplate(parseGoTemplate(t), data);
  if (r.error) throw new Error(r.error);
  return r.out;
}

function execError(t: string, data: unknown = pod): string | null {
  return executeGoTemplate(parseGoTemplate(t), data).error;
}

describe('go-template: the tutorial commands', () => {
  it('ranges over containers with index and element variables', () => {
    expect(run('{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}')).toBe('nginx-slim:0.24busybox');
    expect(run('{{range $i, $c := .spec.containers}}{{$i}}={{$c.name}} {{end}}')).toBe('0=nginx 1=sidecar ');
  });

  it('prints fields and quoted strings with Go escapes', () => {
    expect(run('{{.metadata.name}}{{"\\n"}}')).toBe('web-0\n');
    expect(run('{{`raw\\n`}}|{{"tab\\there"}}')).toBe('raw\\n|tab\there');
  });

  it('prints <no value> for a missing key, a JSON null, and a missing map index', () => {
    expect(run('{{.metadata.nope}}|{{.nope.deeper}}|{{.status.nominatedNodeName}}|{{index .metadata.labels "x"}}')).toBe('<no value>|<no value>|<no value>|<no value>');
    // print gets a nil interface{} instead, and fmt prints <nil>.
    expect(run('{{print .metadata.nope}}')).toBe('<nil>');
  });
});

describe('go-template: values print as fmt.Sprint prints them', () => {
  it('float64 numbers as %v, maps with sorted keys, lists with spaces', () => {
    expect(run('{{.spec.priority}} {{(index .spec.containers 0).ports}} {{.status.big}} {{.status.half}}')).toBe('0 [map[containerPort:80 name:web]] 1e+06 0.5');
    expect(run('{{.metadata.labels}}')).toBe('map[app:nginx apps.kubernetes.io/pod-index:0]');
    expect(goFloat64(123456)).toBe('123456');
    expect(goFloat64(1234567)).toBe('1.234567e+06');
    expect(goFloat64(0.0001)).toBe('0.0001');
    expect(goFloat64(0.00001)).toBe('1e-05');
  });

  it('print puts spaces only between operands that are not strings; println always', () => {
    expect(run('{{print 1 2 "a" 3 "b" "c"}}|{{println "a" 1}}')).toBe('1 2a3bc|a 1\n');
  });

  it('printf formats the common verbs, and a float64 under %d as Go does', () => {
    expect(run('{{printf "%d|%s|%v|%5.2f|%-4s|%q|%t|%x|%03d" .spec.priority "s" .status.half 3.14159 "ab" "q" true "hi" 7}}'))
      .toBe('%!d(float64=0)|s|0.5| 3.14|ab  |"q"|true|6869|007');
    expect(sprintf('%d %s', [3n])).toBe('3 %!s(MISSING)');
    expect(sprintf('%d', [1n, 'x'])).toBe('1%!(EXTRA string=x)');
    expect(sprintf('%s|%v|%d', [null, null, null])).toBe('%!s(<nil>)|<nil>|%!d(<nil>)');
    expect(sprintf('%6.1f%%|%+d|%x|%e|%.1f', [2.25, 5n, 255n, 1500, 0.35])).toBe('   2.2%|+5|ff|1.500000e+03|0.3');
  });
});

describe('go-template: control structures', () => {
  it('trims spaces at {{- and -}}, and skips comments', () => {
    expect(run('a  {{- .spec.hostname -}}  \n b')).toBe('aweb-0b');
    expect(run('{{/* a comment */}}x {{- /* trimmed */ -}} y')).toBe('xy');
  });

  it('if / else if / else with Go truthiness', () => {
    const t = '{{if .nope}}a{{else if .spec.priority}}b{{else if .status.half}}c{{else}}d{{end}}';
    expect(run(t)).toBe('c');
    expect(run('{{if and .spec .metadata.name}}{{or .nope "dflt"}}{{end}}|{{not .spec.priority}}')).toBe('dflt|true');
  });

  it('with sets dot and has an else; variables persist to the end of their block', () => {
    expect(run('{{with .metadata}}{{.name}}{{end}}|{{with .nope}}x{{else}}none{{end}}')).toBe('web-0|none');
    expect(run('{{$n := .metadata.name}}{{range .spec.containers}}{{$n}}/{{.name}} {{end}}{{$n = "x"}}{{$n}}')).toBe('web-0/nginx web-0/sidecar x');
    expect(run('{{range .spec.containers}}{{$.metadata.name}}{{end}}')).toBe('web-0web-0');
  });

  it('ranges over maps in key order, integers, empty lists with else, with break and continue', () => {
    expect(run('{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}')).toBe('app=nginx;apps.kubernetes.io/pod-index=0;');
    expect(run('{{range 3}}{{.}}{{end}}|{{range .nope}}x{{else}}empty{{end}}|{{range .metadata.nothing}}{{end}}')).toBe('012|empty|');
    expect(run('{{range .spec.containers}}{{if eq .name "nginx"}}{{continue}}{{end}}{{.name}}{{break}}{{end}}')).toBe('sidecar');
  });

  it('pipelines pass the value as the last argument; parentheses group', () => {
    expect(run('{{.spec.containers | len}} {{"x" | printf "%s-%s" "a"}} {{(index .spec.containers 1).name}}')).toBe('2 a-x sidecar');
  });
});

describe('go-template: functions', () => {
  it('len, index, slice and comparisons', () => {
    expect(run('{{len .metadata.name}} {{index .spec.containers 0 "ports" 0 "name"}} {{slice .metadata.name 1 3}}')).toBe('5 web eb');
    expect(run('{{eq .spec.hostname "web-0"}} {{eq .status.phase "Pending" "Running"}} {{ne 1 2}} {{lt .status.half 1.0}} {{ge "b" "a"}}')).toBe('true true true true true');
    expect(run('{{eq .nope "x"}} {{eq .status.big 1000000.0}}')).toBe('false true');
  });

  it('kubectl adds exists and base64decode', () => {
    expect(run('{{exists .metadata "labels" "app"}} {{exists .metadata "labels" "zz"}} {{exists .spec.containers 1}} {{exists .spec.containers 2}}')).toBe('true false true false');
    expect(run('{{base64decode .metadata.annotations.secret}}')).toBe('hello');
  });

  it('html, js and urlquery escape as Go does', () => {
    expect(run(`{{html "<a href='x'>&\\"" }}|{{js "it's <b>=&"}}|{{urlquery "a b&c/d"}}`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;&#34;|it\\\'s \\u003Cb\\u003E\\u003D\\u0026|a+b%26c%2Fd');
  });
});

describe('go-template: execution errors carry the position and node, as Go writes them', () => {
  it('a float64 field against an int constant cannot be compared', () => {
    expect(execError('{{if eq .spec.priority 0}}x{{end}}')).toBe('template: output:1:5: executing "output" at <eq .spec.priority 0>: error calling eq: incompatible types for comparison');
    expect(execError('{{lt .nope 1}}')).toBe('template: output:1:2: executing "output" at <lt .nope 1>: error calling lt: invalid type for comparison');
  });

  it('a field of a non-map names interface {}, positioned at the second field (the chain)', () => {
    expect(execError('{{ .spec.hostname.x }}')).toBe('template: output:1:8: executing "output" at <.spec.hostname.x>: can\'t evaluate field x in type interface {}');
    expect(execError('{{$n := .spec.hostname}}{{$n.x}}')).toBe('template: output:1:28: executing "output" at <$n.x>: can\'t evaluate field x in type string');
    expect(execError('{{.status.nominatedNodeName.x}}')).toBe('template: output:1:9: executing "output" at <.status.nominatedNodeName.x>: nil pointer evaluating interface {}.x');
  });

  it('index out of range, range over a number, base64 failures, wrong argument counts and types', () => {
    expect(execError('\n{{index .spec.containers 5}}')).toBe('template: output:2:2: executing "output" at <index .spec.containers 5>: error calling index: index out of range: 5');
    // The error names the last node the pipeline evaluated.
    expect(execError('{{range .status.big}}{{end}}')).toBe('template: output:1:15: executing "output" at <.status.big>: range can\'t iterate over 1e+06');
    expect(execError('{{base64decode "a!"}}')).toBe('template: output:1:2: executing "output" at <base64decode "a!">: error calling base64decode: base64 decode failed: illegal base64 data at input byte 1');
    expect(execError('{{len .status.nominatedNodeName}}|{{len .nope}}')).toBe('template: output:1:2: executing "output" at <len .status.nominatedNodeName>: error calling len: len of nil pointer');
    expect(execError('{{len .nope}}')).toBe('template: output:1:2: executing "output" at <len .nope>: error calling len: reflect: call of reflect.Value.Type on zero Value');
    expect(execError('{{len}}')).toBe('template: output:1:2: executing "output" at <len>: wrong number of args for len: want 1 got 0');
    expect(execError('{{base64decode .status.big}}')).toBe('template: output:1:22: executing "output" at <.status.big>: wrong type for value; expected string; got float64');
    expect(execError('{{printf .nope}}')).toBe('template: output:1:9: executing "output" at <.nope>: invalid value; expected string');
    expect(execError('{{"a" "b"}}')).toBe('template: output:1:2: executing "output" at <"a">: can\'t give argument to non-function "a"');
  });

  it('the printer keeps what was written, then its debugging text, and kubectl\'s error', () => {
    const r = goTemplatePrint('a{{index .x 1}}', { x: [1] });
    expect(r.out).toBe([
      'aError executing template: template: output:1:3: executing "output" at <index .x 1>: error calling index: index out of range: 1. Printing more information for debugging the template:',
      '\ttemplate was:', '\t\ta{{index .x 1}}',
      '\traw data was:', '\t\t{"x":[1]}',
      '\tobject given to template engine was:', '\t\tmap[x:[1]]', '', ''].join('\n'));
    expect(r.error).toBe('error: error executing template "a{{index .x 1}}": template: output:1:3: executing "output" at <index .x 1>: error calling index: index out of range: 1');
  });

  it('with --allow-missing-template-keys=false (missingkey=error), a missing map key is an error', () => {
    expect(goTemplatePrint('{{.a.nope}}', { a: {} }, false).error).toBe('error: error executing template "{{.a.nope}}": template: output:1:4: executing "output" at <.a.nope>: map has no entry for key "nope"');
    expect(goTemplatePrint('{{.a.nope}}', { a: {} }).out).toBe('<no value>');
  });
});

describe('go-template: parse errors in kubectl\'s words', () => {
  it.each([
    ['{{.metadata.name', 'template: output:1: unclosed action'],
    ['{{.a}', 'template: output:1: unexpected "}" in operand'],
    ['{{foo .a}}', 'template: output:1: function "foo" not defined'],
    ['{{if .a}}x', 'template: output:1: unexpected EOF'],
    ['{{end}}', 'template: output:1: unexpected {{end}}'],
    ['{{else}}', 'template: output:1: unexpected {{else}}'],
    ['{{$x}}', 'template: output:1: undefined variable "$x"'],
    ['{{}}', 'template: output:1: missing value for command'],
    ['{{break}}', 'template: output:1: {{break}} outside {{range}}'],
    ['{{"abc}}', 'template: output:1: unterminated quoted string'],
    ['{{/* x }}', 'template: output:1: unclosed comment'],
    ['{{.a | "x"}}', 'template: output:1: non executable command in pipeline stage 2'],
    ['{{range $a, $b, $c := .x}}{{end}}', 'template: output:1: too many declarations in range'],
    ['{{.a\n.b', 'template: output:2: unclosed action started at output:1'],
    ['{{(.a}}', 'template: output:1: unclosed left paren'],
  ])('%j', (t, msg) => {
    expect(goTemplateParseError(t)).toBe(`error: error parsing template ${t}, ${msg}`);
  });

  it('an empty template is kubectl\'s "no template given"', () => {
    expect(goTemplateParseError('')).toBe('error: template format specified but no template given');
  });
});
