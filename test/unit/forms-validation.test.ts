// Issue 11: dates in the future refused, all field errors at once (cross-field checks included),
// fact dates in the future recognised, and a month goes back into the editor in words.
import { describe, expect, it } from "vitest";
import { fieldErrors, inviteSchema, investigationSchemaFor } from "../../app/domain/forms.ts";
import { formatDutchEditablePartialDate, isPartialDateAfter } from "../../app/domain/timeline/partial-date.ts";
import { parseDutchDate } from "../../app/domain/timeline/dutch-dates.ts";

const TODAY = "2026-12-02";
const valid = {
  title: "Overlijden moeder, gezin Zuid",
  kind: "calamiteit",
  legalFrame: "wmo",
  reportingCriterion: "meldplicht_calamiteit",
  calamityDate: "2026-11-09",
  reportedDate: "2026-11-11",
  supervisor: "igj",
  supervisorMunicipality: "",
  providers: "",
  analysisMethod: "sire",
  phase: "beoordeling",
};
const errorsOf = (values: Record<string, string>) => {
  const r = investigationSchemaFor(TODAY).safeParse(values);
  return r.success ? {} : fieldErrors(r.error);
};

describe("investigation form", () => {
  it("accepts today and refuses tomorrow, for the calamity and the melding", () => {
    expect(errorsOf({ ...valid, calamityDate: TODAY, reportedDate: TODAY })).toEqual({});
    expect(errorsOf({ ...valid, calamityDate: "03-12-2026", reportedDate: "2026-12-03" })).toEqual({
      calamityDate: "De datum van de calamiteit ligt in de toekomst. Vul de dag in waarop de calamiteit plaatsvond.",
      reportedDate: "De datum van de melding ligt in de toekomst. Vul deze pas in als er gemeld is.",
    });
  });

  it("reports every error on the first submit, the cross-field ones included", () => {
    expect(errorsOf({ ...valid, title: "", kind: "ramp", supervisor: "toezicht_wmo", reportedDate: "2026-11-01" })).toEqual({
      title: "Geef het onderzoek een titel van minstens 3 tekens.",
      kind: "Kies het soort voorval.",
      supervisorMunicipality: "Noem de gemeente van de Toezicht Wmo.",
      reportedDate: "De melding kan niet vóór de calamiteit liggen.",
    });
  });

  it("checks no order of dates when one of them does not exist", () => {
    expect(errorsOf({ ...valid, calamityDate: "31-02-2026", reportedDate: "2026-01-01" })).toEqual({
      calamityDate: "Datum calamiteit: vul een bestaande datum in (dd-mm-jjjj).",
    });
  });
});

describe("invitation form", () => {
  it("reports a wrong address and the missing organisation of a ketenpartner together", () => {
    const r = inviteSchema.safeParse({ email: "geen-adres", role: "ketenpartner", organisation: "" });
    expect(r.success).toBe(false);
    expect(fieldErrors(r.error!)).toEqual({
      email: "Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.",
      organisation: "Een ketenpartner vertegenwoordigt een organisatie: vul die in.",
    });
  });
});

describe("fact dates", () => {
  it("knows a (partial) date that lies wholly after today", () => {
    expect(isPartialDateAfter("2026-12-02", TODAY)).toBe(false);
    expect(isPartialDateAfter("2026-12-03", TODAY)).toBe(true);
    expect(isPartialDateAfter("2026-12", TODAY)).toBe(false); // December has begun
    expect(isPartialDateAfter("2027-01", TODAY)).toBe(true);
    expect(isPartialDateAfter("2026", TODAY)).toBe(false);
    expect(isPartialDateAfter("2027", TODAY)).toBe(true);
    expect(isPartialDateAfter("2026-12-02T23:30", TODAY)).toBe(false);
  });

  it("gives a month back in words, the way it was typed; days and times stay numeric", () => {
    const typed = parseDutchDate("februari 2026");
    expect(typed.ok && formatDutchEditablePartialDate(typed.value)).toBe("februari 2026");
    expect(formatDutchEditablePartialDate("2014-03")).toBe("maart 2014");
    expect(formatDutchEditablePartialDate("2014-03-12")).toBe("12-03-2014");
    expect(formatDutchEditablePartialDate("2014-03-12T10:30")).toBe("12-03-2014 10:30");
    expect(formatDutchEditablePartialDate("2014")).toBe("2014");
    for (const v of ["2014", "2014-03", "2014-03-12", "2014-03-12T10:30"]) {
      const back = parseDutchDate(formatDutchEditablePartialDate(v));
      expect(back.ok && back.value).toBe(v);
    }
  });
});
