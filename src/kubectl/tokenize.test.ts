import { describe, expect, it } from 'vitest';
import { argvOf, tokenize } from './tokenize.ts';
import { parseFlags } from './flags.ts';

describe('tokenize', () => {
  it('splits on blanks and honours quotes and escapes', () => {
    expect(tokenize(`kubectl patch sts web -p '{"spec":{"replicas":3}}'`)).toEqual({ ok: true, words: ['kubectl', 'patch', 'sts', 'web', '-p', '{"spec":{"replicas":3}}'] });
    expect(tokenize('a "b \\"c\\"" d\\ e')).toEqual({ ok: true, words: ['a', 'b "c"', 'd e'] });
    expect(tokenize("x ''")).toEqual({ ok: true, words: ['x', ''] });
  });
  it('reports an open quote', () => {
    expect(tokenize("get 'pods").ok).toBe(false);
  });
  it('drops a leading kubectl word', () => {
    expect(argvOf('kubectl get pods')).toEqual({ ok: true, words: ['get', 'pods'] });
    expect(argvOf(['get', 'pods'])).toEqual({ ok: true, words: ['get', 'pods'] });
  });
});

describe('parseFlags', () => {
  const specs = [
    { name: 'watch', short: 'w', type: 'bool' as const },
    { name: 'output', short: 'o', type: 'string' as const, default: '' },
    { name: 'label-columns', short: 'L', type: 'strings' as const, default: [] },
    { name: 'replicas', type: 'int' as const, default: -1 },
  ];
  it('parses long, short, attached and separated values', () => {
    const r = parseFlags(['pods', '-owide', '-w', '--replicas', '3', '-L', 'a,b', '-L=c', '-n', 'kube-system'], specs);
    expect(r.ok && r.flags.values).toMatchObject({ output: 'wide', watch: true, replicas: 3, 'label-columns': ['a', 'b', 'c'], namespace: 'kube-system' });
    expect(r.ok && r.args).toEqual(['pods']);
  });
  it('accepts --flag=false for booleans', () => {
    const r = parseFlags(['--watch=false', '-w=false'], specs);
    expect(r.ok && r.flags.values.watch).toBe(false);
  });
  it('gives pflag error texts', () => {
    expect(parseFlags(['--foo'], specs)).toEqual({ ok: false, error: 'unknown flag: --foo' });
    expect(parseFlags(['-x'], specs)).toEqual({ ok: false, error: "unknown shorthand flag: 'x' in -x" });
    expect(parseFlags(['--output'], specs)).toEqual({ ok: false, error: 'flag needs an argument: --output' });
    expect(parseFlags(['--replicas=x'], specs)).toEqual({ ok: false, error: 'invalid argument "x" for "--replicas" flag: strconv.ParseInt: parsing "x": invalid syntax' });
  });
});
