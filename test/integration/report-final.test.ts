// Submitting the report "definitief" (issue 15), over real HTTP on the built app: a confirm step
// that warns about open rounds; afterwards the report's deadlines are met, the phase moves on,
// and the final report goes to the reactants who reacted with one action (seed 002 stap 6).
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { submitReaction } from "../../server/rounds/reactions.ts";
import { inviteeForUser, openRound } from "../../server/rounds/rounds.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0";

const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
let app: TestApp;
let id: string;
let lead: HttpClient;
let roundId: string;
let partnerEmail: string;
const html = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");
const versies = () => `/onderzoeken/${id}/rapport/versies`;
const definitief = { intent: "submit", status: "definitief", note: "", confirmIncomplete: "on" };

beforeAll(async () => {
  app = await startTestApp({ clock });
  id = app.demoInvestigationId;
  const [u] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
  const [a] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "partner.a@demo.ketenlijn.nl"));
  partnerEmail = a.email;
  roundId = await openRound(app.ctx, { id: u.id, name: u.name }, id, { document: "draft_report", memberIds: [a.id], linkInvitees: [] }, app.url);
  const [round] = await app.ctx.db.select().from(schema.commentRounds).where(eq(schema.commentRounds.id, roundId));
  const invitee = (await inviteeForUser(app.ctx, roundId, a.id))!;
  await submitReaction(app.ctx, round, invitee, { reactionId: "", pointer: "general", text: "De Brug had het dossier pas in augustus.", versionHash: round.versionHash, correctsId: "" }, { signerName: a.name, signerRole: "ketenpartner" });
  lead = new HttpClient(app.url);
  await lead.login("begeleider@demo.ketenlijn.nl");
});

afterAll(async () => {
  await app?.stop();
});

describe("submitting definitief", () => {
  it("asks for confirmation first and warns about the open round (term running, a reaction without disposition); nothing is stored yet", async () => {
    const res = await lead.post(versies(), definitief);
    expect(res.status).toBe(200);
    const page = await html(res);
    expect(page).toContain("Definitief indienen bevestigen");
    expect(page).toContain("Conceptrapport: de termijn loopt nog tot en met maandag 30 maart 2026 en 1 reactie is nog niet afgehandeld.");
    expect(page).toContain("Toch definitief indienen");
    expect(await app.ctx.db.select().from(schema.reportVersions)).toHaveLength(0);
    // "Terug" gives the form back without submitting.
    const back = await html(await lead.post(versies(), { ...definitief, intent: "submit-edit" }));
    expect(back).not.toContain("Definitief indienen bevestigen");
    expect(await app.ctx.db.select().from(schema.reportVersions)).toHaveLength(0);
  });

  it("a concept version needs no confirmation", async () => {
    const res = await lead.post(versies(), { intent: "submit", status: "concept", note: "" });
    expect(res.status).toBe(302);
  });

  it("confirmed: stored; the report's deadlines in Termijnen are met, the phase is Afronding, and the Logboek says so", async () => {
    const before = await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, id));
    expect(before[0].phase).not.toBe("afronding");
    const res = await lead.post(versies(), { ...definitief, confirmed: "1" });
    expect(res.status).toBe(302);
    const deadlines = await app.ctx.db.select().from(schema.deadlines).where(and(eq(schema.deadlines.investigationId, id), eq(schema.deadlines.key, "eigen_onderzoek")));
    expect(deadlines[0].doneAt).toBe("2026-03-02");
    const [inv] = await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, id));
    expect(inv.phase).toBe("afronding");
    const termijnen = await html(await lead.get(`/onderzoeken/${id}/termijnen`));
    const row = /<tr[^>]*>(?:(?!<\/tr>).)*Onderzoeksrapport van het eigen onderzoek(?:(?!<\/tr>).)*<\/tr>/s.exec(termijnen)?.[0] ?? "";
    expect(row).toContain("Afgerond");
    const logged = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "report.final_applied"));
    expect(logged[0].details).toMatchObject({ deadlinesMet: expect.arrayContaining(["eigen_onderzoek"]), phase: { to: "afronding" } });
  });
});

