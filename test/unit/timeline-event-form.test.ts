import { describe, expect, it } from "vitest";
import { buildEventPatch, fullEventPatch, validateEventForm, type EventFormValues } from "../../app/domain/timeline/event-form.ts";

const base: EventFormValues = {
  title: "Melding bij wijkteam",
  party: "p1",
  start: "12-03-2014",
  end: "",
  approximate: false,
  description: "",
  actorFunction: "wijkcoach",
  actorInitials: "",
  kind: "contact" as EventFormValues["kind"],
  sources: [],
  lifeDomains: [],
  flags: { signaal: false, kritiekMoment: false, overdracht: false, opschaling: false },
  status: "concept" as EventFormValues["status"],
  statusReason: "",
};
const ctx = { partyExists: (id: string) => id === "p1" || id === "p2", partyEditable: (id: string) => id === "p1", startEdited: true };

function errorsOf(values: Partial<EventFormValues>) {
  const r = validateEventForm({ ...base, ...values }, ctx);
  return r.ok ? {} : r.errors;
}

describe("validateEventForm", () => {
  it("asks for a title, a party and a date in Dutch", () => {
    const e = errorsOf({ title: "  ", party: "", start: "" });
    expect(e.title).toBe("Vul een titel in: wat gebeurde er?");
    expect(e.party).toBe("Kies de organisatie (partij) van dit feit.");
    expect(e.start).toMatch(/^Vul de datum in/);
  });

  it("refuses a lane the user may not write on", () => {
    expect(errorsOf({ party: "p2" }).party).toBe("Op de tijdlijn van deze partij kunt u geen feiten zetten.");
  });

  it("refuses an end before the start and an unreadable date", () => {
    expect(errorsOf({ end: "01-01-2014" }).end).toBe("De einddatum ligt vóór de begindatum.");
    expect(errorsOf({ start: "gisteren-ish" }).start).toMatch(/^[A-Z].*\.$/);
  });

  it("asks for a source's reference and a reason for betwist", () => {
    const e = errorsOf({ sources: [{ type: "dossier", reference: " " } as EventFormValues["sources"][number]], status: "betwist" as EventFormValues["status"] });
    expect(e["source-0"]).toMatch(/^Vul de vindplaats in/);
    expect(e.statusReason).toBe("Geef een reden waarom dit feit betwist wordt.");
  });

  it("returns the trimmed event, marked approximate for a 'ca.' date the user typed", () => {
    const r = validateEventForm({ ...base, title: " Melding ", start: "ca. maart 2014", statusReason: " " }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.input.title).toBe("Melding");
    expect(r.input.approximate).toBe(true);
    expect(r.input).not.toHaveProperty("statusReason");
    expect(r.input).not.toHaveProperty("end");
    const untouched = validateEventForm({ ...base, start: "ca. maart 2014" }, { ...ctx, startEdited: false });
    expect(untouched.ok && untouched.input.approximate).toBe(false);
  });
});

describe("buildEventPatch", () => {
  const full = (values: EventFormValues) => {
    const r = validateEventForm(values, ctx);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.input;
  };

  it("writes only the fields the user changed, so a colleague's change elsewhere is kept", () => {
    const values = { ...base, title: "Nieuwe titel" };
    expect(buildEventPatch({ title: "Nieuwe titel", description: "" }, base, full(values))).toEqual({ title: "Nieuwe titel" });
  });

  it("is empty when nothing changed", () => {
    expect(buildEventPatch({ title: base.title }, base, full(base))).toEqual({});
  });

  it("writes the date with its approximate flag, and clears an emptied end", () => {
    const live = { ...base, end: "13-03-2014" };
    const values = { ...base, start: "ca. 2014", end: "" };
    const patch = buildEventPatch({ start: "ca. 2014", end: "" }, live, full(values));
    expect(patch).toMatchObject({ start: expect.any(String), approximate: true, end: null });
  });

  it("clears the reason when the status leaves betwist", () => {
    const live = { ...base, status: "betwist" as EventFormValues["status"], statusReason: "klopt niet" };
    const values = { ...live, status: base.status, statusReason: "" };
    expect(buildEventPatch({ status: base.status, statusReason: "" }, live, full(values))).toEqual({ status: base.status, statusReason: null });
  });

  it("repairing an invalid entry writes every field", () => {
    const patch = fullEventPatch(full(base));
    expect(patch).toMatchObject({ title: base.title, end: null, statusReason: null, party: "p1" });
  });
});
