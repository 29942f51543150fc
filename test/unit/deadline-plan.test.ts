import { describe, it, expect } from "vitest";
import {
  defaultDeadlinePlan,
  deadlineStatus,
  describeRelative,
  nextDue,
  type DeadlineState,
} from "../../app/domain/deadline-plan.ts";

// Dates checked by hand. Calamity Thursday 23 April 2026, reported Friday 24 April 2026;
// Monday 27 April 2026 is Koningsdag.
const calamityDate = "2026-04-23";
const reportedDate = "2026-04-24";

const dueDates = (plan: ReturnType<typeof defaultDeadlinePlan>) =>
  Object.fromEntries(plan.map((d) => [d.key, d.dueDate]));

describe("defaultDeadlinePlan", () => {
  it("computes all five deadlines when the IGJ supervises", () => {
    const plan = defaultDeadlinePlan({ calamityDate, reportedDate, supervisor: "igj" });
    expect(plan.map((d) => d.key)).toEqual([
      "melding",
      "ontvangstbevestiging",
      "feitenrelaas",
      "eigen_onderzoek",
      "rapport_toezichthouder",
    ]);
    expect(dueDates(plan)).toEqual({
      melding: "2026-04-29", // Fri 24 (1), Koningsdag skipped, Tue 28 (2), Wed 29 (3)
      ontvangstbevestiging: "2026-04-30", // Tue 28 (1), Wed 29 (2), Thu 30 (3)
      feitenrelaas: "2026-05-08", // + 14 days
      eigen_onderzoek: "2026-06-05", // + 42 days
      rapport_toezichthouder: "2026-06-19", // + 56 days
    });
  });

  it("leaves out the IGJ report under Toezicht Wmo", () => {
    const plan = defaultDeadlinePlan({ calamityDate, reportedDate, supervisor: "toezicht_wmo" });
    expect(plan.map((d) => d.key)).toEqual(["melding", "ontvangstbevestiging", "feitenrelaas", "eigen_onderzoek"]);
    expect(plan.find((d) => d.key === "eigen_onderzoek")?.dueDate).toBe("2026-06-05");
  });

  it("gives every deadline a Dutch label, rule and source", () => {
    const plan = defaultDeadlinePlan({ calamityDate, reportedDate, supervisor: "igj" });
    for (const d of plan) {
      expect(d.label, d.key).not.toBe("");
      expect(d.rule, d.key).not.toBe("");
      expect(d.source, d.key).not.toBe("");
    }
    expect(plan[0].rule).toBe("3 werkdagen na de calamiteit");
    expect(plan[0].source).toBe("Protocol Westerkwartier, stap 1");
  });

  it("has a null due date when its base date is unknown", () => {
    const noReport = defaultDeadlinePlan({ calamityDate, reportedDate: null, supervisor: "igj" });
    expect(dueDates(noReport)).toEqual({
      melding: "2026-04-29",
      ontvangstbevestiging: null,
      feitenrelaas: null,
      eigen_onderzoek: null,
      rapport_toezichthouder: null,
    });

    const noCalamity = defaultDeadlinePlan({ calamityDate: null, reportedDate, supervisor: "toezicht_wmo" });
    expect(dueDates(noCalamity)).toEqual({
      melding: null,
      ontvangstbevestiging: "2026-04-30",
      feitenrelaas: "2026-05-08",
      eigen_onderzoek: "2026-06-05",
    });

    const nothing = defaultDeadlinePlan({ calamityDate: null, reportedDate: null, supervisor: "igj" });
    expect(nothing.every((d) => d.dueDate === null)).toBe(true);
  });

  it("counts the melding across Kerst and the year end", () => {
    const plan = defaultDeadlinePlan({ calamityDate: "2026-12-24", reportedDate: "2026-12-29", supervisor: "toezicht_wmo" });
    expect(plan[0].dueDate).toBe("2026-12-30"); // 28, 29, 30 December
    expect(plan[1].dueDate).toBe("2027-01-04"); // 30, 31 December, (1 Jan, weekend), 4 January
  });
});

