// Memoization by object identity. Stored objects never change in place, so a result computed from two of them
// (or from parts of them) stays valid as long as both are alive; weak maps let them go when they are replaced.

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
