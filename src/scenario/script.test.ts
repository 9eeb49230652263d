import { describe, expect, it } from 'vitest';
import { parseScript } from './script.ts';
import { transcript } from './runner.ts';
import { formatClock } from './session.ts';

describe('script parser', () => {
  it('skips blanks and comments, takes heredoc bodies as stdin', () => {
    const r = parseScript([
      '# demo', '', 'kubectl apply -f - <<EOF', 'a: 1', '  b: 2', 'EOF',
      "kubectl apply -f - <<'EOF'", 'x', 'EOF', 'sim advance 1m30s', 'sim settle --timeout=5m', '',
    ].join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.steps.map((s) => s.text)).toEqual(['kubectl apply -f - <<EOF', "kubectl apply -f - <<'EOF'", 'sim advance 1m30s', 'sim settle --timeout=5m']);
    expect(r.steps[0].stdin).toBe('a: 1\n  b: 2\n');
    expect(r.steps[0].words).toEqual(['kubectl', 'apply', '-f', '-']);
    expect(r.steps[2].sim).toEqual({ op: 'advance', ms: 90_000 });
    expect(r.steps[3].sim).toEqual({ op: 'settle', timeoutMs: 300_000 });
  });

  it('names the line of a malformed command', () => {
    expect(parseScript('kubectl get pods\n\nsim advance soon\n')).toEqual({ ok: false, error: 'line 3: usage: sim advance DURATION (e.g. 250ms, 5s, 1m30s)' });
    expect(parseScript('echo hi')).toEqual({ ok: false, error: 'line 1: unknown command "echo" (a line must start with kubectl or sim)' });
    expect(parseScript('kubectl apply -f - <<EOF\nfoo\n')).toEqual({ ok: false, error: 'line 1: here-document is not terminated by a line "EOF"' });
    expect(parseScript('kubectl get "pods')).toEqual({ ok: false, error: 'line 1: unexpected EOF while looking for matching `""' });
    expect(parseScript('sim pod web-0 explode').ok).toBe(false);
    expect(parseScript('sim node kind-worker sideways').ok).toBe(false);
    expect(parseScript('sim gate MaxUnavailableStatefulSet=yes').ok).toBe(false);
    expect(parseScript('sim seed -1').ok).toBe(false);
  });

  it('splits words like a shell', () => {
    const r = parseScript(`kubectl patch sts web -p '{"spec":{"replicas":2}}'`);
    expect(r.ok && r.steps[0].words).toEqual(['kubectl', 'patch', 'sts', 'web', '-p', '{"spec":{"replicas":2}}']);
  });
});

describe('runner', () => {
  it('runs nothing for a malformed script', () => {
    const r = transcript('sim advance 1s\nsim nonsense\n');
    expect(r.exitCode).toBe(2);
    expect(r.text).toBe('');
    expect(r.error).toMatch(/^line 2: /);
  });

  it('echoes each command, advances and settles virtual time', () => {
    const r = transcript('sim advance 1m30s\nsim settle\n');
    expect(r.exitCode).toBe(0);
    expect(r.text).toMatch(/^\$ sim advance 1m30s\n\$ sim settle\nsettled at /);
    expect(r.cluster!.now).toBeGreaterThanOrEqual(90_000);
  });

  it('formats the clock as a Go duration', () => {
    expect(formatClock(0)).toBe('0s');
    expect(formatClock(12_500)).toBe('12.5s');
    expect(formatClock(90_000)).toBe('1m30s');
    expect(formatClock(3_723_000)).toBe('1h2m3s');
  });
});
