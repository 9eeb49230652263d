import { describe, expect, it } from 'vitest';
import { appendChunks, initialTerminal } from '../store/slices/terminal.ts';
import { diffCommandIds, diffLineKind } from './diff-lines.ts';

describe('diffLineKind', () => {
  it('tells the parts of diff -u -N output apart', () => {
    const out = [
      'diff -u -N /tmp/LIVE-1/apps.v1.StatefulSet.default.web /tmp/MERGED-2/apps.v1.StatefulSet.default.web',
      '--- /tmp/LIVE-1/apps.v1.StatefulSet.default.web\t2026-01-01 00:00:07.878000000 +0000',
      '+++ /tmp/MERGED-2/apps.v1.StatefulSet.default.web\t2026-01-01 00:00:07.878000000 +0000',
      '@@ -27,7 +27,7 @@',
      '       containers:',
      '-      - image: nginx:alpine',
      '+      - image: nginx:mainline',
      '--- a removed line that looks like a header',
      '+++',
    ];
    expect(out.map(diffLineKind)).toEqual(['head', 'head', 'head', 'hunk', undefined, 'del', 'add', 'del', 'add']);
  });
});

describe('diffCommandIds', () => {
  it("finds the kubectl diff commands by their echo's command id", () => {
    const t = appendChunks(initialTerminal(), [
      { stream: 'cmd', text: '$ kubectl diff -f -\n', id: 3 },
      { stream: 'out', text: '-a\n+b\n', id: 3 },
      { stream: 'cmd', text: '$ kubectl apply -f -\n', id: 4 },
      { stream: 'cmd', text: '$ kubectl diffx\n', id: 5 },
      { stream: 'cmd', text: '$ kubectl diff\n' },
    ]);
    expect(t.lines.filter((l) => l.kind === 'out').map((l) => l.command)).toEqual([3, 3]);
    expect([...diffCommandIds(t.lines)]).toEqual([3]);
  });
});
