// The shells and utilities inside the simulated containers: Debian's dash and GNU tools (web-0, nginx-slim),
// BusyBox's ash and applets (tools, busybox), bash where the image has it; each with its own texts.
import { describe, expect, it } from 'vitest';
import { kc } from '../testing.ts';
import { execCluster } from './exec.fixture.ts';

/** `kubectl exec POD -- sh -c SCRIPT` (the script is one argument, whatever it holds). */
function sh(c: ReturnType<typeof execCluster>, pod: string, script: string, shell = 'sh') {
  return kc(c, ['exec', pod, '--', shell, '-c', script]);
}

describe('exec: shell texts per image', () => {
  it.each([
    ['web-0', 'sh', 'sh: 1: nope: not found\n', 127],
    ['web-0', 'bash', 'bash: line 1: nope: command not found\n', 127],
    ['tools', 'sh', 'sh: nope: not found\n', 127],
  ])('%s %s: a missing command', (pod, shell, err, code) => {
    expect(sh(execCluster(), pod, 'nope', shell)).toEqual({ out: '', err: `${err}command terminated with exit code ${code}\n`, code });
  });

  it('has no bash in BusyBox images and no wget on Debian', () => {
    const c = execCluster();
    expect(sh(c, 'tools', 'bash -c true').err).toBe('sh: bash: not found\ncommand terminated with exit code 127\n');
    expect(sh(c, 'web-0', 'wget -qO- localhost').err).toBe('sh: 1: wget: not found\ncommand terminated with exit code 127\n');
    expect(sh(c, 'tools', 'curl localhost').err).toBe('sh: curl: not found\ncommand terminated with exit code 127\n');
  });

  it.each([
    ['web-0', 'sh', 'sh: 1: cannot create /nodir/f: Directory nonexistent\n', 2],
    ['web-0', 'bash', 'bash: line 1: /nodir/f: No such file or directory\n', 1],
    ['tools', 'sh', "sh: can't create /nodir/f: nonexistent directory\n", 1],
  ])('%s %s: a redirection into a missing directory', (pod, shell, err, code) => {
    expect(sh(execCluster(), pod, 'echo x > /nodir/f', shell)).toEqual({ out: '', err: `${err}command terminated with exit code ${code}\n`, code });
  });

  it('reports syntax errors and the constructs it does not model', () => {
    const c = execCluster();
    expect(sh(c, 'web-0', "echo 'open").err).toBe('sh: 1: Syntax error: Unterminated quoted string\ncommand terminated with exit code 2\n');
    expect(sh(c, 'tools', "echo 'open").err).toBe('sh: syntax error: unterminated quoted string\ncommand terminated with exit code 2\n');
    expect(sh(c, 'web-0', "echo 'open", 'bash').err).toBe("bash: -c: line 1: unexpected EOF while looking for matching `''\ncommand terminated with exit code 2\n");
    expect(sh(c, 'web-0', 'echo a;; echo b').err).toBe('sh: 1: Syntax error: ";;" unexpected\ncommand terminated with exit code 2\n');
    expect(sh(c, 'tools', 'echo x | (cat)')).toEqual({ out: 'x\n', err: '', code: 0 });
    expect(sh(c, 'tools', 'kill -TERM 1').err).toMatch(/^\[simulated cluster\] sh: kill 1: only the shell's own background jobs are modelled/);
  });

  it('echoes as each shell does: dash interprets backslashes, bash and /bin/echo do not', () => {
    const c = execCluster();
    expect(sh(c, 'web-0', 'echo "a\\tb"').out).toBe('a\tb\n');
    expect(sh(c, 'web-0', 'echo "a\\tb"', 'bash').out).toBe('a\\tb\n');
    expect(sh(c, 'web-0', 'echo -e "a\\tb"', 'bash').out).toBe('a\tb\n');
    expect(sh(c, 'tools', 'echo -n x; echo y').out).toBe('xy\n');
    expect(kc(c, ['exec', 'web-0', '--', 'echo', 'a\\tb', '$HOSTNAME']).out).toBe('a\\tb $HOSTNAME\n');
  });
});

describe('exec: expansions, lists, pipes and redirections', () => {
  it('expands parameters, substitutions and globs, and splits unquoted results', () => {
    const c = execCluster();
    expect(sh(c, 'tools', 'X="a  b"; echo $X; echo "$X" ${HOSTNAME}').out).toBe('a b\na  b tools\n');
    expect(sh(c, 'tools', 'false; echo $?; true; echo $?').out).toBe('1\n0\n');
    expect(sh(c, 'tools', 'echo "[$(hostname)]" `hostname -i | cat`').out).toMatch(/^\[tools\] 10\.244\.\d+\.\d+\n$/);
    expect(sh(c, 'tools', 'A=1 printenv A; printenv A || echo unset').out).toBe('1\nunset\n');
    expect(sh(c, 'alpine', 'echo /usr/share/nginx/html/*.html; echo /tmp/*.none').out).toBe('/usr/share/nginx/html/50x.html /usr/share/nginx/html/index.html\n/tmp/*.none\n');
  });

  it('runs && and || by status, pipes stdout, and redirects to files, /dev/null and the other stream', () => {
    const c = execCluster();
    expect(sh(c, 'tools', 'cat /nope && echo no || echo yes').out).toBe('yes\n');
    expect(sh(c, 'tools', 'cat /nope 2>/dev/null; echo $?')).toEqual({ out: '1\n', err: '', code: 0 });
    expect(sh(c, 'tools', 'cat /nope 2>&1 | cat > /tmp/log; cat /tmp/log').out).toBe("cat: can't open '/nope': No such file or directory\n");
    expect(sh(c, 'tools', 'echo a > /tmp/f; echo b >> /tmp/f; cat < /tmp/f; echo c > /tmp/f; cat /tmp/f').out).toBe('a\nb\nc\n');
    expect(sh(c, 'tools', 'echo hi | cat | cat').out).toBe('hi\n');
    expect(sh(c, 'tools', '! true; echo $?').out).toBe('1\n');
    expect(sh(c, 'tools', 'exit 3; echo never')).toEqual({ out: '', err: 'command terminated with exit code 3\n', code: 3 });
  });

  it('runs while, until, for, if and { } with break and continue, and $((…)) arithmetic', () => {
    const c = execCluster();
    expect(sh(c, 'tools', 'for i in a "b c"; do echo "<$i>"; done; for f in /usr/*; do :; done; echo $i').out).toBe('<a>\n<b c>\nb c\n');
    expect(sh(c, 'tools', 'i=0; while [ $i -lt 3 ]; do echo $i; i=$((i + 1)); done; echo "after $i"').out).toBe('0\n1\n2\nafter 3\n');
    expect(sh(c, 'tools', 'n=5; until [ $n -eq 2 ]; do n=$((n-1)); done; echo $n $((n*10/3)) $((7 % 3)) $((-(2+3))) $((1 < 2 && 3 != 3))').out).toBe('2 6 1 -5 0\n');
    expect(sh(c, 'tools', 'x=1; : $((x += 4)); echo $x $(( x > 4 ))').out).toBe('5 1\n');
    expect(sh(c, 'tools', 'for i in 1 2 3 4; do if [ $i = 2 ]; then continue; elif [ $i = 4 ]; then break; else echo $i; fi; done').out).toBe('1\n3\n');
    expect(sh(c, 'tools', 'for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done').out).toBe('1a\n2a\n');
    expect(sh(c, 'tools', 'while true; do while true; do break 2; done; echo never; done; echo out').out).toBe('out\n');
    expect(sh(c, 'tools', 'if false; then echo a; fi; echo $?; { echo grouped; false; }; echo $?').out).toBe('0\ngrouped\n1\n');
    expect(sh(c, 'tools', 'for i in 1 2; do echo $i; done | cat').out).toBe('1\n2\n');
    expect(sh(c, 'web-0', 'break; echo still', 'bash')).toEqual({ out: 'still\n', err: "bash: line 1: break: only meaningful in a `for', `while', or `until' loop\n", code: 0 });
    // A loop that never sleeps would spin for ever in a real container; the model stops and says so.
    expect(sh(c, 'tools', 'while true; do :; done').err).toMatch(/^\[simulated cluster\] sh: a loop that runs on without a sleep is not modelled/);
  });

  it('reports compound commands left open or closed out of place as each shell does', () => {
    const c = execCluster();
    expect(sh(c, 'web-0', 'while true; do echo').err).toBe('sh: 1: Syntax error: end of file unexpected (expecting "done")\ncommand terminated with exit code 2\n');
    expect(sh(c, 'tools', 'if true; then echo').err).toBe('sh: syntax error: unexpected end of file (expecting "fi")\ncommand terminated with exit code 2\n');
    // bash counts the end of a script whose last line has no newline as a line of its own.
    expect(sh(c, 'web-0', 'if true; then echo', 'bash').err).toBe('bash: -c: line 2: syntax error: unexpected end of file\ncommand terminated with exit code 2\n');
    expect(sh(c, 'web-0', 'if true\nthen echo\n', 'bash').err).toBe('bash: -c: line 3: syntax error: unexpected end of file\ncommand terminated with exit code 2\n');
    expect(sh(c, 'web-0', 'echo a; done').err).toBe('sh: 1: Syntax error: "done" unexpected\ncommand terminated with exit code 2\n');
    expect(sh(c, 'tools', 'while true; do done').err).toBe('sh: syntax error: unexpected "done"\ncommand terminated with exit code 2\n');
    expect(sh(c, 'web-0', 'echo a;; echo b', 'bash').err).toBe("bash: -c: line 1: syntax error near unexpected token `;;'\nbash: -c: line 1: `echo a;; echo b'\ncommand terminated with exit code 2\n");
  });

  it('changes directory for relative paths, and reports a missing one', () => {
    const c = execCluster();
    expect(sh(c, 'alpine', 'cd /usr/share/nginx/html && ls && pwd').out).toBe('50x.html\nindex.html\n/usr/share/nginx/html\n');
    expect(sh(c, 'web-0', 'cd /nope').err).toBe("sh: 1: cd: can't cd to /nope\ncommand terminated with exit code 2\n");
    expect(sh(c, 'tools', 'cd /nope').err).toBe("sh: cd: line 0: can't cd to /nope: No such file or directory\ncommand terminated with exit code 2\n");
  });
});

describe('exec: file utilities (GNU on Debian, BusyBox elsewhere)', () => {
  it('reports missing files and directories in each one\'s words', () => {
    const c = execCluster();
    expect(sh(c, 'web-0', 'ls /nope; cat /tmp; rm /nope; mkdir /tmp; touch /nodir/x').err).toBe(
      "ls: cannot access '/nope': No such file or directory\ncat: /tmp: Is a directory\nrm: cannot remove '/nope': No such file or directory\n" +
      "mkdir: cannot create directory '/tmp': File exists\ntouch: cannot touch '/nodir/x': No such file or directory\ncommand terminated with exit code 1\n");
    expect(sh(c, 'tools', 'ls /nope; cat /tmp; rm /nope; mkdir /tmp; touch /nodir/x').err).toBe(
      "ls: /nope: No such file or directory\ncat: read error: Is a directory\nrm: can't remove '/nope': No such file or directory\n" +
      "mkdir: can't create directory '/tmp': File exists\ntouch: /nodir/x: No such file or directory\ncommand terminated with exit code 1\n");
  });

  it('makes, lists and removes files and directories; ls -a shows the dot entries', () => {
    const c = execCluster();
    expect(sh(c, 'tools', 'mkdir -p /tmp/a/b && touch /tmp/a/b/f /tmp/a/.h && ls /tmp/a && ls -a /tmp/a && ls -A /tmp/a && rm -r /tmp/a && ls /tmp').out)
      .toBe('b\n.\n..\n.h\nb\n.h\nb\n');
    expect(sh(c, 'tools', 'mkdir /tmp/d; rm /tmp/d').err).toBe("rm: '/tmp/d' is a directory\ncommand terminated with exit code 1\n");
  });

  it('lays names across a terminal, one per line otherwise', () => {
    const c = execCluster();
    expect(kc(c, 'exec alpine -- ls /usr/share/nginx/html').out).toBe('50x.html\nindex.html\n');
    expect(kc(c, 'exec -it alpine -- ls /usr/share/nginx/html', { terminal: true }).out).toBe('50x.html  index.html\n');
  });

  it('says so where the contents are not modelled', () => {
    const c = execCluster();
    expect(kc(c, 'exec tools -- ls /etc')).toEqual({ out: '', err: '[simulated cluster] ls: the contents of /etc are not modelled\ncommand terminated with exit code 1\n', code: 1 });
    expect(kc(c, 'exec tools -- ps').err).toMatch(/^\[simulated cluster\] ps: this command is not modelled in the simulated container; try basename, cat, cp, cut, date, dirname, echo/);
    expect(kc(c, 'exec web-0 -- printenv').err).toMatch(/^\[simulated cluster\] printenv: this image's own environment/);
  });

  it('shares an emptyDir between the containers of a pod, and refuses writes to a read-only mount', () => {
    const c = execCluster();
    kc(c, 'apply -f -', { stdin: `apiVersion: v1
kind: Pod
metadata:
  name: pair
spec:
  volumes:
  - name: shared
    emptyDir: {}
  containers:
  - name: writer
    image: busybox:1.36
    command: ["sleep", "infinity"]
    volumeMounts:
    - name: shared
      mountPath: /data
  - name: reader
    image: busybox:1.36
    command: ["sleep", "infinity"]
    volumeMounts:
    - name: shared
      mountPath: /data
      readOnly: true
` });
    c.settle();
    expect(kc(c, ['exec', 'pair', '-c', 'writer', '--', 'sh', '-c', 'echo note > /data/n']).code).toBe(0);
    expect(kc(c, 'exec pair -c reader -- cat /data/n').out).toBe('note\n');
    expect(kc(c, ['exec', 'pair', '-c', 'reader', '--', 'sh', '-c', 'echo x > /data/n']).err)
      .toBe("sh: can't create /data/n: Read-only file system\ncommand terminated with exit code 1\n");
  });
});

describe('exec: other utilities', () => {
  it('prints hostname forms and refuses to set it', () => {
    const c = execCluster();
    expect(sh(c, 'web-0', 'hostname -s; hostname -d').out).toBe('web-0\nnginx.default.svc.cluster.local\n');
    expect(kc(c, 'exec web-0 -- hostname other').err).toBe('hostname: you must be root to change the host name\ncommand terminated with exit code 1\n');
    expect(kc(c, 'exec tools -- hostname other').err).toBe('hostname: sethostname: Operation not permitted\ncommand terminated with exit code 1\n');
    expect(kc(c, 'exec tools -- hostname -f').out).toBe('tools\n');
  });

  it('prints the virtual date in the C library format', () => {
    const c = execCluster();
    c.advance(8 * 86_400_000);
    expect(kc(c, 'exec tools -- date').out).toMatch(/^Fri Jan {2}9 00:00:\d\d UTC 2026\n$/);
  });

  it('wget reports its progress without -q; curl saves with -o and follows a redirect with -L', () => {
    const c = execCluster();
    expect(kc(c, 'exec alpine -- wget -O- localhost/50x.html').err).toBe(
      'Connecting to localhost (127.0.0.1:80)\nwriting to stdout\n-                    100% |********************************|   497  0:00:00 ETA\nwritten to stdout\n');
    expect(sh(c, 'alpine', 'mkdir /usr/share/nginx/html/docs; echo d > /usr/share/nginx/html/docs/index.html; curl -s localhost/docs; curl -sL localhost/docs').out)
      .toBe('<html>\r\n<head><title>301 Moved Permanently</title></head>\r\n<body>\r\n<center><h1>301 Moved Permanently</h1></center>\r\n<hr><center>nginx/1.29.3</center>\r\n</body>\r\n</html>\r\nd\n');
    expect(sh(c, 'alpine', 'curl -s -o /tmp/page localhost/docs/ ; cat /tmp/page').out).toBe('d\n');
    expect(sh(c, 'alpine', 'curl -s -o /tmp/page localhost/50x.html; cat /tmp/page').out).toContain('An error occurred.');
  });

  it('reaches a ClusterIP Service on its port, and is refused when it has no ready endpoints', () => {
    const c = execCluster();
    kc(c, 'apply -f -', { stdin: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: front\nspec:\n  selector:\n    app: nginx\n  ports:\n  - port: 8080\n    targetPort: 80\n' });
    c.settle();
    for (const i of [0, 1]) sh(c, `web-${i}`, `echo web-${i} > /usr/share/nginx/html/index.html`);
    expect(['web-0\n', 'web-1\n']).toContain(kc(c, 'exec tools -- wget -qO- front:8080').out);
    expect(kc(c, 'exec tools -- wget -qO- front.default.svc.cluster.local:8080').code).toBe(0);
    const ip = c.store.get('Service', 'default', 'front')!.spec!.clusterIP!;
    expect(kc(c, 'exec alpine -- curl -s front').code).toBe(7);
    kc(c, 'scale sts web --replicas=0');
    c.settle();
    expect(kc(c, 'exec tools -- wget -qO- front:8080').err).toBe(`wget: can't connect to remote host (${ip}): Connection refused\ncommand terminated with exit code 1\n`);
  });
});

describe('exec: getent hosts (glibc)', () => {
  it('prints each address of a name with its canonical name, and exits 2 for a name that does not resolve', () => {
    const c = execCluster();
    const ip0 = c.store.get('Pod', 'default', 'web-0')!.status!.podIP!;
    const ip1 = c.store.get('Pod', 'default', 'web-1')!.status!.podIP!;
    expect(kc(c, 'exec web-1 -- getent hosts web-0.nginx').out).toBe(`${ip0.padEnd(15)} web-0.nginx.default.svc.cluster.local\n`);
    expect(kc(c, 'exec web-1 -- getent hosts web-1').out).toBe(`${ip1.padEnd(15)} web-1.nginx.default.svc.cluster.local web-1\n`);
    expect(kc(c, 'exec web-1 -- getent hosts localhost').out).toBe('::1             localhost ip6-localhost ip6-loopback\n');
    expect(kc(c, 'exec web-1 -- getent hosts nginx').out.split('\n').filter(Boolean).sort()).toEqual(
      [`${ip0.padEnd(15)} nginx.default.svc.cluster.local`, `${ip1.padEnd(15)} nginx.default.svc.cluster.local`].sort());
    expect(kc(c, 'exec web-1 -- getent hosts web-7.nginx')).toEqual({ out: '', err: 'command terminated with exit code 2\n', code: 2 });
  });

  it('lists the modelled commands the image has when asked for one it does not model', () => {
    const c = execCluster();
    expect(kc(c, 'exec web-0 -- awk').err).toBe('[simulated cluster] awk: this command is not modelled in the simulated container; ' +
      'try basename, cat, cp, curl, cut, date, dirname, echo, env, getent, grep, head, hostname, ls, mkdir, printenv, rm, sed, seq, sh, sleep, sort, tail, tar, ' +
      'test, touch, tr, uniq, wc\ncommand terminated with exit code 127\n');
    expect(kc(c, 'exec tools -- awk').err).toMatch(/try basename, cat, cp, cut, date, dirname, echo, env, grep, head, hostname, ls, mkdir, nslookup, printenv, rm, sed, seq, sh, sleep, sort, tail, tar, test, touch, tr, uniq, wc, wget\n/);
  });
});

describe('exec: the whole environment', () => {
  it('is printed by env and printenv run directly in a busybox image: PATH, HOSTNAME, the kubelet\'s variables, HOME', () => {
    const c = execCluster();
    const want = ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=tools', 'KUBERNETES_SERVICE_HOST=10.96.0.1',
      'KUBERNETES_SERVICE_PORT=443', 'KUBERNETES_SERVICE_PORT_HTTPS=443', 'KUBERNETES_PORT=tcp://10.96.0.1:443', 'KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443',
      'KUBERNETES_PORT_443_TCP_PROTO=tcp', 'KUBERNETES_PORT_443_TCP_PORT=443', 'KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1', 'HOME=/root'].map((l) => `${l}\n`).join('');
    expect(kc(c, 'exec tools -- env')).toEqual({ out: want, err: '', code: 0 });
    expect(kc(c, 'exec tools -- printenv').out).toBe(want);
  });

  it('is not modelled where the image has an ENV of its own, or a shell passes it on', () => {
    const c = execCluster();
    expect(kc(c, 'exec web-0 -- env').err).toMatch(/^\[simulated cluster\] env: this image's own environment \(its ENV\) is not modelled/);
    expect(kc(c, ['exec', 'tools', '--', 'sh', '-c', 'printenv']).err).toMatch(/^\[simulated cluster\] printenv: the environment a shell passes on/);
    expect(kc(c, 'exec tools -- env FOO=1 printenv FOO').err).toMatch(/only env without arguments is modelled/);
  });
});

describe('exec: what the model knows of an image\'s files', () => {
  it('lists the root of each image family, and has no /run in busybox', () => {
    const c = execCluster();
    expect(kc(c, 'exec tools -- ls /').out).toBe('bin\ndev\netc\nhome\nlib\nlib64\nproc\nroot\nsys\ntmp\nusr\nvar\n');
    expect(kc(c, 'exec alpine -- ls /').out.split('\n')).toEqual(expect.arrayContaining(['docker-entrypoint.d', 'docker-entrypoint.sh', 'media', 'run', 'srv']));
    expect(kc(c, 'exec web-0 -- ls /').out.split('\n')).toEqual(expect.arrayContaining(['boot', 'lib64', 'opt']));
    expect(sh(c, 'tools', 'cd /run').code).toBe(2);
    expect(sh(c, 'alpine', 'cd /run && pwd').out).toBe('/run\n');
  });

  it('says so for a file it does not know, rather than calling it missing; replacing one needs no knowledge of it', () => {
    const c = execCluster();
    expect(kc(c, 'exec alpine -- cat /etc/os-release').err).toBe('[simulated cluster] cat: /etc/os-release is not modelled\ncommand terminated with exit code 1\n');
    expect(kc(c, 'exec alpine -- cat /docker-entrypoint.sh').err).toBe('[simulated cluster] cat: the content of /docker-entrypoint.sh is not modelled\ncommand terminated with exit code 1\n');
    expect(sh(c, 'alpine', 'echo x > /etc/motd; cat /etc/motd').out).toBe('x\n');
    expect(sh(c, 'alpine', 'echo y >> /etc/profile').err).toBe('[simulated cluster] sh: /etc/profile is not modelled\ncommand terminated with exit code 1\n');
    // Where the whole directory is known, a missing name is missing.
    expect(kc(c, 'exec alpine -- cat /nope/x').err).toBe("cat: can't open '/nope/x': No such file or directory\ncommand terminated with exit code 1\n");
  });
});

describe('exec: sizes are bytes', () => {
  it('counts UTF-8 bytes in curl\'s progress meter, not characters', () => {
    const c = execCluster();
    expect(sh(c, 'web-0', 'echo "héllo" > /usr/share/nginx/html/index.html').code).toBe(0);
    expect(kc(c, 'exec web-1 -- curl web-0.nginx').err).toMatch(/\n100 {5}7 {2}100 {5}7 /);
  });
});
