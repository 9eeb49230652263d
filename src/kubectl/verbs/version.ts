// `kubectl version`: client, kustomize and server versions (`--client` for the first two).
import { KUBE_VERSION } from '../../engine/version.ts';
import type { Verb } from '../context.ts';
import { KubectlError } from '../errors.ts';
import { connectionProblem } from '../kubeconfig.ts';
import { toJson } from '../print/json.ts';
import { toYaml } from '../print/yaml.ts';

function info(): Record<string, string> {
  return {
    major: KUBE_VERSION.major, minor: KUBE_VERSION.minor, gitVersion: KUBE_VERSION.gitVersion, gitCommit: '', gitTreeState: 'clean',
    buildDate: '', goVersion: KUBE_VERSION.goVersion, compiler: 'gc', platform: KUBE_VERSION.platform,
  };
}

export const version: Verb = {
  name: 'version',
  short: 'Print the client and server version information',
  flags: [{ name: 'client', type: 'bool' }, { name: 'output', short: 'o', type: 'string', default: '' }],
  run(ctx) {
    if (ctx.args.length) throw new KubectlError(`error: extra arguments: [${ctx.args.join(' ')}]`);
    const o = ctx.str('output');
    if (o !== '' && o !== 'json' && o !== 'yaml') throw new KubectlError("error: --output must be 'yaml' or 'json'");
    const client = ctx.bool('client');
    const problem = client ? null : connectionProblem(ctx.cluster, ctx.str('context'), ctx.cluster.wallNow());
    // An unusable client config fails before anything is printed; otherwise kubectl prints its own versions first.
    if (problem?.kind === 'configuration') throw new KubectlError(problem.text);
    if (o === 'json' || o === 'yaml') {
      const v: Record<string, unknown> = { clientVersion: info(), kustomizeVersion: KUBE_VERSION.kustomizeVersion };
      if (!client && !problem) v.serverVersion = info();
      // JSON keeps the fields in the order of Go's version.Info struct; the YAML, through a map, sorts them.
      ctx.out(o === 'json' ? toJson(v, true).replace(/\n$/, '').replace(/ {4}/g, '  ') + '\n' : toYaml(v));
      if (problem) throw new KubectlError(problem.text);
      return;
    }
    ctx.out(`Client Version: ${KUBE_VERSION.gitVersion}\nKustomize Version: ${KUBE_VERSION.kustomizeVersion}\n`);
    if (problem) throw new KubectlError(problem.text);
    if (!client) ctx.out(`Server Version: ${KUBE_VERSION.gitVersion}\n`);
  },
};
