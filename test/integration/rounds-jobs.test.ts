// The job loop of comment rounds (server/jobs): closing at the deadline and the reminder 3 werkdagen
// before it, exactly once, with two workers at once, after a worker dies half-way, and (with
// TEST_DATABASE_URL) with two app instances on one PostgreSQL.
import { and, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { startApp, type RunningApp } from "../../server/app.ts";
import { runDueJobs, startJobLoop } from "../../server/jobs/index.ts";
import { submitReaction } from "../../server/rounds/reactions.ts";
import { extendRound, getRound, openRound } from "../../server/rounds/rounds.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";
import { waitFor } from "./helpers/collab-client.ts";
import { signCodeFor } from "../helpers/sign-code.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0"; // the tests run the jobs themselves

const clock = new TestClock(new Date("2026-03-02T08:00:00Z")); // Monday 2 March 2026
let app: TestApp;
let lead: { id: string; name: string };
let partnerA: { id: string; email: string };

beforeAll(async () => {
  app = await startTestApp({ clock });
  const users = await app.ctx.db.select().from(schema.users);
  const b = users.find((u) => u.email === "begeleider@demo.ketenlijn.nl")!;
  lead = { id: b.id, name: b.name };
  const a = users.find((u) => u.email === "partner.a@demo.ketenlijn.nl")!;
  partnerA = { id: a.id, email: a.email };
});

afterAll(async () => {
  await app?.stop();
});

const people = (tag: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `Persoon ${tag}${i + 1} Test`, email: `${tag}${i + 1}@example.nl`, relation: "nabestaande" }));

async function mails(to: string, subjectStart: string) {
  return app.ctx.db.select().from(schema.outbox).where(and(eq(schema.outbox.to, to), like(schema.outbox.subject, `${subjectStart}%`)));
}
const CLOSING = "De reactietermijn is verstreken";
const REMINDER = "Herinnering: reageren kan nog";

async function openDraftRound(tag: string, n: number, memberIds: string[] = []) {
  return openRound(app.ctx, lead, app.demoInvestigationId, { document: "draft_report", memberIds, linkInvitees: people(tag, n) }, app.url);
}

describe("rounds jobs: reminders", () => {
  it("go out 3 werkdagen before the deadline, once, to those without a signed reaction; again after an extension", async () => {
    const roundId = await openDraftRound("r", 2, [partnerA.id]); // deadline Monday 30 March
    const round = (await getRound(app.ctx, app.demoInvestigationId, roundId))!;
    expect(round.deadlineDate).toBe("2026-03-30");
    const [first] = await app.ctx.db.select().from(schema.roundInvitees).where(and(eq(schema.roundInvitees.roundId, roundId), eq(schema.roundInvitees.email, "r1@example.nl")));
    await submitReaction(app.ctx, round, first, { reactionId: "", pointer: "general", text: "Ik heb gereageerd.", versionHash: round.versionHash, correctsId: "" }, { signerName: "Persoon r1 Test", signerRole: "nabestaande", code: await signCodeFor(app.ctx, round, first) });

    clock.set(new Date("2026-03-24T12:00:00Z")); // Tuesday: 4 werkdagen left
    expect((await runDueJobs(app.ctx)).remindersQueued).toBe(0);
    clock.set(new Date("2026-03-25T06:00:00Z")); // Wednesday 25 March, 07:00: Thu, Fri, Mon remain
    const report = await runDueJobs(app.ctx);
    expect(report).toMatchObject({ remindersQueued: 2, noticesSent: 2, closed: 0 });
    expect(await mails("r1@example.nl", REMINDER)).toHaveLength(0);
    expect(await mails("r2@example.nl", REMINDER)).toHaveLength(1);
    expect(await mails(partnerA.email, REMINDER)).toHaveLength(1);
    const [text] = await mails(partnerA.email, REMINDER);
    expect(text.text).toContain(`/onderzoeken/${app.demoInvestigationId}/rondes/${roundId}`);
    expect((await mails("r2@example.nl", REMINDER))[0].text).toContain("persoonlijke link uit de uitnodiging");

    await runDueJobs(app.ctx);
    await runDueJobs(app.ctx);
    expect(await mails("r2@example.nl", REMINDER)).toHaveLength(1);

    // Extended to Wednesday 8 April: the reminder day is Thursday 2 April (Easter Monday is skipped).
    await extendRound(app.ctx, lead.id, app.demoInvestigationId, roundId, { date: "2026-04-08", reason: "Meivakantie van de nabestaanden." });
    clock.set(new Date("2026-04-01T12:00:00Z"));
    expect((await runDueJobs(app.ctx)).remindersQueued).toBe(0);
    clock.set(new Date("2026-04-02T06:00:00Z"));
    expect((await runDueJobs(app.ctx)).remindersQueued).toBe(2);
    expect(await mails("r2@example.nl", REMINDER)).toHaveLength(2);

    // And at the (extended) deadline the round closes: one closing notice each, saying whether they reacted.
    clock.set(new Date("2026-04-08T21:59:58Z")); // 23:59:58 CEST: not yet
    expect((await runDueJobs(app.ctx)).closed).toBe(0);
    clock.set(new Date("2026-04-08T22:00:00Z"));
    expect((await runDueJobs(app.ctx)).closed).toBe(1);
    expect((await mails("r1@example.nl", CLOSING))[0].text).toContain("uw ondertekende reactie ontvangen");
    expect((await mails("r2@example.nl", CLOSING))[0].text).toContain("geen reactie ontvangen");
    expect(await mails(partnerA.email, CLOSING)).toHaveLength(1);
  });
});

