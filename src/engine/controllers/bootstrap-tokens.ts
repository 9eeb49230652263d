// kube-controller-manager's token cleaner and bootstrap signer (kubeadm starts both): a bootstrap token Secret is
// deleted once its expiration has passed (kind's token lives 24 hours), and then its signature goes from the
// kube-public/cluster-info ConfigMap. Models pkg/controller/bootstrap/tokencleaner.go evalSecret and, for a token that
// is gone, bootstrapsigner.go signConfigMap. (Signing for a token made later is not modelled.)
import type { Cluster, Controller } from '../cluster.ts';
import type { Secret } from '../api/types.ts';
import { base64Decode, utf8String } from '../api/base64.ts';
import { parseRfc3339 } from '../clock/time.ts';

const CLEAN = 'tokencleaner/sync';
const TOKEN_TYPE = 'bootstrap.kubernetes.io/token';
const NS = 'kube-system';

const field = (s: Secret, key: string): string => {
  const d = base64Decode(s.data?.[key] ?? '');
  return d.ok ? utf8String(d.bytes) : '';
};

// evalSecret: an expired token is deleted; one that will expire is looked at again then. A malformed expiration
// keeps it (upstream logs and leaves it).
function clean(c: Cluster, name: string): void {
  const s = c.store.get('Secret', NS, name);
  if (!s || s.type !== TOKEN_TYPE || s.metadata?.deletionTimestamp) return;
  const raw = field(s, 'expiration');
  if (!raw) return;
  const at = parseRfc3339(raw);
  if (Number.isNaN(at)) return;
  const left = at - c.wallNow();
  if (left > 0) { c.enqueue(CLEAN, name, left, true, true); return; }
  const tokenId = field(s, 'token-id');
  c.store.delete('Secret', NS, name, { uid: s.metadata!.uid! });
  // The signer drops the signature of a token that no longer exists.
  const info = c.store.get('ConfigMap', 'kube-public', 'cluster-info');
  const key = `jws-kubeconfig-${tokenId}`;
  if (tokenId && info?.data && key in info.data) {
    const data = { ...info.data };
    delete data[key];
    c.store.update('ConfigMap', { ...info, data }, { trusted: true });
  }
}

/** The token cleaner. Timer `tokencleaner/sync` (key: the Secret's name in kube-system), background work. */
export const bootstrapTokensController: Controller = {
  name: 'tokencleaner',
  kinds: ['Secret'],
  onChange(e, c) {
    const s = e.object as Secret;
    if (e.type === 'DELETED' || s.metadata?.namespace !== NS || s.type !== TOKEN_TYPE) return;
    c.enqueue(CLEAN, s.metadata!.name!, 0, true, true);
  },
  run(kind, key, c) {
    if (kind === CLEAN) clean(c, key);
  },
};
