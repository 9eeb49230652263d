// Driver and the editor `kubectl edit` opens (with the fake kubectl's `edit ns`): a save is logged at its instant
// as the standalone lines that make its writes, the open editor survives a seek, a reset closes it.
import { describe, expect, it, vi } from 'vitest';
import { Driver } from './driver.ts';
import { TEST_CLUSTER } from './test-fakes.ts';
import type { Namespace } from '../engine/index.ts';

vi.mock('../kubectl/index.ts', async () => ({ runKubectl: (await import('./test-fakes.ts')).fakeRunKubectl }));

function driver(): Driver {
  const d = new Driver(1, {}, TEST_CLUSTER);
  d.reset('empty');
  return d;
}

const note = (d: Driver, ns: string): string | undefined => (d.cluster.store.get('Namespace', '', ns) as Namespace | undefined)?.metadata?.labels?.note;
const text = (r: { output: Array<{ text: string }> }): string => r.output.map((c) => c.text).join('');

describe('Driver and kubectl edit', () => {
  it('opens the editor, and logs the save at its instant as the lines that do the same', () => {
    const d = driver();
    d.exec('kubectl create ns a');
    d.advanceTo(2_000);
    const opened = d.exec('kubectl edit ns a');
    expect(opened.editor).toEqual({ file: '/tmp/kubectl-edit-0001.yaml', text: '# Please edit the object below.\nnote: \n' });
    expect(d.timeline.inputs).toHaveLength(1);
    d.advanceTo(3_500);
    const saved = d.editorClosed('# Please edit the object below.\nnote: hi\n');
    expect(text(saved)).toBe('namespace/a edited\n');
    expect(saved.editor).toBeUndefined();
    expect(d.session.editing).toBeUndefined();
    expect(d.timeline.inputs.slice(1)).toEqual([{ ms: 3_500, line: 'kubectl label ns a note=hi' }]);
    // Replays need no editor.
    d.seek(3_000);
    expect(note(d, 'a')).toBeUndefined();
    d.seek(3_500);
    expect(note(d, 'a')).toBe('hi');
  });

  it('logs nothing when the editor is closed without saving', () => {
    const d = driver();
    d.exec('kubectl create ns a');
    d.exec('kubectl edit ns a');
    const r = d.editorClosed();
    expect(r).toMatchObject({ exitCode: 0, output: [{ stream: 'err', text: 'Edit cancelled, no changes made.\n' }] });
    expect(d.timeline.inputs.map((e) => e.line)).toEqual(['kubectl create ns a']);
  });

  it('reopens the file with the errors, and closing it unchanged ends the edit with nothing logged', () => {
    const d = driver();
    d.exec('kubectl create ns a');
    d.exec('kubectl edit ns a');
    const bad = d.editorClosed('# Please edit the object below.\nnote: two words\n');
    expect(text(bad)).toBe('error: namespaces "a" is invalid\n');
    expect(bad.editor?.text).toBe('# namespaces "a" was not valid:\nnote: two words\n');
    expect(d.session.editing).toBeDefined();
    const end = d.editorClosed();
    expect(end).toMatchObject({ exitCode: 1, output: [{ text: 'error: Edit cancelled, no valid changes were saved.\n' }] });
    expect(d.timeline.inputs).toHaveLength(1);
  });

  it('keeps the editor open across a seek (the save then acts at that instant, forking) and closes it on reset', () => {
    const d = driver();
    d.exec('kubectl create ns a');
    d.advanceTo(5_000);
    d.exec('kubectl create ns b');
    d.advanceTo(8_000);
    d.exec('kubectl edit ns a');
    d.seek(2_000);
    expect(d.session.editing).toBeDefined();
    d.editorClosed('note: past');
    expect(d.timeline.inputs).toEqual([{ ms: 0, line: 'kubectl create ns a' }, { ms: 2_000, line: 'kubectl label ns a note=past' }]);
    expect(note(d, 'a')).toBe('past');

    d.exec('kubectl edit ns a');
    d.reset('empty');
    expect(d.session.editing).toBeUndefined();
    expect(d.editorClosed('note: late').exitCode).toBe(1);
  });
});
