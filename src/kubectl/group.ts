// A command that only groups sub-commands (`config`, `create service`): what it does when no sub-command is named.
import type { Ctx } from './context.ts';
import { E, KubectlError } from './errors.ts';

/**
 * Models cmdutil.DefaultSubCommandRun: run alone, the group prints its help on stderr and fails; with other words,
 * it names them as an unknown command.
 */
export function subCommandGroupRun(help: string): (ctx: Ctx) => void {
  return (ctx) => {
    if (ctx.args.length) throw new KubectlError(E.usageErr(ctx.path, `unknown command "${ctx.args.join(' ')}"`));
    throw new KubectlError(help);
  };
}
