// The shell's redirections found in a terminal line as bash finds them, the rest of the line left as written.
import { describe, expect, it } from 'vitest';
import { hasRedirect, splitRedirects } from './redirect.ts';

describe('splitRedirects', () => {
  it('finds each form, outside quotes, with its descriptor and target', () => {
    const cases: Array<[string, string, unknown[]]> = [
      ['kubectl get sts web -o yaml > web.yaml', 'kubectl get sts web -o yaml', [{ fd: 1, op: '>', target: 'web.yaml' }]],
      ['kubectl get pods>out', 'kubectl get pods', [{ fd: 1, op: '>', target: 'out' }]],
      ['echo a >> "my file"', 'echo a', [{ fd: 1, op: '>>', target: 'my file' }]],
      ['kubectl get pods 2>/dev/null', 'kubectl get pods', [{ fd: 2, op: '>', target: '/dev/null' }]],
      ['kubectl get pods > f 2>&1', 'kubectl get pods', [{ fd: 1, op: '>', target: 'f' }, { fd: 2, op: '>&', target: '1' }]],
      ['kubectl get pods &> f', 'kubectl get pods', [{ fd: '&', op: '>', target: 'f' }]],
      ['kubectl get pods &>> f', 'kubectl get pods', [{ fd: '&', op: '>>', target: 'f' }]],
      ['kubectl get pods >& f', 'kubectl get pods', [{ fd: '&', op: '>', target: 'f' }]],
      ['kubectl apply -f - < web.yaml', 'kubectl apply -f -', [{ fd: 0, op: '<', target: 'web.yaml' }]],
      ['echo hi 1>&2', 'echo hi', [{ fd: 1, op: '>&', target: '2' }]],
      // A digit that does not start a word is part of it.
      ['echo a2>x', 'echo a2', [{ fd: 1, op: '>', target: 'x' }]],
      ["echo 'a > b' \"c>d\" e\\>f", "echo 'a > b' \"c>d\" e\\>f", []],
      ['kubectl get pods | grep x > out.txt', 'kubectl get pods | grep x', [{ fd: 1, op: '>', target: 'out.txt' }]],
    ];
    for (const [line, text, redirects] of cases) expect(splitRedirects(line), line).toEqual({ ok: true, text, redirects });
  });

  it('gives bash\'s errors for a redirection without a target or with a bad descriptor', () => {
    expect(splitRedirects('echo >')).toEqual({ ok: false, error: "syntax error near unexpected token `newline'" });
    expect(splitRedirects('echo > | x')).toEqual({ ok: false, error: "syntax error near unexpected token `|'" });
    expect(splitRedirects('echo > >> x')).toEqual({ ok: false, error: "syntax error near unexpected token `>>'" });
    expect(splitRedirects('echo 2>&7')).toEqual({ ok: false, error: '7: Bad file descriptor' });
    expect(splitRedirects("echo > ''")).toEqual({ ok: false, error: ': No such file or directory' });
  });

  it('says which lines need the shell', () => {
    expect(hasRedirect('kubectl get pods -o jsonpath={.items[*].metadata.name}')).toBe(false);
    expect(hasRedirect("kubectl get pods -l 'tier in (a,b)' -o 'go-template={{\">\"}}'")).toBe(false);
    expect(hasRedirect('kubectl get pods > x')).toBe(true);
    expect(hasRedirect('echo >')).toBe(true);
  });
});
