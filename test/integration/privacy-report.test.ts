// Issue 16 (AVG): what the report downloads give away. The ketenpartners' .docx carries only the
// reactions of rounds the downloader may open, and names reactants and committee members by function
// and initials; the toezichthouder's version keeps the full names. Downloading a submitted version
// (it holds client identity) is logged as a view of client data, and the Logboek pages past 500 rows.
import { eq } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { submitVersion } from "../../server/report/versions.server.ts";
import { submitReaction } from "../../server/rounds/reactions.ts";
import { getRound, openRound } from "../../server/rounds/rounds.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";
import { signCodeFor } from "../helpers/sign-code.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0";

const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
const IN_A = "Reactie uit ronde A: de nazorg ontbreekt.";
const IN_B = "Reactie uit ronde B: het gesprek was op dinsdag.";

let app: TestApp;
let inv: string;
let lead: { id: string; name: string };
let leadHttp: HttpClient;
let partnerA: HttpClient;

async function docxText(client: HttpClient, voor: string): Promise<string> {
  const res = await client.get(`/onderzoeken/${inv}/rapport.docx?voor=${voor}`);
  expect(res.status).toBe(200);
  return (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
}

describe.skipIf(!hasBuild())("privacy of the report downloads", () => {
  beforeAll(async () => {
    app = await startTestApp({ clock });
    inv = app.demoInvestigationId;
    const users = await app.ctx.db.select().from(schema.users);
    const byEmail = (e: string) => users.find((u) => u.email === e)!;
    lead = { id: byEmail("begeleider@demo.ketenlijn.nl").id, name: byEmail("begeleider@demo.ketenlijn.nl").name };
    const partner = byEmail("partner.a@demo.ketenlijn.nl");

    // Round A: partner A (member) and a next of kin (link). Round B: only a link invitee.
    const roundA = await openRound(app.ctx, lead, inv, { document: "draft_report", memberIds: [partner.id], linkInvitees: [{ name: "Anna de Wit", email: "anna@example.nl", relation: "nabestaande" }] }, app.url);
    const roundB = await openRound(app.ctx, lead, inv, { document: "draft_report", memberIds: [], linkInvitees: [{ name: "Karin van der Lam", email: "karin@example.nl", relation: "geïnterviewde" }] }, app.url);
    for (const [roundId, email, text, signerName, signerRole] of [
      [roundA, "anna@example.nl", IN_A, "Anna de Wit", "nabestaande"],
      [roundB, "karin@example.nl", IN_B, "Karin van der Lam", "geïnterviewde"],
    ] as const) {
      const round = (await getRound(app.ctx, inv, roundId))!;
      const [invitee] = await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.email, email));
      await submitReaction(app.ctx, round, invitee!, { reactionId: "", pointer: "general", versionHash: round.versionHash, correctsId: "", text }, { signerName, signerRole, code: await signCodeFor(app.ctx, round, invitee!) });
      clock.advance(60_000);
    }
    // A committee member recorded by full name.
    await app.ctx.db.insert(schema.committeeMembers).values({ investigationId: inv, name: "Willemijn Hoekstra", function: "Voorzitter", organisation: "Extern bureau", background: "Jurist", involvement: "niet betrokken", independence: "extern", position: 99 });

    leadHttp = new HttpClient(app.url);
    await leadHttp.login("begeleider@demo.ketenlijn.nl");
    partnerA = new HttpClient(app.url);
    await partnerA.login("partner.a@demo.ketenlijn.nl");
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("gives a ketenpartner only the reactions of rounds they took part in, by function and initials", async () => {
    const text = await docxText(partnerA, "ketenpartners");
    expect(text).toContain(IN_A);
    expect(text).not.toContain(IN_B);
    expect(text).toContain("nabestaande (A.d.W.)");
    expect(text).not.toContain("Anna de Wit");
    expect(text).not.toContain("Karin van der Lam");
    expect(text).not.toContain("Willemijn Hoekstra");
    expect(text).toContain("W.H.");
  });

  it("names reactants by function and initials in the procesbegeleider's ketenpartners' version too", async () => {
    const text = await docxText(leadHttp, "ketenpartners");
    expect(text).toContain(IN_A);
    expect(text).toContain(IN_B);
    expect(text).toContain("geïnterviewde (K.v.d.L.)");
    for (const name of ["Anna de Wit", "Karin van der Lam", "Willemijn Hoekstra"]) expect(text).not.toContain(name);
  });

  it("names earlier reactants by function and initials in a later round's frozen draft, the ketenpartners' report they read", async () => {
    // Issue 15: the draft a reactant opens is the ketenpartners' report, so Bijlage A follows the same rule.
    const later = await openRound(app.ctx, lead, inv, { document: "draft_report", memberIds: [], linkInvitees: [{ name: "Dirk Jansen", email: "dirk@example.nl", relation: "betrokkene" }] }, app.url);
    const res = await leadHttp.get(`/onderzoeken/${inv}/rondes/${later}/concept.docx`);
    expect(res.status).toBe(200);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    expect(text).toContain(IN_A);
    expect(text).toContain("nabestaande (A.d.W.)");
    expect(text).toContain("geïnterviewde (K.v.d.L.)");
    for (const name of ["Anna de Wit", "Karin van der Lam", "Willemijn Hoekstra"]) expect(text).not.toContain(name);
    expect(text).not.toContain("Uitgenodigd");
  });

  it("keeps the full names in the toezichthouder's version", async () => {
    const text = await docxText(leadHttp, "toezichthouder");
    for (const s of [IN_A, IN_B, "Anna de Wit (nabestaande)", "Karin van der Lam (geïnterviewde)", "Willemijn Hoekstra"]) expect(text).toContain(s);
  });

  it("logs the download of a submitted version as a view of client data, shown in the Logboek", async () => {
    const version = await submitVersion(app.ctx, lead, inv, { status: "concept", note: "" }, app.url);
    const toezicht = new HttpClient(app.url);
    await toezicht.login("toezicht@demo.ketenlijn.nl");
    const before = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "client.viewed"));
    const res = await toezicht.get(`/onderzoeken/${inv}/rapport/versies/${version.id}/docx`);
    expect(res.status).toBe(200);
    const after = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "client.viewed"));
    const added = after.filter((r) => !before.some((b) => b.id === r.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ investigationId: inv, details: { purpose: `ingediende rapportversie ${version.number} downloaden` } });
    const page = await (await leadHttp.get(`/onderzoeken/${inv}/logboek`)).text();
    expect(page).toContain(`ingediende rapportversie ${version.number} downloaden`);
  });

  it("pages the Logboek beyond 500 rows", async () => {
    // The oldest row of the investigation, then enough newer ones to push it past the first page.
    await app.ctx.db.insert(schema.auditLog).values({ at: new Date("2000-01-01T00:00:00Z"), action: "deadline.changed", investigationId: inv, details: { reason: "oudste-regel-marker" } });
    await app.ctx.db.insert(schema.auditLog).values(Array.from({ length: 520 }, (_, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, i)), action: "deadline.done", investigationId: inv, details: {} })));
    const first = await (await leadHttp.get(`/onderzoeken/${inv}/logboek`)).text();
    expect(first).not.toContain("oudste-regel-marker");
    expect(first).toContain("pagina=2");
    const second = await (await leadHttp.get(`/onderzoeken/${inv}/logboek?pagina=2`)).text();
    expect(second).toContain("oudste-regel-marker");
    expect(second).toContain("Nieuwere regels");
  });

  it("does not show the Logboek to a ketenpartner, on any page", async () => {
    expect((await partnerA.get(`/onderzoeken/${inv}/logboek?pagina=2`)).status).toBe(403);
  });
});
