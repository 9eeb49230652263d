// bash's conditional command `[[ … ]]` (file and string tests, patterns, `=~` and BASH_REMATCH, arithmetic
// comparisons, `!`, `&&`, `||`, parentheses) against the real shells: every expectation below is what dash 0.5.12 and
// bash 5.2.15 printed for the same script, copied as they printed it. dash has no `[[` (a command it does not find);
// BusyBox's `[[` is a builtin of its own, reported as not modelled.
import { againstReal, SHELLS, type RealResult } from './real-programs.fixture.ts';

// Script, then the results of dash and bash.
const CASES: Array<[string, [RealResult, RealResult]]> = [
  ["[[ -f /etc/hosts ]] && echo yes; [[ -d /nonexistent ]] || echo no", [["no\n", "sh: 1: [[: not found\nsh: 1: [[: not found\n", 0], ["yes\nno\n", "", 0]]],
  ["x=web-3; [[ $x == web-* ]] && echo glob; [[ $x == \"web-*\" ]] || echo quoted; [[ $x != db-* ]] && echo ne", [["quoted\n", "sh: 1: [[: not found\nsh: 1: [[: not found\nsh: 1: [[: not found\n", 127], ["glob\nquoted\nne\n", "", 0]]],
  ["x=\"a b\"; [[ $x = \"a b\" ]] && echo nosplit; [[ -n $x && $x < b ]] && echo lt", [["", "sh: 1: [[: not found\nsh: 1: [[: not found\n", 127], ["nosplit\nlt\n", "", 0]]],
  ["[[ 10 -gt 9 ]] && echo num; [[ ! -z \"\" ]] || echo bang; [[ ( 1 -eq 1 ) && ( 2 -eq 3 || 1 -eq 1 ) ]] && echo paren", [["", "sh: 1: Syntax error: word unexpected (expecting \")\")\n", 2], ["num\nbang\nparen\n", "", 0]]],
  ["h=web-12; [[ $h =~ -([0-9]+)$ ]] && echo \"match ${BASH_REMATCH[1]}\"", [["", "sh: 1: Syntax error: \"(\" unexpected\n", 2], ["match 12\n", "", 0]]],
  ["[[ $undefined == \"\" ]] && echo empty", [["", "sh: 1: [[: not found\n", 127], ["empty\n", "", 0]]],
  ["set -x; [[ web-1 == web-* ]]", [["", "+ [[ web-1 == web-* ]]\nsh: 1: [[: not found\n", 127], ["", "+ [[ web-1 == web-* ]]\n", 0]]],
  ["[[ 1+1 -eq 2 ]] && echo arith; x=5; [[ x -gt 3 ]] && echo name", [["", "sh: 1: [[: not found\nsh: 1: [[: not found\n", 127], ["arith\nname\n", "", 0]]],
  ["v=\"web-7\"; if [[ $v =~ ^(web|db)-([0-9]+)$ ]]; then echo \"${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]} $BASH_REMATCH\"; fi", [["", "sh: 1: Syntax error: \"(\" unexpected (expecting \"then\")\n", 2], ["web-7 web 7 web-7\n", "", 0]]],
  ["[[ abc =~ \"b.c\" ]] || echo literal; [[ a.c =~ a\".\"c ]] && echo quoted-dot", [["literal\n", "sh: 1: [[: not found\nsh: 1: [[: not found\n", 127], ["literal\nquoted-dot\n", "", 0]]],
  ["mkdir -p /tmp/cd1 && echo x > /tmp/cd1/f && : > /tmp/cd1/e; [[ -s /tmp/cd1/f ]] && echo s; [[ -s /tmp/cd1/e ]] || echo empty; [[ -e /tmp/cd1 && -d /tmp/cd1 && ! -f /tmp/cd1 ]] && echo dir", [["empty\n", "sh: 1: [[: not found\nsh: 1: [[: not found\nsh: 1: [[: not found\n", 127], ["s\nempty\ndir\n", "", 0]]],
  ["x=; [[ $x ]] || echo empty; [[ -z $nope ]] && echo unset; [[ \"a b\" == a\\ * ]] && echo esc", [["empty\n", "sh: 1: [[: not found\nsh: 1: [[: not found\nsh: 1: [[: not found\n", 127], ["empty\nunset\nesc\n", "", 0]]],
  ["[[ foobar =~ (fo|foo)(b.*) ]] && echo \"${BASH_REMATCH[0]} ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}\"; [[ web-10 =~ [[:digit:]]+$ ]] && echo \"$BASH_REMATCH\"", [["", "sh: 1: Syntax error: \"(\" unexpected\n", 2], ["foobar foo bar\n10\n", "", 0]]],
];

againstReal('the shells against the real ones: [[ … ]]', SHELLS.slice(0, 2), CASES);

// An array element, which only bash has: dash, bash and ash.
const ELEMENTS: Array<[string, [RealResult, RealResult, RealResult]]> = [
  ["echo ${x[1]}", [["", "sh: 1: Bad substitution\n", 2], ["\n", "", 0], ["", "sh: syntax error: bad substitution\n", 2]]],
];

againstReal('the shells against the real ones: an array element', SHELLS, ELEMENTS);
