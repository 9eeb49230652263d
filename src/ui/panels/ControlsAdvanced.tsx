// The Advanced group (folded): Pod management policy (immutable: the delete-and-recreate flow),
// maxUnavailable behind its feature gate, the PVC retention policy and minReadySeconds.
import type { StatefulSet } from '../../engine/index.ts';
import { useClock, useSim } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { cmd, type Retention } from './controls-commands.ts';
import { Field, NumberField } from './ControlField.tsx';
import { ControlsPolicy } from './ControlsPolicy.tsx';

const GATE = 'MaxUnavailableStatefulSet';

/** Advanced knobs of a live set, in a disclosure. */
export function ControlsAdvanced({ set }: { set: StatefulSet }) {
  const t = useT();
  const sim = useSim();
  const name = set.metadata?.name ?? '';
  const spec = set.spec;
  const strategy = spec?.updateStrategy?.type ?? 'RollingUpdate';
  const retention = spec?.persistentVolumeClaimRetentionPolicy;
  const gate = useClock().gates[GATE] ?? false;
  const setRetention = (field: 'whenDeleted' | 'whenScaled', value: Retention): void => {
    const next = { whenDeleted: (retention?.whenDeleted ?? 'Retain') as Retention, whenScaled: (retention?.whenScaled ?? 'Retain') as Retention, [field]: value };
    sim.command(cmd.retention(name, next.whenDeleted, next.whenScaled));
  };
  return (
    <details className="ctl-group ctl-more">
      <summary className="ctl-title">{t('controls.advanced')}</summary>
      <ControlsPolicy set={set} />
      <h4 className="ctl-sub">maxUnavailable</h4>
      <Field id="ctl-gate" label={t('controls.gate')}>
        <label className="check">
          <input id="ctl-gate" type="checkbox" checked={gate}
            onChange={(e) => sim.command(cmd.gate(GATE, e.target.checked))} />
          <code>{GATE}</code>
        </label>
      </Field>
      <NumberField id="ctl-max-unavailable" name="maxUnavailable" label="maxUnavailable"
        hint={gate ? t('controls.maxUnavailableHint') : t('controls.gateOff')}
        value={Number(spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1) || 1} min={1} max={200}
        disabled={strategy === 'OnDelete'} action={t('controls.apply')} onSubmit={(n) => sim.command(cmd.maxUnavailable(name, n))} />
      <h4 className="ctl-sub">persistentVolumeClaimRetentionPolicy</h4>
      {(['whenDeleted', 'whenScaled'] as const).map((field) => (
        <Field key={field} id={`ctl-${field}`} label={<>{t(field === 'whenDeleted' ? 'controls.whenDeleted' : 'controls.whenScaled')} <code className="api">{field}</code></>}>
          <select id={`ctl-${field}`} aria-label={field} value={retention?.[field] ?? 'Retain'}
            onChange={(e) => setRetention(field, e.target.value as Retention)}>
            <option value="Retain">Retain</option>
            <option value="Delete">Delete</option>
          </select>
        </Field>
      ))}
      <p className="hint field-note">{t('controls.retentionHint')}</p>
      <h4 className="ctl-sub">minReadySeconds</h4>
      <NumberField id="ctl-min-ready" name="minReadySeconds" label="minReadySeconds" hint={t('controls.minReadyHint')}
        value={spec?.minReadySeconds ?? 0} min={0} max={3600} action={t('controls.apply')}
        onSubmit={(n) => sim.command(cmd.minReadySeconds(name, n))} />
    </details>
  );
}