describe("terms that end on a weekend or feestdag (Algemene termijnenwet art. 1)", () => {
  const term = (reportedDate: string, key: string) =>
    defaultDeadlinePlan({ calamityDate: null, reportedDate, supervisor: "igj" }).find((d) => d.key === key)!;

  it("moves '2 weken' off 1e Kerstdag to the next werkdag, past 2e Kerstdag and the weekend, with a note", () => {
    // Reported Friday 11 December 2026 + 2 weeks = Friday 25 December (1e Kerstdag); 26, 27 follow.
    const d = term("2026-12-11", "feitenrelaas");
    expect(d.dueDate).toBe("2026-12-28");
    expect(d.note).toBe(
      "Valt op 1e Kerstdag (vrijdag 25 december 2026); verschoven naar de eerstvolgende werkdag (Algemene termijnenwet, art. 1).",
    );
  });

  it("moves a term off 2e Paasdag and off Koningsdag", () => {
    // Reported Monday 23 March 2026 + 2 weeks = Monday 6 April 2026 (2e Paasdag).
    const easter = term("2026-03-23", "feitenrelaas");
    expect(easter.dueDate).toBe("2026-04-07");
    expect(easter.note).toContain("Valt op 2e Paasdag (maandag 6 april 2026)");
    // Reported Monday 13 April 2026 + 2 weeks = Monday 27 April 2026 (Koningsdag).
    const king = term("2026-04-13", "feitenrelaas");
    expect(king.dueDate).toBe("2026-04-28");
    expect(king.note).toContain("Valt op Koningsdag (maandag 27 april 2026)");
  });

  it("moves a term that ends on a Saturday or Sunday to the Monday", () => {
    // Reported Saturday 7 November 2026 + 6 weeks = Saturday 19 December 2026.
    const sat = term("2026-11-07", "eigen_onderzoek");
    expect(sat.dueDate).toBe("2026-12-21");
    expect(sat.note).toContain("Valt op een zaterdag (zaterdag 19 december 2026)");
  });

  it("counts 5 May as a feestdag of the Termijnenwet (art. 3)", () => {
    // Reported Tuesday 21 April 2026 + 2 weeks = Tuesday 5 May 2026.
    const d = term("2026-04-21", "feitenrelaas");
    expect(d.dueDate).toBe("2026-05-06");
    expect(d.note).toContain("Valt op Bevrijdingsdag");
  });

  it("leaves a term on a werkdag alone, without a note", () => {
    const d = term("2026-04-24", "feitenrelaas");
    expect(d.dueDate).toBe("2026-05-08");
    expect(d.note).toBeUndefined();
  });
});

const state = (key: string, dueDate: string | null, doneAt: string | null = null): DeadlineState => ({
  key,
  label: key,
  dueDate,
  doneAt,
});

describe("deadlineStatus", () => {
  // Friday 24 April 2026; 3 werkdagen later is Thursday 30 April (Koningsdag on Monday 27).
  const today = "2026-04-24";

  it("is done once done, even when it was late", () => {
    expect(deadlineStatus(state("a", "2026-04-01", "2026-04-20"), today)).toBe("done");
    expect(deadlineStatus(state("a", null, "2026-04-20"), today)).toBe("done");
  });

  it("is unknown without a due date", () => {
    expect(deadlineStatus(state("a", null), today)).toBe("unknown");
  });

  it("is overdue from the day after the due date", () => {
    expect(deadlineStatus(state("a", "2026-04-23"), today)).toBe("overdue");
    expect(deadlineStatus(state("a", "2025-12-31"), today)).toBe("overdue");
  });

  it("is due_soon from today up to 3 werkdagen ahead", () => {
    expect(deadlineStatus(state("a", "2026-04-24"), today)).toBe("due_soon"); // today
    expect(deadlineStatus(state("a", "2026-04-27"), today)).toBe("due_soon"); // Koningsdag
    expect(deadlineStatus(state("a", "2026-04-30"), today)).toBe("due_soon"); // 3rd werkdag
  });

  it("is open beyond 3 werkdagen", () => {
    expect(deadlineStatus(state("a", "2026-05-01"), today)).toBe("open"); // 4th werkdag
    expect(deadlineStatus(state("a", "2026-06-05"), today)).toBe("open");
  });
});

describe("nextDue", () => {
  const today = "2026-04-24";

  it("picks the overdue deadline with the earliest date first", () => {
    const ds = [
      state("open", "2026-05-08"),
      state("overdue_late", "2026-04-22"),
      state("done", "2026-04-01", "2026-04-02"),
      state("unknown", null),
      state("overdue_most", "2026-04-20"),
      state("soon", "2026-04-28"),
    ];
    expect(nextDue(ds, today)?.key).toBe("overdue_most");
  });

  it("picks the earliest upcoming one when nothing is overdue", () => {
    const ds = [state("later", "2026-06-05"), state("soon", "2026-04-28"), state("done", "2026-04-25", "2026-04-24")];
    expect(nextDue(ds, today)?.key).toBe("soon");
  });

  it("keeps input order on equal dates", () => {
    expect(nextDue([state("first", "2026-05-08"), state("second", "2026-05-08")], today)?.key).toBe("first");
  });

  it("returns null when nothing is left", () => {
    expect(nextDue([], today)).toBeNull();
    expect(nextDue([state("done", "2026-04-20", "2026-04-20"), state("unknown", null)], today)).toBeNull();
  });
});

describe("describeRelative", () => {
  const today = "2026-04-24";

  it("describes due dates in calendar days", () => {
    expect(describeRelative("2026-04-24", today)).toBe("vandaag");
    expect(describeRelative("2026-04-25", today)).toBe("morgen");
    expect(describeRelative("2026-04-29", today)).toBe("over 5 dagen");
    expect(describeRelative("2026-04-23", today)).toBe("1 dag te laat");
    expect(describeRelative("2026-04-22", today)).toBe("2 dagen te laat");
    expect(describeRelative("2027-01-02", "2026-12-30")).toBe("over 3 dagen");
    expect(describeRelative("2026-02-27", "2026-03-02")).toBe("3 dagen te laat"); // February 2026 has 28 days
  });
});
