// Here-documents (`<<`, `<<-`, quoted and unquoted delimiters, several on a line, cut short by the end of the script)
// and bash's here-strings against the real shells: every expectation below is what dash 0.5.12, bash 5.2.15 and
// BusyBox 1.35 ash printed for the same script, copied as they printed it.
import { againstReal, SHELLS, type RealResult } from './real-programs.fixture.ts';

// Script, then the results of dash, bash and ash.
const CASES: Array<[string, [RealResult, RealResult, RealResult]]> = [
  ["cat <<EOF\nhello $HOME\n  x=$((1+2)) `echo bq` $(echo cs)\n\"quoted\" 'single' \\$HOME \\\\ \\\"\nEOF", [["hello /root\n  x=3 bq cs\n\"quoted\" 'single' $HOME \\ \\\"\n", "", 0], ["hello /root\n  x=3 bq cs\n\"quoted\" 'single' $HOME \\ \\\"\n", "", 0], ["hello /root\n  x=3 bq cs\n\"quoted\" 'single' $HOME \\ \\\"\n", "", 0]]],
  ["cat <<'EOF'\nhello $HOME $(echo no)\nEOF", [["hello $HOME $(echo no)\n", "", 0], ["hello $HOME $(echo no)\n", "", 0], ["hello $HOME $(echo no)\n", "", 0]]],
  ["cat <<\"EOF\"\na $HOME\nEOF\ncat <<\\EOF\nb $HOME\nEOF\ncat <<E\"O\"F\nc $HOME\nEOF", [["a $HOME\nb $HOME\nc $HOME\n", "", 0], ["a $HOME\nb $HOME\nc $HOME\n", "", 0], ["a $HOME\nb $HOME\nc $HOME\n", "", 0]]],
  ["cat <<-EOF\n\t\ttabbed $HOME\n\t  mixed\n\tEOF\necho after", [["tabbed /root\n  mixed\nafter\n", "", 0], ["tabbed /root\n  mixed\nafter\n", "", 0], ["tabbed /root\n  mixed\nafter\n", "", 0]]],
  ["cat <<EOF\nno end", [["no end", "", 0], ["no end\n", "bash: line 2: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n", 0], ["no end", "", 0]]],
  ["echo a; cat <<EOF\nx\ny", [["a\nx\ny", "", 0], ["a\nx\ny\n", "bash: line 3: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n", 0], ["a\nx\ny", "", 0]]],
  ["cat <<EOF", [["", "", 0], ["", "bash: line 1: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n", 0], ["", "", 0]]],
  ["cat <<EOF; echo x\nbody\nEOF", [["body\nx\n", "", 0], ["body\nx\n", "", 0], ["body\nx\n", "", 0]]],
  ["cat <<A; cat <<B\none\nA\ntwo\nB", [["one\ntwo\n", "", 0], ["one\ntwo\n", "", 0], ["one\ntwo\n", "", 0]]],
  ["cat <<EOF | wc -l\nabc\nxyz\nEOF", [["2\n", "", 0], ["2\n", "", 0], ["2\n", "", 0]]],
  ["cat <<EOF > /tmp/hd\nserver-id=$((100 + 2))\nEOF\ncat /tmp/hd", [["server-id=102\n", "", 0], ["server-id=102\n", "", 0], ["server-id=102\n", "", 0]]],
  ["x=1; cat <<EOF\n${x:-d} ${y:-\"q\"} ${x:+'s'} ${HOME#/}\nEOF", [["1 q 's' root\n", "", 0], ["1 q 's' root\n", "", 0], ["1 q 's' root\n", "", 0]]],
  ["while read a b; do echo \"[$a][$b]\"; done <<EOF\n1 2\n3 4 5\nEOF", [["[1][2]\n[3][4 5]\n", "", 0], ["[1][2]\n[3][4 5]\n", "", 0], ["[1][2]\n[3][4 5]\n", "", 0]]],
  ["cat <<EOF\nline1 \\\ncont\na\\\"b\\'c\\$d\\`e\nEOF", [["line1 cont\na\\\"b\\'c$d`e\n", "", 0], ["line1 cont\na\\\"b\\'c$d`e\n", "", 0], ["line1 cont\na\\\"b\\'c$d`e\n", "", 0]]],
  ["cat <<", [["", "sh: 1: Syntax error: end of file unexpected\n", 2], ["", "bash: -c: line 1: syntax error near unexpected token `newline'\nbash: -c: line 1: `cat <<'\n", 2], ["", "sh: syntax error: unexpected end of file\n", 2]]],
  ["cat << EOF\nsp\n EOF\nEOF", [["sp\n EOF\n", "", 0], ["sp\n EOF\n", "", 0], ["sp\n EOF\n", "", 0]]],
  ["if true; then cat <<EOF\nin if\nEOF\nfi", [["in if\n", "", 0], ["in if\n", "", 0], ["in if\n", "", 0]]],
  ["f() { cat <<EOF\nin f $1\nEOF\n}; f arg", [["in f arg\n", "", 0], ["in f arg\n", "", 0], ["in f arg\n", "", 0]]],
  ["cat <<<\"here string\"", [["", "sh: 1: Syntax error: redirection unexpected\n", 2], ["here string\n", "", 0], ["", "sh: syntax error: unexpected redirection\n", 2]]],
  ["cat <<EOF\n$(echo \"in $(echo nested)\")\nEOF", [["in nested\n", "", 0], ["in nested\n", "", 0], ["in nested\n", "", 0]]],
  ["set -x; cat <<EOF\ntraced\nEOF", [["traced\n", "+ cat\n", 0], ["traced\n", "+ cat\n", 0], ["traced\n", "+ cat\n", 0]]],
  ["read v <<EOF\nfirst line\nsecond\nEOF\necho \"$v\"", [["first line\n", "", 0], ["first line\n", "", 0], ["first line\n", "", 0]]],
  ["x=5; cat <<EOF >> /tmp/hd2; cat <<EOF2 >> /tmp/hd2; cat /tmp/hd2; rm /tmp/hd2\n$x\nEOF\n$((x*2))\nEOF2", [["5\n10\n", "", 0], ["5\n10\n", "", 0], ["5\n10\n", "", 0]]],
  ["cat <<EOF\n${unclosed\nEOF", [["", "sh: 2: Syntax error: Missing '}'\n", 2], ["", "bash: line 1: ${unclosed\n: bad substitution\n", 1], ["", "sh: syntax error: missing '}'\n", 2]]],
  ["x=1; cat <<EOF\n${x:+'s'} ${y:-'q'} ${y:-\"q\"} ${x:+\"a b\"}\nEOF", [["'s' 'q' q a b\n", "", 0], ["'s' 'q' q a b\n", "", 0], ["'s' 'q' q a b\n", "", 0]]],
  ["cat >", [["", "sh: 1: Syntax error: end of file unexpected\n", 2], ["", "bash: -c: line 1: syntax error near unexpected token `newline'\nbash: -c: line 1: `cat >'\n", 2], ["", "sh: syntax error: unexpected end of file\n", 2]]],
  ["cat <<E\nx\nE\nx=$(f)\ny=$(\nf)", [["x\n", "sh: 4: f: not found\nsh: 6: f: not found\n", 127], ["x\n", "bash: line 4: f: command not found\nbash: line 6: f: command not found\n", 127], ["x\n", "sh: f: not found\nsh: f: not found\n", 127]]],
];

againstReal('the shells against the real ones: here-documents', SHELLS, CASES);
