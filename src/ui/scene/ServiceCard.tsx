// A Service with its Endpoints (ready addresses only; not-ready ones listed apart) and per-pod DNS names.
import { memo } from 'react';
import { useObject } from '../store/index.ts';
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
  if (!svc) return null;
  const [ns, name] = serviceKey.split('/');
  const headless = svc.spec?.clusterIP === 'None';
  const ports = (svc.spec?.ports ?? []).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',');
  const ready = (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => ({ a, port: s.ports?.[0]?.port })))
    .sort((x, y) => byName(x.a.targetRef?.name ?? x.a.ip, y.a.targetRef?.name ?? y.a.ip));
  const shown = ready.slice(0, SHOW);
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
          {ready.length > SHOW && <li className="muted">{t('svc.more', { count: ready.length - SHOW })}</li>}
        </ul>
      )}
      {notReady.length > 0 && (
        <p className="muted">{t('svc.notReady', { pods: notReady.map((a) => a.targetRef?.name ?? a.ip).join(', ') })}</p>
      )}
    </section>
  );
});
