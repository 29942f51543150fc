// A round's term and its reminder (when, sent or not) on Termijnen and on the round page, and the
// reactant mails naming the case and the procesbegeleider's contact (issue 15), on the built app.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { runDueJobs } from "../../server/jobs/index.ts";
import { openRound } from "../../server/rounds/rounds.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0";

const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";
const clock = new TestClock(new Date("2026-03-02T09:00:00Z")); // Monday; deadline Monday 30 March
let app: TestApp;
let roundId: string;
const html = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "").replaceAll("&#x27;", "'");

beforeAll(async () => {
  app = await startTestApp({ clock });
  const [u] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
  roundId = await openRound(app.ctx, { id: u.id, name: u.name }, app.demoInvestigationId, { document: "draft_report", memberIds: [], linkInvitees: [{ name: "Ria Jansen", email: "ria@example.nl", relation: "nabestaande" }] }, app.url);
});

afterAll(async () => {
  await app?.stop();
});

async function pages(email: string) {
  const client = new HttpClient(app.url);
  await client.login(email);
  const termijnen = await html(await client.get(`/onderzoeken/${app.demoInvestigationId}/termijnen`));
  const round = await client.get(`/onderzoeken/${app.demoInvestigationId}/rondes/${roundId}`);
  return { termijnen, round: round.status === 200 ? await html(round) : "" };
}

describe("the round's term and reminder", () => {
  it("before the reminder day: Termijnen and the round page show the term and the planned reminder, not sent", async () => {
    const { termijnen, round } = await pages("begeleider@demo.ketenlijn.nl");
    expect(termijnen).toContain("Termijnen van de reactierondes");
    expect(termijnen).toContain("4 weken, van 02-03-2026 tot en met maandag 30 maart 2026 om 23.59 uur");
    expect(termijnen).toContain("Herinnering gepland op woensdag 25 maart 2026 (3 werkdagen voor de uiterste datum) aan wie dan nog niet heeft gereageerd; nog niet verstuurd.");
    expect(round).toContain("Herinnering gepland op woensdag 25 maart 2026");
  });

  it("after the job on the reminder day: sent, when and to how many; the reminder mail names the case and the contact", async () => {
    clock.set(new Date("2026-03-25T08:00:00Z"));
    await runDueJobs(app.ctx);
    const { termijnen, round } = await pages("begeleider@demo.ketenlijn.nl");
    expect(termijnen).toContain("Herinnering verstuurd op woensdag 25 maart 2026 aan 1 persoon.");
    expect(round).toContain("Herinnering verstuurd op woensdag 25 maart 2026 aan 1 persoon.");
    const mails = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, "ria@example.nl"));
    const reminder = mails.find((m) => m.subject.startsWith("Herinnering"))!;
    const invitation = mails.find((m) => m.subject.startsWith("Uitnodiging"))!;
    for (const m of [invitation, reminder]) {
      expect(m.text).toContain(DEMO_TITLE);
      expect(m.text).toContain("begeleider@demo.ketenlijn.nl");
    }
  });

  it("a ketenpartner sees the round's term on Termijnen (no names), not the round page", async () => {
    const { termijnen, round } = await pages("partner.a@demo.ketenlijn.nl");
    expect(termijnen).toContain("Herinnering verstuurd op woensdag 25 maart 2026 aan 1 persoon.");
    expect(termijnen).not.toContain("Ria Jansen");
    expect(round).toBe("");
  });
});
