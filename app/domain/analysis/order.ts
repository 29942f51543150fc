// Fractional order keys for siblings: a new position is a string strictly between its
// neighbours, so inserting or moving one node writes only that node (no renumbering races).
// Base-62 digits in ASCII order, compared with plain `<` (not localeCompare). Keys never end in
// the zero digit, which guarantees a key exists between any two distinct keys.
// Algorithm after rocicorp/fractional-indexing (midpoint), without the integer part.

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const ZERO = DIGITS[0]!;
const VALID = /^[0-9A-Za-z]*[1-9A-Za-z]$/;

export function isOrderKey(key: unknown): key is string {
  return typeof key === "string" && VALID.test(key);
}

function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a ? DIGITS.indexOf(a[0]!) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b[0]!) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS[Math.round(0.5 * (digitA + digitB))]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA]! + midpoint(a.slice(1), null);
}

/** Appending is the common case: bump the first digit that can grow, so keys stay short. */
function after(a: string): string {
  for (let i = 0; i < a.length; i++) {
    const d = DIGITS.indexOf(a[i]!);
    if (d < DIGITS.length - 1) return a.slice(0, i) + DIGITS[d + 1];
  }
  return a + midpoint("", null);
}

/**
 * A key strictly between `a` and `b` (null = open end). Both must be valid keys with a < b;
 * callers renormalise siblings otherwise (see needsRenormalise).
 */
export function keyBetween(a: string | null, b: string | null): string {
  if (a !== null && !isOrderKey(a)) throw new Error(`invalid order key ${a}`);
  if (b !== null && !isOrderKey(b)) throw new Error(`invalid order key ${b}`);
  if (a !== null && b !== null && a >= b) throw new Error(`order keys out of order: ${a} >= ${b}`);
  if (b === null) return a === null ? midpoint("", null) : after(a);
  return midpoint(a ?? "", b);
}

/** n ascending keys, for renumbering a sibling list whose stored keys are unusable. */
export function sequentialKeys(n: number): string[] {
  const keys: string[] = [];
  let last: string | null = null;
  for (let i = 0; i < n; i++) {
    last = keyBetween(last, null);
    keys.push(last);
  }
  return keys;
}

export type OrderValue = string | number | null;

/**
 * Sibling order on read: numbers (allowed in stored data) before strings, strings by code
 * unit, missing last; ties (e.g. two peers inserting at the same spot) by id.
 */
export function compareOrder(a: { order: OrderValue; id: string }, b: { order: OrderValue; id: string }): number {
  const ra = rank(a.order);
  const rb = rank(b.order);
  if (ra !== rb) return ra - rb;
  if (a.order !== b.order && a.order !== null && b.order !== null) return a.order < b.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function rank(o: OrderValue): number {
  return typeof o === "number" ? 0 : typeof o === "string" ? 1 : 2;
}
