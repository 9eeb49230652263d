// `kubectl set env --from=configmap/NAME|secret/NAME [--keys] [--prefix]`: one variable per data key, referring to it,
// named as kubectl converts a key (with its warning); models set_env.go RunEnv's --from and keyToEnvName.
import { describe, expect, it } from 'vitest';
import type { ConfigMap, KObject, Secret } from '../../engine/api/types.ts';
import type { Cluster } from '../../engine/cluster.ts';
import { kc, put, testCluster } from '../testing.ts';

// A ConfigMap or Secret, typed as such, for put().
const asObject = <T,>(o: T): KObject => o as KObject;

function withWebAndConfig(): Cluster {
  const c = testCluster();
  expect(kc(c, 'apply -f https://k8s.io/examples/application/web/web.yaml').code).toBe(0);
  put(c, 'ConfigMap', asObject<ConfigMap>({ metadata: { name: 'cfg', namespace: 'default' }, data: { 'log.level': 'debug', MODE: 'prod' }, binaryData: { blob: '/wA=' } }));
  put(c, 'Secret', asObject<Secret>({ metadata: { name: 'db', namespace: 'default' }, type: 'Opaque', data: { password: 'cA==', user: 'dQ==' } }));
  return c;
}

const env = (c: Cluster) => c.store.get('StatefulSet', 'default', 'web')!.spec!.template.spec!.containers[0]!.env;

describe('kubectl set env --from', () => {
  it('imports every data key of a ConfigMap (not binaryData) as a configMapKeyRef, warning of each renamed key', () => {
    const c = withWebAndConfig();
    expect(kc(c, 'set env sts/web --from=configmap/cfg')).toEqual({
      out: 'statefulset.apps/web env updated\n', err: 'Warning: key log.level transferred to LOG_LEVEL\n', code: 0,
    });
    expect(env(c)).toEqual([
      { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'MODE' } } },
      { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'log.level' } } },
    ]);
    expect(kc(c, 'set env sts/web --list').out).toBe('# StatefulSet web, container nginx\n# MODE from configmap cfg, key MODE\n# LOG_LEVEL from configmap cfg, key log.level\n');
  });

  it('--keys picks keys, --prefix prefixes the names (and K=V ones), a Secret gives secretKeyRefs', () => {
    const c = withWebAndConfig();
    const r = kc(c, 'set env sts/web --from=secret/db --keys=password,nothing --prefix=DB_ X=1');
    expect(r.err).toBe('Warning: key password transferred to PASSWORD\n');
    expect(env(c)).toEqual([
      { name: 'DB_X', value: '1' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
    ]);
    // Keys none of which is there import nothing: no change, nothing printed.
    expect(kc(c, 'set env sts/web --from=secret/db --keys=nothing')).toEqual({ out: '', err: '', code: 0 });
  });

  it('refuses what is not a ConfigMap or Secret, one that is not there, and --overwrite=false over a value', () => {
    const c = withWebAndConfig();
    expect(kc(c, 'set env sts/web --from=sts/web').err).toBe('error: unsupported resource specified in --from\n');
    expect(kc(c, 'set env sts/web --from=configmap/missing').err).toBe('Error from server (NotFound): configmaps "missing" not found\n');
    expect(kc(c, 'set env sts/web --from=configmap').err).toBe('error: resource(s) were provided, but no name was specified\n');
    kc(c, 'set env sts/web MODE=x');
    expect(kc(c, 'set env sts/web --from=cm/cfg --keys=MODE --overwrite=false')).toEqual({
      out: '', err: "error: statefulsets/web 'MODE' already has a value (x), and --overwrite is false\n", code: 1,
    });
    expect(env(c)).toEqual([{ name: 'MODE', value: 'x' }]);
  });
});
