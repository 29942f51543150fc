import { describe, expect, it } from "vitest";
import { generateDemoMeldingen } from "../../app/domain/loket/demo.ts";

// The demo spreads like seed 000: 198 meldingen (36 adviesvragen, 27 calamities), then 261 (86, 19).
describe("demo meldingen", () => {
  const all = generateDemoMeldingen("2026-12-02");
  const year = (y: string) => all.filter((m) => m.receivedOn.startsWith(y));
  it("has the annual figures of 000 for the two years before this one", () => {
    expect(year("2024")).toHaveLength(198);
    expect(year("2025")).toHaveLength(261);
    expect(year("2024").filter((m) => m.criterion === "8")).toHaveLength(36);
    expect(year("2025").filter((m) => m.criterion === "8")).toHaveLength(86);
    expect(year("2024").filter((m) => m.meldplicht)).toHaveLength(27);
    expect(year("2025").filter((m) => m.meldplicht)).toHaveLength(19);
  });
  it("has a few of this year in the inbox and in screening, a handful to start investigations from, and no future dates", () => {
    expect(year("2026").filter((m) => m.status === "nieuw").length).toBeGreaterThan(0);
    expect(all.filter((m) => m.startInvestigation).length).toBeGreaterThanOrEqual(3);
    expect(all.every((m) => m.receivedOn <= "2026-12-02" && m.eventDate <= m.receivedOn)).toBe(true);
    expect(generateDemoMeldingen("2026-12-02")).toEqual(all);
  });
});
