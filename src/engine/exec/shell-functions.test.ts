// The shells' functions (`NAME() { …; }`, their positional parameters, `return`, `local`, a function hiding a builtin)
// against the real ones: every expectation below is what dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash printed for
// the same script, copied as they printed it.
import { againstReal, SHELLS, type RealResult } from './real-programs.fixture.ts';

// Script, then the results of dash, bash and ash.
const CASES: Array<[string, [RealResult, RealResult, RealResult]]> = [
  ["f() { echo \"in f: $# $1 $0\"; return 4; echo no; }; f a b; echo \"rc=$? $1\"", [["in f: 2 a sh\nrc=4 \n","",0], ["in f: 2 a bash\nrc=4 \n","",0], ["in f: 2 a sh\nrc=4 \n","",0]]],
  ["g() { local x=1 y; y=2; echo \"$x $y\"; }; x=0; y=9; g; echo \"$x $y\"", [["1 2\n0 9\n","",0], ["1 2\n0 9\n","",0], ["1 2\n0 9\n","",0]]],
  ["h() { echo h; }; h | cat; echo() { printf \"E:%s\\n\" \"$*\"; }; echo hi", [["h\nE:hi\n","",0], ["h\nE:hi\n","",0], ["h\nE:hi\n","",0]]],
  ["return 3; echo after $?", [["","",3], ["after 2\n","bash: line 1: return: can only `return' from a function or sourced script\n",0], ["","",3]]],
  ["local a=1", [["","sh: 1: local: not in a function\n",2], ["","bash: line 1: local: can only be used in a function\n",1], ["","sh: local: line 0: not in a function\n",2]]],
  ["wait_for() { n=0; until [ $n -ge $1 ]; do n=$((n+1)); done; echo \"waited $n\"; }; wait_for 3; wait_for 0", [["waited 3\nwaited 0\n","",0], ["waited 3\nwaited 0\n","",0], ["waited 3\nwaited 0\n","",0]]],
  ["log() {\n  printf '[%s] %s\\n' \"$1\" \"$2\"\n}\nlog INFO starting\nlog WARN \"two words\"", [["[INFO] starting\n[WARN] two words\n","",0], ["[INFO] starting\n[WARN] two words\n","",0], ["[INFO] starting\n[WARN] two words\n","",0]]],
  ["f() { echo \"f $1\"; }; set -- outer; f inner; echo \"$1\"", [["f inner\nouter\n","",0], ["f inner\nouter\n","",0], ["f inner\nouter\n","",0]]],
  ["count() { echo $#; }; count; count a \"b c\" ''; count \"$@\"", [["0\n3\n0\n","",0], ["0\n3\n0\n","",0], ["0\n3\n0\n","",0]]],
  ["f() { return; }; false; f; echo $?; g() { false; return; }; g; echo $?", [["1\n1\n","",0], ["1\n1\n","",0], ["1\n1\n","",0]]],
  ["set -e; f() { false; echo no; }; f; echo after", [["","",1], ["","",1], ["","",1]]],
  ["set -e; f() { false; echo \"in f\"; }; f || echo handled; echo after", [["in f\nafter\n","",0], ["in f\nafter\n","",0], ["in f\nafter\n","",0]]],
  ["f() { echo first; }; f() { echo second; }; f", [["second\n","",0], ["second\n","",0], ["second\n","",0]]],
  ["f() { x=changed; }; x=orig; f; echo $x", [["changed\n","",0], ["changed\n","",0], ["changed\n","",0]]],
  ["f ( ) { echo spaced; }; f", [["spaced\n","",0], ["spaced\n","",0], ["spaced\n","",0]]],
  ["f() { echo \"$1\"; shift; echo \"$#\"; }; f a b c; echo \"$#\"", [["a\n2\n0\n","",0], ["a\n2\n0\n","",0], ["a\n2\n0\n","",0]]],
];

againstReal('the shells against the real ones: functions', SHELLS, CASES);
