// The shells' parameter operators, arithmetic and `case`, against what the real shells print: every expectation
// below is the output of dash 0.5.12, bash 5.2 and BusyBox 1.35 ash run with the same script (`sh -c` in a Debian
// image, bash in the same, `sh -c` in a BusyBox image), copied as they printed it.
import { againstReal, SHELLS, type RealResult } from './real-programs.fixture.ts';

// Script, then the results of dash, bash and ash.
const CASES: Array<[string, [RealResult, RealResult, RealResult]]> = [
  ["h=web-12; echo ${h##*-} ${h#*-} ${h%-*} ${h%%-*} ${#h}", [["12 12 web web 6\n","",0], ["12 12 web web 6\n","",0], ["12 12 web web 6\n","",0]]],
  ["f=file.tar.gz; echo ${f%%.*} ${f%.*} ${f#*.} ${f##*.}", [["file file.tar tar.gz gz\n","",0], ["file file.tar tar.gz gz\n","",0], ["file file.tar tar.gz gz\n","",0]]],
  ["x=/usr/share/nginx/html/index.html; echo ${x##*/} ${x%/*}", [["index.html /usr/share/nginx/html\n","",0], ["index.html /usr/share/nginx/html\n","",0], ["index.html /usr/share/nginx/html\n","",0]]],
  ["e=; echo \"[${u:-d}] [${u-d}] [${e:-d}] [${e-d}] [${e:+alt}] [${u+alt}]\"", [["[d] [d] [d] [] [] []\n","",0], ["[d] [d] [d] [] [] []\n","",0], ["[d] [d] [d] [] [] []\n","",0]]],
  [": ${PORT:=8080}; echo $PORT", [["8080\n","",0], ["8080\n","",0], ["8080\n","",0]]],
  ["for a in ${u:-a b}; do echo \"<$a>\"; done; for a in \"${u:-a b}\"; do echo \"<$a>\"; done", [["<a>\n<b>\n<a b>\n","",0], ["<a>\n<b>\n<a b>\n","",0], ["<a>\n<b>\n<a b>\n","",0]]],
  ["x=a*b; echo \"${x#a\\*}\" ${x%\"*b\"} ${x#[a-z]}", [["b a *b\n","",0], ["b a *b\n","",0], ["b a *b\n","",0]]],
  ["echo ${nope:?}; echo after", [["","sh: 1: nope: parameter not set or null\n",2], ["","bash: line 1: nope: parameter null or not set\n",127], ["","sh: nope: parameter not set or null\n",2]]],
  ["echo ${nope?must be set}", [["","sh: 1: nope: must be set\n",2], ["","bash: line 1: nope: must be set\n",127], ["","sh: nope: must be set\n",2]]],
  ["echo a; echo ${x!}; echo b", [["a\n","sh: 1: Bad substitution\n",2], ["a\n","bash: line 1: ${x!}: bad substitution\n",1], ["a\n","sh: syntax error: bad substitution\n",2]]],
  ["x=abcdef; echo ${x/b/B} ${x:1:2}", [["","sh: 1: Bad substitution\n",2], ["aBcdef bc\n","",0], ["aBcdef bc\n","",0]]],
  ["echo ${x", [["","sh: 1: Syntax error: Missing '}'\n",2], ["","bash: -c: line 1: unexpected EOF while looking for matching `}'\n",2], ["","sh: syntax error: missing '}'\n",2]]],
  ["case web-0 in *-0) echo first;; *) echo rest;; esac; case b in a|b) echo ab;; esac; case \"a b\" in \"a b\") echo quoted;; esac; case x in [!a-w]) echo class;; esac; case z in a) ;; esac; echo $?", [["first\nab\nquoted\nclass\n0\n","",0], ["first\nab\nquoted\nclass\n0\n","",0], ["first\nab\nquoted\nclass\n0\n","",0]]],
  ["case a in a) echo x", [["","sh: 1: Syntax error: end of file unexpected (expecting \";;\")\n",2], ["","bash: -c: line 2: syntax error: unexpected end of file\n",2], ["","sh: syntax error: unexpected end of file (expecting \";;\")\n",2]]],
  ["case a in", [["","sh: 1: Syntax error: end of file unexpected (expecting \")\")\n",2], ["","bash: -c: line 2: syntax error: unexpected end of file\n",2], ["","sh: syntax error: unexpected end of file (expecting \")\")\n",2]]],
  ["case a in |a) echo x;; esac", [["","sh: 1: Syntax error: word unexpected (expecting \")\")\n",2], ["","bash: -c: line 1: syntax error near unexpected token `|'\nbash: -c: line 1: `case a in |a) echo x;; esac'\n",2], ["","sh: syntax error: unexpected word (expecting \")\")\n",2]]],
  ["esac", [["","sh: 1: Syntax error: \"esac\" unexpected\n",2], ["","bash: -c: line 1: syntax error near unexpected token `esac'\nbash: -c: line 1: `esac'\n",2], ["","sh: syntax error: unexpected \"esac\"\n",2]]],
  ["case", [["","sh: 1: Syntax error: end of file unexpected (expecting word)\n",2], ["","bash: -c: line 1: syntax error near unexpected token `newline'\nbash: -c: line 1: `case'\n",2], ["","sh: syntax error: unexpected end of file (expecting word)\n",2]]],
  ["echo $((1 << 3)) $((7 / 2)) $((-7 % 3)) $((1 << 40)) $((256 >> 4)) $((-16 >> 2))", [["8 3 -1 1099511627776 16 -4\n","",0], ["8 3 -1 1099511627776 16 -4\n","",0], ["8 3 -1 1099511627776 16 -4\n","",0]]],
  ["echo $((0x1f)) $((010)) $((0xFF & 0x0f)) $((5 | 2)) $((6 ^ 3)) $((~5)) $((~0))", [["31 8 15 7 5 -6 -1\n","",0], ["31 8 15 7 5 -6 -1\n","",0], ["31 8 15 7 5 -6 -1\n","",0]]],
  ["a=3 b=9; echo $((a > b ? a : b)) $((a < b ? a : b)) $((a ? 10 : 20)) $((0 ? 1 : 0 ? 2 : 3))", [["9 3 10 3\n","",0], ["9 3 10 3\n","",0], ["9 3 10 3\n","",0]]],
  ["x=1; : $((x <<= 4)); echo $x; : $((x |= 3)); echo $x; : $((x &= 6)); echo $x; : $((x ^= 7)); echo $x; : $((x >>= 1)); echo $x", [["16\n19\n2\n5\n2\n","",0], ["16\n19\n2\n5\n2\n","",0], ["16\n19\n2\n5\n2\n","",0]]],
  ["echo $((1 + 2 * 3 << 1)) $((1 < 2 == 1)) $((3 & 5 == 5)) $((2 | 1 && 0))", [["14 1 1 0\n","",0], ["14 1 1 0\n","",0], ["14 1 1 0\n","",0]]],
  ["n=5; echo $(( (n & 1) ? n * 3 + 1 : n / 2 ))", [["16\n","",0], ["16\n","",0], ["16\n","",0]]],
  ["echo $((0x7fffffffffffffff + 0)) $((1 << 63))", [["9223372036854775807 -9223372036854775808\n","",0], ["9223372036854775807 -9223372036854775808\n","",0], ["9223372036854775807 -9223372036854775808\n","",0]]],
  ["HOSTNAME=web-3; echo $((100 + ${HOSTNAME##*-})) $(( $(echo 4) * 2 )) $(( ${#HOSTNAME} + 1 )) $((`echo 2` + 1))", [["103 8 6 3\n", "", 0], ["103 8 6 3\n", "", 0], ["103 8 6 3\n", "", 0]]],
  ["x=3; echo $(( ${x:-0} * $((x + 1)) ))", [["12\n", "", 0], ["12\n", "", 0], ["12\n", "", 0]]],
  ["set -u; echo $((${nope:-5} + 1))", [["6\n", "", 0], ["6\n", "", 0], ["6\n", "", 0]]],
  ["echo $(($v)); echo next", [["", "sh: 1: arithmetic expression: expecting primary: \"\"\n", 2], ["0\nnext\n", "", 0], ["0\nnext\n", "", 0]]],
  ["set -u; echo $((v+1)); echo $(($w+1))", [["1\n", "sh: 1: w: parameter not set\n", 2], ["", "bash: line 1: v: unbound variable\n", 127], ["1\n", "sh: w: parameter not set\n", 2]]],
  ["x=-3; echo $((-$x)) $((1--1)) $(()) $((1 - -1))", [["", "sh: 1: arithmetic expression: expecting primary: \"\"\n", 2], ["3 2 0 2\n", "", 0], ["3 2 0 2\n", "", 0]]],
  ["printf '%s|' $'a\\tb' $'c\\nd' $'\\x41\\101' $'\\e' $'\\q' | tr '\\t\\n\\033' 'TNE'; echo", [["$a\\tb|$c\\nd|$\\x41\\101|$\\e|$\\q|\n", "", 0], ["aTb|cNd|AA|E|\\q|\n", "", 0], ["aTb|cNd|AA|\\e|\\q|\n", "", 0]]],
  ["printf '%s|' $'it\\'s'; echo", [["", "sh: 1: Syntax error: Unterminated quoted string\n", 2], ["it's|\n", "", 0], ["it's|\n", "", 0]]],
  ["IFS=$'\\n'; for l in $(printf 'a b\\nc d\\n'); do echo \"[$l]\"; done", [["[a b\nc d]\n", "", 0], ["[a b]\n[c d]\n", "", 0], ["[a b]\n[c d]\n", "", 0]]],
  ["echo $'\\u00e9' $'\\cA' $'\\u41' | tr '\\001' 'A'", [["$\\u00e9 $", "", 0], ["\\u00E9 A A\n", "", 0], ["\\u00e9 \\cA \\u41\n", "", 0]]],
  ["x=$'a\\\\b'; echo \"$x\"; echo \"$'q'\"", [["$a\\b\n$'q'\n", "", 0], ["a\\b\n$'q'\n", "", 0], ["a\\b\n$'q'\n", "", 0]]],
  ["set -e; echo ${y:?oops}; echo no", [["", "sh: 1: y: oops\n", 2], ["", "bash: line 1: y: oops\n", 1], ["", "sh: y: oops\n", 2]]],
  ["IFS=:; x=\"a::b:\"; set -- $x; echo $#; for f in $x; do echo \"[$f]\"; done", [["3\n[a]\n[]\n[b]\n", "", 0], ["3\n[a]\n[]\n[b]\n", "", 0], ["3\n[a]\n[]\n[b]\n", "", 0]]],
  ["IFS=': '; x=\" :a : b  c:\"; for f in $x; do echo \"[$f]\"; done", [["[]\n[a]\n[b]\n[c]\n", "", 0], ["[]\n[a]\n[b]\n[c]\n", "", 0], ["[]\n[a]\n[b]\n[c]\n", "", 0]]],
  ["IFS=; x=\"a b\"; for f in $x; do echo \"[$f]\"; done", [["[a b]\n", "", 0], ["[a b]\n", "", 0], ["[a b]\n", "", 0]]],
  ["x=\" a  b \"; for f in $x; do echo \"[$f]\"; done; unset IFS; for f in x$x; do echo \"<$f>\"; done", [["[a]\n[b]\n<x>\n<a>\n<b>\n", "", 0], ["[a]\n[b]\n<x>\n<a>\n<b>\n", "", 0], ["[a]\n[b]\n<x>\n<a>\n<b>\n", "", 0]]],
  ["IFS=,; x=\":a,,b,\"; y=p; for f in $y$x$y; do echo \"[$f]\"; done", [["[p:a]\n[]\n[b]\n[p]\n", "", 0], ["[p:a]\n[]\n[b]\n[p]\n", "", 0], ["[p:a]\n[]\n[b]\n[p]\n", "", 0]]],
];

againstReal('the shells against the real ones: ${…} operators, $((…)) and case', SHELLS, CASES);
