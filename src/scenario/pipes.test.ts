import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8String } from '../engine/api/base64.ts';
import { Pipeline } from './pipes.ts';
import { tokenize } from '../kubectl/tokenize.ts';
import { transcript } from './runner.ts';
import { Session } from './session.ts';
import { Cluster } from '../engine/cluster.ts';

const TABLE = 'NAME    READY\nweb-0   1/1\nweb-1   0/1\nweb-10  1/1\n';

// Runs text through a pipeline as one chunk, then ends it.
function run(commands: string, text = TABLE): { out: string; err: string; code: number } {
  const t = tokenize(`kubectl x | ${commands}`);
  if (!t.ok || !t.pipes) throw new Error('not a pipeline');
  const p = new Pipeline(t.pipes);
  const chunks = [...p.feed([{ stream: 'out', text }, { stream: 'err', text: 'warning\n' }]), ...p.end().output];
  return {
    out: chunks.filter((c) => c.stream === 'out').map((c) => c.text).join(''),
    err: chunks.filter((c) => c.stream === 'err').map((c) => c.text).join(''),
    code: p.end().exitCode,
  };
}

describe('tokenize with pipes', () => {
  it('splits unquoted | into the commands after kubectl, and keeps a quoted one', () => {
    expect(tokenize(`kubectl get pods -o yaml | grep 'a|b' | wc -l`)).toEqual({ ok: true, words: ['kubectl', 'get', 'pods', '-o', 'yaml'], pipes: [['grep', 'a|b'], ['wc', '-l']] });
    expect(tokenize(`get pods|grep web`)).toEqual({ ok: true, words: ['get', 'pods'], pipes: [['grep', 'web']] });
    expect(tokenize(`get "a|b"`)).toEqual({ ok: true, words: ['get', 'a|b'] });
  });

  it("gives the shell's syntax errors for a missing command", () => {
    expect(tokenize('| grep x')).toEqual({ ok: false, error: "syntax error near unexpected token `|'" });
    expect(tokenize('get pods | | wc')).toEqual({ ok: false, error: "syntax error near unexpected token `|'" });
    expect(tokenize('get pods |')).toEqual({ ok: false, error: 'syntax error: unexpected end of file' });
  });
});

describe('grep, head, tail and wc after kubectl', () => {
  it('grep selects lines by a basic regular expression; stderr passes by; status 0 or 1', () => {
    expect(run('grep web-1')).toEqual({ out: 'web-1   0/1\nweb-10  1/1\n', err: 'warning\n', code: 0 });
    expect(run('grep nothing')).toEqual({ out: '', err: 'warning\n', code: 1 });
    // Basic regular expressions: ( ) | + ? are literal characters, \( \) \| the operators; brackets as usual.
    expect(run("grep 'web-[01]$'").out).toBe('');
    expect(run("grep 'web-1\\(0\\)\\?  '").out).toBe('web-1   0/1\nweb-10  1/1\n');
    expect(run("grep 'web-(1'", 'a web-(1 b\nweb-1\n').out).toBe('a web-(1 b\n');
    expect(run("grep -E 'web-(0|10)'").out).toBe('web-0   1/1\nweb-10  1/1\n');
    expect(run('grep -F 1/1').out).toBe('web-0   1/1\nweb-10  1/1\n');
  });

  it('grep options: -i -v -c -n -w, -e, combined and long forms', () => {
    expect(run('grep -i READY').out).toBe('NAME    READY\n');
    expect(run('grep -v /').out).toBe('NAME    READY\n');
    expect(run('grep -vc /')).toMatchObject({ out: '1\n', code: 0 });
    expect(run('grep -c nothing')).toMatchObject({ out: '0\n', code: 1 });
    expect(run('grep -n web-1').out).toBe('3:web-1   0/1\n4:web-10  1/1\n');
    expect(run('grep -w web-1').out).toBe('web-1   0/1\n');
    expect(run('grep -e -1 --invert-match').out).toBe('NAME    READY\nweb-0   1/1\n');
  });

  it("gives grep's usage errors with status 2", () => {
    const usage = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";
    expect(run('grep')).toEqual({ out: '', err: 'warning\n' + usage, code: 2 });
    expect(run('grep -x web')).toEqual({ out: '', err: `warning\ngrep: invalid option -- 'x'\n${usage}`, code: 2 });
    expect(run('grep web pods.txt')).toEqual({ out: '', err: 'warning\ngrep: pods.txt: No such file or directory\n', code: 2 });
    expect(run("grep -E 'web-('").err).toBe('warning\ngrep: Invalid regular expression\n');
  });

  it('head and tail keep the first or last lines (10 by default); wc counts', () => {
    expect(run('head -2').out).toBe('NAME    READY\nweb-0   1/1\n');
    expect(run('head -n1').out).toBe('NAME    READY\n');
    expect(run('tail -n 2').out).toBe('web-1   0/1\nweb-10  1/1\n');
    expect(run('tail').out).toBe(TABLE);
    expect(run('wc -l').out).toBe('4\n');
    expect(run('wc').out).toBe('      4       8      50\n');
    expect(run('grep web | wc -l').out).toBe('3\n');
    expect(run('tail -3 | head -1').out).toBe('web-0   1/1\n');
    expect(run('head -n x')).toEqual({ out: '', err: 'warning\nhead: invalid number of lines: ‘x’\n', code: 1 });
  });

  it("a command that does not exist gets the shell's error, status 127, and kubectl's output goes nowhere", () => {
    expect(run('less')).toEqual({ out: '', err: 'warning\nbash: less: command not found\n', code: 127 });
    expect(run('grep web | less')).toEqual({ out: '', err: 'warning\nbash: less: command not found\n', code: 127 });
  });

  it('the commands after one that could not start still run, on an empty input', () => {
    expect(run('less | wc -l')).toEqual({ out: '0\n', err: 'warning\nbash: less: command not found\n', code: 0 });
    expect(run('grep web | less | grep -c x')).toEqual({ out: '0\n', err: 'warning\nbash: less: command not found\n', code: 1 });
  });

  it('reads `-` as standard input', () => {
    expect(run('grep web-1 -').out).toBe('web-1   0/1\nweb-10  1/1\n');
    expect(run('head -n 1 -').out).toBe('NAME    READY\n');
    expect(run('tail -1 -').out).toBe('web-10  1/1\n');
    expect(run('wc -l -').out).toBe('4 -\n');
    expect(run('wc -').out).toBe('      4       8      50 -\n');
  });
});

