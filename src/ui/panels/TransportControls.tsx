// Transport: play/pause, step, speed, fast-forward until settled, reset, and the virtual clock display.
import { useClock, useSim, useTimeline } from '../store/index.ts';
import { SPEEDS } from '../../protocol/messages.ts';
import { useT } from '../i18n/useT.ts';
import { formatClock } from './clock-format.ts';
import { markJump } from '../motion/jump-store.ts';

/** The transport bar. Accessible names are `Play`/`Pause`, `Step`, `Speed` in English. */
export function TransportControls() {
  const { ms, playing, speed, settled } = useClock();
  const sim = useSim();
  const t = useT();
  return (
    <div className="transport" role="group" aria-label={t('transport.label')}>
      {playing
        ? <button type="button" className="transport-main" onClick={sim.pause} aria-label={t('transport.pause')}><Icon d={PAUSE} /><span className="btn-text">{t('transport.pause')}</span></button>
        : <button type="button" className="transport-main" onClick={sim.play} aria-label={t('transport.play')}><Icon d={PLAY} /><span className="btn-text">{t('transport.play')}</span></button>}
      <button type="button" onClick={sim.step} aria-label={t('transport.step')} title={t('transport.stepHint')}><Icon d={STEP} /><span className="btn-text">{t('transport.step')}</span></button>
      <label className="speed">
        <span className="btn-text">{t('transport.speed')}</span>
        <select aria-label={t('transport.speed')} value={String(speed)} onChange={(e) => sim.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => <option key={s} value={String(s)}>{s}×</option>)}
        </select>
      </label>
      <button type="button" onClick={() => { markJump(); sim.fastForward(); }} disabled={settled} aria-label={t('transport.fastForward')} title={t('transport.fastForwardHint')}><Icon d={FAST} /><span className="btn-text">{t('transport.fastForward')}</span></button>
      <button type="button" onClick={() => sim.reset()} aria-label={t('transport.reset')}><Icon d={RESET} /><span className="btn-text">{t('transport.reset')}</span></button>
      <output data-testid="sim-clock" data-ms={ms} className="sim-clock" aria-label={t('transport.clock')}>
        {formatClock(ms)}
      </output>
      <SettledBadge settled={settled} />
    </div>
  );
}

// 16×16 icon paths (drawn here so no icon font or network request is needed).
const PLAY = 'M4 2l10 6-10 6z';
const PAUSE = 'M3 2h4v12H3zM9 2h4v12H9z';
const STEP = 'M2 2l8 6-8 6zM11 2h3v12h-3z';
const FAST = 'M1 2l7 6-7 6zM8 2l7 6-7 6z';
const RESET = 'M8 2a6 6 0 1 1-5.2 3H1l3-4 3 4H4.9A4 4 0 1 0 8 4z';

function Icon({ d }: { d: string }) {
  return <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><path d={d} /></svg>;
}

function SettledBadge({ settled }: { settled: boolean }) {
  const t = useT();
  const { endMs } = useTimeline();
  const { ms } = useClock();
  if (ms < endMs) return <span className="badge past">{t('transport.past')}</span>;
  return settled ? <span className="badge settled">{t('transport.settled')}</span> : null;
}
