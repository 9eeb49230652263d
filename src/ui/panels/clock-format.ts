// The transport clock's text: virtual time as mm:ss.s (minutes keep counting past 59).

/** `75300` → `01:15.3`. Rounds down to the tenth so the display never runs ahead of the cluster. */
export function formatClock(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  const m = Math.floor(tenths / 600);
  const s = (tenths % 600) / 10;
  return `${String(m).padStart(2, '0')}:${s.toFixed(1).padStart(4, '0')}`;
}