describe('pipelines in a session', () => {
  it('a watch piped into grep prints the matching rows as they come; into head, it stops after N lines', () => {
    const create = [
      'kubectl create -f - <<EOF',
      'apiVersion: apps/v1', 'kind: StatefulSet', 'metadata:', '  name: web', 'spec:', '  serviceName: nginx', '  replicas: 2',
      '  selector:', '    matchLabels:', '      app: nginx', '  template:', '    metadata:', '      labels:', '        app: nginx',
      '    spec:', '      containers:', '      - name: nginx', '        image: nginx:alpine',
      'EOF',
    ];
    const t = transcript([...create, 'kubectl get pods -w | grep web-1', 'kubectl get pods -w | head -2'].join('\n')).text;
    const watch = t.slice(t.indexOf('$ kubectl get pods -w | grep web-1\n'), t.indexOf('$ kubectl get pods -w | head -2'));
    const rows = watch.split('\n').slice(1, -1);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.every((l) => l.startsWith('web-1 '))).toBe(true);
    expect(watch).toMatch(/web-1 +1\/1 +Running/);
    expect(t.slice(t.indexOf('$ kubectl get pods -w | head -2\n'))).toMatch(/^\$ kubectl get pods -w \| head -2\nNAME +READY .*\nweb-0 .*\n$/);
    // Only kubectl output can be piped.
    expect(transcript('sim pod web-0 unready | grep x').error).toBe('line 1: only kubectl output can be piped (into grep, head, tail, wc or base64)');
  });

  it('Ctrl-C on a piped watch stops the whole pipeline: tail prints nothing', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c);
    const r = s.exec('kubectl get nodes -w | tail -1');
    expect(r.output).toEqual([]);
    r.stream!.cancel();
    expect(r.stream!.poll().output).toEqual([]);
  });
});

