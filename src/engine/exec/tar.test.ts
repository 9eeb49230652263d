// tar in a container (what kubectl cp runs): the archive is a real one (this machine's GNU tar lists and unpacks it,
// and what GNU tar packs unpacks here), and GNU tar and BusyBox tar answer with their own messages and statuses,
// as measured with GNU tar 1.34 and BusyBox 1.35.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Cluster } from '../cluster.ts';
import { kc } from '../../kubectl/testing.ts';
import { packTar, unpackTar } from './tar.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tar-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bytes = (archive: string): Buffer => Buffer.from(archive, 'utf8');
const hasTar = spawnSync('tar', ['--version']).status === 0;

describe('the archive', () => {
  const members = [
    { name: 'html/', dir: true, text: '' },
    { name: 'html/index.html', dir: false, text: '<h1>héllo, 世界</h1>\n' },
    { name: `html/${'d'.repeat(90)}/${'f'.repeat(60)}.txt`, dir: false, text: 'a long name: ustar splits it into prefix and name\n' },
    { name: 'html/empty', dir: false, text: '' },
  ];

  it('unpacks what it packs: directories, UTF-8 text, a name over 100 bytes, an empty file', () => {
    expect(unpackTar(packTar(members, 1_700_000_000))).toEqual({ members });
  });

  it('is whole records for GNU tar (10240 bytes), blocks for BusyBox', () => {
    expect(bytes(packTar(members, 0)).length % 10240).toBe(0);
    const bb = bytes(packTar(members.slice(0, 2), 0, false));
    // Two headers, one block of content, two zero blocks.
    expect(bb.length).toBe(5 * 512);
  });

  it.runIf(hasTar)("is what this machine's GNU tar lists and unpacks, byte for byte", () => {
    const file = join(scratch, 'a.tar');
    writeFileSync(file, bytes(packTar(members, 1_700_000_000)));
    const list = spawnSync('tar', ['-tvf', file], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n')[1]).toMatch(/^-rw-r--r-- root\/root +24 2023-11-14 22:13 html\/index.html$/);
    const out = join(scratch, 'out');
    mkdirSync(out);
    expect(spawnSync('tar', ['-xf', file, '-C', out]).status).toBe(0);
    expect(readFileSync(join(out, 'html/index.html'), 'utf8')).toBe(members[1].text);
    expect(readFileSync(join(out, members[2].name), 'utf8')).toBe(members[2].text);
  });

  it.runIf(hasTar)('reads what GNU tar packs', () => {
    const src = join(scratch, 'src');
    mkdirSync(join(src, 'sub'), { recursive: true });
    writeFileSync(join(src, 'sub', 'a.txt'), 'ä\n');
    const packed = spawnSync('tar', ['-cf', '-', '-C', src, 'sub']);
    const r = unpackTar(packed.stdout.toString('utf8'));
    expect(r).toEqual({ members: [{ name: 'sub/', dir: true, text: '' }, { name: 'sub/a.txt', dir: false, text: 'ä\n' }] });
  });

  it('knows input that is no archive', () => {
    expect(unpackTar('')).toEqual({ error: 'short' });
    expect(unpackTar('garbage\n')).toEqual({ error: 'short' });
    expect(unpackTar('x'.repeat(1024))).toEqual({ error: 'magic' });
  });
});

// A Debian container (GNU tar) and a BusyBox one, running.
function cluster(): Cluster {
  const c = Cluster.create({ freeze: true });
  const pod = (name: string, image: string, extra = ''): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: main\n    image: ${image}\n    command: ["sleep", "3600"]\n${extra}`;
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: conf\ndata:\n  a: "1"\n';
  const mount = '    volumeMounts:\n    - name: conf\n      mountPath: /conf\n  volumes:\n  - name: conf\n    configMap:\n      name: conf\n';
  for (const m of [cm, pod('deb', 'registry.k8s.io/nginx-slim:0.27', mount), pod('bb', 'busybox:1.36', mount)]) {
    const r = kc(c, 'apply -f -', { stdin: m });
    if (r.code !== 0) throw new Error(r.err);
  }
  c.settle();
  return c;
}

describe('tar in a container', () => {
  const c = cluster();
  const sh = (pod: string, script: string): { out: string; err: string; code: number } => kc(c, ['exec', pod, '--', 'sh', '-c', script]);

  it('copies a tree through a pipe, saying once that it removes the leading slash', () => {
    expect(sh('deb', 'mkdir -p /tmp/a/b /tmp/x && echo x > /tmp/a/b/f && tar cf - /tmp/a | tar -xmf - -C /tmp/x && cat /tmp/x/tmp/a/b/f'))
      .toEqual({ out: 'x\n', err: "tar: Removing leading `/' from member names\n", code: 0 });
    expect(sh('bb', 'mkdir -p /tmp/a/b && echo x > /tmp/a/b/f && tar cf - /tmp/a | tar tf -'))
      .toEqual({ out: 'tmp/a/\ntmp/a/b/\ntmp/a/b/f\n', err: "tar: removing leading '/' from member names\n", code: 0 });
  });

  it('says a path is missing in each tar\'s words and status, and still writes the archive of the rest', () => {
    const gnu = kc(c, ['exec', 'deb', '--', 'tar', 'cf', '-', '/nope']);
    expect(gnu.err).toBe("tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\n"
      + 'tar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n');
    expect(gnu.out).toBe('\0'.repeat(10240));
    // BusyBox says nothing of the slash for a path it could not read.
    expect(kc(c, ['exec', 'bb', '--', 'tar', 'cf', '-', '/nope']).err)
      .toBe('tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\ncommand terminated with exit code 1\n');
  });

  it('refuses what is no archive, a directory it cannot enter, a read-only file system and a directory in the way', () => {
    expect(sh('deb', 'echo garbage | tar -xmf -')).toEqual({ out: '', err: 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n', code: 2 });
    expect(sh('bb', 'echo garbage | tar -xmf -')).toEqual({ out: '', err: 'tar: short read\ncommand terminated with exit code 1\n', code: 1 });
    expect(sh('deb', 'tar cf - /etc/hostname | tar -xmf - -C /nope').err).toContain('tar: /nope: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n');
    expect(sh('bb', 'tar cf - /etc/hostname | tar -xmf - -C /etc/hostname').err).toContain("tar: can't change directory to '/etc/hostname': Not a directory\n");
    expect(sh('deb', 'cd /etc && tar cf - hostname | tar -xmf - -C /conf').err)
      .toBe('tar: hostname: Cannot open: Read-only file system\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n');
    expect(sh('bb', 'cd /etc && tar cf - hostname | tar -xmf - -C /conf').err)
      .toBe("tar: can't remove old file hostname: Read-only file system\ncommand terminated with exit code 1\n");
    expect(sh('deb', 'mkdir -p /tmp/d/etc/hostname && tar cf - /etc/hostname | tar -xmf - -C /tmp/d').err).toContain('tar: etc/hostname: Cannot open: File exists\n');
    expect(sh('bb', 'mkdir -p /tmp/d/etc/hostname && tar cf - /etc/hostname | tar -xmf - -C /tmp/d').err).toContain("tar: can't remove old file etc/hostname: Is a directory\n");
  });

  it('says what it does not model instead of guessing', () => {
    expect(kc(c, ['exec', 'deb', '--', 'tar', 'czf', 'a.tgz', '/etc']).err).toMatch(/^\[simulated cluster\] tar czf a\.tgz \/etc: only tar cf - PATH… and tar xf - \[-C DIR\]/);
  });

  it('test (and [) answers kubectl cp\'s test -d, and the other file and string tests', () => {
    expect(kc(c, ['exec', 'deb', '--', 'test', '-d', '/etc']).code).toBe(0);
    expect(kc(c, ['exec', 'deb', '--', 'test', '-d', '/etc/hostname']).code).toBe(1);
    expect(kc(c, ['exec', 'bb', '--', 'test', '-f', '/etc/hostname']).code).toBe(0);
    expect(kc(c, ['exec', 'bb', '--', 'test', '-e', '/nope']).code).toBe(1);
    expect(kc(c, ['exec', 'bb', '--', '[', 'a', '=', 'a', ']']).code).toBe(0);
    expect(kc(c, ['exec', 'bb', '--', '[', '-n', '']).err).toBe('[: missing ]\ncommand terminated with exit code 2\n');
  });
});
