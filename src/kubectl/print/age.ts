// Ages as kubectl prints them. Models apimachinery/pkg/util/duration HumanDuration and the printers'
// translateTimestampSince. Pure functions of milliseconds.
import { parseRfc3339 } from '../../engine/clock/time.ts';

/** Models duration.HumanDuration: `45s`, `2m5s`, `3m`, `95m`, `3h20m`, `20h`, `2d3h`, `30d`, `2y5d`, `9y`. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** Models printers.go translateTimestampSince: `<unknown>` for a missing timestamp. */
export function since(timestamp: string | undefined | null, wallNowMs: number): string {
  if (!timestamp) return '<unknown>';
  const t = parseRfc3339(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(wallNowMs - t);
}

/** Models describe.go translateTimestampUntil (time left until a deadline). */
export function until(timestamp: string | undefined, wallNowMs: number): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(parseRfc3339(timestamp) - wallNowMs);
}
