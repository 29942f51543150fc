import { describe, expect, it } from "vitest";
import { CATEGORY_CRITERION, CRITERIA, meldingReference } from "../../app/domain/loket/fields.ts";
import { parseMeldingForm, parseRegisterFilter, parseScreeningForm } from "../../app/domain/loket/forms.ts";
import { investigationDraftFromMelding } from "../../app/domain/loket/start.ts";
import { canLoket, LOKET_ACTIONS, meldingView, type LoketActor } from "../../app/domain/policy.ts";

const loket: LoketActor = { userId: "l", isLoket: true, isSupervisor: false };
const partner: LoketActor = { userId: "p", isLoket: false, isSupervisor: false };
const supervisor: LoketActor = { userId: "t", isLoket: false, isSupervisor: true };

describe("loket policy", () => {
  it("a loketmedewerker may do everything of the loket", () => {
    for (const a of LOKET_ACTIONS) expect(canLoket(loket, a), a).toBe(true);
  });
  it("another account may only submit; a toezichthouder not even that; anonymous nothing", () => {
    for (const a of LOKET_ACTIONS) {
      expect(canLoket(partner, a), a).toBe(a === "melding.submit");
      expect(canLoket(supervisor, a), a).toBe(false);
      expect(canLoket(null, a), a).toBe(false);
    }
  });
  it("a ketenpartner sees only their own submission, a toezichthouder none, the loket all", () => {
    expect(meldingView(loket, { submittedBy: "p" })).toBe("full");
    expect(meldingView(partner, { submittedBy: "p" })).toBe("own");
    expect(meldingView(partner, { submittedBy: "x" })).toBeNull();
    expect(meldingView(supervisor, { submittedBy: "t" })).toBeNull();
  });
});

describe("criteria data", () => {
  it("has the 8 criteria and 18 categories of seed 000", () => {
    expect(CRITERIA.map((c) => c.id)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(Object.keys(CATEGORY_CRITERION)).toHaveLength(18);
    expect(CATEGORY_CRITERION.ggg_professionals).toBe("5");
  });
  it("formats references", () => {
    expect(meldingReference("2026-03-04", 42)).toBe("M-2026-0042");
  });
});

const valid = {
  receivedOn: "2026-03-04",
  channel: "telefoon",
  reportingOrganisation: "Wijkteam Noord",
  legalFrame: "wmo",
  category: "suicidepoging",
  description: "Volwassen cliënt met begeleiding thuis, poging tot suïcide.",
  urgency: "hoog",
  impact_pers: "aan",
  meldplicht: "aan",
};

describe("melding form", () => {
  it("accepts a valid melding and derives the criterion and the 4 P's", () => {
    const r = parseMeldingForm(valid, "2026-03-05");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.data.criterion).toBe("3");
      expect(r.data.impacts).toEqual(["pers"]);
      expect(r.data.meldplicht).toBe(true);
    }
  });
  it("shows every error on the first submit, in Dutch", () => {
    const r = parseMeldingForm({ receivedOn: "2026-04-01", eventDate: "2026-04-02", description: "kort" }, "2026-03-05");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toMatchObject({
        channel: "Kies hoe de melding binnenkwam.",
        reportingOrganisation: "Vul de meldende organisatie in.",
        legalFrame: "Kies het wettelijk kader.",
        category: "Kies het meldcriterium en de categorie.",
        urgency: "Kies de urgentie.",
        description: "Beschrijf kort wat er is gebeurd (minstens 10 tekens).",
        receivedOn: "Ontvangen op kan niet in de toekomst liggen.",
        eventDate: "Het voorval kan niet na de ontvangst van de melding liggen.",
      });
  });
  it("refuses the client's name in the description", () => {
    const r = parseMeldingForm({ ...valid, clientName: "Jan Voorbeeld", description: "Jan Voorbeeld is vermist sinds gisteren." }, "2026-03-05");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.description).toMatch(/Noem de cliënt niet/);
  });
});

describe("screening form", () => {
  it("needs a decision to close, and keeps leeronderzoek for the start flow", () => {
    const a = parseScreeningForm({ status: "afgehandeld", decision: "" }, { decision: null });
    expect(!a.ok && a.errors.decision).toMatch(/afgehandelde melding heeft een besluit/);
    const b = parseScreeningForm({ status: "afgehandeld", decision: "leeronderzoek" }, { decision: null });
    expect(!b.ok && b.errors.decision).toMatch(/Leeronderzoek starten/);
    const c = parseScreeningForm({ status: "afgehandeld", decision: "advies", supervisorDecision: "zelfonderzoek" }, { decision: null });
    expect(!c.ok && c.errors.supervisor).toMatch(/Kies de toezichthouder/);
    const d = parseScreeningForm({ status: "afgehandeld", decision: "advies" }, { decision: null });
    expect(d.ok && d.data.decision).toBe("advies");
  });
});

