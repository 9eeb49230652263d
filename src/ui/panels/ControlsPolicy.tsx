// podManagementPolicy: immutable on a live set. Trying it shows the API server's error (in the terminal);
// the panel then offers the real way out: delete the set and apply it again with the new policy.
import { useState } from 'react';
import type { StatefulSet } from '../../engine/index.ts';
import { useSim } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { cmd, recreateManifest } from './controls-commands.ts';
import { Field } from './ControlField.tsx';

type Policy = 'OrderedReady' | 'Parallel';

/** The Pod management policy picker with the delete-and-recreate offer. */
export function ControlsPolicy({ set }: { set: StatefulSet }) {
  const t = useT();
  const sim = useSim();
  const name = set.metadata?.name ?? '';
  const current = (set.spec?.podManagementPolicy ?? 'OrderedReady') as Policy;
  const [wanted, setWanted] = useState<Policy | null>(null);
  const change = (p: Policy) => {
    if (p === current) return setWanted(null);
    setWanted(p);
    sim.command(cmd.podManagementPolicy(name, p));
  };
  const recreate = (p: Policy) => {
    sim.command(cmd.deleteSet(name, 'background'));
    void sim.applyYaml(recreateManifest(set, { podManagementPolicy: p }));
    setWanted(null);
  };
  return (
    <>
      <Field id="ctl-policy" label={t('controls.policy')} hint={t('controls.policyHint')}>
        <select id="ctl-policy" aria-label="Pod management policy" value={wanted ?? current} onChange={(e) => change(e.target.value as Policy)}>
          <option value="OrderedReady">OrderedReady</option>
          <option value="Parallel">Parallel</option>
        </select>
      </Field>
      {wanted && wanted !== current && (
        <div className="notice" role="status">
          <p>{t('policy.immutable')}</p>
          <p className="hint">{t('policy.recreateExplain', { name })}</p>
          <div className="row">
            <button type="button" onClick={() => recreate(wanted)}>{t('policy.recreate', { policy: wanted })}</button>
            <button type="button" onClick={() => setWanted(null)}>{t('common.cancel')}</button>
          </div>
        </div>
      )}
    </>
  );
}
