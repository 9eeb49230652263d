// The shells' `set` options (-e, -u, -x, -o pipefail), `printf`, `read` and redirections of compound commands,
// against the real ones: every expectation below is what dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash printed for
// the same script (dash and BusyBox as `sh -c`, with GNU tools or BusyBox applets), copied as they printed it.
import { describe, expect, it } from 'vitest';
import { kc } from '../../kubectl/testing.ts';
import { execCluster } from '../../kubectl/verbs/exec.fixture.ts';

type Result = [out: string, err: string, status: number];

// Script, then the results of dash, bash and ash.
const CASES: Array<[string, [Result, Result, Result]]> = [
  ["set -e; echo a; false; echo no", [["a\n","",1], ["a\n","",1], ["a\n","",1]]],
  ["set -e; x=1; false || true; echo ok; set +e; false; echo off", [["ok\noff\n","",0], ["ok\noff\n","",0], ["ok\noff\n","",0]]],
  ["set -e; if false; then :; else false; fi; echo no", [["","",1], ["","",1], ["","",1]]],
  ["set -e; while false; do :; done; echo while-ok; ! false; echo bang; false | true; echo pipe-ok; true | false; echo no", [["while-ok\nbang\npipe-ok\n","",1], ["while-ok\nbang\npipe-ok\n","",1], ["while-ok\nbang\npipe-ok\n","",1]]],
  ["set -e; false && true; echo survived; ! true; echo notexit; if false; then :; fi; { false; echo ingroup; } || echo handled; f=$(false); echo sub-ok; false; echo no", [["survived\nnotexit\ningroup\n","",1], ["survived\nnotexit\ningroup\n","",1], ["survived\nnotexit\ningroup\n","",1]]],
  ["set -e; for i in 1 2; do false; done; echo no", [["","",1], ["","",1], ["","",1]]],
  ["set -u; echo ${nope:-d} ${#nope}", [["","sh: 1: nope: parameter not set\n",2], ["","bash: line 1: nope: unbound variable\n",127], ["","sh: nope: parameter not set\n",2]]],
  ["set -u; echo $nope; echo after", [["","sh: 1: nope: parameter not set\n",2], ["","bash: line 1: nope: unbound variable\n",127], ["","sh: nope: parameter not set\n",2]]],
  ["set -eu; echo $nope; echo after", [["","sh: 1: nope: parameter not set\n",2], ["","bash: line 1: nope: unbound variable\n",1], ["","sh: nope: parameter not set\n",2]]],
  ["set -eo pipefail; false | true; echo no", [["","sh: 1: set: Illegal option -o pipefail\n",2], ["","",1], ["","",1]]],
  ["set -o pipefail; false | true; echo $?; set +o pipefail; false | true; echo $?", [["","sh: 1: set: Illegal option -o pipefail\n",2], ["1\n0\n","",0], ["1\n0\n","",0]]],
  ["set -x; echo \"it's\" \"a*\" \"\" x=y \"\\$HOME\" \"a;b\"; x=\"it's\"; echo `echo b`", [["it's a*  x=y $HOME a;b\nb\n","+ echo it's a*  x=y $HOME a;b\n+ x=it's\n+ echo b\n+ echo b\n",0], ["it's a*  x=y $HOME a;b\nb\n","+ echo 'it'\\''s' 'a*' '' x=y '$HOME' 'a;b'\n+ x='it'\\''s'\n++ echo b\n+ echo b\n",0], ["it's a*  x=y $HOME a;b\nb\n","+ echo 'it'\"'\"'s' 'a*'  'x=y' '$HOME' 'a;b'\n+ x='it'\"'\"'s'\n+ echo b\n+ echo b\n",0]]],
  ["set -x; echo $((1+2)); y=; echo \"\" a", [["3\n a\n","+ echo 3\n+ y=\n+ echo  a\n",0], ["3\n a\n","+ echo 3\n+ y=\n+ echo '' a\n",0], ["3\n a\n","+ echo 3\n+ y=\n+ echo  a\n",0]]],
  ["set -x; x=$(echo a b); echo \"$x\"", [["a b\n","+ echo a b\n+ x=a b\n+ echo a b\n",0], ["a b\n","++ echo a b\n+ x='a b'\n+ echo 'a b'\n",0], ["a b\n","+ echo a b\n+ x='a b'\n+ echo 'a b'\n",0]]],
  ["set -x; for i in 1 2; do echo $i; done", [["1\n2\n","+ echo 1\n+ echo 2\n",0], ["1\n2\n","+ for i in 1 2\n+ echo 1\n+ for i in 1 2\n+ echo 2\n",0], ["1\n2\n","+ echo 1\n+ echo 2\n",0]]],
  ["set -x; if [ 1 = 1 ]; then echo y; fi; case a in a) echo c;; esac; while false; do :; done", [["y\nc\n","+ [ 1 = 1 ]\n+ echo y\n+ echo c\n+ false\n",0], ["y\nc\n","+ '[' 1 = 1 ']'\n+ echo y\n+ case a in\n+ echo c\n+ false\n",0], ["y\nc\n","+ '[' 1 '=' 1 ]\n+ echo y\n+ echo c\n+ false\n",0]]],
  ["echo $-; set -e; echo $-; set -xu; echo $-", [["\ne\nuxe\n","+ echo uxe\n",0], ["hBc\nehBc\nehuxBc\n","+ echo ehuxBc\n",0], ["c\nce\nuxce\n","+ echo uxce\n",0]]],
  ["set -z; echo after $?", [["","sh: 1: set: Illegal option -z\n",2], ["after 2\n","bash: line 1: set: -z: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n",0], ["","sh: set: line 0: illegal option -z\n",2]]],
  ["set -o nosuch; echo after $?", [["","sh: 1: set: Illegal option -o nosuch\n",2], ["after 2\n","bash: line 1: set: nosuch: invalid option name\n",0], ["after 1\n","sh: set: line 0: illegal option -o nosuch\n",0]]],
  ["printf \"%5s|%-5s|%05d|%x|%o|%c|%%|%3.1f\\n\" ab cd 42 255 8 xyz 3.14159", [["   ab|cd   |00042|ff|10|x|%|3.1\n","",0], ["   ab|cd   |00042|ff|10|x|%|3.1\n","",0], ["   ab|cd   |00042|ff|10|x|%|3.1\n","",0]]],
  ["printf \"%s\\n\" a b c; printf \"[%s %s]\\n\" 1 2 3; printf \"%s=%s\\n\" a 1 b 2 c", [["a\nb\nc\n[1 2]\n[3 ]\na=1\nb=2\nc=\n","",0], ["a\nb\nc\n[1 2]\n[3 ]\na=1\nb=2\nc=\n","",0], ["a\nb\nc\n[1 2]\n[3 ]\na=1\nb=2\nc=\n","",0]]],
  ["printf \"%b\\n\" \"a\\tb\\\\n\" 'x\\0101y'; printf \"%b|\" 'stop\\chere' more; echo", [["a\tb\n\nxAy\nstop\n","",0], ["a\tb\n\nxAy\nstop\n","",0], ["a\tb\n\nxAy\nstop\n","",0]]],
  ["printf \"%d\\n\" abc; echo rc=$?", [["0\nrc=1\n","sh: 1: printf: abc: expected numeric value\n",0], ["0\nrc=1\n","bash: line 1: printf: abc: invalid number\n",0], ["0\nrc=1\n","sh: invalid number 'abc'\n",0]]],
  ["printf '%d\\n' 12abc 3.5; echo rc=$?", [["12\n3\nrc=1\n","sh: 1: printf: 12abc: not completely converted\nsh: 1: printf: 3.5: not completely converted\n",0], ["12\n3\nrc=1\n","bash: line 1: printf: 12abc: invalid number\nbash: line 1: printf: 3.5: invalid number\n",0], ["0\n0\nrc=1\n","sh: invalid number '12abc'\nsh: invalid number '3.5'\n",0]]],
  ["printf \"no newline\"; echo; printf \"%d %s\\n\"", [["no newline\n0 \n","",0], ["no newline\n0 \n","",0], ["no newline\n0 \n","sh: invalid number ''\n",1]]],
  ["printf \"%e %E %g %g %g %G\\n\" 1 12345.678 0.0001 123456789 100 1e-5", [["1.000000e+00 1.234568E+04 0.0001 1.23457e+08 100 1E-05\n","",0], ["1.000000e+00 1.234568E+04 0.0001 1.23457e+08 100 1E-05\n","",0], ["1.000000e+00 1.234568E+04 0.0001 1.23457e+08 100 1E-05\n","",0]]],
  ["printf \"%.1f %.1f %.2f %.0f %.0f %e\\n\" 0.25 0.35 1.005 2.5 3.5 2.345; printf \"%g %g %g %g %.3g %#g\\n\" 0.00001234 123456 1234567 100 3.14159 1", [["0.2 0.3 1.00 2 4 2.345000e+00\n1.234e-05 123456 1.23457e+06 100 3.14 1.00000\n","",0], ["0.2 0.3 1.00 2 4 2.345000e+00\n1.234e-05 123456 1.23457e+06 100 3.14 1.00000\n","",0], ["0.2 0.3 1.00 2 4 2.345000e+00\n1.234e-05 123456 1.23457e+06 100 3.14 1.00000\n","",0]]],
  ["printf \"%i %d %d\\n\" 0x1f 010 \"'A\"; printf \"%5.2s|\\n\" abc; printf \"\\101\\n\"", [["31 8 65\n   ab|\nA\n","",0], ["31 8 65\n   ab|\nA\n","",0], ["31 8 65\n   ab|\nA\n","",0]]],
  ["printf \"%+d % d %#x %#o %.3d %-4d|\\n\" 5 5 255 8 7 3; printf \"%*d|%-*s|\\n\" 5 42 4 ab; printf \"%u %x\\n\" -1 -1", [["+5  5 0xff 010 007 3   |\n   42|ab  |\n18446744073709551615 ffffffffffffffff\n","",0], ["+5  5 0xff 010 007 3   |\n   42|ab  |\n18446744073709551615 ffffffffffffffff\n","",0], ["+5  5 0xff 010 007 3   |\n   42|ab  |\n18446744073709551615 ffffffffffffffff\n","",0]]],
  ["printf \"a%zb\\n\" 1; echo \"rc=$?\"", [["arc=2\n","sh: 1: printf: %z: invalid directive\n",0], ["a1\nrc=0\n","",0], ["arc=1\n","sh: %b\\n: invalid format\n",0]]],
  ["printf \"x%5%y\\n\"; echo \"rc=$?\"", [["xrc=2\n","sh: 1: printf: %5%: invalid directive\n",0], ["xrc=1\n","bash: line 1: printf: `%': invalid format character\n",0], ["xrc=1\n","sh: %5%y\\n: invalid format\n",0]]],
  ["printf", [["","sh: 1: printf: usage: printf format [arg ...]\n",2], ["","printf: usage: printf [-v var] format [arguments]\n",2], ["","sh: usage: printf FORMAT [ARGUMENT...]\n",2]]],
  ["printf \"  a  b  c  \\nx\\\\\\\\y z\\nlast\" | { read p q; echo \"[$p][$q]\"; read -r r; echo \"[$r]\"; read s; echo \"[$s] rc=$?\"; read t; echo \"[$t] rc=$?\"; }", [["[a][b  c]\n[x\\y z]\n[last] rc=1\n[] rc=1\n","",0], ["[a][b  c]\n[x\\y z]\n[last] rc=1\n[] rc=1\n","",0], ["[a][b  c]\n[x\\y z]\n[last] rc=1\n[] rc=1\n","",0]]],
  ["echo \"  hello  \" | { read; echo \"[$REPLY] rc=$?\"; }", [["[] rc=2\n","sh: 1: read: arg count\n",0], ["[  hello  ] rc=0\n","",0], ["[  hello  ] rc=0\n","",0]]],
  ["printf \"a:b:c\\n\" | { IFS=: read x y; echo \"[$x][$y]\"; }", [["[a][b:c]\n","",0], ["[a][b:c]\n","",0], ["[a][b:c]\n","",0]]],
  ["printf \"1\\n2\\n3\\n\" | while read n; do echo \"n=$n\"; done; echo done", [["n=1\nn=2\nn=3\ndone\n","",0], ["n=1\nn=2\nn=3\ndone\n","",0], ["n=1\nn=2\nn=3\ndone\n","",0]]],
  ["read x < /dev/null; echo \"rc=$? [$x]\"; echo a\\\\ | { read x; echo \"[$x]\"; }", [["rc=1 []\n[a]\n","",0], ["rc=1 []\n[a]\n","",0], ["rc=1 []\n[a]\n","",0]]],
  ["printf 'x y\\n' | { read a b c; echo \"[$a][$b][$c]\"; }", [["[x][y][]\n","",0], ["[x][y][]\n","",0], ["[x][y][]\n","",0]]],
  ["for i in 1 2; do echo \"$i\"; done > /tmp/out; cat /tmp/out; { echo a; echo b >&2; } 2>/dev/null; if true; then echo in-if; fi >> /tmp/out; cat /tmp/out", [["1\n2\na\n1\n2\nin-if\n","",0], ["1\n2\na\n1\n2\nin-if\n","",0], ["1\n2\na\n1\n2\nin-if\n","",0]]],
  ["while read l; do echo \"[$l]\"; done < /nonexistent; echo rc=$?; cat < /nonexistent", [["rc=2\n","sh: 1: cannot open /nonexistent: No such file\nsh: 1: cannot open /nonexistent: No such file\n",2], ["rc=1\n","bash: line 1: /nonexistent: No such file or directory\nbash: line 1: /nonexistent: No such file or directory\n",1], ["rc=1\n","sh: can't open /nonexistent: no such file\nsh: can't open /nonexistent: no such file\n",1]]],
  ["printf 'b 2\\na 1\\n' > /tmp/kv; while read k v; do printf '%s=%s\\n' \"$k\" \"$v\"; done < /tmp/kv", [["b=2\na=1\n","",0], ["b=2\na=1\n","",0], ["b=2\na=1\n","",0]]],
];

describe('the shells against the real ones: set, printf, read and redirected compound commands', () => {
  const c = execCluster();
  const shells = [['dash', 'web-0', 'sh'], ['bash', 'web-0', 'bash'], ['ash', 'tools', 'sh']] as const;
  it.each(CASES.flatMap(([script, results]) => shells.map(([name, pod, prog], i) => [name, script, pod, prog, results[i]] as const)))(
    '%s: %s', (_name, script, pod, prog, [out, err, status]) => {
      const r = kc(c, ['exec', pod, '--', prog, '-c', script]);
      expect(r.out).toBe(out);
      expect(r.err).toBe(err + (status ? `command terminated with exit code ${status}\n` : ''));
      expect(r.code).toBe(status);
    });
});
