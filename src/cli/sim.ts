// `npm run --silent sim -- FILE` (or `-` for standard input): runs a scenario script headlessly and prints
// its transcript. Exit 0 when the script ran to its end, 2 with `line N: …` for a malformed script line.
import { readFileSync } from 'node:fs';
import { runScript } from '../scenario/runner.ts';

function main(argv: string[]): number {
  const args = argv.filter((a) => a !== '--');
  let seed: number | undefined;
  const files: string[] = [];
  for (const a of args) {
    const m = /^--seed=(\d+)$/.exec(a);
    if (m) seed = Number(m[1]);
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: npm run --silent sim -- [--seed=N] FILE|-\n');
      return 0;
    } else files.push(a);
  }
  if (files.length !== 1) {
    process.stderr.write('usage: npm run --silent sim -- [--seed=N] FILE|-\n');
    return 2;
  }
  let source: string;
  try {
    source = files[0] === '-' ? readFileSync(0, 'utf8') : readFileSync(files[0], 'utf8');
  } catch (e) {
    process.stderr.write(`sim: cannot read ${files[0]}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const r = runScript(source, (c) => { process.stdout.write(c.text); }, { seed });
  if (r.error) process.stderr.write(`${r.error}\n`);
  return r.exitCode;
}

// A reader that stops early (`| head`) closes the pipe: the transcript ends there, quietly, as a shell tool's does.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
process.exitCode = main(process.argv.slice(2));
