// The round state machine: open → closed → complete, late reactions, extension, link validity.
import { describe, expect, it } from "vitest";
import { extensionProblem, linkState, linkValidUntil, reactWindow, roundState, type InviteeFacts, type ReactionFacts } from "../../app/domain/rounds/state.ts";

const deadlineAt = new Date("2026-03-16T22:59:59.000Z");
const before = new Date("2026-03-10T10:00:00Z");
const after = new Date("2026-03-17T08:00:00Z");
const open = { deadlineAt, closedAt: null, deadlineDate: "2026-03-16" };
const closedByJob = { deadlineAt, closedAt: new Date("2026-03-16T23:00:30Z"), deadlineDate: "2026-03-16" };
const nobody: InviteeFacts = { lateAllowedUntil: null };
const submitted = (disposition: ReactionFacts["disposition"] = null): ReactionFacts => ({ status: "submitted", disposition });
const draft: ReactionFacts = { status: "draft", disposition: null };

describe("rounds: state", () => {
  it("is open before the deadline, whatever the reactions", () => {
    expect(roundState(open, [], [nobody], before)).toBe("open");
    expect(roundState(open, [submitted("verwerkt")], [nobody], before)).toBe("open");
  });

  it("is closed once the deadline has passed, even before the job has run", () => {
    expect(roundState(open, [], [nobody], after)).toBe("closed");
    expect(roundState(open, [], [nobody], deadlineAt)).toBe("closed"); // 23:59:59 itself is too late
  });

  it("stays closed while a signed reaction waits for its disposition", () => {
    expect(roundState(closedByJob, [submitted("verwerkt"), submitted()], [nobody], after)).toBe("closed");
  });

  it("is complete when closed by the job and every signed reaction has a disposition (drafts do not count)", () => {
    expect(roundState(closedByJob, [submitted("verwerkt"), submitted("terzijde"), draft], [nobody], after)).toBe("complete");
    expect(roundState(closedByJob, [], [nobody], after)).toBe("complete"); // nobody reacted
  });

  it("a running late allowance keeps it closed; an accepted late reaction reopens the handling", () => {
    const allowed: InviteeFacts = { lateAllowedUntil: new Date("2026-03-20T22:59:59Z") };
    expect(roundState(closedByJob, [submitted("verwerkt")], [allowed], after)).toBe("closed");
    expect(roundState(closedByJob, [submitted("verwerkt")], [allowed], new Date("2026-03-21T08:00:00Z"))).toBe("complete");
    // The late one came in: closed again until it has a disposition.
    expect(roundState(closedByJob, [submitted("verwerkt"), submitted()], [allowed], new Date("2026-03-21T08:00:00Z"))).toBe("closed");
    expect(roundState(closedByJob, [submitted("verwerkt"), submitted("terzijde")], [allowed], new Date("2026-03-21T08:00:00Z"))).toBe("complete");
  });
});

describe("rounds: who may react when", () => {
  it("on time before the deadline", () => {
    expect(reactWindow(open, nobody, before)).toEqual({ ok: true, late: false });
  });
  it("not after the deadline, nor once the job closed it", () => {
    expect(reactWindow(open, nobody, after)).toEqual({ ok: false, reason: "closed" });
    expect(reactWindow(closedByJob, nobody, before)).toEqual({ ok: false, reason: "closed" });
  });
  it("late only with an allowance for that person, and only until it ends", () => {
    const allowed: InviteeFacts = { lateAllowedUntil: new Date("2026-03-20T22:59:59Z") };
    expect(reactWindow(closedByJob, allowed, after)).toEqual({ ok: true, late: true });
    expect(reactWindow(closedByJob, allowed, new Date("2026-03-21T00:00:00Z"))).toEqual({ ok: false, reason: "closed" });
  });
  it("never through a revoked link", () => {
    expect(reactWindow(open, { lateAllowedUntil: null, linkRevokedAt: before }, before)).toEqual({ ok: false, reason: "revoked" });
  });
});

describe("rounds: the personal link", () => {
  it("works until the deadline plus 3 days to read, or the late allowance plus 3 days", () => {
    expect(linkValidUntil(open, nobody).toISOString()).toBe("2026-03-19T22:59:59.000Z");
    expect(linkValidUntil(open, { lateAllowedUntil: new Date("2026-03-25T22:59:59Z") }).toISOString()).toBe("2026-03-28T22:59:59.000Z");
    expect(linkState(open, nobody, after)).toBe("active"); // after the deadline: still readable
    expect(linkState(open, nobody, new Date("2026-03-19T23:00:00Z"))).toBe("expired");
    expect(linkState(open, { lateAllowedUntil: null, linkRevokedAt: before }, before)).toBe("revoked");
  });
});

describe("rounds: extension", () => {
  it("needs an open round and a later date", () => {
    expect(extensionProblem(open, "2026-03-23", before)).toBeNull();
    expect(extensionProblem(open, "2026-03-16", before)).toBe("Kies een nieuwe uiterste datum ná de huidige.");
    expect(extensionProblem(open, "2026-03-23", after)).toMatch(/al gesloten/);
    expect(extensionProblem(closedByJob, "2026-03-23", before)).toMatch(/al gesloten/);
  });
});
