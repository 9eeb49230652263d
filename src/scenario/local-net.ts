// `curl` on the machine the app's terminals run on: it reaches the ports that kubectl port-forward listens on there
// (kubectl/local-net.ts), and writes `-o FILE` to the machine's files (local-fs.ts).
import { curlMain } from '../engine/exec/commands.ts';
import { unmodelledText } from '../engine/exec/shell.ts';
import type { LocalMachineNet } from '../kubectl/local-net.ts';
import type { OutputChunk } from '../kubectl/types.ts';
import type { LocalFs } from './local-fs.ts';

/** The curl of this machine (Debian's, as the GNU tools of pipes.ts are). */
const CURL_AGENT = 'curl/8.14.1';

/** `curl …` typed in a terminal: what it printed and its status; `stdoutTty`: its output goes to the terminal. */
export function localCurl(net: LocalMachineNet, fs: LocalFs, args: readonly string[], stdoutTty: boolean): { output: OutputChunk[]; exitCode: number } {
  const output: OutputChunk[] = [];
  const push = (stream: 'out' | 'err') => (text: string): void => {
    const last = output[output.length - 1];
    if (last?.stream === stream) last.text += text; else output.push({ stream, text });
  };
  const st = curlMain(args, {
    get: (url, agent) => net.get(url, agent),
    agent: CURL_AGENT,
    tty: stdoutTty,
    write: (path, text) => fs.write(path, text) === undefined,
  }, push('out'), push('err'));
  if (st === undefined) return { output: [{ stream: 'err', text: unmodelledText(`curl ${args.join(' ')}: these options are not modelled; try -s, -S, -f, -L or -o FILE`) }], exitCode: 2 };
  return { output, exitCode: st };
}
