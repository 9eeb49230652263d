import { describe, expect, it } from 'vitest';
import { DESCRIBE_OPTS, TabWriter, formatTable } from './table.ts';

describe('TabWriter', () => {
  it('pads cells to the widest plus 3 (minimum 6) and leaves the last column unpadded', () => {
    expect(formatTable([['NAME', 'READY', 'AGE'], ['web', '3/3', '2m14s']])).toBe('NAME   READY   AGE\nweb    3/3     2m14s\n');
  });
  it('remembers column widths across flushes (kubectl get -w)', () => {
    const w = new TabWriter();
    expect(w.flush('NAME\tSTATUS\tAGE\nweb-0\tContainerCreating\t0s\n')).toBe('NAME    STATUS              AGE\nweb-0   ContainerCreating   0s\n');
    expect(w.flush('web-0\tRunning\t2s\n')).toBe('web-0   Running             2s\n');
  });
  it('aligns column blocks separately, like Go text/tabwriter (describe layout)', () => {
    const text = 'Name:\tweb\nCreationTimestamp:\tx\nPod Template:\n  Labels:\tapp=nginx\n  Containers:\n';
    expect(new TabWriter(DESCRIBE_OPTS).flush(text)).toBe('Name:               web\nCreationTimestamp:  x\nPod Template:\n  Labels:  app=nginx\n  Containers:\n');
  });
});
