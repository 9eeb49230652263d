// Virtual-time stamps for panels: `+1:05.250` (minutes:seconds.millis since the session start).

/** Formats virtual ms as `+m:ss.mmm`. */
export function formatVirtual(ms: number): string {
  const m = Math.floor(ms / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const milli = Math.floor(ms % 1000);
  return `+${m}:${String(s).padStart(2, '0')}.${String(milli).padStart(3, '0')}`;
}
