// The Rollout, Delete, Faults and Start-over groups: rollout undo/restart, delete the set with a cascade
// choice, nodes down/up and their maintenance (cordon, uncordon, drain), reset to the seed or to an empty cluster, or
// run a demo script of examples/ on an empty one.
import { memo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StatefulSet } from '../../engine/index.ts';
import { useKeys, useObject, useSim, useSimStore } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { cmd, type Cascade } from './controls-commands.ts';
import { ControlGroup, Field } from './ControlField.tsx';
import { EXAMPLES } from '../examples.ts';

/** Rollout, delete, node and reset controls; `set` may be absent (after a delete). */
export function ControlsCluster({ set }: { set?: StatefulSet }) {
  const t = useT();
  const sim = useSim();
  const nodes = useKeys('Node');
  // Nodes taken down whose Node object was then deleted: bringing one up starts its kubelet, which registers it.
  const gone = useSimStore(useShallow((s) => s.clock.faults.nodesDown.filter((n) => !s.objects.Node.has(n))));
  const [cascade, setCascade] = useState<Cascade>('background');
  // The demo script to run: the one the URL or the last run chose, else the partition canary.
  const chosen = useSimStore((s) => s.view.example);
  const [example, setExample] = useState(chosen ?? (EXAMPLES.includes('partition-canary') ? 'partition-canary' : EXAMPLES[0]));
  const name = set?.metadata?.name ?? '';
  return (
    <>
      {set && (
        <ControlGroup title={t('controls.rollout')}>
          <div className="ctl-buttons">
            <button type="button" onClick={() => sim.command(cmd.undo(name))}>{t('controls.undo')}</button>
            <button type="button" onClick={() => sim.command(cmd.restart(name))}>{t('controls.restart')}</button>
          </div>
        </ControlGroup>
      )}
      {set && (
        <ControlGroup title={t('controls.delete')}>
          <Field id="ctl-cascade" label={<>{t('controls.cascade')} <code className="api">--cascade</code></>}
            hint={t(cascade === 'orphan' ? 'controls.cascadeOrphan' : 'controls.cascadeDelete')}>
            <select id="ctl-cascade" aria-label="cascade" value={cascade} onChange={(e) => setCascade(e.target.value as Cascade)}>
              <option value="background">background</option>
              <option value="foreground">foreground</option>
              <option value="orphan">orphan</option>
            </select>
          </Field>
          <div className="ctl-buttons">
            <button type="button" className="danger" onClick={() => sim.command(cmd.deleteSet(name, cascade))}>
              {t('controls.deleteSet')}
            </button>
          </div>
        </ControlGroup>
      )}
      <ControlGroup title={t('controls.faults')}>
        <ul className="nodes" aria-label={t('controls.nodes')}>
          {nodes.map((k) => <NodeToggle key={k} nodeKey={k} />)}
          {gone.map((n) => (
            <li key={n} className="node down" data-testid={`node-${n}`} data-down="true" data-deleted="true">
              <span className="node-name"><code>{n}</code> <span className="node-state">{t('controls.nodeDeleted')}</span></span>
              <button type="button" onClick={() => sim.command(cmd.node(n, 'up'))} aria-label={t('controls.nodeUp', { node: n })}>
                {t('controls.nodeUpShort')}
              </button>
            </li>
          ))}
        </ul>
      </ControlGroup>
      <ControlGroup title={t('controls.resetGroup')}>
        <div className="ctl-buttons">
          <button type="button" onClick={() => sim.reset('seed')}>{t('controls.reset')}</button>
          <button type="button" onClick={() => sim.reset('empty')}>{t('controls.resetEmpty')}</button>
        </div>
        <Field id="ctl-example" label={t('controls.example')} hint={t('controls.exampleHint')}>
          <select id="ctl-example" value={example} onChange={(e) => setExample(e.target.value)} aria-describedby="ctl-example-hint">
            {EXAMPLES.map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
          <button type="button" onClick={() => void sim.runExample(example)}>{t('controls.runExample')}</button>
        </Field>
      </ControlGroup>
    </>
  );
}

/**
 * One node: its Ready condition, whether it is cordoned, and its maintenance buttons. The down/up button follows
 * the fault (what the user did), not the condition, which stays True for the node monitor grace period after the
 * kubelet stopped; the state line says so meanwhile. Cordon/Uncordon follows `spec.unschedulable`, which drain sets
 * too; the state line then adds kubectl's SchedulingDisabled.
 */
const NodeToggle = memo(function NodeToggle({ nodeKey }: { nodeKey: string }) {
  const t = useT();
  const sim = useSim();
  const node = useObject('Node', nodeKey);
  const down = useSimStore((s) => s.clock.faults.nodesDown.includes(nodeKey));
  const graceS = useSimStore((s) => Math.round(s.clock.faults.nodeGraceMs / 1000));
  if (!node) return null;
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown';
  const cordoned = !!node.spec?.unschedulable;
  const health = !down ? `Ready=${ready}`
    : ready === 'True' ? t('controls.nodeStopping', { seconds: graceS })
      : t('controls.nodeStopped', { ready });
  return (
    <li className={`node ${down ? 'down' : 'up'}`} data-testid={`node-${nodeKey}`}
      data-ready={ready} data-down={down} data-cordoned={cordoned}>
      <span className="node-name">
        <code>{nodeKey}</code>{' '}
        <span className="node-state">{health}{cordoned && <> <span className="node-flag">· SchedulingDisabled</span></>}</span>
      </span>
      {/* Short visible texts so the column fits; the accessible names say which node. */}
      <button type="button" onClick={() => sim.command(cmd.node(nodeKey, down ? 'up' : 'down'))}
        aria-label={down ? t('controls.nodeUp', { node: nodeKey }) : t('controls.nodeDown', { node: nodeKey })}>
        {down ? t('controls.nodeUpShort') : t('controls.nodeDownShort')}
      </button>
      <button type="button" onClick={() => sim.command(cmd.cordon(nodeKey, !cordoned))}
        aria-label={t(cordoned ? 'controls.uncordon' : 'controls.cordon', { node: nodeKey })}>
        {t(cordoned ? 'controls.uncordonShort' : 'controls.cordonShort')}
      </button>
      <button type="button" onClick={() => sim.command(cmd.drain(nodeKey))} aria-label={t('controls.drain', { node: nodeKey })}>
        {t('controls.drainShort')}
      </button>
    </li>
  );
});