describe("register filter", () => {
  it("reads known values and ignores the rest", () => {
    const f = parseRegisterFilter(new URLSearchParams("jaar=2022&kader=jeugdwet&criterium=9&status=nieuw&q=%20brand%20"));
    expect(f).toMatchObject({ year: 2022, legalFrame: "jeugdwet", criterion: null, status: "nieuw", q: "brand" });
  });
});

describe("investigation from a melding", () => {
  it("pre-fills kader, criterion, dates, supervisor and provider", () => {
    const d = investigationDraftFromMelding(
      {
        seq: 7,
        receivedOn: "2026-03-04",
        eventDate: "2026-03-02",
        legalFrame: "wmo_jeugdwet",
        criterion: "3",
        category: "suicide",
        meldplicht: true,
        supervisor: null,
        supervisorReportedOn: "2026-03-05",
        reportingOrganisation: "Wijkteam Noord",
      },
      "Suïcide",
      "M-2026-0007",
    );
    expect(d).toMatchObject({
      title: "Suïcide, maart 2026 (melding M-2026-0007)",
      kind: "calamiteit",
      legalFrame: "jeugdwet",
      reportingCriterion: "suicide_onnatuurlijk",
      calamityDate: "2026-03-02",
      reportedDate: "2026-03-05",
      supervisor: "igj",
      providers: "Wijkteam Noord",
    });
  });
});

describe("register export", () => {
  it("writes Dutch CSV: semicolons, quotes, BOM, and no formulas", async () => {
    const { registerTable, toCsv } = await import("../../app/domain/loket/export.ts");
    const table = registerTable([
      {
        seq: 3,
        receivedOn: "2026-03-04",
        channel: "telefoon",
        reportingOrganisation: "=HYPERLINK(\"x\")",
        legalFrame: "wmo_jeugdwet",
        criterion: "4",
        category: "ggg_fysiek",
        meldplicht: true,
        impacts: ["pers", "politiek"],
        eventDate: null,
        description: "Regel één; regel twee",
        urgency: "spoed",
        status: "afgehandeld",
        decision: "advies",
        decidedAt: new Date("2026-03-04T23:30:00Z"),
        supervisor: "igj",
        supervisorDecision: "eigen_onderzoek",
        supervisorReportedOn: "2026-03-05",
        supervisorOutcome: "",
        investigationId: null,
      },
    ]);
    const csv = toCsv(table);
    expect(csv.startsWith("\uFEFFNummer;Ontvangen op;")).toBe(true);
    const line = csv.split("\r\n")[1];
    expect(line).toBe(
      [
        "M-2026-0003",
        "2026-03-04",
        "Telefoon",
        `"'=HYPERLINK(""x"")"`,
        "Wmo en Jeugdwet",
        "4. Ernstig geweld of grensoverschrijdend gedrag",
        "Grensoverschrijdend gedrag: fysiek",
        "ja",
        "Pers, Politiek",
        "",
        "Spoed",
        "Afgehandeld",
        "Advies gegeven",
        // 23:30 UTC is the next day in Amsterdam.
        "2026-03-05",
        "Inspectie Gezondheidszorg en Jeugd (IGJ)",
        "2026-03-05",
        "Eigen onderzoek",
        "",
        "nee",
        `"Regel één; regel twee"`,
      ].join(";"),
    );
  });
});

describe("jaaroverzicht top N", () => {
  it("keeps the N largest reporting parties and sums the rest as Overig, for both years", async () => {
    const { topN } = await import("../../app/domain/loket/figures.ts");
    const rows = topN({ A: 5, B: 3, C: 3, D: 1 }, { A: 2, C: 4, E: 7 }, 2);
    // C before B on a tie this year: C had more last year.
    expect(rows).toEqual([
      { label: "A", current: 5, previous: 2 },
      { label: "C", current: 3, previous: 4 },
      { label: "Overig", current: 4, previous: 7 },
    ]);
    expect(topN({ A: 1 }, {}, 3)).toEqual([{ label: "A", current: 1, previous: 0 }]);
  });
});
