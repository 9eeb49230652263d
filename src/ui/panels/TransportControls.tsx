// Transport: play/pause, step, speed, fast-forward until settled, reset, and the virtual clock display.
import { useClock, useSim, useTimeline } from '../store/index.ts';
import { SPEEDS } from '../../protocol/messages.ts';
import { useT } from '../i18n/useT.ts';
import { formatClock } from './clock-format.ts';

/** The transport bar. Accessible names are `Play`/`Pause`, `Step`, `Speed` in English. */
export function TransportControls() {
  const { ms, playing, speed, settled } = useClock();
  const sim = useSim();
  const t = useT();
  return (
    <div className="transport" role="group" aria-label={t('transport.label')}>
      {playing
        ? <button type="button" className="transport-main" onClick={sim.pause} aria-label={t('transport.pause')}>❚❚ <span className="btn-text">{t('transport.pause')}</span></button>
        : <button type="button" className="transport-main" onClick={sim.play} aria-label={t('transport.play')}>▶ <span className="btn-text">{t('transport.play')}</span></button>}
      <button type="button" onClick={sim.step} aria-label={t('transport.step')} title={t('transport.stepHint')}>⏭ <span className="btn-text">{t('transport.step')}</span></button>
      <label className="speed">
        <span className="btn-text">{t('transport.speed')}</span>
        <select aria-label={t('transport.speed')} value={String(speed)} onChange={(e) => sim.setSpeed(Number(e.target.value))}>
          {SPEEDS.map((s) => <option key={s} value={String(s)}>{s}×</option>)}
        </select>
      </label>
      <button type="button" onClick={sim.fastForward} disabled={settled} aria-label={t('transport.fastForward')} title={t('transport.fastForwardHint')}>⏩ <span className="btn-text">{t('transport.fastForward')}</span></button>
      <button type="button" onClick={() => sim.reset()} aria-label={t('transport.reset')}>↺ <span className="btn-text">{t('transport.reset')}</span></button>
      <output data-testid="sim-clock" data-ms={ms} className="sim-clock" aria-label={t('transport.clock')}>
        {formatClock(ms)}
      </output>
      <SettledBadge settled={settled} />
    </div>
  );
}

function SettledBadge({ settled }: { settled: boolean }) {
  const t = useT();
  const { endMs } = useTimeline();
  const { ms } = useClock();
  if (ms < endMs) return <span className="badge past">{t('transport.past')}</span>;
  return settled ? <span className="badge settled">{t('transport.settled')}</span> : null;
}