describe('base64 after kubectl, as GNU coreutils base64', () => {
  it('decodes a Secret value read with jsonpath, and encodes text', () => {
    const c = Cluster.create({ seed: 1 });
    const s = new Session(c);
    s.exec('kubectl create secret generic db --from-literal=password=s3cret');
    const line = (l: string): string => s.exec(l).output.map((o) => o.text).join('');
    expect(line(`kubectl get secret db -o jsonpath='{.data.password}' | base64 -d`)).toBe('s3cret');
    expect(line(`kubectl get secret db -o jsonpath='{.data.password}' | base64 --decode | wc -c`)).toBe('6\n');
    expect(run('base64', 'admin')).toEqual({ out: 'YWRtaW4=\n', err: 'warning\n', code: 0 });
    expect(run('base64 -d', 'YWRtaW4')).toEqual({ out: 'admin', err: 'warning\nbase64: invalid input\n', code: 1 });
  });

  it('gives its usage errors', () => {
    expect(run('base64 -z')).toMatchObject({ err: "warning\nbase64: invalid option -- 'z'\nTry 'base64 --help' for more information.\n", code: 1 });
    expect(run('base64 a b')).toMatchObject({ err: "warning\nbase64: extra operand ‘b’\nTry 'base64 --help' for more information.\n", code: 1 });
    expect(run('base64 -w abc')).toMatchObject({ err: 'warning\nbase64: invalid wrap size: ‘abc’\n', code: 1 });
    expect(run('base64 -d secret.txt')).toMatchObject({ err: 'warning\nbase64: secret.txt: No such file or directory\n', code: 1 });
  });

  it('decodes and encodes as the real base64 on this machine does (random inputs)', () => {
    const real = (args: readonly string[], input: string) => {
      const r = spawnSync('base64', args, { input });
      return { out: utf8String(new Uint8Array(r.stdout)), err: r.stderr.toString(), code: r.status };
    };
    const ours = (args: readonly string[], input: string) => {
      const p = new Pipeline([['base64', ...args]]);
      const chunks = [...p.feed([{ stream: 'out', text: input }]), ...p.end().output];
      return { out: chunks.filter((c) => c.stream === 'out').map((c) => c.text).join(''), err: chunks.filter((c) => c.stream === 'err').map((c) => c.text).join(''), code: p.end().exitCode };
    };
    const b64char = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split(''), '=', '\n', '\r', ' ', '!');
    fc.assert(fc.property(fc.array(b64char, { maxLength: 24 }), fc.constantFrom(['-d'], ['-d', '-i'], ['--decode', '--ignore-garbage']), (cs, args) => {
      const input = cs.join('');
      expect(ours(args, input)).toEqual(real(args, input));
    }), { numRuns: 150, seed: 5 });
    fc.assert(fc.property(fc.string({ maxLength: 120 }), fc.constantFrom([], ['-w', '0'], ['-w5'], ['--wrap=10']), (input, args) => {
      expect(ours(args, input)).toEqual(real(args, input));
    }), { numRuns: 100, seed: 6 });
  });
});

describe('the tools given file operands (the terminal\'s own files)', () => {
  it('print what GNU grep, head, tail, wc and base64 print for the same files on this machine', () => {
    const files: Record<string, string> = {
      'x.txt': 'a b\nc\n', 'web.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
      'long.txt': Array.from({ length: 40 }, (_, i) => `line ${i} ${'x'.repeat(i % 7)}`).join('\n') + '\n', 'open.txt': 'no newline at the end',
    };
    const dir = mkdtempSync(join(tmpdir(), 'pipes-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const read = (f: string): string | null => files[f] ?? null;
    const lines = [
      'grep a x.txt', 'grep -c e x.txt web.yaml long.txt', 'grep -n name web.yaml', 'grep -v e web.yaml open.txt', 'grep zz x.txt nope.txt',
      'grep -i KIND web.yaml', 'head -3 long.txt', 'head -n 2 x.txt web.yaml', 'head nope.txt x.txt', 'tail -2 long.txt', 'tail -n 1 x.txt open.txt',
      'wc x.txt', 'wc -l web.yaml', 'wc -l x.txt web.yaml', 'wc x.txt web.yaml long.txt', 'wc -c open.txt', 'wc -w x.txt nope.txt', 'wc -lw long.txt',
      'base64 x.txt', 'base64 -w 8 long.txt', 'base64 nope.txt', 'grep line long.txt | head -3 | wc -l', 'head -5 long.txt | grep -c 3',
    ];
    for (const line of lines) {
      const t = tokenize(line);
      if (!t.ok) throw new Error(line);
      const p = new Pipeline([t.words, ...(t.pipes ?? [])], read);
      const chunks = [...p.feed([]), ...p.end().output];
      const ours = { out: chunks.filter((c) => c.stream === 'out').map((c) => c.text).join(''), err: chunks.filter((c) => c.stream === 'err').map((c) => c.text).join(''), code: p.end().exitCode };
      const r = spawnSync('sh', ['-c', line], { cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
      expect(ours, line).toEqual({ out: r.stdout.toString(), err: r.stderr.toString(), code: r.status });
    }
    rmSync(dir, { recursive: true });
  });
});
