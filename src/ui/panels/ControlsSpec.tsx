// Spec knobs: replicas, image, update strategy, partition, maxUnavailable (gated), PVC retention policy.
import { useState, type FormEvent } from 'react';
import type { StatefulSet } from '../../engine/index.ts';
import { useSim } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { BROKEN_IMAGE, cmd, IMAGE_CATALOG, type Retention } from './controls-commands.ts';

/** Knobs that `kubectl scale` / `set image` / `patch` change on a live set. */
export function ControlsSpec({ set }: { set: StatefulSet }) {
  const t = useT();
  const sim = useSim();
  const name = set.metadata?.name ?? '';
  const spec = set.spec;
  const container = spec?.template?.spec?.containers?.[0];
  const strategy = spec?.updateStrategy?.type ?? 'RollingUpdate';
  const retention = spec?.persistentVolumeClaimRetentionPolicy;
  const images = IMAGE_CATALOG.includes(container?.image ?? '') ? IMAGE_CATALOG : [container?.image ?? '', ...IMAGE_CATALOG];
  const [gate, setGate] = useState(false);
  return (
    <div className="knobs">
      <NumberKnob id="replicas" label="Replicas" hint={t('controls.replicasHint')} value={spec?.replicas ?? 0} min={0} max={200}
        action={t('controls.apply')} onSubmit={(n) => sim.command(cmd.scale(name, n))} />
      <label className="knob">
        <span>Image</span>
        <select aria-label="Image" value={container?.image ?? ''} onChange={(e) => sim.command(cmd.setImage(name, container?.name ?? 'nginx', e.target.value))}>
          {images.map((i) => <option key={i} value={i}>{i}{i === BROKEN_IMAGE ? ` (${t('controls.broken')})` : ''}</option>)}
        </select>
      </label>
      <label className="knob">
        <span>Update strategy</span>
        <select aria-label="Update strategy" value={strategy}
          onChange={(e) => sim.command(cmd.strategy(name, e.target.value as 'RollingUpdate' | 'OnDelete'))}>
          <option value="RollingUpdate">RollingUpdate</option>
          <option value="OnDelete">OnDelete</option>
        </select>
      </label>
      <NumberKnob id="partition" label="Partition" hint={t('controls.partitionHint')} disabled={strategy === 'OnDelete'}
        value={spec?.updateStrategy?.rollingUpdate?.partition ?? 0} min={0} max={200}
        action={t('controls.apply')} onSubmit={(n) => sim.command(cmd.partition(name, n))} />
      <details className="more">
      <summary>{t('controls.more')}</summary>
      <div className="knobs">
      <fieldset className="knob-group">
        <legend>maxUnavailable</legend>
        <label className="check">
          <input type="checkbox" checked={gate} onChange={(e) => { setGate(e.target.checked); sim.command(cmd.gate('MaxUnavailableStatefulSet', e.target.checked)); }} />
          <span>MaxUnavailableStatefulSet</span>
        </label>
        <NumberKnob id="max-unavailable" label="maxUnavailable" hint={gate ? t('controls.maxUnavailableHint') : t('controls.gateOff')}
          value={Number(spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1) || 1} min={1} max={200} disabled={strategy === 'OnDelete'}
          action={t('controls.apply')} onSubmit={(n) => sim.command(cmd.maxUnavailable(name, n))} />
      </fieldset>
      <fieldset className="knob-group">
        <legend>persistentVolumeClaimRetentionPolicy</legend>
        {(['whenDeleted', 'whenScaled'] as const).map((field) => (
          <label key={field} className="knob">
            <span>{field}</span>
            <select aria-label={field} value={retention?.[field] ?? 'Retain'} onChange={(e) => {
              const next = { whenDeleted: (retention?.whenDeleted ?? 'Retain') as Retention, whenScaled: (retention?.whenScaled ?? 'Retain') as Retention, [field]: e.target.value as Retention };
              sim.command(cmd.retention(name, next.whenDeleted, next.whenScaled));
            }}>
              <option value="Retain">Retain</option>
              <option value="Delete">Delete</option>
            </select>
          </label>
        ))}
        <p className="hint">{t('controls.retentionHint')}</p>
      </fieldset>
      </div>
      </details>
    </div>
  );
}

/** A number input with an apply button; the input's accessible name is `label` (English API word). */
function NumberKnob({ id, label, hint, value, min, max, action, disabled, onSubmit }: {
  id: string; label: string; hint: string; value: number; min: number; max: number; action: string; disabled?: boolean;
  onSubmit(n: number): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(draft ?? value);
    if (Number.isInteger(n) && n >= min && n <= max) onSubmit(n);
    setDraft(null);
  };
  return (
    <form className="knob" onSubmit={submit}>
      <label htmlFor={`knob-${id}`}>{label}</label>
      <span className="knob-row">
        <input id={`knob-${id}`} type="number" inputMode="numeric" min={min} max={max} disabled={disabled}
          value={draft ?? String(value)} onChange={(e) => setDraft(e.target.value)} aria-describedby={`knob-${id}-hint`} />
        <button type="submit" disabled={disabled}>{action}</button>
      </span>
      <small id={`knob-${id}-hint`} className="hint">{hint}</small>
    </form>
  );
}
