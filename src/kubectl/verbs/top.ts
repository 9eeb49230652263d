// `kubectl top pod|node`: the playground's kind cluster runs no metrics-server, so the metrics.k8s.io API is not
// served and kubectl says so, after its own checks of the arguments and flags. Models kubectl/pkg/cmd/top
// (top_pod.go and top_node.go: Complete, Validate, then SupportedMetricsAPIVersionAvailable before any lookup).
import type { Verb } from '../context.ts';
import { E, KubectlError } from '../errors.ts';
import { fieldSelectorOf, selectorOf } from '../targets.ts';
import type { FlagSpec } from '../flags.ts';

const COMMON: readonly FlagSpec[] = [
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'no-headers', type: 'bool' },
  { name: 'use-protocol-buffers', type: 'bool', default: true },
  { name: 'show-swap', type: 'bool' },
];

// One sub-command under each of its names (cobra's aliases); usage texts name it as cobra does, by its name.
function topOf(alias: string, name: 'pod' | 'node'): Verb {
  return {
    name: alias,
    short: `Display resource (CPU/memory) usage of ${name}s`,
    flags: name === 'pod'
      ? [...COMMON, { name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'field-selector', type: 'string', default: '' },
        { name: 'containers', type: 'bool' }, { name: 'sum', type: 'bool' }]
      : [...COMMON, { name: 'show-capacity', type: 'bool' }],
    run(ctx) {
      if (ctx.args.length > 1) throw new KubectlError(E.usageErr(`top ${name}`, `${name} [NAME | -l label]`));
      const sort = ctx.str('sort-by');
      if (sort && sort !== 'cpu' && sort !== 'memory') throw new KubectlError('error: --sort-by accepts only cpu or memory');
      const selected = ctx.str('selector') || (name === 'pod' && ctx.str('field-selector'));
      if (ctx.args.length && selected) throw new KubectlError(`error: only one of NAME or ${name === 'pod' ? 'selector' : '--selector'} can be provided`);
      // The selectors are parsed before the metrics API is asked.
      selectorOf(ctx);
      if (name === 'pod') fieldSelectorOf(ctx);
      throw new KubectlError('error: Metrics API not available');
    },
  };
}

export const top: Verb = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  flags: [],
  subcommands: [topOf('pod', 'pod'), topOf('pods', 'pod'), topOf('po', 'pod'), topOf('node', 'node'), topOf('nodes', 'node'), topOf('no', 'node')],
};
