// The dock's YAML tab: the manifest editor, or while `kubectl edit` waits for its editor, that file instead. The
// manifest editor stays mounted (hidden) meanwhile, so its text comes back unchanged.
import { useEditor } from '../store/index.ts';
import { KubectlEdit } from './KubectlEdit.tsx';
import { YamlEditor } from './YamlEditor.tsx';

/** `onShowTerminal` brings up the terminal (where the layout put it). */
export function YamlTab({ onShowTerminal }: { onShowTerminal?: () => void } = {}) {
  const editing = useEditor() !== undefined;
  return (
    <>
      <KubectlEdit />
      <YamlEditor hidden={editing} onShowTerminal={onShowTerminal} />
    </>
  );
}
