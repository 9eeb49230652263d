// Go's sort.Sort, for the places where kubectl sorts with it and equal elements end up in the order that sort
// leaves them (events by time, where many share one second). Sort is not stable: past 12 elements it is a
// pattern-defeating quicksort, whose moves decide the order of ties. Models the sort package of current Go
// (pdqsort over sort.Interface; its pattern breaker draws from a 64-bit xorshift seeded with the length).

type Less = (i: number, j: number) => boolean;
type Swap = (i: number, j: number) => void;

const enum Hint { Unknown, Increasing, Decreasing }

// bits.Len: the number of bits needed to represent n (0 for 0).
const bitsLen = (n: number): number => (n === 0 ? 0 : 32 - Math.clz32(n));

function insertionSort(less: Less, swap: Swap, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(j, j - 1); j--) swap(j, j - 1);
  }
}

function siftDown(less: Less, swap: Swap, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && less(first + child, first + child + 1)) child++;
    if (!less(first + root, first + child)) return;
    swap(first + root, first + child);
    root = child;
  }
}

function heapSort(less: Less, swap: Swap, a: number, b: number): void {
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(less, swap, i, hi, a);
  for (let i = hi - 1; i >= 0; i--) {
    swap(a, a + i);
    siftDown(less, swap, 0, i, a);
  }
}

// Both orders of a pair, the smaller first, counting a swap when the given order was wrong.
function median(less: Less, a: number, b: number, c: number, swaps: { n: number }): number {
  if (less(b, a)) { swaps.n++; [a, b] = [b, a]; }
  if (less(c, b)) { swaps.n++; [b, c] = [c, b]; }
  if (less(b, a)) { swaps.n++; [a, b] = [b, a]; }
  return b;
}

// The pivot index and what the samples said about the order: all in order, all reversed, or mixed.
function choosePivot(less: Less, a: number, b: number): [number, Hint] {
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4);
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= 50) {
      // Tukey's ninther: the median of three medians of adjacent triples.
      i = median(less, i - 1, i, i + 1, swaps);
      j = median(less, j - 1, j, j + 1, swaps);
      k = median(less, k - 1, k, k + 1, swaps);
    }
    j = median(less, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, Hint.Increasing];
  if (swaps.n === 12) return [j, Hint.Decreasing];
  return [j, Hint.Unknown];
}

function reverseRange(swap: Swap, a: number, b: number): void {
  for (let i = a, j = b - 1; i < j; i++, j--) swap(i, j);
}

// Up to five out-of-order neighbours are fixed (on 50 elements or more); true when the range ends up sorted.
function partialInsertionSort(less: Less, swap: Swap, a: number, b: number): boolean {
  let i = a + 1;
  for (let step = 0; step < 5; step++) {
    while (i < b && !less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < 50) return false;
    swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) {
        if (!less(j, j - 1)) break;
        swap(j, j - 1);
      }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) {
        if (!less(j, j - 1)) break;
        swap(j, j - 1);
      }
    }
  }
  return false;
}

const MASK64 = (1n << 64n) - 1n;

// Swaps three elements around the middle with ones drawn from a xorshift seeded with the length.
function breakPatterns(swap: Swap, a: number, b: number): void {
  const length = b - a;
  if (length < 8) return;
  let r = BigInt(length);
  const modulus = 2 ** bitsLen(length);
  const mid = a + Math.trunc(length / 4) * 2;
  for (let idx = mid - 1; idx <= mid + 1; idx++) {
    r ^= (r << 13n) & MASK64;
    r ^= r >> 7n;
    r ^= (r << 17n) & MASK64;
    let other = Number(r & BigInt(modulus - 1));
    if (other >= length) other -= length;
    swap(idx, a + other);
  }
}

// One quicksort partition around data[pivot]: smaller ones before it, the rest after. Returns its new index and
// whether nothing had to move.
function partition(less: Less, swap: Swap, a: number, b: number, pivot: number): [number, boolean] {
  swap(a, pivot);
  let i = a + 1, j = b - 1;
  while (i <= j && less(i, a)) i++;
  while (i <= j && !less(j, a)) j--;
  if (i > j) {
    swap(j, a);
    return [j, true];
  }
  swap(i, j);
  i++; j--;
  for (;;) {
    while (i <= j && less(i, a)) i++;
    while (i <= j && !less(j, a)) j--;
    if (i > j) break;
    swap(i, j);
    i++; j--;
  }
  swap(j, a);
  return [j, false];
}

// Splits a range with nothing smaller than data[pivot] into the elements equal to it, then the greater ones.
function partitionEqual(less: Less, swap: Swap, a: number, b: number, pivot: number): number {
  swap(a, pivot);
  let i = a + 1, j = b - 1;
  for (;;) {
    while (i <= j && !less(a, i)) i++;
    while (i <= j && less(a, j)) j--;
    if (i > j) break;
    swap(i, j);
    i++; j--;
  }
  return i;
}

function pdqsort(less: Less, swap: Swap, a: number, b: number, limit: number): void {
  let wasBalanced = true, wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= 12) { insertionSort(less, swap, a, b); return; }
    if (limit === 0) { heapSort(less, swap, a, b); return; }
    if (!wasBalanced) { breakPatterns(swap, a, b); limit--; }
    let [pivot, hint] = choosePivot(less, a, b);
    if (hint === Hint.Decreasing) {
      reverseRange(swap, a, b);
      pivot = (b - 1) - (pivot - a);
      hint = Hint.Increasing;
    }
    if (wasBalanced && wasPartitioned && hint === Hint.Increasing && partialInsertionSort(less, swap, a, b)) return;
    if (a > 0 && !less(a - 1, pivot)) {
      a = partitionEqual(less, swap, a, b, pivot);
      continue;
    }
    const [mid, already] = partition(less, swap, a, b, pivot);
    wasPartitioned = already;
    const left = mid - a, right = b - mid, threshold = Math.trunc(length / 8);
    if (left < right) {
      wasBalanced = left >= threshold;
      pdqsort(less, swap, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = right >= threshold;
      pdqsort(less, swap, mid + 1, b, limit);
      b = mid;
    }
  }
}

/** Sorts `list` in place as Go's sort.Sort does with this Less (equal elements in Go's order, not input order). */
export function goSort<T>(list: T[], less: (x: T, y: T) => boolean): T[] {
  const n = list.length;
  if (n <= 1) return list;
  const lessAt: Less = (i, j) => less(list[i], list[j]);
  const swap: Swap = (i, j) => { const t = list[i]; list[i] = list[j]; list[j] = t; };
  pdqsort(lessAt, swap, 0, n, bitsLen(n));
  return list;
}