describe("the final report to the reactants who reacted", () => {
  it("lists who reacted; one action mails each a personal link to the ketenpartners' version; logged; not sent twice", async () => {
    const page = await html(await lead.get(versies()));
    expect(page).toContain("Definitief rapport naar de indieners van reacties");
    expect(page).toContain("nog niet verstuurd");
    const [version] = (await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.status, "definitief")));
    const res = await lead.post(versies(), { intent: "send-final", versionId: version.id });
    expect(res.status).toBe(302);
    const mails = (await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, partnerEmail))).filter((m) => m.subject.startsWith("Het definitieve rapport"));
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toContain(DEMO_TITLE);
    expect(mails[0].text).toContain("begeleider@demo.ketenlijn.nl");
    const link = /\/rapport-definitief\/([A-Za-z0-9_-]+)/.exec(mails[0].text)![0];

    // The link works without an account and gives the .docx (the ketenpartners' version: no client identity).
    const file = await new HttpClient(app.url).get(link);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toContain("wordprocessingml");
    const zip = await JSZip.loadAsync(Buffer.from(await file.arrayBuffer()));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("Versie 2");
    expect((await new HttpClient(app.url).get("/rapport-definitief/onbekend-maar-lang-genoeg-token")).status).toBe(404);

    const [sent] = await app.ctx.db.select().from(schema.finalReportSends);
    expect(sent.downloadedAt).not.toBeNull();
    // Exactly the ketenpartners' copy stored with the definitief version, not a render of today's report.
    expect(version.partnersSha256).toBeTruthy();
    expect(sent.sha256).toBe(version.partnersSha256);
    expect(JSON.stringify(sent.tokenHash)).not.toContain(link.split("/").pop()!);
    const logged = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "report.final_sent"));
    expect(logged[0].details).toMatchObject({ recipients: 1, number: 2 });

    const after = await html(await lead.get(versies()));
    expect(after).toContain("verstuurd op maandag 2 maart 2026");
    expect(after).toContain("Iedereen die heeft gereageerd heeft het definitieve rapport ontvangen.");
    // The Logboek says it in Dutch.
    const logboek = await html(await lead.get(`/onderzoeken/${id}/logboek`));
    expect(logboek).toContain("Definitief rapport gemaild aan de indieners van reacties");
    expect(logboek).toContain("ontvangers: 1");
    expect(logboek).toContain("termijnen gehaald: onderzoeksrapport van het eigen onderzoek");
    expect(logboek).toMatch(/fase: [A-Z][a-z]+ → Afronding/);
    expect(logboek).not.toMatch(/draft_report|deadlinesMet|signedWith|eigen_onderzoek/);
    const again = await lead.post(versies(), { intent: "send-final", versionId: version.id });
    expect(again.status).toBe(409);
    expect(await html(again)).toContain("heeft het definitieve rapport al ontvangen");
  });

  it("only the procesbegeleider sends it", async () => {
    const [version] = await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.status, "definitief"));
    const partner = new HttpClient(app.url);
    await partner.login(partnerEmail);
    expect((await partner.post(versies(), { intent: "send-final", versionId: version.id })).status).toBe(403);
  });
});

describe("the toezichthouder's assessment form", () => {
  it("shows every field error on the first submit, the missing remark for 'onvoldoende' among them", async () => {
    const [version] = await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.status, "definitief"));
    const toezicht = new HttpClient(app.url);
    await toezicht.login("toezicht@demo.ketenlijn.nl");
    const res = await toezicht.post(versies(), { intent: "assess", versionId: version.id, onderzoeksopzet: "", navolgbaarheid: "onvoldoende", navolgbaarheidRemark: "", verbetermaatregelen: "voldoende", verslag: "" });
    expect(res.status).toBe(400);
    const page = await html(res);
    expect(page).toContain("Kies voldoende of onvoldoende voor de onderzoeksopzet.");
    expect(page).toContain("Licht toe waarom dit onvoldoende is.");
    expect(page).toContain("Schrijf een kort verslag van de beoordeling");
    expect(await app.ctx.db.select().from(schema.reportAssessments)).toHaveLength(0);
  });
});
