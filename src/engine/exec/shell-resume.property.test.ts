// A container's script paused at each sleep and resumed from its saved frames (as the kubelet does, through the
// cluster state) does what the same script does when run in one go: the same output, the same exit status, and
// its sleeps add up to the time it took. Random scripts from a small grammar of the constructs the shell runs.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Cluster } from '../cluster.ts';
import { kc } from '../../kubectl/testing.ts';
import { ContainerFs } from './fs.ts';
import { Shell, SCRIPT_START, type ExecWorld, type ScriptPoint, type ShellState } from './shell.ts';
import { parseScript } from './shell-parse.ts';
import { UTILITIES } from './commands.ts';
import { userlandOf } from './userland.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

// Statements, nested up to depth 2. Counters are bounded so every loop ends.
const leaf = fc.oneof(
  fc.constantFrom('echo a', 'echo "b $n"', 'false', 'true', 'n=$((n + 1))', 'echo $? >> /tmp/log', 'cat /tmp/log', 'exit 3',
    'echo ${u:-d} ${#n}', ': ${w:=set-$n}; echo $w', 'x=web-$n; echo ${x##*-} ${x%-*}', 'set -e', 'set +e', 'set -x', 'printf "%s-%02d\\n" p $n',
    'set -- p "q r" s', 'shift', 'echo $# "$1" "$@"', "trap 'echo trapped' EXIT", '(echo "sub $n"; n=9; cd /tmp; exit 4); echo "sub $? $n"',
    '{ cat <<EOF\nhere $n $((n * 2))\nEOF\n}', "read r <<'EOF'\n$n raw\nEOF\necho \"$r\"", '{ sleep 9 & w=$!; kill $w; wait $w; echo "w $?"; }',
    '{ echo "bg $n" & wait $!; echo "bg $?"; }'),
  fc.integer({ min: 1, max: 3 }).map((s) => `sleep ${s}`),
);
const stmt: fc.Arbitrary<string> = fc.letrec<{ s: string }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    leaf,
    fc.tuple(tie('s'), tie('s')).map(([a, b]) => `if [ $n -lt 2 ]; then ${a}; else ${b}; fi`),
    fc.tuple(tie('s'), fc.constantFrom('', 'continue', 'break')).map(([a, x]) => `for i in 1 2; do ${a}; ${x || ':'}; echo "i$i"; done`),
    tie('s').map((a) => `m=0; while [ $m -lt 2 ]; do m=$((m + 1)); ${a}; done`),
    fc.tuple(tie('s'), tie('s')).map(([a, b]) => `{ ${a}; ${b}; }`),
    fc.tuple(tie('s'), tie('s')).map(([a, b]) => `case $n in 0) ${a};; [12]|9) ${b};; *) echo other;; esac`),
    fc.tuple(tie('s'), fc.constantFrom('', 'return 5', 'local n=7')).map(([a, x]) => `f() { echo "f($#) $1"; ${x || ':'}; ${a}; echo "end f $n"; }; f x "y z"; echo "after $? $#"; f`),
    fc.tuple(tie('s'), tie('s')).map(([a, b]) => `${a} && ${b}`),
  ),
})).s;
const script = fc.array(stmt, { minLength: 1, maxLength: 5 }).map((xs) => `n=0; ${xs.join('; ')}`);

describe('a paused and resumed script', () => {
  const c = Cluster.create({ freeze: true });
  kc(c, 'run box --image=busybox:1.36 -- sleep infinity');
  c.settle();
  const pod = c.store.get('Pod', 'default', 'box')!;
  const userland = userlandOf('busybox:1.36');
  // The one-go run counts the seconds its sleeps would take (they return at once there).
  let counted = 0;
  const counting = new Map(UTILITIES).set('sleep', (p) => { counted += Number(p.args[0]); return 0; });
  const world = (utilities = UTILITIES): ExecWorld => ({ c, pod, fs: new ContainerFs(c, pod, 'box', 0, userland), userland, tty: false, utilities });
  // Each run starts without the file the scripts append to.
  const fresh = (): void => { new Shell(world(), 'ash', 'sh', new Map()).run('rm -f /tmp/log', { stdin: '', out: () => {}, err: () => {} }); };

  it('prints, ends and takes the time its one-go run says', () => {
    fc.assert(fc.property(script, (src) => {
      const lists = parseScript(src);
      expect(Array.isArray(lists)).toBe(true);
      if (!Array.isArray(lists)) return;
      fresh();
      let whole = '';
      counted = 0;
      const status = new Shell(world(counting), 'ash', 'sh', new Map()).run(src, { stdin: '', out: (t) => { whole += t; }, err: (t) => { whole += t; } });
      fresh();
      let stepped = '';
      const io = { stdin: '', out: (t: string) => { stepped += t; }, err: (t: string) => { stepped += t; } };
      let sh = new Shell(world(), 'ash', 'sh', new Map());
      let at: ScriptPoint = SCRIPT_START;
      let slept = 0;
      for (let steps = 0; ; steps++) {
        expect(steps).toBeLessThan(200);
        const r = sh.runFrom(lists, at, io);
        if (r.done) { expect(r.status).toBe(status); break; }
        slept += r.ms;
        // What the kubelet keeps between steps: the frames and the shell's state (its directory, variables, options,
        // traps, positional parameters and functions), as plain data.
        at = JSON.parse(JSON.stringify(r.next)) as ScriptPoint;
        sh = Shell.resume(world(), 'ash', 'sh', JSON.parse(JSON.stringify(sh.state())) as ShellState);
      }
      expect(stepped).toBe(whole);
      // Every sleep that ran in the one-go run is a pause of the stepped one.
      expect(slept).toBe(counted * 1000);
    }), { numRuns: RUNS, seed: 20261128 });
  });
});
