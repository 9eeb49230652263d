import { describe, expect, it } from 'vitest';
import { apiErrorText } from './errors.ts';
import { invalid, notFound } from '../engine/api/errors.ts';
import { kc, testCluster } from './testing.ts';

describe('error texts', () => {
  it('renders Invalid with one cause on one line and several as a list', () => {
    expect(apiErrorText(invalid('StatefulSet', 'web', [{ field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }])))
      .toBe('The StatefulSet "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(apiErrorText(invalid('StatefulSet', 'web', [{ field: 'spec.selector', message: 'Required value' }, { field: 'spec.x', message: 'Forbidden: no' }])))
      .toBe('The StatefulSet "web" is invalid: \n* spec.selector: Required value\n* spec.x: Forbidden: no');
  });
  it('renders other statuses as Error from server, with the file context for -f', () => {
    expect(apiErrorText(notFound('Pod', 'x'))).toBe('Error from server (NotFound): pods "x" not found');
    expect(apiErrorText(notFound('Pod', 'x'), { verb: 'creating', file: 'web.yaml' })).toBe('Error from server (NotFound): error when creating "web.yaml": pods "x" not found');
  });
  it('unknown commands suggest close names; unknown flags point at help', () => {
    const c = testCluster();
    expect(kc(c, 'gte pods')).toEqual({ out: '', err: 'error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n', code: 1 });
    expect(kc(c, 'frobnicate').err).toBe('error: unknown command "frobnicate" for "kubectl"\n');
    expect(kc(c, 'get pods --foo').err).toBe("error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
    // A command group (cmdutil.DefaultSubCommandRun) names all its arguments as one unknown command, without
    // suggestions (checked against a real kubectl); alone, it would print its help.
    expect(kc(c, 'rollout stats sts/web -n x').err).toBe("error: unknown command \"stats sts/web\"\nSee 'kubectl rollout -h' for help and examples\n");
    expect(kc(c, 'set').err).toMatch(/^error: the help of "kubectl set" is not available in this simulated cluster/);
  });
  it('answers -h, --help and kubectl help with where the help is, before checking flags or arguments, and changes nothing', () => {
    const c = testCluster();
    const page = (path: string) => `https://kubernetes.io/docs/reference/kubectl/generated/${path}`;
    const rv = c.store.state.resourceVersion;
    expect(kc(c, 'scale sts web --replicas=-5 --help')).toEqual({
      out: '', err: `error: the help of "kubectl scale" is not available in this simulated cluster; it is on ${page('kubectl_scale/')}\n`, code: 1,
    });
    expect(c.store.state.resourceVersion).toBe(rv);
    expect(kc(c, 'rollout status -h --bogus').err).toContain(`"kubectl rollout status" is not available in this simulated cluster; it is on ${page('kubectl_rollout/kubectl_rollout_status/')}`);
    expect(kc(c, 'help rollout undo').err).toContain(page('kubectl_rollout/kubectl_rollout_undo/'));
    expect(kc(c, 'help port-forward').err).toContain('"kubectl port-forward"');
    for (const line of ['help', '--help', '-h', 'help no-such-topic']) expect(kc(c, line).err).toContain(`"kubectl" is not available in this simulated cluster; it is on ${page('kubectl/')}`);
    // After --, -h belongs to the command run in the container.
    expect(kc(c, 'exec web-0 -- ls -h').err).not.toContain('help');
  });
  it('never throws: a malformed command line is an error result', () => {
    expect(kc(testCluster(), "get 'pods").code).toBe(1);
  });
});
