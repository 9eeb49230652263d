// Virtual-time formatting without Date: RFC 3339 timestamps as the API server writes them,
// the describe-style date, and Go duration parsing. Pure functions of virtual milliseconds.

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Tue', 'Wed'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Default wall-clock instant of virtual time 0: 2026-01-01T00:00:00Z. */
export const DEFAULT_EPOCH_MS = 1_767_225_600_000;

interface Civil { y: number; m: number; d: number; hh: number; mm: number; ss: number; ms: number; weekday: string }

// Howard Hinnant's days-from-civil inverse: Unix day number → proleptic Gregorian date.
function civil(unixMs: number): Civil {
  const days = Math.floor(unixMs / DAY_MS);
  let rem = unixMs - days * DAY_MS;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const hh = Math.floor(rem / 3_600_000); rem -= hh * 3_600_000;
  const mm = Math.floor(rem / 60_000); rem -= mm * 60_000;
  const ss = Math.floor(rem / 1000);
  const ms = rem - ss * 1000;
  const weekday = WEEKDAYS[((days % 7) + 7) % 7];
  return { y, m, d, hh, mm, ss, ms, weekday };
}

const p2 = (n: number): string => String(n).padStart(2, '0');

/** RFC 3339 with second precision, as in metadata.creationTimestamp: `2026-01-01T00:00:05Z`. */
export function rfc3339(unixMs: number): string {
  const sec = Math.floor(unixMs / 1000);
  if (sec === lastSec) return lastText;
  const c = civil(unixMs);
  lastText = `${c.y}-${p2(c.m)}-${p2(c.d)}T${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}Z`;
  lastSec = sec;
  return lastText;
}

// The last second formatted (the text depends on the whole second only; many stamps share one).
let lastSec = NaN;
let lastText = '';

/** RFC 3339 with microseconds, as in Event.eventTime / managedFields. */
export function rfc3339Micro(unixMs: number): string {
  const c = civil(unixMs);
  return `${c.y}-${p2(c.m)}-${p2(c.d)}T${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}.${String(c.ms).padStart(3, '0')}000Z`;
}

/** RFC 3339 with nanoseconds, as the kubelet's container logs stamp lines (`kubectl logs --timestamps`). */
export function rfc3339Nano(unixMs: number): string {
  const c = civil(unixMs);
  return `${c.y}-${p2(c.m)}-${p2(c.d)}T${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}.${String(c.ms).padStart(3, '0')}000000Z`;
}

/** kubectl describe's time format (RFC 1123 with numeric zone): `Thu, 01 Jan 2026 00:00:05 +0000`. */
export function rfc1123z(unixMs: number): string {
  const c = civil(unixMs);
  return `${c.weekday}, ${p2(c.d)} ${MONTHS[c.m - 1]} ${c.y} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} +0000`;
}

/** nginx's error-log time, in UTC: `2026/01/01 00:00:05`. */
export function nginxErrorTime(unixMs: number): string {
  const c = civil(unixMs);
  return `${c.y}/${p2(c.m)}/${p2(c.d)} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)}`;
}

/** nginx's `$time_local` in UTC: `01/Jan/2026:00:00:05 +0000`. */
export function nginxAccessTime(unixMs: number): string {
  const c = civil(unixMs);
  return `${p2(c.d)}/${MONTHS[c.m - 1]}/${c.y}:${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} +0000`;
}

/** The C library's default date format in UTC, as `date` prints it: `Fri Nov 27 08:18:52 UTC 2026` (day padded with a space). */
export function cDate(unixMs: number): string {
  const c = civil(unixMs);
  return `${c.weekday} ${MONTHS[c.m - 1]} ${String(c.d).padStart(2)} ${p2(c.hh)}:${p2(c.mm)}:${p2(c.ss)} UTC ${c.y}`;
}

/** Parses an RFC 3339 timestamp (`Z` or a `±hh:mm` offset) back to Unix milliseconds; NaN when malformed. */
export function parseRfc3339(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:Z|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m) return NaN;
  const [y, mo, d, hh, mi, ss] = m.slice(1, 7).map(Number);
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10])) * 60_000 : 0;
  return days * DAY_MS + hh * 3_600_000 + mi * 60_000 + ss * 1000 + Math.round(frac) - offset;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Why Go's time.ParseDuration refuses `text` (its error text), or null when it takes it: a sign, then numbers each
 * with a unit (`-1.5h`, `1m30s`, `0`).
 */
export function goDurationError(text: string): string | null {
  const quoted = JSON.stringify(text);
  let s = text[0] === '-' || text[0] === '+' ? text.slice(1) : text;
  if (s === '0') return null;
  if (s === '') return `time: invalid duration ${quoted}`;
  while (s) {
    const n = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (!n[1] && !n[2]) return `time: invalid duration ${quoted}`;
    s = s.slice(n[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (!unit) return `time: missing unit in duration ${quoted}`;
    if (!(unit in UNIT_MS)) return `time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`;
    s = s.slice(unit.length);
  }
  return null;
}

/** Parses a Go duration (`250ms`, `5s`, `1m30s`, `1.5h`, `0`) into milliseconds; null when malformed. */
export function parseGoDuration(text: string): number | null {
  const s = text.trim();
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]];
    consumed = re.lastIndex;
  }
  if (consumed === 0 || consumed !== s.length) return null;
  return Math.round(total);
}