describe("rounds jobs: exactly once", () => {
  it("two workers at once close a round once and send one closing mail per invitee", async () => {
    const roundId = await openDraftRound("w", 3); // opened Thursday 9 April (00:00 in Amsterdam) → Thursday 7 May
    const round = (await getRound(app.ctx, app.demoInvestigationId, roundId))!;
    expect(round.deadlineDate).toBe("2026-05-07");
    clock.set(new Date("2026-05-08T06:00:00Z"));
    const reports = await Promise.all([runDueJobs(app.ctx), runDueJobs(app.ctx), runDueJobs(app.ctx)]);
    expect(reports.reduce((n, r) => n + r.closed, 0)).toBe(1);
    expect(reports.reduce((n, r) => n + r.noticesSent, 0)).toBe(3);
    for (const p of people("w", 3)) expect(await mails(p.email, CLOSING), p.email).toHaveLength(1);
    const audits = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "round.closed"));
    expect(audits.filter((a) => (a.details as { roundId?: string }).roundId === roundId)).toHaveLength(1);
    const closed = (await getRound(app.ctx, app.demoInvestigationId, roundId))!;
    await runDueJobs(app.ctx);
    expect((await getRound(app.ctx, app.demoInvestigationId, roundId))!.closedAt).toEqual(closed.closedAt);
    for (const p of people("w", 3)) expect(await mails(p.email, CLOSING)).toHaveLength(1);
  });

  it("a worker that dies right after closing, or after claiming a mail, leaves the rest to the next run: no mail lost, none twice", async () => {
    const roundId = await openDraftRound("c", 2); // opened Friday 8 May → deadline Friday 5 June
    clock.set(new Date("2026-06-06T06:00:00Z"));
    await expect(runDueJobs(app.ctx, { afterClose: () => Promise.reject(new Error("proces gestopt")) })).rejects.toThrow("proces gestopt");
    expect((await getRound(app.ctx, app.demoInvestigationId, roundId))!.closedAt).not.toBeNull();
    expect(await mails("c1@example.nl", CLOSING)).toHaveLength(0);
    const pending = await app.ctx.db.select().from(schema.roundNotices).where(eq(schema.roundNotices.roundId, roundId));
    expect(pending.map((n) => [n.kind, n.sentAt])).toEqual([
      ["closing", null],
      ["closing", null],
    ]);

    // The next worker dies after claiming the first mail: its claim rolls back with the mail.
    await expect(runDueJobs(app.ctx, { afterNoticeClaim: () => Promise.reject(new Error("stroom uitgevallen")) })).rejects.toThrow("stroom uitgevallen");
    expect(await mails("c1@example.nl", CLOSING)).toHaveLength(0);
    expect((await app.ctx.db.select().from(schema.roundNotices).where(eq(schema.roundNotices.roundId, roundId))).every((n) => n.sentAt === null)).toBe(true);

    // After the "restart" it completes.
    const report = await runDueJobs(app.ctx);
    expect(report).toMatchObject({ closed: 0, noticesSent: 2 });
    await runDueJobs(app.ctx);
    expect(await mails("c1@example.nl", CLOSING)).toHaveLength(1);
    expect(await mails("c2@example.nl", CLOSING)).toHaveLength(1);
  });

  it("the loop in the server process closes a round by itself", async () => {
    const roundId = await openDraftRound("l", 1); // opened Saturday 6 June → Saturday 4 July → Monday 6 July
    expect((await getRound(app.ctx, app.demoInvestigationId, roundId))!.deadlineDate).toBe("2026-07-06");
    clock.set(new Date("2026-07-07T08:00:00Z"));
    const loop = startJobLoop(app.ctx, { intervalMs: 50, log: () => {} });
    try {
      await waitFor(async () => (await getRound(app.ctx, app.demoInvestigationId, roundId))!.closedAt !== null, "round closed by the loop");
      await waitFor(async () => (await mails("l1@example.nl", CLOSING)).length === 1, "closing mail");
    } finally {
      await loop.stop();
    }
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("rounds jobs: two app instances on one PostgreSQL", () => {
  let second: RunningApp;
  beforeAll(async () => {
    second = await startApp({ ...app.ctx.config, port: 0 }, { clock, log: () => {} });
  });
  afterAll(async () => {
    await second?.close();
  });

  it("close each round once and send each mail once", async () => {
    const ids = [await openDraftRound("pa", 3), await openDraftRound("pb", 2)];
    clock.advance(40 * 86_400_000);
    const runs = [app.ctx, second.ctx, app.ctx, second.ctx, second.ctx, app.ctx].map((ctx) => runDueJobs(ctx));
    const reports = await Promise.all(runs);
    expect(reports.reduce((n, r) => n + r.closed, 0)).toBe(2);
    // Another worker may still have been delivering when one stopped: finish, then count.
    await runDueJobs(second.ctx);
    for (const p of [...people("pa", 3), ...people("pb", 2)]) expect(await mails(p.email, CLOSING), p.email).toHaveLength(1);
    for (const id of ids) expect((await getRound(app.ctx, app.demoInvestigationId, id))!.closedAt).not.toBeNull();
  });
});
