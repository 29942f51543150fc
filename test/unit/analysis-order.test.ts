import { describe, expect, it } from "vitest";
import { compareOrder, isOrderKey, keyBetween, sequentialKeys } from "../../app/domain/analysis/order.ts";

describe("fractional order keys", () => {
  it("always finds a valid key strictly between two keys", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const keys: string[] = [keyBetween(null, null)];
    for (let i = 0; i < 2000; i++) {
      const at = Math.floor(rnd() * (keys.length + 1));
      const k = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      expect(isOrderKey(k)).toBe(true);
      if (at > 0) expect(keys[at - 1]! < k).toBe(true);
      if (at < keys.length) expect(k < keys[at]!).toBe(true);
      keys.splice(at, 0, k);
    }
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("keeps appended keys short and sorted", () => {
    const keys = sequentialKeys(100);
    expect([...keys].sort()).toEqual(keys);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(4);
  });

  it("sorts numbers before strings before missing, ties by id", () => {
    const items = [
      { id: "d", order: null },
      { id: "c", order: "V" },
      { id: "b", order: "V" },
      { id: "a", order: 2 },
    ];
    expect([...items].sort(compareOrder).map((i) => i.id)).toEqual(["a", "b", "c", "d"]);
  });
});
