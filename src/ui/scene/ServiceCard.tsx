// A Service with its Endpoints (ready addresses only; not-ready ones listed apart), per-pod DNS names, and the
// EndpointSlices that carry the same endpoints (what kube-proxy and DNS read; not truncated at 1,000).
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EndpointSlice } from '../../engine/index.ts';
import { useObject, useSimStore } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { compareKeys } from '../store/slices/cluster.ts';

/** Endpoints listed in full; the rest are counted (large sets would otherwise flood the scene). */
const SHOW = 8;
const byName = compareKeys;

/** Card for the Service under `serviceKey`. */
export const ServiceCard = memo(function ServiceCard({ serviceKey }: { serviceKey: string }) {
  const t = useT();
  const svc = useObject('Service', serviceKey);
  const ep = useObject('Endpoints', serviceKey);
  const [ns, name] = serviceKey.split('/');
  const slices = useSimStore(useShallow((s) => slicesOf(s.objects.EndpointSlice.values(), ns, name)));
  if (!svc) return null;
  const headless = svc.spec?.clusterIP === 'None';
  const ports = (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',');
  const ready = (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => ({ a, port: s.ports?.[0]?.port })))
    .sort((x, y) => byName(x.a.targetRef?.name ?? x.a.ip, y.a.targetRef?.name ?? y.a.ip));
  const shown = ready.slice(0, SHOW);
  // Endpoints stops at 1,000 addresses; the slices hold them all.
  const readyTotal = slices.length ? slices.reduce((n, sl) => n + readyIn(sl), 0) : ready.length;
  const notReady = (ep?.subsets ?? []).flatMap((s) => s.notReadyAddresses ?? []);
  const domain = `${name}.${ns}.svc.cluster.local`;
  return (
    <section className="svc-card" data-testid={`svc-${name}`} aria-label={`Service ${name}`}>
      <div className="svc-title">
        <span className="kind">Service</span> <strong>{name}</strong>
        <span className="svc-meta">clusterIP: {svc.spec?.clusterIP ?? '—'} · {ports}</span>
        {headless && <span className="tag">{t('svc.headless')}</span>}
      </div>
      <p className="svc-domain"><code>{domain}</code></p>
      <h4>{t('svc.endpoints')}</h4>
      {ready.length === 0 ? <p className="muted">{t('svc.noEndpoints')}</p> : (
        <ul className="svc-eps" data-testid={`endpoints-${name}`}>
          {shown.map(({ a, port }) => (
            <li key={a.ip} data-pod={a.targetRef?.name ?? ''}>
              <code>{a.ip}{port ? `:${port}` : ''}</code> {a.targetRef?.name}
              {a.hostname && <> · <code>{a.hostname}.{domain}</code></>}
            </li>
          ))}
          {readyTotal > shown.length && <li className="muted">{t('svc.more', { count: readyTotal - shown.length })}</li>}
        </ul>
      )}
      {notReady.length > 0 && (
        <p className="muted">{t('svc.notReady', { pods: notReady.map((a) => a.targetRef?.name ?? a.ip).join(', ') })}</p>
      )}
      {slices.length > 0 && (
        <ul className="svc-slices" data-testid={`slices-${name}`}>
          {slices.map((sl) => (
            <li key={sl.metadata!.name}>
              <span className="kind">EndpointSlice</span> <code>{sl.metadata!.name}</code>{' '}
              <span className="muted">{t('svc.slice', { ready: readyIn(sl), total: sl.endpoints?.length ?? 0 })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});

// The Service's EndpointSlices (by the kubernetes.io/service-name label), by name.
function slicesOf(all: Iterable<unknown>, ns: string, name: string): EndpointSlice[] {
  const out: EndpointSlice[] = [];
  for (const o of all) {
    const sl = o as EndpointSlice;
    if (sl.metadata?.namespace === ns && sl.metadata.labels?.['kubernetes.io/service-name'] === name) out.push(sl);
  }
  return out.sort((a, b) => byName(a.metadata!.name!, b.metadata!.name!));
}

// Endpoints of a slice that take traffic (an unset ready condition counts as ready, as consumers read it).
const readyIn = (sl: EndpointSlice): number => (sl.endpoints ?? []).filter((e) => e.conditions?.ready !== false).length;
