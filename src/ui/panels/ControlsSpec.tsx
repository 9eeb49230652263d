// The Scale and Image-and-update groups: replicas, image, update strategy, partition.
import type { StatefulSet } from '../../engine/index.ts';
import { useSim } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { BROKEN_IMAGE, cmd, IMAGE_CATALOG } from './controls-commands.ts';
import { ControlGroup, Field, NumberField } from './ControlField.tsx';

/** Knobs that `kubectl scale` / `set image` / `patch` change on a live set. */
export function ControlsSpec({ set }: { set: StatefulSet }) {
  const t = useT();
  const sim = useSim();
  const name = set.metadata?.name ?? '';
  const spec = set.spec;
  const container = spec?.template?.spec?.containers?.[0];
  const strategy = spec?.updateStrategy?.type ?? 'RollingUpdate';
  const images = IMAGE_CATALOG.includes(container?.image ?? '') ? IMAGE_CATALOG : [container?.image ?? '', ...IMAGE_CATALOG];
  return (
    <>
      <ControlGroup title={t('controls.scale')}>
        <NumberField id="ctl-replicas" name="Replicas" label={t('controls.replicas')} hint={t('controls.replicasHint')}
          value={spec?.replicas ?? 0} min={0} max={200} action={t('controls.apply')} onSubmit={(n) => sim.command(cmd.scale(name, n))} />
      </ControlGroup>
      <ControlGroup title={t('controls.update')}>
        <Field id="ctl-image" label={t('controls.image')}>
          <select id="ctl-image" aria-label="Image" value={container?.image ?? ''}
            onChange={(e) => sim.command(cmd.setImage(name, container?.name ?? 'nginx', e.target.value))}>
            {images.map((i) => <option key={i} value={i}>{i}{i === BROKEN_IMAGE ? ` (${t('controls.broken')})` : ''}</option>)}
          </select>
        </Field>
        <Field id="ctl-strategy" label={t('controls.strategy')}>
          <select id="ctl-strategy" aria-label="Update strategy" value={strategy}
            onChange={(e) => sim.command(cmd.strategy(name, e.target.value as 'RollingUpdate' | 'OnDelete'))}>
            <option value="RollingUpdate">RollingUpdate</option>
            <option value="OnDelete">OnDelete</option>
          </select>
        </Field>
        <NumberField id="ctl-partition" name="Partition" label={t('controls.partition')} hint={t('controls.partitionHint')}
          disabled={strategy === 'OnDelete'} value={spec?.updateStrategy?.rollingUpdate?.partition ?? 0} min={0} max={200}
          action={t('controls.apply')} onSubmit={(n) => sim.command(cmd.partition(name, n))} />
      </ControlGroup>
    </>
  );
}
