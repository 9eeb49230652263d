import { describe, expect, it } from 'vitest';
import { echoOf, splitBlock, splitList } from './block.ts';

const lines = (src: string): string[] => splitBlock(src).commands.map((c) => c.line);

describe('splitBlock: the commands of several lines, as a shell reads them', () => {
  it('takes one command per line; blank lines go, a final line break is optional', () => {
    expect(lines('kubectl get pods\n\nkubectl get pvc\n')).toEqual(['kubectl get pods', 'kubectl get pvc']);
    expect(lines('kubectl get pods\nkubectl get pvc')).toEqual(['kubectl get pods', 'kubectl get pvc']);
    expect(lines('kubectl get pods\r\nkubectl get pvc\r\n')).toEqual(['kubectl get pods', 'kubectl get pvc']);
  });

  it("gives a here-document to kubectl as its standard input, in both of the documentation's forms", () => {
    const doc = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n';
    const b = splitBlock(`cat <<EOF | kubectl apply -f -\n${doc}EOF\nkubectl get ns demo\n`);
    expect(b.open).toBeUndefined();
    // An unquoted delimiter: bash expands $NAME and $(…) in the document (a quoted one leaves it as it is).
    expect(b.commands).toEqual([
      { source: ['cat <<EOF | kubectl apply -f -', 'apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: demo', 'EOF'], line: 'kubectl apply -f -', stdin: doc, expandStdin: true },
      { source: ['kubectl get ns demo'], line: 'kubectl get ns demo' },
    ]);
    expect(splitBlock(`kubectl apply -f - <<'EOF'\n${doc}EOF`).commands).toEqual([
      { source: ["kubectl apply -f - <<'EOF'", ...doc.trimEnd().split('\n'), 'EOF'], line: 'kubectl apply -f -', stdin: doc },
    ]);
    expect(splitBlock('cat << "END" | kubectl create -f -\na: 1\nEND').commands[0]).toEqual({ source: expect.any(Array), line: 'kubectl create -f -', stdin: 'a: 1\n' });
    // <<- takes the leading tabs off the document and the delimiter line; an empty document is empty input.
    expect(splitBlock('kubectl apply -f - <<-EOF\n\ta: 1\n\tEOF').commands[0]).toMatchObject({ stdin: 'a: 1\n' });
    expect(splitBlock('kubectl apply -f - <<EOF\nEOF').commands[0]).toMatchObject({ stdin: '' });
    // The delimiter is a whole line: `EOF ` or `  EOF` is part of the document.
    expect(splitBlock('kubectl apply -f - <<EOF\nEOF \n  EOF\nEOF').commands[0]).toMatchObject({ stdin: 'EOF \n  EOF\n' });
  });

  it('gives a here-document to cat (which writes it to a local file with >) and kubectl; refuses it to anything else', () => {
    expect(splitBlock('cat <<EOF > web.yaml\na: 1\nEOF\nkubectl get pods').commands).toEqual([
      { source: ['cat <<EOF > web.yaml', 'a: 1', 'EOF'], line: 'cat  > web.yaml', stdin: 'a: 1\n', expandStdin: true },
      { source: ['kubectl get pods'], line: 'kubectl get pods' },
    ]);
    expect(splitBlock('tee x <<EOF\na\nEOF').commands[0].error).toMatch(/^only kubectl, cat and the tools output is piped into read a here-document/);
  });

  it('joins a line ending in a backslash with the next, and keeps the line breaks inside quotes', () => {
    expect(splitBlock(`kubectl patch sts web -p \\\n  '{"spec":{"replicas":3}}'`).commands).toEqual([
      { source: ['kubectl patch sts web -p \\', `  '{"spec":{"replicas":3}}'`], line: `kubectl patch sts web -p   '{"spec":{"replicas":3}}'` },
    ]);
    expect(lines(`kubectl patch sts web --type=json -p '[\n  {"op": "remove"}\n]'\nkubectl get sts`))
      .toEqual([`kubectl patch sts web --type=json -p '[\n  {"op": "remove"}\n]'`, 'kubectl get sts']);
    // A backslash inside single quotes is kept; one before a character escapes it.
    expect(lines(`kubectl get pods -o jsonpath='{.a\\.b}'\nkubectl get pvc`)).toEqual([`kubectl get pods -o jsonpath='{.a\\.b}'`, 'kubectl get pvc']);
  });

  it('drops comments: a whole line is echoed with nothing to run, a trailing one is cut off', () => {
    expect(splitBlock('# scale up\nkubectl scale sts web --replicas=5 # five\nkubectl get pods -l a=b#c').commands).toEqual([
      { source: ['# scale up'], line: '' },
      { source: ['kubectl scale sts web --replicas=5 # five'], line: 'kubectl scale sts web --replicas=5' },
      { source: ['kubectl get pods -l a=b#c'], line: 'kubectl get pods -l a=b#c' },
    ]);
    expect(lines(`kubectl annotate pod web-0 'note=# not a comment'`)).toEqual([`kubectl annotate pod web-0 'note=# not a comment'`]);
  });

  it('reads a loop written over several lines as the one-line loop it is', () => {
    expect(lines('for i in 0 1; do\n  kubectl exec "web-$i" -- hostname\ndone')).toEqual(['for i in 0 1; do kubectl exec "web-$i" -- hostname; done']);
    expect(splitBlock('for i in 0 1\ndo\n  kubectl get pod web-$i;\n  echo\ndone\nkubectl get pods').commands).toEqual([
      { source: ['for i in 0 1', 'do', '  kubectl get pod web-$i;', '  echo', 'done'], line: 'for i in 0 1; do kubectl get pod web-$i; echo; done' },
      { source: ['kubectl get pods'], line: 'kubectl get pods' },
    ]);
    expect(lines('for i in 0 1; do kubectl get pod web-$i; done')).toEqual(['for i in 0 1; do kubectl get pod web-$i; done']);
  });

  it('says what the end leaves open (and which lines), so the terminal waits for more', () => {
    expect(splitBlock('kubectl get pods\nkubectl apply -f - <<EOF\na: 1')).toEqual({
      commands: [{ source: ['kubectl get pods'], line: 'kubectl get pods' }], open: 'heredoc', rest: ['kubectl apply -f - <<EOF', 'a: 1'],
    });
    expect(splitBlock("kubectl get 'po").open).toBe('quote');
    expect(splitBlock('kubectl get \\').open).toBe('continuation');
    expect(splitBlock('for i in 0 1; do\n kubectl get pods').open).toBe('loop');
    expect(splitBlock('kubectl get pods').open).toBeUndefined();
    expect(splitBlock('').commands).toEqual([]);
  });

  it('echoes a command as bash shows pasted lines: $ before the first, > before the rest', () => {
    expect(echoOf(splitBlock('cat <<EOF | kubectl apply -f -\na: 1\nEOF').commands[0])).toBe('$ cat <<EOF | kubectl apply -f -\n> a: 1\n> EOF\n');
  });
});

