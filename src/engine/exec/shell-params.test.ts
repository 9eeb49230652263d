// The shells' positional parameters (`sh -c SCRIPT NAME ARGS…`, `$1`, `$#`, "$@", "$*", `set --`, `shift`, `for NAME;`)
// against the real ones: every expectation below is what dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash printed for
// the same script run as `sh -c SCRIPT myname one 'two words' ''`, copied as they printed it.
import { againstReal, SHELLS, type RealResult } from './real-programs.fixture.ts';

// Script, then the results of dash, bash and ash.
const CASES: Array<[string, [RealResult, RealResult, RealResult]]> = [
  ["echo \"$0 $# [$1] [$2] [$*]\"; for a in \"$@\"; do echo \"<$a>\"; done; for a; do echo \"($a)\"; done", [["myname 3 [one] [two words] [one two words ]\n<one>\n<two words>\n<>\n(one)\n(two words)\n()\n","",0], ["myname 3 [one] [two words] [one two words ]\n<one>\n<two words>\n<>\n(one)\n(two words)\n()\n","",0], ["myname 3 [one] [two words] [one two words ]\n<one>\n<two words>\n<>\n(one)\n(two words)\n()\n","",0]]],
  ["set -- \"a b\" c; echo $#; for a in \"$@\"; do echo \"<$a>\"; done; for a in $@; do echo \"{$a}\"; done; echo \"[$*]\"; IFS=:; echo \"[$*]\"", [["2\n<a b>\n<c>\n{a}\n{b}\n{c}\n[a b c]\n[a b:c]\n","",0], ["2\n<a b>\n<c>\n{a}\n{b}\n{c}\n[a b c]\n[a b:c]\n","",0], ["2\n<a b>\n<c>\n{a}\n{b}\n{c}\n[a b c]\n[a b:c]\n","",0]]],
  ["set -- x y z; shift; echo \"$@\"; shift 2; echo \"$# [$@]\"; shift; echo rc=$?", [["y z\n0 []\n","myname: 1: shift: can't shift that many\n",2], ["y z\n0 []\nrc=1\n","",0], ["y z\n0 []\nrc=1\n","",0]]],
  ["set -- 1 2 3 4 5 6 7 8 9 10 11; echo $10 ${10} ${11} $#", [["10 10 11 11\n","",0], ["10 10 11 11\n","",0], ["10 10 11 11\n","",0]]],
  ["set --; echo \"[$@]\" $#; for a in \"$@\"; do echo never; done; echo \"x${@}y\"", [["[] 0\nxy\n","",0], ["[] 0\nxy\n","",0], ["[] 0\nxy\n","",0]]],
  ["set -e x y; echo $1 $-", [["x e\n","",0], ["x ehBc\n","",0], ["x ce\n","",0]]],
  ["echo ${1:-none} ${#} ${#1}; set -- hello; echo ${#1} ${1%l*}", [["one 3 3\n5 hel\n","",0], ["one 3 3\n5 hel\n","",0], ["one 3 3\n5 hel\n","",0]]],
  ["set -u; set -- a; echo $1; echo $2", [["a\n","myname: 1: 2: parameter not set\n",2], ["a\n","myname: line 1: $2: unbound variable\n",127], ["a\n","myname: line 0: 2: parameter not set\n",2]]],
  ["echo \"$@\" | cat; set -- p q; echo \"[$@]\" \"[$*]\"", [["one two words \n[p q] [p q]\n","",0], ["one two words \n[p q] [p q]\n","",0], ["one two words \n[p q] [p q]\n","",0]]],
];

againstReal('the shells against the real ones: positional parameters', SHELLS, CASES, { args: ['myname', 'one', 'two words', ''] });
