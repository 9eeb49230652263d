// sed of a simulated container: GNU sed 4.9 on the Debian images, BusyBox's applet on busybox and Alpine. Its options
// and usage errors; sed-parse.ts reads the script and sed-run.ts runs it over the input lines or, with -i, the files.
import { resolvePath, Unmodelled } from './fs.ts';
import { parseScript } from './sed-parse.ts';
import { Run, type Opts } from './sed-run.ts';
import { gnu, STRERROR, type Proc, type Utility } from './shell.ts';
import { bytesOf, notModelled, usageNotModelled } from './text-args.ts';

/** GNU sed's usage text (standard error, status 1, when there is no script or an option is wrong). */
const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single,
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

/** The options as getopt reads them (`-i` takes a suffix only attached), or the status after a usage error. */
function options(p: Proc, isGnu: boolean): Opts | number {
  const permute = p.sh.world.userland.flavour !== 'alpine';
  const o: Opts = { chunks: [], quiet: false, ere: false, separate: false, unbuffered: false, files: [] };
  let exprs = 0;
  const usage = (text: string): number => {
    if (!isGnu) return usageNotModelled(p, 'sed');
    // GNU compiles each -e as it reads it, so an error there would come first.
    if (o.chunks.length) throw new Unmodelled('an option error after a script is not modelled');
    p.err(`sed: ${text}\n${USAGE}`);
    return 1;
  };
  const args = p.args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { o.files.push(...args.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') {
      if (!permute) { o.files.push(...args.slice(i)); break; }
      o.files.push(a);
      continue;
    }
    if (a.startsWith('--')) return notModelled(p, 'sed');
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (f === 'i') { o.inPlace = a.slice(j + 1); break; }
      if (f === 'e' || f === 'f') {
        // -e and -f take the rest of the word or the next one.
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return usage(`option requires an argument -- '${f}'`);
        const script = f === 'e' ? bytesOf(v) : scriptFile(p, isGnu, v, o.chunks.length > 0);
        if (typeof script === 'number') return script;
        o.chunks.push(f === 'e' ? { text: script, expr: ++exprs } : { text: script, file: v });
        break;
      }
      if (f === 'n') o.quiet = true;
      else if (f === 'E' || f === 'r') o.ere = true;
      else if (isGnu && f === 's') o.separate = true;
      else if (isGnu && f === 'u') o.unbuffered = true;
      else if (isGnu && (f === 'z' || f === 'l')) return notModelled(p, 'sed');
      else return usage(`invalid option -- '${f}'`);
    }
  }
  return o;
}

/** The bytes of an -f script, or the status after the error reading it. */
function scriptFile(p: Proc, isGnu: boolean, name: string, after: boolean): string | number {
  if (name === '-') return notModelled(p, 'sed');
  const r = p.sh.world.fs.read(resolvePath(p.sh.cwd, name));
  if ('text' in r) return bytesOf(r.text);
  if (after || r.err === 'EISDIR') throw new Unmodelled('this error reading a script file is not modelled');
  p.err(isGnu ? `sed: couldn't open file ${name}: ${STRERROR[r.err]}\n` : `sed: ${name}: ${STRERROR[r.err]}\n`);
  return isGnu ? 4 : 1;
}

/**
 * `sed [-nEr] [-i[SUFFIX]] [-s] [-u] [-e SCRIPT]… [-f FILE]… [SCRIPT] [FILE…]`: the script run on each line of the
 * files (or standard input), or with -i on each file in turn, written back. Status 0; GNU 2 and BusyBox 1 when an
 * input cannot be read, 1 for a bad script, GNU 4 for a file that cannot be edited; GNU's `q N` exits with N.
 */
export const sed: Utility = (p) => {
  const isGnu = gnu(p);
  const o = options(p, isGnu);
  if (typeof o === 'number') return o;
  const alpine = p.sh.world.userland.flavour === 'alpine';
  if (!o.chunks.length) {
    if (!o.files.length) {
      if (!isGnu) return usageNotModelled(p, 'sed');
      p.err(USAGE);
      return 1;
    }
    o.chunks.push({ text: bytesOf(o.files.shift()!), expr: 1 });
  }
  if (alpine && o.chunks.some((c) => /[^\x00-\x7f]/.test(c.text))) {
    throw new Unmodelled("non-ASCII scripts with musl's regex are not modelled");
  }
  const prog = parseScript(o.chunks, { gnu: isGnu, ere: o.ere, gnuRegex: !alpine });
  if ('error' in prog) { p.err(prog.error); return prog.status; }
  if (o.inPlace !== undefined) {
    if (!o.files.length) { p.err(isGnu ? 'sed: no input files\n' : 'sed: -i requires an argument\n'); return isGnu ? 4 : 1; }
    if (/[/*]/.test(o.inPlace)) return notModelled(p, 'sed');
    if (!isGnu && prog.cmds.some((c) => c.name === 'q')) throw new Unmodelled("BusyBox's q with -i is not modelled");
  }
  const run = new Run(p, prog, o, isGnu);
  run.go();
  return run.finish();
};
