import { describe, expect, it } from 'vitest';
import { defaultStatefulSet } from './statefulset-defaults.ts';
import { validateStatefulSet, validateStatefulSetStatusUpdate } from './statefulset-validation.ts';
import { webStatefulSet } from './test-fixtures.ts';
import type { JsonMap } from './types.ts';

const DNS_LABEL_TAIL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

function errorsFor(mutate: (ss: JsonMap, spec: JsonMap) => void, gates = {}): string[] {
  const ss = webStatefulSet();
  mutate(ss, ss.spec as JsonMap);
  return validateStatefulSet(defaultStatefulSet(ss, gates)).map((c) => `${c.field}: ${c.message}`);
}

describe('StatefulSet create validation texts', () => {
  it('accepts the web StatefulSet', () => expect(errorsFor(() => {})).toEqual([]));

  it.each<[string, (ss: JsonMap, spec: JsonMap) => void, string[]]>([
    ['template labels mismatch', (_s, sp) => { (sp.template as JsonMap).metadata = { labels: { app: 'nginx2' } }; },
      ['spec.template.metadata.labels: Invalid value: {"app":"nginx2"}: `selector` does not match template `labels`']],
    ['negative replicas', (_s, sp) => { sp.replicas = -1; }, ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    ['missing selector', (_s, sp) => { delete sp.selector; },
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: {"app":"nginx"}: `selector` does not match template `labels`']],
    ['empty selector', (_s, sp) => { sp.selector = {}; },
      ['spec.selector: Invalid value: {}: empty selector is invalid for statefulset']],
    ['podManagementPolicy Foo', (_s, sp) => { sp.podManagementPolicy = 'Foo'; }, ['spec.podManagementPolicy: Invalid value: "Foo": must be \'OrderedReady\' or \'Parallel\'']],
    ['updateStrategy type Foo', (_s, sp) => { sp.updateStrategy = { type: 'Foo' }; },
      ['spec.updateStrategy: Invalid value: {"Type":"Foo","RollingUpdate":null}: must be \'RollingUpdate\' or \'OnDelete\'']],
    ['OnDelete with rollingUpdate', (_s, sp) => { sp.updateStrategy = { type: 'OnDelete', rollingUpdate: {} }; },
      ['spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":0,"MaxUnavailable":null}: only allowed for updateStrategy \'RollingUpdate\'']],
    ['OnDelete with a filled rollingUpdate (JSON in Go field order)', (_s, sp) => { sp.updateStrategy = { type: 'OnDelete', rollingUpdate: { maxUnavailable: '50%', partition: 2 } }; },
      ['spec.updateStrategy.rollingUpdate: Invalid value: {"Partition":2,"MaxUnavailable":"50%"}: only allowed for updateStrategy \'RollingUpdate\'']],
    ['a selector that cannot convert, as its JSON', (_s, sp) => { sp.selector = { matchLabels: { z: '1', app: 'nginx' }, matchExpressions: [{ key: 'tier', operator: 'In' }] }; },
      ['spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\'',
        'spec.selector: Invalid value: {"matchLabels":{"app":"nginx","z":"1"},"matchExpressions":[{"key":"tier","operator":"In"}]}']],
    ['negative partition', (_s, sp) => { sp.updateStrategy = { rollingUpdate: { partition: -1 } }; },
      ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0']],
    ['negative minReadySeconds', (_s, sp) => { sp.minReadySeconds = -1; }, ['spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0']],
    ['negative ordinals.start', (_s, sp) => { sp.ordinals = { start: -1 }; }, ['spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0']],
    ['restartPolicy Never', (_s, sp) => { ((sp.template as JsonMap).spec as JsonMap).restartPolicy = 'Never'; },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']],
    ['activeDeadlineSeconds', (_s, sp) => { ((sp.template as JsonMap).spec as JsonMap).activeDeadlineSeconds = 10; },
      ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported']],
    ['retention Keep', (_s, sp) => { sp.persistentVolumeClaimRetentionPolicy = { whenScaled: 'Keep' }; },
      ['spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Keep": supported values: "Retain", "Delete"']],
    ['name with a dot', (ss) => { (ss.metadata as JsonMap).name = 'web.v1'; }, [`metadata.name: Invalid value: "web.v1": ${DNS_LABEL_TAIL}`]],
    ['bad serviceName', (_s, sp) => { sp.serviceName = 'Nginx_Svc'; }, [`spec.serviceName: Invalid value: "Nginx_Svc": ${DNS_LABEL_TAIL}`]],
    ['template labels are validated at spec.template.labels', (_s, sp) => { sp.selector = { matchLabels: { app: 'nginx' } }; (sp.template as JsonMap).metadata = { labels: { app: 'nginx', 'bad key!': 'x' } }; },
      ["spec.template.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]],
  ])('%s', (_name, mutate, want) => expect(errorsFor(mutate)).toEqual(want));

  it('checks maxUnavailable when the gate keeps it', () => {
    const mu = (v: unknown) => errorsFor((_s, sp) => { sp.updateStrategy = { rollingUpdate: { maxUnavailable: v } }; }, { MaxUnavailableStatefulSet: true });
    expect(mu(0)).toEqual(['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: cannot be 0']);
    expect(mu('120%')).toEqual(['spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: "120%": must not be greater than 100%']);
    expect(mu('50%')).toEqual([]);
  });

  it('does not validate the PodSpec of the template (upstream accepts it; pods fail later)', () => {
    expect(errorsFor((_s, sp) => { (((sp.template as JsonMap).spec as JsonMap).containers as JsonMap[])[0].image = ''; })).toEqual([]);
  });
});

describe('StatefulSet status validation', () => {
  it('rejects counts above status.replicas and a decremented collisionCount', () => {
    const ss = { status: { replicas: 1, readyReplicas: 2, availableReplicas: 0, collisionCount: 0 } };
    const errs = validateStatefulSetStatusUpdate(ss, { status: { collisionCount: 1 } }).map((c) => `${c.field}: ${c.message}`);
    expect(errs).toEqual([
      'status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas',
      'status.collisionCount: Invalid value: 0: cannot be decremented',
    ]);
  });
});
