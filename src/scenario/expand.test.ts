import { describe, expect, it } from 'vitest';
import { expand, expandDocument, needsShell, sleepMs, type ShellState } from './expand.ts';
import { tokenize } from '../kubectl/tokenize.ts';

const state = (vars: Record<string, string> = {}, status = 0): ShellState => ({ vars: new Map(Object.entries(vars)), status });
const noRun = (): { error: string } => ({ error: 'no commands here' });
// The words a line expands to, as the tokenizer reads them.
const words = (text: string, st = state(), run: (c: string) => string | { error: string } = noRun): string[] | string => {
  const x = expand(text, st, run);
  if (!x.ok) return x.error;
  const t = tokenize(x.text);
  return t.ok ? t.words : t.error;
};

describe('expand: the terminal shell\'s expansions', () => {
  it('expands $NAME, ${NAME} and $? outside single quotes; an unset name is empty', () => {
    const st = state({ grace: '30', app: 'nginx' }, 1);
    expect(words('sleep $grace', st)).toEqual(['sleep', '30']);
    expect(words('kubectl get pods -l app=${app}x', st)).toEqual(['kubectl', 'get', 'pods', '-l', 'app=nginxx']);
    expect(words('echo $? "$?" \'$?\'', st)).toEqual(['echo', '1', '1', '$?']);
    expect(words('echo $nope.', st)).toEqual(['echo', '.']);
    expect(words('echo $ 5$ \\$grace', st)).toEqual(['echo', '$', '5$', '$grace']);
  });

  it('splits an unquoted value into words and keeps a quoted one whole, never reading it as syntax again', () => {
    const st = state({ two: 'a  b', tricky: `it's "$x" | ;` });
    expect(words('echo $two "$two"', st)).toEqual(['echo', 'a', 'b', 'a  b']);
    expect(words('echo $tricky', st)).toEqual(['echo', "it's", '"$x"', '|', ';']);
    expect(words('echo "$tricky"', st)).toEqual(['echo', `it's "$x" | ;`]);
    expect(words('echo $empty "$empty"', st)).toEqual(['echo', '']);
  });

  it('runs $(…) and puts in what it printed, without the trailing line breaks', () => {
    const seen: string[] = [];
    const run = (c: string): string => { seen.push(c); return c.includes('name') ? 'pod/web-0\npod/web-1\n\n' : '30\n'; };
    expect(words(`kubectl get $(kubectl get pods -o name) -o wide`, state(), run)).toEqual(['kubectl', 'get', 'pod/web-0', 'pod/web-1', '-o', 'wide']);
    expect(words(`g="$(kubectl get pod web-0 --template '{{.spec.terminationGracePeriodSeconds}}')"`, state(), run)).toEqual(['g=30']);
    expect(seen).toEqual(['kubectl get pods -o name', "kubectl get pod web-0 --template '{{.spec.terminationGracePeriodSeconds}}'"]);
    // Parentheses and quotes inside are skipped when looking for the closing one.
    expect(words(`echo "$(kubectl get pods -o jsonpath='{.items[?(@.x)]}')"`, state(), (c) => `[${c}]`)).toEqual(['echo', `[kubectl get pods -o jsonpath='{.items[?(@.x)]}']`]);
  });

  it("gives bash's errors", () => {
    expect(words('echo $(kubectl get pods', state(), () => '')).toBe("unexpected EOF while looking for matching `)'");
    expect(words('echo ${nope', state())).toBe('${nope: bad substitution');
    expect(words('echo $(frobnicate)', state())).toBe('no commands here');
  });
});

describe('needsShell', () => {
  it.each([
    ['grace=30', true], ['export A=1', true], ['sleep 5', true], ['echo hi', true], ['kubectl get pods -l app=$APP', true],
    ['kubectl get pods $(echo)', true], ['kubectl get pods -o jsonpath=\'{$.items}\'', false], ['kubectl get pods', false],
    ['kubectl exec web-0 -- sh -c "echo $HOSTNAME"', true], ['kubectl get pods -o name | grep web', false],
  ])('%s → %s', (line, want) => expect(needsShell(line)).toBe(want));
});

describe('sleepMs', () => {
  it('sums GNU sleep\'s operands with their suffixes; refuses what it cannot read as sleep does', () => {
    expect(sleepMs(['30'])).toBe(30_000);
    expect(sleepMs(['1m', '0.5s', '.5'])).toBe(61_000);
    expect(sleepMs(['1h', '1d'])).toBe(90_000_000);
    expect(sleepMs([])).toBe("sleep: missing operand\nTry 'sleep --help' for more information.");
    expect(sleepMs(['5x'])).toBe("sleep: invalid time interval '5x'\nTry 'sleep --help' for more information.");
  });
});

describe('expandDocument: a here-document with an unquoted delimiter', () => {
  it('puts values in as they are, quotes being plain characters; \\$, \\` and \\\\ are those characters', () => {
    const st = state({ ns: 'demo', two: 'a  b' });
    const run = (c: string): string => `<${c}>\n`;
    expect(expandDocument('name: ${ns}\nlabel: "$two" \'$ns\'\nout: $(kubectl get x)\n', st, run))
      .toEqual({ ok: true, text: 'name: demo\nlabel: "a  b" \'demo\'\nout: <kubectl get x>\n' });
    expect(expandDocument('cost: \\$5 \\\\ \\n\nsplit \\\nline\n', st, run)).toEqual({ ok: true, text: 'cost: $5 \\ \\n\nsplit line\n' });
    expect(expandDocument('x: ${bad\n', st, run)).toEqual({ ok: false, error: '${bad\n: bad substitution' });
  });
});
