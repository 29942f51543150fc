// Loading the report input (server/report/load.server.ts) from a real database with the demo seed:
// the committee in its order, the interviews by date, only signed reactions with what was done with
// them, the current document with the demo's report texts, and the client's identity only in the
// toezichthouder's version (the ketenpartners' version has only the status of item 1a).
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { buildReport } from "../../app/domain/report/build.ts";
import { DEMO_REPORT_SECTIONS } from "../../app/domain/report/demo-report.ts";
import { narrativeStatus, sectionBlocks, blocksText } from "../../app/domain/report/narrative.ts";
import { schema } from "../../db/client.ts";
import { appendUpdates, loadDoc } from "../../server/collab/persistence.ts";
import { loadReportInput, ReportNotFoundError } from "../../server/report/load.server.ts";
import { createInterview } from "../../server/rounds/interviews.ts";
import { saveDraft, submitReaction } from "../../server/rounds/reactions.ts";
import { getRound, openRound, recordDisposition } from "../../server/rounds/rounds.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";
import { signCodeFor } from "../helpers/sign-code.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0";

const clock = new TestClock(new Date("2026-03-02T09:00:00Z")); // Monday
const OPTS = { versionLabel: "Werkversie", status: "concept" as const, today: "2026-03-02" };
const CLIENT_NAME = "M. Voorbeeld (fictief)";
const CLIENT_BIRTH = "1989-04-12";

let app: TestApp;
let inv: string;
let lead: { id: string; name: string };

beforeAll(async () => {
  app = await startTestApp({ clock });
  inv = app.demoInvestigationId;
  const [u] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
  lead = { id: u.id, name: u.name };

  // Two interviews, created out of date order.
  await createInterview(app.ctx, lead.id, inv, { personFunction: "Gezinsbegeleider", initials: "N.A.", organisation: "Stichting Jeugdhulp De Brug", relation: "betrokken hulpverlener", heldOn: "2026-02-19", interviewers: "R.K., M.S." });
  await createInterview(app.ctx, lead.id, inv, { personFunction: "Wijkcoach", initials: "J.B.", organisation: "Wijkteam Noord", relation: "betrokken hulpverlener", heldOn: "2026-02-12", interviewers: "R.K., H.d.B." });

  // A round on the draft report: one signed reaction with a disposition, one signed without, one draft.
  const roundId = await openRound(
    app.ctx,
    lead,
    inv,
    {
      document: "draft_report",
      memberIds: [],
      linkInvitees: [
        { name: "Anna de Wit", email: "anna@example.nl", relation: "nabestaande" },
        { name: "Karin Lam", email: "karin@example.nl", relation: "geïnterviewde" },
        { name: "Dirk Drafter", email: "dirk@example.nl", relation: "geïnterviewde" },
      ],
    },
    app.url,
  );
  const round = (await getRound(app.ctx, inv, roundId))!;
  const invitees = await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.roundId, roundId));
  const who = (email: string) => invitees.find((i) => i.email === email)!;
  const draft = { reactionId: "", pointer: "general", versionHash: round.versionHash, correctsId: "" };
  const anna = await submitReaction(app.ctx, round, who("anna@example.nl"), { ...draft, text: "De nazorg voor kind 1 ontbreekt in 7d." }, { signerName: "Anna de Wit", signerRole: "nabestaande", code: await signCodeFor(app.ctx, round, who("anna@example.nl")) });
  clock.advance(60_000);
  await submitReaction(app.ctx, round, who("karin@example.nl"), { ...draft, text: "Het gesprek was op een andere dag." }, { signerName: "Karin Lam", signerRole: "geïnterviewde", code: await signCodeFor(app.ctx, round, who("karin@example.nl")) });
  await saveDraft(app.ctx, round, who("dirk@example.nl"), { ...draft, text: "Nog niet ondertekend." });
  clock.advance(60_000);
  await recordDisposition(app.ctx, lead, inv, roundId, { reactionId: anna.reactionId, kind: "verwerkt", note: "Toegevoegd aan 7d, tweede alinea." });
});

afterAll(async () => {
  await app?.stop();
});

