// Cluster-level controls: rollout undo/restart, delete the set with a cascade choice, nodes down/up, reset.
import { memo, useState } from 'react';
import type { StatefulSet } from '../../engine/index.ts';
import { useKeys, useObject, useSim } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { cmd, type Cascade } from './controls-commands.ts';

/** Rollout, delete, node and reset controls; `set` may be absent (after a delete). */
export function ControlsCluster({ set }: { set?: StatefulSet }) {
  const t = useT();
  const sim = useSim();
  const nodes = useKeys('Node');
  const [cascade, setCascade] = useState<Cascade>('background');
  const name = set?.metadata?.name ?? '';
  return (
    <div className="knobs">
      {set && (
        <div className="knob-group">
          <div className="row">
            <button type="button" onClick={() => sim.command(cmd.undo(name))}>{t('controls.undo')}</button>
            <button type="button" onClick={() => sim.command(cmd.restart(name))}>{t('controls.restart')}</button>
          </div>
          <div className="row">
            <label className="knob inline">
              <span>--cascade</span>
              <select aria-label="cascade" value={cascade} onChange={(e) => setCascade(e.target.value as Cascade)}>
                <option value="background">background</option>
                <option value="foreground">foreground</option>
                <option value="orphan">orphan</option>
              </select>
            </label>
            <button type="button" className="danger" onClick={() => sim.command(cmd.deleteSet(name, cascade))}>
              {t('controls.deleteSet')}
            </button>
          </div>
          <p className="hint">{t(cascade === 'orphan' ? 'controls.cascadeOrphan' : 'controls.cascadeDelete')}</p>
        </div>
      )}
      <details className="more">
        <summary>{t('controls.nodes')}</summary>
        <ul className="nodes">
          {nodes.map((k) => <NodeToggle key={k} nodeKey={k} />)}
        </ul>
      </details>
      <div className="row">
        <button type="button" onClick={() => sim.reset('seed')}>{t('controls.reset')}</button>
        <button type="button" onClick={() => sim.reset('empty')}>{t('controls.resetEmpty')}</button>
      </div>
    </div>
  );
}

const NodeToggle = memo(function NodeToggle({ nodeKey }: { nodeKey: string }) {
  const t = useT();
  const sim = useSim();
  const node = useObject('Node', nodeKey);
  if (!node) return null;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
  const up = ready === 'True';
  return (
    <li className={`node ${up ? 'up' : 'down'}`} data-testid={`node-${nodeKey}`} data-ready={ready}>
      <code>{nodeKey}</code> <span className="node-state">Ready={ready}</span>
      <button type="button" onClick={() => sim.command(cmd.node(nodeKey, up ? 'down' : 'up'))}>
        {up ? t('controls.nodeDown', { node: nodeKey }) : t('controls.nodeUp', { node: nodeKey })}
      </button>
    </li>
  );
});
