import { describe, expect, it } from 'vitest';
import { runKubectl } from '../index.ts';
import { kc, put, testCluster, webPod } from '../testing.ts';

describe('delete', () => {
  it('prints the 1.35 text and waits until a graceful pod is gone', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    const r = runKubectl('delete pod web-0', c);
    expect(r.output).toEqual([{ stream: 'out', text: 'pod "web-0" deleted from default namespace\n' }]);
    expect(r.stream?.endless).toBe(false);
    expect(r.stream!.poll().done).toBe(false);
    c.store.delete('Pod', 'default', 'web-0', { gracePeriodSeconds: 0 });
    expect(r.stream!.poll()).toEqual({ output: [], done: true, exitCode: 0 });
  });

  it('--force --grace-period=0 warns and force deletes; --wait=false returns at once', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    put(c, 'Pod', webPod(1, { wallMs: c.wallNow() }));
    expect(kc(c, 'delete pod web-0 --force --grace-period=0')).toEqual({
      // delete.go PrintObj names the namespace of a namespaced object whether or not the deletion is forced.
      out: 'pod "web-0" force deleted from default namespace\n', code: 0,
      err: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    });
    expect(c.store.get('Pod', 'default', 'web-0')).toBeUndefined();
    expect(runKubectl('delete pod web-1 --wait=false', c).stream).toBeUndefined();
    expect(c.store.get('Pod', 'default', 'web-1')?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('with -n, warns once before the first cluster-scoped object; -A with a name of a namespaced type is refused', () => {
    const c = testCluster();
    kc(c, 'create ns a');
    kc(c, 'create ns b');
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    expect(kc(c, 'delete ns a b -n default --wait=false')).toEqual({
      out: 'namespace "a" deleted\nnamespace "b" deleted\n', code: 0,
      err: 'Warning: deleting cluster-scoped resources, not scoped to the provided namespace\n',
    });
    expect(kc(c, 'delete pod web-0 -A')).toEqual({ out: '', err: 'error: a resource cannot be retrieved by name across all namespaces\n', code: 1 });
    expect(kc(c, 'delete pod web-0 -A --dry-run=client').err).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
    expect(kc(c, 'get pod web-0 -A').err).toBe('error: a resource cannot be retrieved by name across all namespaces\n');
    expect(c.store.get('Pod', 'default', 'web-0')?.metadata?.deletionTimestamp).toBeUndefined();
  });

  it('--timeout bounds the wait for the object to go, naming the first one still there', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    const r = runKubectl('delete pod web-0 --timeout=2s', c);
    c.advance(1_000);
    expect(r.stream!.poll().done).toBe(false);
    c.advance(1_500);
    expect(r.stream!.poll()).toEqual({ output: [{ stream: 'err', text: 'error: timed out waiting for the condition on pods/web-0\n' }], done: true, exitCode: 1 });
  });

  it('--field-selector picks the objects to delete by their fields', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    put(c, 'Pod', webPod(1, { wallMs: c.wallNow() }));
    expect(kc(c, 'delete pods --field-selector metadata.name=web-1 --wait=false').out).toBe('pod "web-1" deleted from default namespace\n');
    expect(c.store.get('Pod', 'default', 'web-0')?.metadata?.deletionTimestamp).toBeUndefined();
    expect(c.store.get('Pod', 'default', 'web-1')?.metadata?.deletionTimestamp).toBeDefined();
  });

  it('NotFound and cascade errors', () => {
    const c = testCluster();
    expect(kc(c, 'delete pod nope')).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(kc(c, 'delete pod nope --ignore-not-found').code).toBe(0);
    // delete_flags.go parseCascadingFlag: no closing period.
    expect(kc(c, 'delete pod x --cascade=maybe').err).toBe('error: invalid cascade value (maybe). Must be "background", "foreground", or "orphan"\n');
    expect(kc(c, 'delete pods').err).toBe('error: resource(s) were provided, but no name was specified\n');
  });

  it('--dry-run=client deletes nothing and does not wait; server dry run is checked by the API server', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    const before = c.store.get('Pod', 'default', 'web-0');
    const r = runKubectl('delete pod web-0 --dry-run=client', c);
    expect(r.output).toEqual([{ stream: 'out', text: 'pod "web-0" deleted from default namespace (dry run)\n' }]);
    expect(r.stream).toBeUndefined();
    expect(kc(c, 'delete pod web-0 --dry-run=server')).toEqual({ out: 'pod "web-0" deleted from default namespace (server dry run)\n', err: '', code: 0 });
    expect(kc(c, 'delete pod web-0 --dry-run')).toEqual({
      out: 'pod "web-0" deleted from default namespace (dry run)\n', err: 'W0101 00:00:00.000395    4172 helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n', code: 0,
    });
    expect(c.store.get('Pod', 'default', 'web-0')).toBe(before);
    expect(kc(c, 'delete pod nope --dry-run=server')).toEqual({ out: '', err: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect(kc(c, 'delete pod web-0 --dry-run=maybe').err).toBe('error: Invalid dry-run value (maybe). Must be "none", "server", or "client".\n');
  });

  it('--dry-run=client sends no request, not even a GET: missing objects are named as deleted too', () => {
    // delete.go builds with RequireObject(false) and returns before any call in a client dry run.
    const c = testCluster();
    const before = c.state.store.resourceVersion;
    expect(kc(c, 'delete pod nope --dry-run=client')).toEqual({ out: 'pod "nope" deleted from default namespace (dry run)\n', err: '', code: 0 });
    expect(kc(c, 'delete pv/gone -o name --dry-run=client')).toEqual({ out: 'persistentvolume/gone\n', err: '', code: 0 });
    const io = { stdin: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n  namespace: other\nspec:\n  ports:\n  - port: 80\n' };
    expect(kc(c, 'delete -f - --dry-run=client', io)).toEqual({ out: 'service "svc" deleted from other namespace (dry run)\n', err: '', code: 0 });
    expect(kc(c, 'delete -f - --dry-run=server', io).err).toBe('Error from server (NotFound): error when deleting "STDIN": services "svc" not found\n');
    expect(c.state.store.resourceVersion).toBe(before);
  });

  it('--cascade takes a deprecated boolean in any strconv.ParseBool spelling, with its warning', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    expect(kc(c, 'delete pod web-0 --cascade=false --dry-run=client')).toEqual({
      out: 'pod "web-0" deleted from default namespace (dry run)\n',
      err: 'warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n',
      code: 0,
    });
    expect(kc(c, 'delete pod web-0 --cascade=T --dry-run=client').err).toBe('warning: --cascade=T is deprecated (boolean value) and can be replaced with --cascade=background.\n');
  });

  it('checks its options as kubectl does, before deleting anything', () => {
    const c = testCluster();
    put(c, 'Pod', webPod(0, { wallMs: c.wallNow() }));
    const before = c.store.get('Pod', 'default', 'web-0');
    expect(kc(c, 'delete pod web-0 --now --grace-period=5').err).toBe('error: --now and --grace-period cannot be specified together\n');
    expect(kc(c, 'delete pod web-0 --force --grace-period=5').err).toBe('error: --force and --grace-period greater than 0 cannot be specified together\n');
    expect(kc(c, 'delete pod web-0 -o yaml').err).toBe("error: unexpected -o output mode: yaml. We only support '-o name'\n");
    // Complete builds the request first: the builder's SelectAllParam refuses before Validate's own check would.
    expect(kc(c, 'delete pods --all -l app=web').err).toBe("error: setting 'all' parameter but found a non empty selector. \n");
    expect(c.store.get('Pod', 'default', 'web-0')).toBe(before);
  });

  it('says "No resources found" on standard output when a selector matches nothing', () => {
    const c = testCluster();
    expect(kc(c, 'delete pods -l app=none')).toEqual({ out: 'No resources found\n', err: '', code: 0 });
  });
});
