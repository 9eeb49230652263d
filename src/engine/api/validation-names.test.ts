import { describe, expect, it } from 'vitest';
import { invalid, tooLong } from './field-errors.ts';
import { validatePodSpec } from './pod-validation.ts';
import { validateStatefulSetStatusUpdate } from './statefulset-validation.ts';
import type { JsonMap, StatusCause } from './types.ts';
import {
  isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, passes, validateAnnotations,
  validateLabels, validateWith,
} from './validation-names.ts';

// Valid and invalid samples of every check, each asked twice so the second answer comes from the caches.
const SAMPLES = [
  '', 'a', 'nginx', 'web-0', 'Web', '-a', 'a-', 'a--b', 'a.b', 'a_b', 'example.com/name', 'Example.com/Name', '/x', 'x/',
  'a/b/c', 'app', 'apps.kubernetes.io/pod-index', 'statefulset.kubernetes.io/pod-name', 'kubernetes.io/metadata.name',
  'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(253), 'x'.repeat(254), `${'a'.repeat(250)}/n`, '123', '1.2.3', 'a b', 'é',
  'controller-revision-hash', 'nginx-web-5d8b7c9f6', 'MyValue', 'my_value', '12345', '_x_', 'x.',
];
const CHECKS = { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, isDNS1035Label };

// The pre-cache implementations, as references.
function labelsReference(labels: Record<string, string> | undefined, field: string): StatusCause[] {
  const out: StatusCause[] = [];
  for (const k of Object.keys(labels ?? {}).sort()) {
    for (const m of isQualifiedName(k)) out.push(invalid(field, k, m));
    for (const m of isValidLabelValue(String(labels![k]))) out.push(invalid(field, String(labels![k]), m));
  }
  return out;
}
function annotationsReference(annotations: Record<string, string> | undefined, field: string): StatusCause[] {
  const out: StatusCause[] = [];
  let size = 0;
  for (const k of Object.keys(annotations ?? {}).sort()) {
    for (const m of isQualifiedName(k.toLowerCase())) out.push(invalid(field, k, m));
    size += k.length + String(annotations![k]).length;
  }
  if (size > 256 * 1024) out.push(tooLong(field, 256 * 1024));
  return out;
}

describe('validity fast paths and caches', () => {
  it('passes and validateWith answer as the checks do, valid or not, cached or not', () => {
    for (let round = 0; round < 2; round++) {
      for (const [name, check] of Object.entries(CHECKS)) {
        for (const v of SAMPLES) {
          expect(passes(check, v), `${name}(${v})`).toBe(check(v).length === 0);
          expect(validateWith(check, v, 'f')).toEqual(check(v).map((m) => invalid('f', v, m)));
        }
      }
    }
  });

  it('validateLabels and validateAnnotations equal the uncached versions', () => {
    const maps: Array<Record<string, string> | undefined> = [undefined, {}, { app: 'nginx' }];
    for (let i = 0; i < SAMPLES.length; i++) {
      maps.push({ [SAMPLES[i]]: 'v' }, { app: SAMPLES[i] }, { z: SAMPLES[i], [SAMPLES[(i + 7) % SAMPLES.length]]: SAMPLES[i] });
    }
    maps.push({ big: 'x'.repeat(256 * 1024) }, { 'Big.Example.com/Key': 'x' });
    for (let round = 0; round < 2; round++) {
      for (const m of maps) {
        expect(validateLabels(m, 'metadata.labels')).toEqual(labelsReference(m, 'metadata.labels'));
        expect(validateAnnotations(m, 'metadata.annotations')).toEqual(annotationsReference(m, 'metadata.annotations'));
      }
    }
    expect(validateLabels(null as never, 'l')).toEqual([]);
  });

  it('a port name found valid once does not hide a later invalid one', () => {
    const spec = (name: string): JsonMap => ({
      restartPolicy: 'Always', dnsPolicy: 'ClusterFirst',
      containers: [{ name: 'c', image: 'i', imagePullPolicy: 'Always', ports: [{ name, containerPort: 80, protocol: 'TCP' }] }],
    });
    for (let round = 0; round < 2; round++) {
      expect(validatePodSpec(spec('web'), 'spec')).toEqual([]);
      expect(validatePodSpec(spec('-Web--'), 'spec').map((c) => c.message)).toEqual([
        'Invalid value: "-Web--": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
        'Invalid value: "-Web--": must not contain consecutive hyphens',
        'Invalid value: "-Web--": must not begin or end with a hyphen',
      ]);
    }
  });
});

describe('StatefulSet status validation fast path', () => {
  // The causes without the fast path: every rule in its order.
  function reference(s: JsonMap, old: JsonMap): string[] {
    const n = (k: string): number => Number(s[k] ?? 0);
    const out: string[] = [];
    for (const k of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) if (n(k) < 0) out.push(k);
    if (s.observedGeneration !== undefined && n('observedGeneration') < 0) out.push('observedGeneration');
    if (s.collisionCount !== undefined && n('collisionCount') < 0) out.push('collisionCount');
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) if (n(k) > n('replicas')) out.push(k + '>');
    if (n('availableReplicas') > n('readyReplicas')) out.push('available>ready');
    const oldCount = (old.status as JsonMap | undefined)?.collisionCount;
    if (oldCount !== undefined && n('collisionCount') < Number(oldCount)) out.push('decremented');
    return out;
  }

  it('finds causes exactly when the rules do', () => {
    const values = [undefined, null, -1, 0, 1, 2, 'x'];
    let seed = 7;
    const pick = (): unknown => { seed = (seed * 16807) % 2147483647; return values[seed % values.length]; };
    for (let i = 0; i < 3000; i++) {
      const status: JsonMap = {};
      for (const k of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas', 'observedGeneration', 'collisionCount']) {
        const v = pick();
        if (v !== undefined) status[k] = v;
      }
      const oldCount = pick();
      const old: JsonMap = { status: oldCount === undefined ? {} : { collisionCount: oldCount } };
      const causes = validateStatefulSetStatusUpdate({ status }, old);
      expect(causes.length, JSON.stringify([status, old])).toBe(reference(status, old).length);
    }
  });
});
