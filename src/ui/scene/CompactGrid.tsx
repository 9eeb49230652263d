// Dense grid for large sets (past COMPACT_AT slots): one row per ten ordinals, labelled with its first
// ordinal, the column being the last digit; the partition as a bar between two cells; one shared bubble
// naming the pod under the pointer or focus. A legend says how states are drawn.
import { memo, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type PointerEvent } from 'react';
import type { StatefulSet } from '../../engine/index.ts';
import { useT } from '../i18n/useT.ts';
import { useSimStore } from '../store/index.ts';
import { RovingContext, moveTarget, rovingStore } from './compact-focus.ts';
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
  // Keyboard: the grid is one Tab stop (the chosen pod while it exists, else the first pod); arrows move.
  const roving = useMemo(() => rovingStore(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const stop = useSimStore((s) => {
    if (chosen && s.objects.Pod.has(chosen)) return chosen;
    for (const o of ordinals) if (s.objects.Pod.has(`${ns}/${name}-${o}`)) return `${ns}/${name}-${o}`;
    return null;
  });
  useLayoutEffect(() => roving.set(stop), [roving, stop]);
  const onKey = (e: KeyboardEvent): void => {
    const el = (e.target as Element).closest?.('button.mini') as HTMLElement | null;
    const wrap = box.current;
    if (!el || !wrap || e.altKey || e.ctrlKey || e.metaKey) return;
    const withPod = [...wrap.querySelectorAll<HTMLElement>('.compact-grid button.mini')].map((b) => Number(b.dataset.ordinal)).sort((a, b) => a - b);
    const to = moveTarget(e.key, Number(el.dataset.ordinal), withPod);
    if (to === undefined) return;
    e.preventDefault();
    const key = `${ns}/${name}-${to}`;
    setChosen(key);
    roving.set(key);
    wrap.querySelector<HTMLElement>(`[data-testid="pod-${name}-${to}"]`)?.focus();
  };
  const onFocus = (e: FocusEvent): void => {
    const el = (e.target as Element).closest?.('button.mini') as HTMLElement | null;
    if (el) setChosen(`${ns}/${el.dataset.testid!.slice('pod-'.length)}`);
    show(e);
  };

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
      <p className="sr-only" id={`${name}-grid-keys`}>{t('compact.keys')}</p>
      <RovingContext.Provider value={roving}>
        <div className="compact-grid" role="list" aria-label={t('scene.pods', { name })} aria-describedby={`${name}-grid-keys`}
          onPointerOver={show} onPointerLeave={hide} onFocus={onFocus} onBlur={hide} onKeyDown={onKey}>
          {rows}
        </div>
      </RovingContext.Provider>
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
