// Reaction terms of comment rounds (domain.md §3), checked against dates worked out by hand on a
// 2026 calendar: Pasen 5 april (2e Paasdag maandag 6 april), Koningsdag maandag 27 april,
// Bevrijdingsdag dinsdag 5 mei (a werkdag in this project, ADR 0002), Hemelvaart donderdag 14 mei,
// Kerst vrijdag 25 en zaterdag 26 december. Summer time from 29 March to 25 October 2026.
import { describe, expect, it } from "vitest";
import { roundDeadline, reminderDate } from "../../app/domain/rounds/terms.ts";
import { amsterdamInstant, deadlineInstant, describeTimeLeft, formatInstant } from "../../app/domain/rounds/state.ts";

describe("rounds: the deadline of a round", () => {
  it("an interview report gets 2 weeks, a draft report 4", () => {
    expect(roundDeadline("interview", "2026-03-02")).toMatchObject({ termWeeks: 2, deadlineDate: "2026-03-16" }); // ma → ma
    expect(roundDeadline("draft_report", "2026-04-02")).toMatchObject({ termWeeks: 4, deadlineDate: "2026-04-30" }); // do → do
  });

  it("the deadline is 23:59:59 in Amsterdam on the deadline date (winter and summer time)", () => {
    expect(roundDeadline("interview", "2026-03-02").deadlineAt.toISOString()).toBe("2026-03-16T22:59:59.000Z"); // CET, UTC+1
    expect(roundDeadline("draft_report", "2026-04-02").deadlineAt.toISOString()).toBe("2026-04-30T21:59:59.000Z"); // CEST, UTC+2
    // The days the clocks change.
    expect(deadlineInstant("2026-03-29").toISOString()).toBe("2026-03-29T21:59:59.000Z");
    expect(deadlineInstant("2026-10-25").toISOString()).toBe("2026-10-25T22:59:59.000Z");
    expect(deadlineInstant("2026-03-28").toISOString()).toBe("2026-03-28T22:59:59.000Z");
    // A wall time in the skipped hour moves forward by that hour (as Date does): 02:30 → 03:30 CEST.
    expect(amsterdamInstant("2026-03-29", 2, 30, 0).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(amsterdamInstant("2026-10-25", 12, 0, 0).toISOString()).toBe("2026-10-25T11:00:00.000Z");
  });

  it("a term ending on a weekend runs on to the Monday", () => {
    // Opened on a Saturday: 2 weeks later is Saturday 21 March → Monday 23 March.
    expect(roundDeadline("interview", "2026-03-07").deadlineDate).toBe("2026-03-23");
    expect(roundDeadline("interview", "2026-03-08").deadlineDate).toBe("2026-03-23"); // Sunday → Monday
  });

  it("a term ending on a public holiday runs on to the next werkdag", () => {
    // Friday 11 December + 2 weeks = 1e Kerstdag; the 26th is 2e Kerstdag and a Saturday, the 27th a Sunday.
    expect(roundDeadline("interview", "2026-12-11").deadlineDate).toBe("2026-12-28");
    // Thursday 16 April + 4 weeks = Hemelvaartsdag 14 May → Friday 15 May.
    expect(roundDeadline("draft_report", "2026-04-16").deadlineDate).toBe("2026-05-15");
    // Monday 13 April + 2 weeks = Koningsdag → Tuesday 28 April.
    expect(roundDeadline("interview", "2026-04-13").deadlineDate).toBe("2026-04-28");
    // Opened on 2e Paasdag: the term still counts from that day; Monday 20 April is a werkdag.
    expect(roundDeadline("interview", "2026-04-06").deadlineDate).toBe("2026-04-20");
    // Bevrijdingsdag is not a general day off (ADR 0002): the term ends on it.
    expect(roundDeadline("interview", "2026-04-21").deadlineDate).toBe("2026-05-05");
  });

  it("over a year boundary", () => {
    // Tuesday 22 December 2026 + 2 weeks = Tuesday 5 January 2027 (Nieuwjaarsdag lies inside the term).
    expect(roundDeadline("interview", "2026-12-22").deadlineDate).toBe("2027-01-05");
    // Friday 18 December + 2 weeks = Friday 1 January 2027 (Nieuwjaarsdag) → Monday 4 January.
    expect(roundDeadline("interview", "2026-12-18").deadlineDate).toBe("2027-01-04");
  });
});

describe("rounds: the reminder 3 werkdagen before the deadline", () => {
  it("counts back over werkdagen only", () => {
    expect(reminderDate("2026-03-16")).toBe("2026-03-11"); // Monday → Wednesday before (Thu, Fri, Mon remain)
    expect(reminderDate("2026-03-20")).toBe("2026-03-17"); // Friday → Tuesday
    expect(reminderDate("2026-05-15")).toBe("2026-05-11"); // Hemelvaart (Thu 14) skipped → Monday 11 May
    expect(reminderDate("2026-04-28")).toBe("2026-04-22"); // Koningsdag and the weekend skipped → Wednesday 22 April
    expect(reminderDate("2026-12-28")).toBe("2026-12-22"); // Kerst and the weekend skipped → Tuesday 22 December
  });
});

describe("rounds: time left, in Dutch", () => {
  const deadline = new Date("2026-03-16T22:59:59.000Z");
  it("counts calendar days in Amsterdam, then hours on the last day", () => {
    expect(describeTimeLeft(deadline, new Date("2026-03-02T09:00:00Z"))).toBe("nog 14 dagen");
    expect(describeTimeLeft(deadline, new Date("2026-03-15T12:00:00Z"))).toBe("nog 1 dag (morgen is de laatste dag)");
    expect(describeTimeLeft(deadline, new Date("2026-03-16T10:00:00Z"))).toBe("laatste dag (nog 12 uur)");
    expect(describeTimeLeft(deadline, new Date("2026-03-16T22:30:00Z"))).toBe("laatste dag (nog minder dan een uur)");
    expect(describeTimeLeft(deadline, new Date("2026-03-16T22:59:59Z"))).toBe("termijn verstreken");
    expect(describeTimeLeft(deadline, new Date("2026-03-17T08:00:00Z"))).toBe("termijn verstreken");
  });
  it("formats an instant in Amsterdam time", () => {
    expect(formatInstant(deadline)).toBe("maandag 16 maart 2026 om 23.59 uur");
    expect(formatInstant(new Date("2026-07-01T10:05:00Z"))).toBe("woensdag 1 juli 2026 om 12.05 uur");
  });
});
