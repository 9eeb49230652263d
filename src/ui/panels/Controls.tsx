// Controls for the StatefulSet: every control runs the equivalent `kubectl …` / `sim …` line through
// sim.command, so it is echoed into the terminal. Composition of the groups: Scale, Image and update,
// Advanced (folded), Rollout, Delete, Faults, Start over.
import { useKeys, useNamespace, useObject } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { ControlsSpec } from './ControlsSpec.tsx';
import { ControlsAdvanced } from './ControlsAdvanced.tsx';
import { ControlsCluster } from './ControlsCluster.tsx';
import './panels.css';

/** The controls panel; acts on the first StatefulSet of kubectl's namespace (the one the scene shows). */
export function Controls() {
  const t = useT();
  const sets = useKeys('StatefulSet', useNamespace());
  const setKey = sets[0] ?? '';
  const set = useObject('StatefulSet', setKey);
  return (
    <section className="panel controls" aria-labelledby="controls-h">
      <h2 id="controls-h">{t('controls.title')}{set ? <> · <code>{set.metadata?.name}</code></> : null}</h2>
      {set ? (
        <>
          <ControlsSpec set={set} />
          <ControlsAdvanced set={set} />
        </>
      ) : <p className="muted">{t('controls.noSet')}</p>}
      <ControlsCluster set={set} />
    </section>
  );
}
