// `-o name`: `statefulset.apps/web`, one per line.
import type { KObject, Kind } from '../../engine/api/types.ts';
import { kindGroup } from '../resources.ts';

/** The `-o name` line of an object. */
export function nameLine(kind: Kind, o: KObject): string {
  return `${kindGroup(kind)}/${o.metadata?.name ?? ''}\n`;
}
