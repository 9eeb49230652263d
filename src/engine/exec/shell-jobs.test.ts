// Background jobs (`sleep N &`, a command that ends at once, `$!`), `wait` and `kill` on them, against the real shells:
// every expectation in the table is what dash 0.5.12, bash 5.2.15 and BusyBox 1.35 ash printed for the same script,
// copied as they printed it.
import { againstReal, SHELLS, type RealResult } from './real-programs.fixture.ts';

// Script, then the results of dash, bash and ash.
const CASES: Array<[string, [RealResult, RealResult, RealResult]]> = [
  ["sleep 0.2 & echo \"pid set: ${!:+yes}\"; wait $!; echo \"waited $?\"", [["pid set: yes\nwaited 0\n", "", 0], ["pid set: yes\nwaited 0\n", "", 0], ["pid set: yes\nwaited 0\n", "", 0]]],
  ["sleep 5 & p=$!; kill $p; wait $p; echo \"killed $?\"", [["killed 143\n", "Terminated\n", 0], ["killed 143\n", "", 0], ["killed 143\n", "Terminated\n", 0]]],
  ["wait; echo \"none $?\"", [["none 0\n", "", 0], ["none 0\n", "", 0], ["none 0\n", "", 0]]],
  ["kill; echo $?", [["2\n", "sh: 1: kill: Usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]\n", 0], ["2\n", "kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n", 0], ["1\n", "sh: you need to specify whom to kill\n", 0]]],
  ["sleep 0.1 & sleep 0.2 & wait; echo \"all $?\"", [["all 0\n", "", 0], ["all 0\n", "", 0], ["all 0\n", "", 0]]],
  ["echo $!", [["\n", "", 0], ["\n", "", 0], ["\n", "", 0]]],
  ["sleep 0.1 &\necho bg\nwait", [["bg\n", "", 0], ["bg\n", "", 0], ["bg\n", "", 0]]],
  ["echo hi & wait $!; echo \"st $?\"; false & wait $!; echo \"st $?\"", [["hi\nst 0\nst 1\n", "", 0], ["hi\nst 0\nst 1\n", "", 0], ["hi\nst 0\nst 1\n", "", 0]]],
  ["x=1; x=2 & wait; echo $x", [["1\n", "", 0], ["1\n", "", 0], ["1\n", "", 0]]],
];

againstReal('the shells against the real ones: background jobs, wait and kill', SHELLS, CASES);

// The same, where the shells print the job's pid: the model gives its jobs pids from 7 on (shell-jobs.ts FIRST_JOB_PID)
// where the real shells printed their own, so the pid in these texts is 7; the rest is as the shells printed it.
const WITH_PIDS: Array<[string, [RealResult, RealResult, RealResult]]> = [
  ["sleep 5 & p=$!; kill -9 $p; wait $p; echo \"killed $?\" ", [["killed 137\n", "Killed\n", 0], ["killed 137\n", "bash: line 1:     7 Killed                  sleep 5\n", 0], ["killed 137\n", "Killed\n", 0]]],
  ["sleep 5 & p=$!; kill -s TERM $p; wait $p; echo \"$?\"; kill -TERM $p; echo \"again $?\"", [["143\nagain 1\n", "Terminated\nsh: 1: kill: No such process\n\n", 0], ["143\nagain 1\n", "bash: line 1: kill: (7) - No such process\n", 0], ["143\nagain 1\n", "Terminated\nsh: can't kill pid 7: No such process\n", 0]]],
  ["wait 12345; echo \"$?\"", [["127\n", "", 0], ["127\n", "bash: line 1: wait: pid 12345 is not a child of this shell\n", 0], ["127\n", "", 0]]],
  ["sleep 5 & p=$!; kill -0 $p; echo \"alive $?\"; kill -HUP $p; wait $p; echo \"hup $?\"", [["alive 0\nhup 129\n", "Hangup\n", 0], ["alive 0\nhup 129\n", "bash: line 1:     7 Hangup                  sleep 5\n", 0], ["alive 0\nhup 129\n", "Hangup\n", 0]]],
  ["sleep 1 & kill -KILL $!; wait; echo \"plain wait $?\"", [["plain wait 0\n", "", 0], ["plain wait 0\n", "bash: line 1:     7 Killed                  sleep 1\n", 0], ["plain wait 0\n", "", 0]]],
];

againstReal('the shells against the real ones: texts that name a job by its pid', SHELLS, WITH_PIDS);