describe("loadReportInput", () => {
  it("returns the investigation, the committee in order and the interviews by date", async () => {
    const { doc, input, checklist } = await loadReportInput(app.ctx, inv, "ketenpartners", OPTS);
    doc.destroy();
    // The demo is a Jeugdwet case under the IGJ: the IGJ's checklist.
    expect(checklist.id).toBe("bijlage1-igj");
    expect(input).toMatchObject({ audience: "ketenpartners", versionLabel: "Werkversie", status: "concept", today: "2026-03-02" });
    expect(input.investigation).toMatchObject({ id: inv, title: "Overlijden moeder, gezin Noord (demo)", supervisor: "igj", legalFrame: "jeugdwet", analysisMethod: "prisma" });
    expect(input.committee.map((m) => [m.name, m.position, m.independence])).toEqual([
      ["R.K.", 0, "extern"],
      ["M.S.", 1, "intern_niet_betrokken"],
      ["H.d.B.", 2, "intern_niet_betrokken"],
    ]);
    expect(input.committee.every((m) => m.function && m.background && m.involvement)).toBe(true);
    expect(input.interviews.map((i) => [i.heldOn, i.personFunction, i.initials])).toEqual([
      ["2026-02-12", "Wijkcoach", "J.B."],
      ["2026-02-19", "Gezinsbegeleider", "N.A."],
    ]);
    // The title page's authors and contact: the procesbegeleider, never the ketenpartners or the toezichthouder.
    expect(input.authors).toEqual(["Petra de Vries"]);
    expect(input.contact).toBe("Petra de Vries, begeleider@demo.ketenlijn.nl");
  });

  it("returns only signed reactions, each with its disposition when one was recorded", async () => {
    const { doc, input } = await loadReportInput(app.ctx, inv, "ketenpartners", OPTS);
    doc.destroy();
    expect(input.reactions).toHaveLength(2);
    const [anna, karin] = input.reactions;
    expect(anna).toMatchObject({
      roundKind: "draft_report",
      signerName: "Anna de Wit",
      signerRole: "nabestaande",
      signedOn: "2026-03-02",
      pointerLabel: "Algemeen (het hele document)",
      text: "De nazorg voor kind 1 ontbreekt in 7d.",
      late: false,
      disposition: { kind: "verwerkt", note: "Toegevoegd aan 7d, tweede alinea.", decidedOn: "2026-03-02" },
    });
    expect(anna.roundTitle).toBe("Conceptrapport");
    expect(karin).toMatchObject({ signerName: "Karin Lam", disposition: null });
    expect(JSON.stringify(input.reactions)).not.toContain("Nog niet ondertekend");
  });

  it("the ketenpartners' version never contains the client's identity, only the status of 1a; nothing is audited", async () => {
    const auditBefore = await app.ctx.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.investigationId, inv), eq(schema.auditLog.action, "client.viewed")));
    const { doc, input, checklist } = await loadReportInput(app.ctx, inv, "ketenpartners", OPTS);
    try {
      expect(input.client).toBeNull();
      expect(input.clientStatus).toBe("gereed");
      const json = JSON.stringify(input);
      expect(json).not.toContain("Voorbeeld");
      expect(json).not.toContain(CLIENT_BIRTH);
      // Nor does the model built from it.
      const model = JSON.stringify(buildReport(doc, input, checklist));
      expect(model).not.toContain("Voorbeeld");
      expect(model).not.toContain(CLIENT_BIRTH);
    } finally {
      doc.destroy();
    }
    const auditAfter = await app.ctx.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.investigationId, inv), eq(schema.auditLog.action, "client.viewed")));
    expect(auditAfter.length).toBe(auditBefore.length);
  });

  it("the toezichthouder's version has the client's identity (the caller audits that read)", async () => {
    const { doc, input } = await loadReportInput(app.ctx, inv, "toezichthouder", OPTS);
    doc.destroy();
    expect(input.client).toMatchObject({ name: CLIENT_NAME, dateOfBirth: CLIENT_BIRTH, sex: "vrouw" });
    expect(input.clientStatus).toBeUndefined();
  });

  it("1a's status for a version without identity follows what is filled in, without reading it", async () => {
    const other = await app.ctx.db
      .insert(schema.investigations)
      .values({ title: "Zonder cliënt", kind: "calamiteit", legalFrame: "wmo", reportingCriterion: "overig", supervisor: "toezicht_wmo", analysisMethod: "sire", phase: "onderzoek" })
      .returning({ id: schema.investigations.id });
    const id = other[0].id;
    const status = async () => {
      const { doc, input } = await loadReportInput(app.ctx, id, "ketenpartners", OPTS);
      doc.destroy();
      return input.clientStatus;
    };
    expect(await status()).toBe("leeg");
    await app.ctx.db.insert(schema.clientIdentities).values({ investigationId: id, name: "Iemand", sex: "" });
    expect(await status()).toBe("in_concept");
  });

  it("the document is the current one, with the demo's report texts", async () => {
    const { doc, input, checklist } = await loadReportInput(app.ctx, inv, "ketenpartners", OPTS);
    try {
      for (const id of DEMO_REPORT_SECTIONS) expect(sectionBlocks(doc, id).length, `section ${id}`).toBeGreaterThan(0);
      expect(sectionBlocks(doc, "7e")).toEqual([]);
      expect(sectionBlocks(doc, "7f")).toEqual([]);
      expect(blocksText(sectionBlocks(doc, "3"))).toContain("De gezinsbegeleider (N.A.)");
      expect(narrativeStatus(blocksText(sectionBlocks(doc, "5d"))).status).toBe("in_concept");
      expect(doc.getMap("events").size).toBeGreaterThan(50);
      const items = new Map(buildReport(doc, input, checklist).chapters.flatMap((c) => c.items).map((i) => [i.id, i]));
      expect(items.get("3")?.status).toBe("gereed");
      expect(items.get("5d")?.status).toBe("in_concept");
      expect(items.get("7e")?.status).toBe("leeg");
      expect(items.get("1c")?.status).toBe("gereed");
      expect(items.get("4a")?.status).toBe("gereed");
    } finally {
      doc.destroy();
    }

    // A change written through the update log (as the collaboration server does) is in the next load.
    const stored = await loadDoc(app.ctx.db, inv);
    const sv = Y.encodeStateVector(stored);
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText("De bestuurder van De Brug heeft de familie persoonlijk gesproken.")]);
    stored.getXmlFragment("section:7f").insert(0, [p]);
    await appendUpdates(app.ctx.db, inv, [{ userId: lead.id, at: clock.now(), update: Y.encodeStateAsUpdate(stored, sv), entityIds: ["section:7f"] }]);
    stored.destroy();
    const again = await loadReportInput(app.ctx, inv, "ketenpartners", OPTS);
    expect(blocksText(sectionBlocks(again.doc, "7f"))).toContain("persoonlijk gesproken");
    again.doc.destroy();
  });

  it("an unknown investigation is an error, not an empty report", async () => {
    await expect(loadReportInput(app.ctx, "00000000-0000-4000-8000-000000000000", "ketenpartners", OPTS)).rejects.toBeInstanceOf(ReportNotFoundError);
  });
});
