// Dense grid for large sets (past COMPACT_AT slots): one row per ten ordinals, labelled with its first
// ordinal, the column being the last digit; the partition as a bar between two cells; one shared bubble
// naming the pod under the pointer or focus. A legend says how states are drawn.
import { memo, useMemo, useRef, useState, type FocusEvent, type PointerEvent } from 'react';
import type { StatefulSet } from '../../engine/index.ts';
import { useT } from '../i18n/useT.ts';
import { partitionOf } from './identity.ts';
import { boundaryOf, decadesOf, type Decade } from './compact-layout.ts';
import { CompactCell } from './CompactCell.tsx';
import { CompactLegend } from './CompactLegend.tsx';
import { CompactTip, type TipAt } from './CompactTip.tsx';
import './compact.css';

/** The dense grid of a large set. */
export const CompactGrid = memo(function CompactGrid({ set, ordinals, claimsByOrdinal }: {
  set: StatefulSet; ordinals: number[]; claimsByOrdinal: Map<number, string[]>;
}) {
  const t = useT();
  const ns = set.metadata?.namespace ?? 'default';
  const name = set.metadata?.name ?? '';
  const partition = partitionOf(set);
  const start = set.spec?.ordinals?.start ?? 0;
  const boundary = boundaryOf(ordinals, start, partition);
  const decades = useMemo(() => decadesOf(ordinals), [ordinals]);
  const box = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<TipAt | null>(null);

  // One listener for the whole grid (not one per cell): find the pod button under the event.
  const show = (e: PointerEvent | FocusEvent): void => {
    const el = (e.target as Element).closest?.('button.mini');
    const wrap = box.current;
    if (!el || !wrap) return;
    const r = el.getBoundingClientRect();
    const w = wrap.getBoundingClientRect();
    const podName = (el as HTMLElement).dataset.testid!.slice('pod-'.length);
    setTip((old) => (old?.podKey === `${ns}/${podName}` ? old
      : { podKey: `${ns}/${podName}`, x: r.left - w.left + r.width / 2, y: r.bottom - w.top }));
  };
  const hide = (): void => setTip(null);

  const rows = useMemo(() => decades.map((d) => (
    <DecadeRow key={d.first} decade={d} setName={name} ns={ns} start={start} partition={partition}
      boundary={boundary} claims={d.ordinals.map((o) => (claimsByOrdinal.get(o) ?? []).join('|')).join(',')} />
  )), [decades, name, ns, start, partition, boundary, claimsByOrdinal]);

  return (
    <div className="compact" ref={box}>
      <CompactLegend partition={boundary === undefined ? 0 : partition} />
      <div className="compact-grid" role="list" aria-label={t('scene.pods', { name })}
        onPointerOver={show} onPointerLeave={hide} onFocus={show} onBlur={hide}>
        {rows}
      </div>
      {tip && <CompactTip at={tip} />}
    </div>
  );
});

/** One decade: its label and up to ten cells. `claims` lists each cell's claim keys (`|`), cells by `,`. */
const DecadeRow = memo(function DecadeRow({ decade, setName, ns, start, partition, boundary, claims }: {
  decade: Decade; setName: string; ns: string; start: number; partition: number; boundary: number | 'end' | undefined; claims: string;
}) {
  const t = useT();
  const perCell = claims.split(',');
  const last = decade.ordinals[decade.ordinals.length - 1];
  return (
    <div role="listitem" className="decade">
      <span className="decade-label" aria-hidden="true">{decade.first}</span>
      <div role="list" className="decade-cells" aria-label={t('compact.decade', { first: `${setName}-${decade.ordinals[0]}`, last: `${setName}-${last}` })}>
        {decade.ordinals.map((o, i) => (
          <CompactCell key={o} podKey={`${ns}/${setName}-${o}`} ordinal={o} claims={perCell[i]}
            held={boundary !== undefined && o - start < partition}
            boundary={o === boundary ? 'before' : boundary === 'end' && o === last ? 'after' : ''} />
        ))}
      </div>
    </div>
  );
});
