import { describe, expect, it } from 'vitest';
import { kc, put, testCluster, webPod, webSet } from '../testing.ts';
import { runKubectl } from '../index.ts';
import type { Cluster } from '../types.ts';

// A set and a pod with events from two components over a few seconds; another namespace has one of its own.
function cluster(): Cluster {
  const c = testCluster();
  c.store.create('Namespace', { metadata: { name: 'other' } });
  const set = put(c, 'StatefulSet', webSet());
  const pod = put(c, 'Pod', webPod(0, { wallMs: c.wallNow(), ready: true }));
  c.event({ object: set, type: 'Normal', reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful', component: 'statefulset-controller' });
  c.advance(2000);
  c.event({ object: pod, type: 'Normal', reason: 'Pulled', message: 'Container image "nginx" already present on machine', component: 'kubelet', host: 'kind-worker' });
  c.advance(1000);
  c.event({ object: pod, type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: ', component: 'kubelet', host: 'kind-worker' });
  c.event({ object: pod, type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: ', component: 'kubelet', host: 'kind-worker' });
  const other = c.store.create('Pod', { metadata: { name: 'x', namespace: 'other' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  if (other.ok) c.event({ object: other.object, type: 'Normal', reason: 'Scheduled', message: 'Successfully assigned other/x to kind-worker', component: 'default-scheduler' });
  c.advance(4000);
  return c;
}

describe('kubectl events', () => {
  it('lists the namespace\'s events oldest first, Kind/name as the object, counts as (xN over …)', () => {
    expect(kc(cluster(), 'events')).toEqual({
      out: [
        'LAST SEEN         TYPE      REASON             OBJECT            MESSAGE',
        '7s                Normal    SuccessfulCreate   StatefulSet/web   create Pod web-0 in StatefulSet web successful',
        '5s                Normal    Pulled             Pod/web-0         Container image "nginx" already present on machine',
        '4s (x2 over 4s)   Warning   Unhealthy          Pod/web-0         Readiness probe failed:', ''].join('\n'),
      err: '', code: 0,
    });
  });

  it('-A adds NAMESPACE; --for keeps one object; --types keeps some types', () => {
    const c = cluster();
    expect(kc(c, 'events -A').out.split('\n')[0]).toBe('NAMESPACE   LAST SEEN         TYPE      REASON             OBJECT            MESSAGE');
    expect(kc(c, 'events -A').out.split('\n')[4]).toBe('other       4s                Normal    Scheduled          Pod/x             Successfully assigned other/x to kind-worker');
    expect(kc(c, 'events --for sts/web').out).toBe('LAST SEEN   TYPE     REASON             OBJECT            MESSAGE\n7s          Normal   SuccessfulCreate   StatefulSet/web   create Pod web-0 in StatefulSet web successful\n');
    expect(kc(c, 'events --for pod/web-0 --types=warning').out.split('\n').slice(1, -1)).toEqual(['4s (x2 over 4s)   Warning   Unhealthy   Pod/web-0   Readiness probe failed:']);
    expect(kc(c, 'events --for pod/web-0 --no-headers --types Normal').out).toBe('5s    Normal   Pulled   Pod/web-0   Container image "nginx" already present on machine\n');
  });

  it('says when there is nothing to list (on stderr, exit 0)', () => {
    const c = cluster();
    expect(kc(c, 'events -n kube-system')).toEqual({ out: '', err: 'No events found in kube-system namespace.\n', code: 0 });
    expect(kc(c, 'events --for pod/nope')).toEqual({ out: '', err: 'No events found in default namespace.\n', code: 0 });
  });

  it('answers bad flags with kubectl\'s errors', () => {
    const c = cluster();
    expect(kc(c, 'events --for web').err).toBe('error: --for must be in resource/name form\n');
    expect(kc(c, 'events --for pod/a/b').err).toBe('error: arguments in resource/name form may not have more than one slash\n');
    // CheckErr's own words for the RESTMapper's NoResourceMatchError, without `error: `.
    expect(kc(c, 'events --for foo/bar')).toEqual({ out: '', err: 'the server doesn\'t have a resource type "foo"\n', code: 1 });
    expect(kc(c, 'events --types=Error').err).toBe('error: valid --types are Normal or Warning\n');
    expect(kc(c, 'events -o wide').err).toBe('error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml\n');
    expect(kc(c, 'events --types=Error').code).toBe(1);
    expect(kc(c, 'events --for Foo.bar/x').err).toBe('the server doesn\'t have a resource type "foo" in group "bar"\n');
    expect(kc(c, 'events -o jsonpath').err).toBe('error: template format specified but no template given\n');
    expect(kc(c, `events -n kube-public -o jsonpath='{.a'`)).toEqual({ out: '', err: 'error: error parsing jsonpath {.a, unclosed action\n', code: 1 });
    // --for is resolved before the output format is looked at.
    expect(kc(c, 'events --for web -o wide').err).toBe('error: --for must be in resource/name form\n');
    expect(kc(c, 'events --for statefulsets.v1.apps/web').out).toContain('StatefulSet/web');
  });

  it('prints an EventList with -o yaml|json and names with -o name', () => {
    const c = cluster();
    const yaml = kc(c, 'events --for sts/web -o yaml').out;
    expect(yaml.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n')).toBe(true);
    expect(yaml.endsWith('kind: EventList\nmetadata: {}\n')).toBe(true);
    expect(JSON.parse(kc(c, 'events -o json').out).items.map((e: { reason: string }) => e.reason)).toEqual(['SuccessfulCreate', 'Pulled', 'Unhealthy']);
    // JSON is the typed objects' field order (json.MarshalIndent), with the zero eventTime as null.
    const json = kc(c, 'events --for sts/web -o json').out;
    expect(json.startsWith('{\n    "kind": "EventList",\n    "apiVersion": "v1",\n    "metadata": {},\n    "items": [\n        {\n            "kind": "Event",\n            "apiVersion": "v1",\n            "metadata": {\n                "name": ')).toBe(true);
    const keys = Object.keys(JSON.parse(json).items[0]);
    expect(keys).toEqual(['kind', 'apiVersion', 'metadata', 'involvedObject', 'reason', 'message', 'source', 'firstTimestamp', 'lastTimestamp', 'count', 'type', 'eventTime', 'reportingComponent', 'reportingInstance']);
    expect(yaml).toContain('\n  eventTime: null\n');
    expect(kc(c, 'events --for sts/web -o kyaml').out.startsWith('---\n{\n  kind: "EventList",\n  apiVersion: "v1",\n  metadata: {},\n  items: [{\n    kind: "Event",\n')).toBe(true);
    expect(kc(c, 'events --for sts/web -o name').out).toMatch(/^event\/web\.[0-9a-f]+\n$/);
  });

  it('-w lists what is stored, then each new or updated event, never deletions', () => {
    const c = cluster();
    const r = runKubectl('events -w --for pod/web-0', c, {});
    // Each event is flushed as it comes; the writer keeps the widest cell of each column (RememberWidths).
    expect(r.output.map((o) => o.text).join('')).toBe([
      'LAST SEEN   TYPE     REASON   OBJECT      MESSAGE',
      '5s          Normal   Pulled   Pod/web-0   Container image "nginx" already present on machine',
      '4s (x2 over 4s)   Warning   Unhealthy   Pod/web-0   Readiness probe failed:', ''].join('\n'));
    const pod = c.store.get('Pod', 'default', 'web-0')!;
    c.event({ object: pod, type: 'Warning', reason: 'Unhealthy', message: 'Readiness probe failed: ', component: 'kubelet', host: 'kind-worker' });
    c.advance(3_600_000);
    const next = r.stream!.poll();
    expect(next.done).toBe(false);
    expect(next.output).toEqual([{ stream: 'out', text: '0s (x3 over 4s)   Warning   Unhealthy   Pod/web-0   Readiness probe failed:\n' }]);
  });
});
