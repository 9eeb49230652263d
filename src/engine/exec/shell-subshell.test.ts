// Subshells (`( … )`: what stays inside them, exit, traps, errexit, syntax errors) and command substitutions that
// see the shell's functions and parameters, against the real shells: every expectation below is what dash 0.5.12,
// bash 5.2.15 and BusyBox 1.35 ash printed for the same script, copied as they printed it.
import { againstReal, SHELLS, type RealResult } from './real-programs.fixture.ts';

// Script, then the results of dash, bash and ash.
const CASES: Array<[string, [RealResult, RealResult, RealResult]]> = [
  ["x=1; (x=2; echo in $x); echo out $x", [["in 2\nout 1\n", "", 0], ["in 2\nout 1\n", "", 0], ["in 2\nout 1\n", "", 0]]],
  ["cd /tmp; (cd /; pwd); pwd", [["/\n/tmp\n", "", 0], ["/\n/tmp\n", "", 0], ["/\n/tmp\n", "", 0]]],
  ["(exit 3); echo $?", [["3\n", "", 0], ["3\n", "", 0], ["3\n", "", 0]]],
  ["(echo a; exit 4; echo b); echo st $?", [["a\nst 4\n", "", 0], ["a\nst 4\n", "", 0], ["a\nst 4\n", "", 0]]],
  ["( echo sp ) ; (echo nosp)", [["sp\nnosp\n", "", 0], ["sp\nnosp\n", "", 0], ["sp\nnosp\n", "", 0]]],
  ["f() { echo f; }; (f); (g() { echo g; }; g); g", [["f\ng\n", "sh: 1: g: not found\n", 127], ["f\ng\n", "bash: line 1: g: command not found\n", 127], ["f\ng\n", "sh: g: not found\n", 127]]],
  ["set -x; (echo traced; y=$(echo z)); echo $y", [["traced\n\n", "+ echo traced\n+ echo z\n+ y=z\n+ echo\n", 0], ["traced\n\n", "+ echo traced\n++ echo z\n+ y=z\n+ echo\n", 0], ["traced\n\n", "+ echo traced\n+ echo z\n+ y=z\n+ echo\n", 0]]],
  ["(trap 'echo sub-exit' EXIT; echo body); echo after", [["body\nsub-exit\nafter\n", "", 0], ["body\nsub-exit\nafter\n", "", 0], ["body\nsub-exit\nafter\n", "", 0]]],
  ["trap 'echo main-exit' EXIT; (echo in); echo out", [["in\nout\nmain-exit\n", "", 0], ["in\nout\nmain-exit\n", "", 0], ["in\nout\nmain-exit\n", "", 0]]],
  ["(echo a | cat; echo b) | cat", [["a\nb\n", "", 0], ["a\nb\n", "", 0], ["a\nb\n", "", 0]]],
  ["(set -e; false; echo no); echo after $?", [["after 1\n", "", 0], ["after 1\n", "", 0], ["after 1\n", "", 0]]],
  ["set -e; (false); echo no", [["", "", 1], ["", "", 1], ["", "", 1]]],
  ["set -e; (false) || echo handled; echo after", [["handled\nafter\n", "", 0], ["handled\nafter\n", "", 0], ["handled\nafter\n", "", 0]]],
  ["(echo x) > /tmp/sub; cat /tmp/sub", [["x\n", "", 0], ["x\n", "", 0], ["x\n", "", 0]]],
  ["(cd /nonexistent); echo $?", [["2\n", "sh: 1: cd: can't cd to /nonexistent\n", 0], ["1\n", "bash: line 1: cd: /nonexistent: No such file or directory\n", 0], ["2\n", "sh: cd: line 0: can't cd to /nonexistent: No such file or directory\n", 0]]],
  ["( )", [["", "sh: 1: Syntax error: \")\" unexpected\n", 2], ["", "bash: -c: line 1: syntax error near unexpected token `)'\nbash: -c: line 1: `( )'\n", 2], ["", "sh: syntax error: unexpected \")\"\n", 2]]],
  ["(echo a\necho b)", [["a\nb\n", "", 0], ["a\nb\n", "", 0], ["a\nb\n", "", 0]]],
  ["(echo unclosed", [["", "sh: 1: Syntax error: end of file unexpected (expecting \")\")\n", 2], ["", "bash: -c: line 2: syntax error: unexpected end of file\n", 2], ["", "sh: syntax error: unexpected end of file (expecting \")\")\n", 2]]],
  ["echo a)", [["", "sh: 1: Syntax error: \")\" unexpected\n", 2], ["", "bash: -c: line 1: syntax error near unexpected token `)'\nbash: -c: line 1: `echo a)'\n", 2], ["", "sh: syntax error: unexpected \")\"\n", 2]]],
  ["x=$( (echo nested) ); echo $x", [["nested\n", "", 0], ["nested\n", "", 0], ["nested\n", "", 0]]],
  ["set -- p q; (echo $1; shift; echo $1); echo $1", [["p\nq\np\n", "", 0], ["p\nq\np\n", "", 0], ["p\nq\np\n", "", 0]]],
  ["for i in 1 2; do (echo $i; exit 1) || echo fail$i; done", [["1\nfail1\n2\nfail2\n", "", 0], ["1\nfail1\n2\nfail2\n", "", 0], ["1\nfail1\n2\nfail2\n", "", 0]]],
  ["(false) && echo yes || echo no", [["no\n", "", 0], ["no\n", "", 0], ["no\n", "", 0]]],
  ["! (false); echo $?", [["0\n", "", 0], ["0\n", "", 0], ["0\n", "", 0]]],
  ["(echo a) (echo b)", [["", "sh: 1: Syntax error: \"(\" unexpected\n", 2], ["", "bash: -c: line 1: syntax error near unexpected token `('\nbash: -c: line 1: `(echo a) (echo b)'\n", 2], ["", "sh: syntax error: unexpected \"(\"\n", 2]]],
  ["echo $( (exit 7) ; echo $?)", [["7\n", "", 0], ["7\n", "", 0], ["7\n", "", 0]]],
  ["f() { (return 5); echo r$?; }; f", [["r5\n", "", 0], ["r5\n", "", 0], ["r5\n", "", 0]]],
  ["while true; do (break); echo loop; break; done", [["loop\n", "", 0], ["loop\n", "bash: line 1: break: only meaningful in a `for', `while', or `until' loop\n", 0], ["loop\n", "", 0]]],
  ["f() ( echo subfn $1; x=inner ); x=outer; f x; echo $x", [["subfn x\nouter\n", "", 0], ["subfn x\nouter\n", "", 0], ["subfn x\nouter\n", "", 0]]],
  ["f() { echo hi; }; x=$(f); echo $x", [["hi\n", "", 0], ["hi\n", "", 0], ["hi\n", "", 0]]],
  ["set -- a b; echo $(echo $2) \"$(echo $#)\"", [["b 2\n", "", 0], ["b 2\n", "", 0], ["b 2\n", "", 0]]],
  ["(cd /tmp && (cd / && pwd) && pwd)", [["/\n/tmp\n", "", 0], ["/\n/tmp\n", "", 0], ["/\n/tmp\n", "", 0]]],
  ["(echo in; undefined_cmd_xyz); echo $?", [["in\n127\n", "sh: 1: undefined_cmd_xyz: not found\n", 0], ["in\n127\n", "bash: line 1: undefined_cmd_xyz: command not found\n", 0], ["in\n127\n", "sh: undefined_cmd_xyz: not found\n", 0]]],
  ["(echo ${nope?missing}; echo no); echo after $?", [["after 2\n", "sh: 1: nope: missing\n", 0], ["after 1\n", "bash: line 1: nope: missing\n", 0], ["after 2\n", "sh: nope: missing\n", 0]]],
  ["(while true; do echo once; break; done)", [["once\n", "", 0], ["once\n", "", 0], ["once\n", "", 0]]],
  ["x=1; echo \"${x:+'s'}\" \"${y:-\"q\"}\" \"${y:-'q'}\" ${y:-'q'} \"${x#'1'}\"", [["'s' q 'q' q \n", "", 0], ["'s' q 'q' q \n", "", 0], ["'s' q 'q' q \n", "", 0]]],
  ["cd /nonexistent", [["", "sh: 1: cd: can't cd to /nonexistent\n", 2], ["", "bash: line 1: cd: /nonexistent: No such file or directory\n", 1], ["", "sh: cd: line 0: can't cd to /nonexistent: No such file or directory\n", 2]]],
  ["x=$(echo ${nope?missing}; echo no); echo $? $x", [["2\n", "sh: 1: nope: missing\n", 0], ["1\n", "bash: line 1: nope: missing\n", 0], ["2\n", "sh: nope: missing\n", 0]]],
];

againstReal('the shells against the real ones: subshells', SHELLS, CASES);
