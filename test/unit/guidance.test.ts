import { describe, expect, it } from "vitest";
import { ketenpartnerStart, procesbegeleiderTasks } from "../../app/domain/guidance.ts";

describe("guidance: what each role lands on", () => {
  it("a ketenpartner is asked to add their organisation's facts, in their own lane", () => {
    const start = ketenpartnerStart("Wijkteam Noord", [{ name: "Wijkteam Noord", facts: 1 }]);
    expect(start.heading).toBe("Voeg de feiten van uw organisatie toe");
    expect(start.text).toContain("in de baan ‘Wijkteam Noord’ (1 feit)");
    expect(ketenpartnerStart("Wijkteam Noord", [{ name: "Wijkteam", facts: 3 }]).text).toContain("(3 feiten)");
    expect(ketenpartnerStart(null, []).text).toContain("nog geen eigen baan");
  });

  it("the procesbegeleider's open tasks: passed terms and requests first, then due terms, reactions, checklist", () => {
    const tasks = procesbegeleiderTasks({
      deadlines: [
        { key: "a", label: "Melding aan de toezichthouder", status: "overdue", dueText: "1-12-2026" },
        { key: "b", label: "Rapport indienen", status: "due_soon", dueText: "4-12-2026" },
        { key: "c", label: "Later", status: "open", dueText: "1-3-2027" },
      ],
      rounds: [
        { id: "r1", title: "Ronde 1", openDispositions: 2 },
        { id: "r2", title: "Ronde 2", openDispositions: 0 },
      ],
      checklist: { total: 30, ready: 28 },
      openRequests: 1,
    });
    expect(tasks.map((t) => t.text)).toEqual([
      "Termijn ‘Melding aan de toezichthouder’ is verstreken (1-12-2026).",
      "1 verzoek van de toezichthouder staat nog open.",
      "Termijn ‘Rapport indienen’ loopt binnenkort af (4-12-2026).",
      "Ronde ‘Ronde 1’: 2 reacties nog niet afgehandeld.",
      "Rapport: 2 onderdelen van de checklist (Bijlage 1) nog niet gereed (28 van 30 gereed).",
    ]);
    expect(tasks.map((t) => t.path)).toEqual(["termijnen", "rapport/versies", "termijnen", "rondes/r1", "rapport"]);
    expect(procesbegeleiderTasks({ deadlines: [], rounds: [], checklist: { total: 3, ready: 3 }, openRequests: 0 })).toEqual([]);
  });
});
