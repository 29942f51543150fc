import { describe, expect, it } from "vitest";
import { describeReminder } from "../../app/domain/rounds/reminders.ts";

const base = { deadlineDate: "2026-03-30", ended: false, today: "2026-03-02", waiting: 2, queued: 0, sent: 0, lastSentOn: null };

describe("a round's reminder in words", () => {
  it("planned before the reminder day (3 werkdagen before the deadline)", () => {
    expect(describeReminder(base)).toMatchObject({ date: "2026-03-25", status: "planned" });
  });
  it("sent, with the day and how many; partly sent says how many are left", () => {
    expect(describeReminder({ ...base, today: "2026-03-25", queued: 2, sent: 2, lastSentOn: "2026-03-25" }).text).toBe("Herinnering verstuurd op woensdag 25 maart 2026 aan 2 personen.");
    expect(describeReminder({ ...base, today: "2026-03-25", queued: 2, sent: 1, lastSentOn: "2026-03-25" })).toMatchObject({ status: "pending", text: expect.stringContaining("1 nog te versturen") });
  });
  it("not needed when everyone had reacted; none when the term ended without one", () => {
    expect(describeReminder({ ...base, today: "2026-03-26", waiting: 0 }).status).toBe("not_needed");
    expect(describeReminder({ ...base, today: "2026-03-31", ended: true }).status).toBe("none");
  });
});
