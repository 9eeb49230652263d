import { describe, expect, it } from 'vitest';
import { toScenarioLine } from '../../scenario/block.ts';
import { HELP_TEXT } from './terminal-help-text.ts';

describe('toScenarioLine', () => {
  it.each([
    ['kubectl get pods', 'kubectl get pods'],
    ['get pods', 'kubectl get pods'],
    ['  scale sts web --replicas=2 ', 'kubectl scale sts web --replicas=2'],
    ['k get po', 'kubectl get po'],
    ['sim advance 5s', 'sim advance 5s'],
    ['simulate', 'kubectl simulate'],
    ['for i in 0 1; do kubectl get pod web-$i; done', 'for i in 0 1; do kubectl get pod web-$i; done'],
    ['format', 'kubectl format'],
    ['grace=$(kubectl get pod web-0 -o name)', 'grace=$(kubectl get pod web-0 -o name)'],
    ['echo $grace', 'echo $grace'],
    ['sleep 5', 'sleep 5'],
    ['sleeper', 'kubectl sleeper'],
    ['cat web.yaml', 'cat web.yaml'],
    ['ls', 'ls'],
    ['lsof', 'kubectl lsof'],
    ['ls; echo $?', 'ls; echo $?'],
    ['echo hi>x.txt', 'echo hi>x.txt'],
    ['cat x.txt|wc -l', 'cat x.txt|wc -l'],
    ['get pods; ls', 'kubectl get pods; ls'],
  ])('%s → %s', (typed, line) => expect(toScenarioLine(typed)).toBe(line));
});

describe('HELP_TEXT', () => {
  it('lists the interactive verbs: exec -it, run -i, edit', () => {
    expect(HELP_TEXT).toContain('kubectl exec -it nginx-web-0 -- sh');
    expect(HELP_TEXT).toContain('kubectl run -it --rm');
    expect(HELP_TEXT).toContain('kubectl edit sts nginx-web');
  });
});
