import { describe, expect, it } from "vitest";
import { safeNext } from "../../app/lib/safe-next.ts";

describe("safeNext", () => {
  it("keeps same-site paths", () => {
    expect(safeNext("/")).toBe("/");
    expect(safeNext("/onderzoeken/abc?tab=1#x")).toBe("/onderzoeken/abc?tab=1#x");
    expect(safeNext("/onderzoeken/a%20b")).toBe("/onderzoeken/a%20b");
  });

  it.each([
    ["/\t/evil.example/phish"],
    ["/%09/evil.example/phish"],
    ["/\n/evil.example"],
    ["/%0a/evil.example"],
    ["/%0d/evil.example"],
    ["//evil.example"],
    ["/%2Fevil.example"],
    ["/%2fevil.example"],
    ["/\\evil.example"],
    ["/%5Cevil.example"],
    ["/ /evil.example"],
    ["/%20/evil.example"],
    ["/\u0000/evil.example"],
    ["/ok\t/x"],
    ["https://evil.example"],
    ["evil.example"],
    ["javascript:alert(1)"],
    ["/%E0%A4%A"],
    [""],
  ])("refuses %j", (target) => {
    expect(safeNext(target)).toBe("/");
  });

  it("uses the given fallback", () => {
    expect(safeNext(null, "/onderzoeken")).toBe("/onderzoeken");
    expect(safeNext("//evil.example", "/onderzoeken")).toBe("/onderzoeken");
  });
});
