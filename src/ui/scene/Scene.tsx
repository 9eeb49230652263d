// The animated cluster scene: one view per StatefulSet, then the Services with their endpoints.
// Lists subscribe to keys only; each item selects its own object (see SetView, PodSlot, PvcCard).
import { useKeys, useNamespace } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { SetView } from './SetView.tsx';
import { ServiceCard } from './ServiceCard.tsx';
import './scene.css';
import '../theme.css';

/** The whole scene for kubectl's namespace (`default`, or the current context's). */
export function Scene() {
  const t = useT();
  const ns = useNamespace();
  const sets = useKeys('StatefulSet', ns);
  const services = useKeys('Service', ns).filter((k) => k !== `${ns}/kubernetes`);
  return (
    <section className="scene" aria-label={t('scene.title')} data-testid="scene" data-namespace={ns}>
      {ns !== 'default' && <p className="scene-ns" role="note">{t('scene.namespace', { ns })}</p>}
      {sets.length === 0 && <p className="scene-empty">{t('scene.empty', { ns })}</p>}
      {sets.map((key) => <SetView key={key} setKey={key} />)}
      {services.length > 0 && (
        <div className="scene-services">
          {services.map((key) => <ServiceCard key={key} serviceKey={key} />)}
        </div>
      )}
    </section>
  );
}
