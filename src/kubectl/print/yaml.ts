// `-o yaml`: an object as kubectl prints it (JSON → YAML via sigs.k8s.io/yaml and go-yaml v2): keys in
// byte order, sequences not indented under their key, go-yaml's choice of plain, '…', "…" and | styles.
import { Document, parse, visit } from 'yaml';

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// go-yaml v2 double-quotes a string exactly when, written plain, it would read back as another type.
function readsAsNonString(s: string): boolean {
  if (s === '') return true;
  try {
    const v: unknown = parse(s, { version: '1.1', prettyErrors: false });
    return v === null || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
  } catch {
    return false;
  }
}

/** Serializes a JSON-like value the way `kubectl get -o yaml` does. */
export function toYaml(value: unknown): string {
  // No anchors and aliases: kubectl writes an object shared by two fields (a claim's accessModes in its spec and
  // status) out twice.
  const doc = new Document(value, { version: '1.1', aliasDuplicateObjects: false, sortMapEntries: (a, b) => byteOrder(String((a.key as { value?: unknown })?.value ?? a.key), String((b.key as { value?: unknown })?.value ?? b.key)) });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
      else if (readsAsNonString(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ indentSeq: false, lineWidth: 80, minContentWidth: 0, singleQuote: true, nullStr: 'null', simpleKeys: false });
}
