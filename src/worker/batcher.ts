// Coalesces the store's change stream into one diff per frame: the latest version of each changed object
// by key, or its deletion. Also builds full-state diffs for reset, seek and restore.
import { KINDS, type Cluster, type Kind, type KObject, type WatchEvent } from '../engine/index.ts';
import type { Diff } from '../protocol/messages.ts';

function keyOf(o: KObject): string {
  const ns = o.metadata?.namespace ?? '';
  const name = o.metadata?.name ?? '';
  return ns ? `${ns}/${name}` : name;
}

export class Batcher {
  /** `kind\u0000key` → latest object, or null when deleted. Insertion order keeps diffs deterministic. */
  private pending = new Map<string, { kind: Kind; key: string; object: KObject | null }>();
  private unwatch?: () => void;

  /** Follows a cluster's store (detaching from the previous one). */
  attach(cluster: Cluster, onEvent?: (e: WatchEvent) => void): void {
    this.unwatch?.();
    this.unwatch = cluster.store.watch((e) => {
      const key = keyOf(e.object);
      this.pending.set(`${e.kind}\u0000${key}`, { kind: e.kind, key, object: e.type === 'DELETED' ? null : e.object });
      onEvent?.(e);
    });
  }

  /** Whether changes are waiting. */
  get dirty(): boolean {
    return this.pending.size > 0;
  }

  /** Drops what is pending (a full diff follows). */
  clear(): void {
    this.pending.clear();
  }

  /** The pending changes as a diff, and forgets them. */
  take(): Diff {
    const diff: Diff = { upserts: [], deletes: [] };
    for (const p of this.pending.values()) {
      if (p.object) diff.upserts.push([p.kind, p.key, p.object]);
      else diff.deletes.push([p.kind, p.key]);
    }
    this.pending.clear();
    return diff;
  }

  /** Every stored object, as a diff of upserts. */
  static full(cluster: Cluster): Diff {
    const upserts: Diff['upserts'] = [];
    for (const kind of KINDS) {
      for (const [key, object] of cluster.store.state.objects[kind]) upserts.push([kind, key, object]);
    }
    return { upserts, deletes: [] };
  }
}
