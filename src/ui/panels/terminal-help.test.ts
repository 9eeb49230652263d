import { describe, expect, it } from 'vitest';
import { toScenarioLine } from './terminal-help.ts';

describe('toScenarioLine', () => {
  it.each([
    ['kubectl get pods', 'kubectl get pods'],
    ['get pods', 'kubectl get pods'],
    ['  scale sts web --replicas=2 ', 'kubectl scale sts web --replicas=2'],
    ['k get po', 'kubectl get po'],
    ['sim advance 5s', 'sim advance 5s'],
    ['simulate', 'kubectl simulate'],
  ])('%s → %s', (typed, line) => expect(toScenarioLine(typed)).toBe(line));
});
