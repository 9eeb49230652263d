// Go-style duration text (time.Duration.String) for virtual milliseconds, as the kubelet prints it in
// events (`in 2.315s`, `back-off 1m20s`). Pure; no engine state.

/**
 * Formats whole milliseconds the way Go prints a Duration: `850ms`, `2.315s`, `1m5.2s`, `1h0m0s`, `0s`.
 * Models time.Duration.String for values truncated to the millisecond.
 */
export function formatGoDuration(ms: number): string {
  const v = Math.max(0, Math.round(ms));
  if (v === 0) return '0s';
  if (v < 1000) return `${v}ms`;
  const h = Math.floor(v / 3_600_000);
  const m = Math.floor((v % 3_600_000) / 60_000);
  const sMs = v % 60_000;
  const whole = Math.floor(sMs / 1000);
  const frac = String(sMs % 1000).padStart(3, '0').replace(/0+$/, '');
  const s = `${whole}${frac ? `.${frac}` : ''}s`;
  if (h > 0) return `${h}h${m}m${s}`;
  if (m > 0) return `${m}m${s}`;
  return s;
}
