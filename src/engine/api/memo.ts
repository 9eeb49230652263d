// Memoization. By object identity: stored objects never change in place, so a result computed from two of them
// (or from parts of them) stays valid as long as both are alive; weak maps let them go when they are replaced. By
// string: a pure function of a name or key that hot paths ask about again and again.

/** Memoizes `f(a, b)` by the identities of `a` and `b` (both must be treated as immutable). */
export function pairMemo<A extends object, B extends object, R>(f: (a: A, b: B) => R): (a: A, b: B) => R {
  const outer = new WeakMap<A, WeakMap<B, { r: R }>>();
  return (a, b) => {
    let inner = outer.get(a);
    if (!inner) outer.set(a, (inner = new WeakMap()));
    let hit = inner.get(b);
    if (!hit) inner.set(b, (hit = { r: f(a, b) }));
    return hit.r;
  };
}

/**
 * Memoizes `f(key)` for string keys (`f` must be a pure function of the key and never return undefined). Bounded:
 * the keys can be free text (names, messages), so the cache is emptied when it holds `limit` entries.
 */
export function stringMemo<R>(f: (key: string) => R, limit = 1024): (key: string) => R {
  const cache = new Map<string, R>();
  return (key) => {
    let r = cache.get(key);
    if (r === undefined) {
      if (cache.size >= limit) cache.clear();
      cache.set(key, (r = f(key)));
    }
    return r;
  };
}
