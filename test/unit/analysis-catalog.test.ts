import { describe, expect, it } from "vitest";
import {
  ECM_GROUP_IDS,
  ecmCatalog,
  ecmGroupOf,
  isEcmCode,
  methodCatalog,
  parseEcmCatalog,
  themeCatalog,
} from "../../app/domain/analysis/catalog.ts";
import ecmJson from "../../templates/ecm-codes.json";

describe("analysis catalogs", () => {
  it("has every ECM code of domain.md §6 with group, label and explanation", () => {
    const codes = ["TEX", "TD", "TC", "TM", "OEX", "OK", "OP", "OM", "OC", "HEX", "HKK", "HRQ", "HRC", "HRV", "HRI", "HRM", "HSS", "HST", "PRF", "X"];
    expect(ecmCatalog.codes.map((c) => c.code)).toEqual(codes);
    for (const c of ecmCatalog.codes) {
      expect(ECM_GROUP_IDS).toContain(c.group);
      expect(c.explanation.length).toBeGreaterThan(20);
    }
    expect(ecmGroupOf("PRF")).toBe("clientgebonden");
    expect(ecmCatalog.byCode.get("PRF")!.label).toBe("Cliënt- of gezinsgebonden factor");
    expect(ecmGroupOf("HRC")).toBe("menselijk");
    expect(ecmGroupOf("NOPE")).toBeNull();
    expect(isEcmCode("OP")).toBe(true);
    expect(isEcmCode(3)).toBe(false);
  });

  it("accepts extra codes and rejects malformed lists", () => {
    const extended = parseEcmCatalog({
      ...ecmJson,
      codes: [...ecmJson.codes, { code: "OSD", group: "organisatorisch", label: "Samenwerking in de keten", explanation: "Afspraken tussen ketenpartners ontbraken." }],
    });
    expect(extended.byCode.get("OSD")!.group).toBe("organisatorisch");
    expect(() => parseEcmCatalog({ ...ecmJson, codes: [...ecmJson.codes, ecmJson.codes[0]] })).toThrow();
    expect(() =>
      parseEcmCatalog({ ...ecmJson, codes: [{ code: "Q", group: "onbekend", label: "x", explanation: "y" }] }),
    ).toThrow();
  });

  it("has the learning themes and the methods with their steps", () => {
    expect(themeCatalog.themes.map((t) => t.id)).toEqual([
      "casusregie_overdracht",
      "rollen_onbekend",
      "informatiedeling",
      "escalatie",
      "zorg_veiligheid",
      "vrijwillig_drang_dwang",
    ]);
    expect(methodCatalog.methods.map((m) => m.id)).toEqual(["sire", "prisma", "tripod_beta", "dam", "other"]);
    expect(methodCatalog.byId.get("sire")!.steps).toHaveLength(7);
    expect(methodCatalog.byId.get("prisma")!.steps.map((s) => s.id)).toEqual([
      "oorzakenboom",
      "classificeren",
      "profiel",
      "verbetermaatregelen",
    ]);
  });
});
