// The init-container command model: how long a process runs and how it exits, from its image and command.
import { describe, expect, it } from 'vitest';
import type { Container } from 'kubernetes-types/core/v1';
import { lookupImage } from './images.ts';
import { processEnd, stdinShellOf } from './process.ts';

const end = (image: string, command?: string[], args?: string[]) =>
  processEnd(lookupImage(image)!, { name: 'c', image, ...(command ? { command } : {}), ...(args ? { args } : {}) } as Container);

describe('processEnd', () => {
  it.each([
    ['busybox without a command exits 0 at once', 'busybox:1.36', undefined, undefined, { ms: 0, exitCode: 0 }],
    ['nginx without a command serves forever', 'nginx:alpine', undefined, undefined, 'forever'],
    ['sleep N lasts N seconds', 'busybox:1.36', ['sleep', '5'], undefined, { ms: 5000, exitCode: 0 }],
    ['sleep with a unit', 'busybox:1.36', ['sleep', '2m'], undefined, { ms: 120_000, exitCode: 0 }],
    ['sleep infinity', 'busybox:1.36', ['sleep', 'infinity'], undefined, 'forever'],
    ['args alone are the command of an image without an entrypoint', 'busybox:1.36', undefined, ['sleep', '1'], { ms: 1000, exitCode: 0 }],
    ['false fails', 'busybox:1.36', ['false'], undefined, { ms: 0, exitCode: 1 }],
    ['a script adds its sleeps', 'busybox:1.36', ['sh', '-c', 'echo a; sleep 2; sleep 1.5'], undefined, { ms: 3500, exitCode: 0 }],
    ['exit N in a script ends it with N', 'busybox:1.36', ['sh', '-c', 'sleep 1; exit 3; sleep 9'], undefined, { ms: 1000, exitCode: 3 }],
    ['the exit status of a script is its last command\'s', 'busybox:1.36', ['sh', '-c', 'false'], undefined, { ms: 0, exitCode: 1 }],
    ['&& skips after a failure, || runs after one', 'busybox:1.36', ['sh', '-c', 'false && sleep 5 || sleep 1'], undefined, { ms: 1000, exitCode: 0 }],
    ['set -e stops at the first failure', 'busybox:1.36', ['sh', '-c', 'set -ex\nfalse\nsleep 4'], undefined, { ms: 0, exitCode: 1 }],
    ['a wait loop never ends by itself', 'busybox:1.36', ['sh', '-c', 'until nslookup myservice; do echo waiting; sleep 2; done'], undefined, 'forever'],
    ['tail -f never ends', 'busybox:1.36', ['sh', '-c', 'touch /log; tail -f /log'], undefined, 'forever'],
    ['separators inside quotes are words', 'busybox:1.36', ['sh', '-c', 'echo "a; exit 4"; sleep 1'], undefined, { ms: 1000, exitCode: 0 }],
    ['a quick utility run directly exits 0', 'busybox:1.36', ['wget', '-O', '/work/index.html', 'http://info.cern.ch'], undefined, { ms: 0, exitCode: 0 }],
    ['a server image\'s own program serves forever', 'nginx:alpine', ['nginx', '-g', 'daemon off;'], undefined, 'forever'],
    ['a server image given a script runs the script', 'nginx:alpine', ['sh', '-c', 'cp /a /b'], undefined, { ms: 0, exitCode: 0 }],
    ['exec of a daemon in a script serves forever', 'nginx:alpine', ['sh', '-c', 'exec nginx -g "daemon off;"'], undefined, 'forever'],
    ['combined shell flags (-ec) still run the script, with set -e', 'busybox:1.36', ['/bin/sh', '-ec', 'sleep 1; false; sleep 5'], undefined, { ms: 1000, exitCode: 1 }],
    ['bash -euxc runs its script', 'busybox:1.36', ['bash', '-euxc', 'exit 4'], undefined, { ms: 0, exitCode: 4 }],
    ['set -o errexit is set -e', 'busybox:1.36', ['sh', '-c', 'set -o errexit; false; sleep 3'], undefined, { ms: 0, exitCode: 1 }],
    ['redirections are not operands', 'busybox:1.36', ['sh', '-c', 'sleep 3 > /dev/null 2>&1; echo done >&2'], undefined, { ms: 3000, exitCode: 0 }],
    ['a pipeline lasts as long as its longest member', 'busybox:1.36', ['sh', '-c', 'sleep 2 | cat'], undefined, { ms: 2000, exitCode: 0 }],
    ['a pipeline exits with its last member\'s status', 'busybox:1.36', ['sh', '-c', 'false | true'], undefined, { ms: 0, exitCode: 0 }],
    ['a background job holds the script only at wait', 'busybox:1.36', ['sh', '-c', 'sleep 5 & echo started; wait'], undefined, { ms: 5000, exitCode: 0 }],
    ['a background server does not keep the script running', 'busybox:1.36', ['sh', '-c', 'tail -f /dev/null & sleep 1'], undefined, { ms: 1000, exitCode: 0 }],
    ['an if takes its first branch, never the else', 'busybox:1.36', ['sh', '-c', 'if [ -f /x ]; then sleep 1\nelif [ -f /y ]; then exit 2\nelse\n  if true; then exit 3; fi\nfi\nsleep 2'], undefined, { ms: 3000, exitCode: 0 }],
  ])('%s', (_name, image, command, args, want) => {
    expect(end(image, command, args)).toEqual(want);
  });
});

describe('stdinShellOf', () => {
  it('is the command of a shell given no script, or sh for a shell image with no command; nothing for other processes', () => {
    expect(stdinShellOf(['/bin/sh'], lookupImage('nginx:alpine'))).toEqual(['/bin/sh']);
    expect(stdinShellOf(['sh', '-c', 'sleep 1'], lookupImage('busybox:1.28'))).toBeUndefined();
    expect(stdinShellOf([], lookupImage('busybox:1.28'))).toEqual(['sh']);
    expect(stdinShellOf([], lookupImage('nginx:alpine'))).toBeUndefined();
    expect(stdinShellOf([], undefined)).toBeUndefined();
  });
});
