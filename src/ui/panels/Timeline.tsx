// The session timeline: a slider over the whole recorded session (accessible name `Timeline`) with markers
// for user actions and key events. Dragging seeks; acting at a past moment forks the session.
import { memo, useState, type KeyboardEvent } from 'react';
import { useClock, useSim, useTimeline, type TimelineMarker } from '../store/index.ts';
import { useT } from '../i18n/useT.ts';
import { formatClock } from './clock-format.ts';
import { markJump } from '../motion/jump-store.ts';

/** Keyboard steps in virtual ms: arrows, Shift+arrows and PageUp/PageDown. */
const ARROW_MS = 1_000;
const PAGE_MS = 10_000;

export function Timeline() {
  const { ms } = useClock();
  const { endMs: recorded, markers } = useTimeline();
  const sim = useSim();
  const t = useT();
  const [drag, setDrag] = useState<number | null>(null);
  const endMs = Math.max(recorded, ms);
  const max = Math.max(1, endMs);
  const value = drag ?? ms;
  const seek = (v: number): void => {
    setDrag(v);
    markJump();
    sim.seek(Math.min(Math.max(0, v), endMs));
  };
  // The slider moves in whole ms (so a marker's exact instant is reachable); keys move in seconds.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const by = { ArrowLeft: -ARROW_MS, ArrowDown: -ARROW_MS, ArrowRight: ARROW_MS, ArrowUp: ARROW_MS, PageDown: -PAGE_MS, PageUp: PAGE_MS }[e.key];
    let to: number | undefined;
    if (by !== undefined) to = value + by * (e.shiftKey ? 10 : 1);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = endMs;
    if (to === undefined) return;
    e.preventDefault();
    seek(Math.round(to));
  };
  return (
    <div className="timeline">
      <div className="timeline-track">
        <input
          type="range"
          aria-label={t('timeline.label')}
          aria-valuetext={`${formatClock(value)} / ${formatClock(endMs)}`}
          min={0}
          max={max}
          step={1}
          value={value}
          onKeyDown={onKeyDown}
          onChange={(e) => seek(Number(e.target.value))}
          onPointerUp={() => setDrag(null)}
          onKeyUp={() => setDrag(null)}
          onBlur={() => setDrag(null)}
        />
        <Markers markers={markers} max={max} onSeek={(m) => { markJump(); sim.seek(m); }} />
      </div>
      <span className="timeline-end" aria-hidden="true">{formatClock(endMs)}</span>
    </div>
  );
}

const Markers = memo(function Markers({ markers, max, onSeek }: { markers: readonly TimelineMarker[]; max: number; onSeek(ms: number): void }) {
  const t = useT();
  return (
    <ul className="timeline-markers" aria-label={t('timeline.markers')}>
      {markers.map((m, i) => (
        <li key={`${m.ms}-${i}`} className={`marker ${m.kind}`} style={{ left: `${(m.ms / max) * 100}%` }}>
          <button type="button" tabIndex={m.kind === 'user' ? 0 : -1} title={`${formatClock(m.ms)} ${m.label}`}
            aria-label={`${formatClock(m.ms)} ${m.label}`} onClick={() => onSeek(m.ms)} />
        </li>
      ))}
    </ul>
  );
});