describe('splitList: a line of commands joined by ;, && and ||', () => {
  it('splits outside quotes; a single | is a pipe; a trailing ; ends the list', () => {
    expect(splitList('kubectl get pods')).toBeNull();
    expect(splitList('kubectl get pods | grep web')).toBeNull();
    expect(splitList('kubectl get pods; kubectl get pvc')).toEqual([{ text: 'kubectl get pods' }, { op: ';', text: 'kubectl get pvc' }]);
    expect(splitList('a && b || c')).toEqual([{ text: 'a' }, { op: '&&', text: 'b' }, { op: '||', text: 'c' }]);
    expect(splitList(`kubectl annotate pod web-0 'a=x;y' && echo "ok; done"`)).toEqual([{ text: `kubectl annotate pod web-0 'a=x;y'` }, { op: '&&', text: 'echo "ok; done"' }]);
    expect(splitList('kubectl get pods;')).toEqual([{ text: 'kubectl get pods' }]);
    expect(splitList('echo a\\;b')).toBeNull();
  });

  it("gives bash's syntax errors for an operator without its commands", () => {
    expect(splitList('; kubectl get pods')).toEqual({ error: "syntax error near unexpected token `;'" });
    expect(splitList('kubectl get pods &&')).toEqual({ error: 'syntax error: unexpected end of file' });
    expect(splitList('a ;; b')).toEqual({ error: "syntax error near unexpected token `;;'" });
    // `&` sends the command before it to the background and ends it as `;` does; `&` in `&&` and in redirections is not it.
    expect(splitList('kubectl port-forward web-0 8080:80 &')).toEqual([{ text: 'kubectl port-forward web-0 8080:80', background: true }]);
    expect(splitList('kubectl get pods -w & kubectl get pvc')).toEqual([{ text: 'kubectl get pods -w', background: true }, { op: ';', text: 'kubectl get pvc' }]);
    expect(splitList('& kubectl get pods')).toEqual({ error: "syntax error near unexpected token `&'" });
    expect(splitList('kubectl get pods 2>&1 >&2 &> x &>> y')).toBeNull();
    expect(splitList("curl 'localhost:8080/?a=1&b=2'")).toBeNull();
    expect(splitList('a && || b')).toEqual({ error: "syntax error near unexpected token `||'" });
  });
});
