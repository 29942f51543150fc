// Issue 16 (AVG): the procesbegeleider's privacy page. The persons held, everything on one of them
// as JSON, erasure (refused with the reason for someone in a submitted report version), closing
// the investigation and the job loop deleting it after the retention period, setting the retention
// period of the procesbegeleider's own organisation, all audited; a ketenpartner can do none of it.
// A restricted person is also hidden on the rounds and interview pages from everyone else.
import { and, count, eq } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { runDueJobs } from "../../server/jobs/index.ts";
import { addDays, formatDutchDate } from "../../app/domain/calendar-date.ts";
import { ERASE_REFUSED } from "../../server/privacy/persons.ts";
import { addYears } from "../../server/privacy/retention.ts";
import { submitVersion } from "../../server/report/versions.server.ts";
import { createInterview } from "../../server/rounds/interviews.ts";
import { submitReaction } from "../../server/rounds/reactions.ts";
import { getRound, openRound } from "../../server/rounds/rounds.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";
import { signCodeFor } from "../helpers/sign-code.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0";

const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
const CLIENT_NAME = "M. Voorbeeld (fictief)";
const ANNA_TEXT = "Mijn reactie: de nazorg ontbreekt.";

let app: TestApp;
let inv: string;
let lead: { id: string; name: string };
let leadHttp: HttpClient;
let partner: HttpClient;

const audits = (action: string) => app.ctx.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.investigationId, inv), eq(schema.auditLog.action, action)));
const privacyUrl = () => `/onderzoeken/${inv}/privacy`;
/** A page's HTML without React's text separators (`<!-- -->`). */
const page = async (c: HttpClient, url: string) => (await (await c.get(url)).text()).replaceAll("<!-- -->", "");

describe.skipIf(!hasBuild())("data-subject rights and retention", () => {
  beforeAll(async () => {
    app = await startTestApp({ clock });
    inv = app.demoInvestigationId;
    const [u] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
    lead = { id: u!.id, name: u!.name };
    const roundId = await openRound(app.ctx, lead, inv, { document: "draft_report", memberIds: [], linkInvitees: [{ name: "Anna de Wit", email: "anna@example.nl", relation: "nabestaande" }] }, app.url);
    const round = (await getRound(app.ctx, inv, roundId))!;
    const [invitee] = await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.roundId, roundId));
    await submitReaction(app.ctx, round, invitee!, { reactionId: "", pointer: "general", versionHash: round.versionHash, correctsId: "", text: ANNA_TEXT }, { signerName: "Anna de Wit", signerRole: "nabestaande", code: await signCodeFor(app.ctx, round, invitee!) });
    leadHttp = new HttpClient(app.url);
    await leadHttp.login("begeleider@demo.ketenlijn.nl");
    partner = new HttpClient(app.url);
    await partner.login("partner.a@demo.ketenlijn.nl");
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("refuses every privacy action to a ketenpartner", async () => {
    expect((await partner.get(privacyUrl())).status).toBe(403);
    expect((await partner.get(`${privacyUrl()}/export?soort=client&sleutel=${inv}`)).status).toBe(403);
    expect((await partner.post(privacyUrl(), { intent: "erase", kind: "reactant", key: "anna@example.nl" })).status).toBe(403);
    expect((await partner.post(privacyUrl(), { intent: "close" })).status).toBe(403);
    expect(await audits("person.exported")).toHaveLength(0);
    expect(await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.email, "anna@example.nl"))).toHaveLength(1);
  });

  it("lists the persons held, without the client's name", async () => {
    const page = await (await leadHttp.get(privacyUrl())).text();
    expect(page).toContain("Anna de Wit");
    expect(page).toContain("Lid van de calamiteitencommissie");
    expect(page).toContain("Identiteit in de afgeschermde tabel");
    expect(page).not.toContain(CLIENT_NAME);
  });

  it("exports everything held on a reactant and on the client, audited", async () => {
    const res = await leadHttp.get(`${privacyUrl()}/export?soort=reactant&sleutel=anna%40example.nl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const body = (await res.json()) as { invitations: { name: string }[]; reactions: { text: string; signerName: string }[] };
    expect(body.invitations[0]!.name).toBe("Anna de Wit");
    expect(body.reactions[0]).toMatchObject({ text: ANNA_TEXT, signerName: "Anna de Wit" });

    const viewsBefore = (await audits("client.viewed")).length;
    const client = (await (await leadHttp.get(`${privacyUrl()}/export?soort=client&sleutel=${inv}`)).json()) as { identity: { name: string } };
    expect(client.identity.name).toBe(CLIENT_NAME);
    expect(await audits("person.exported")).toHaveLength(2);
    expect(await audits("client.viewed")).toHaveLength(viewsBefore + 1);
  });

  it("restricts a person: out of new exports, a committee member hidden from the other members; audited", async () => {
    const docx = async () => (await mammoth.extractRawText({ buffer: Buffer.from(await (await leadHttp.get(`/onderzoeken/${inv}/rapport.docx?voor=toezichthouder`)).arrayBuffer()) })).value;
    expect(await docx()).toContain(ANNA_TEXT);
    const [member] = await app.ctx.db.select().from(schema.committeeMembers).where(eq(schema.committeeMembers.investigationId, inv));
    const committeePage = (c: HttpClient) => c.get(`/onderzoeken/${inv}/rapport/commissie`).then((r) => r.text());
    expect(await committeePage(partner)).toContain(member!.background);

    expect((await leadHttp.post(privacyUrl(), { intent: "restrict", kind: "reactant", key: "anna@example.nl" })).status).toBe(200);
    expect((await leadHttp.post(privacyUrl(), { intent: "restrict", kind: "committee", key: member!.id })).status).toBe(200);
    expect((await partner.post(privacyUrl(), { intent: "unrestrict", kind: "reactant", key: "anna@example.nl" })).status).toBe(403);
    expect(await docx()).not.toContain(ANNA_TEXT);
    expect(await committeePage(partner)).not.toContain(member!.background);
    expect(await committeePage(leadHttp)).toContain(member!.background);
    expect(await (await leadHttp.get(privacyUrl())).text()).toContain("(beperkt)");
    expect(await audits("person.restricted")).toHaveLength(2);

    expect((await leadHttp.post(privacyUrl(), { intent: "unrestrict", kind: "reactant", key: "anna@example.nl" })).status).toBe(200);
    expect(await docx()).toContain(ANNA_TEXT);
    expect(await audits("person.unrestricted")).toHaveLength(1);
  });

  it("hides a restricted interviewee and reactant on the rounds and interview pages from everyone but the procesbegeleider", async () => {
    const [partnerUser] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "partner.a@demo.ketenlijn.nl"));
    const interviewId = await createInterview(app.ctx, lead.id, inv, { personFunction: "wijkverpleegkundige", initials: "K.L.", organisation: "Thuiszorg Noordkaap", relation: "zorgverlener", heldOn: "2026-02-20", interviewers: "" });
    const roundId = await openRound(app.ctx, lead, inv, { document: { interviewId }, memberIds: [partnerUser!.id], linkInvitees: [{ name: "Bram Berkel", email: "bram@example.nl", relation: "nabestaande" }] }, app.url);
    const pages = (c: HttpClient) =>
      Promise.all([`/onderzoeken/${inv}/rondes`, `/onderzoeken/${inv}/rondes/${roundId}`, `/onderzoeken/${inv}/gesprekken`, `/onderzoeken/${inv}/gesprekken/${interviewId}`].map(async (u) => {
        const res = await c.get(u);
        expect(res.status, u).toBe(200);
        return res.text();
      })).then((t) => t.join("\n"));
    const identifying = ["K.L.", "Thuiszorg Noordkaap"];
    const before = await pages(partner);
    for (const s of identifying) expect(before).toContain(s);

    expect((await leadHttp.post(privacyUrl(), { intent: "restrict", kind: "interviewee", key: interviewId })).status).toBe(200);
    expect((await leadHttp.post(privacyUrl(), { intent: "restrict", kind: "reactant", key: "bram@example.nl" })).status).toBe(200);
    const after = await pages(partner);
    for (const s of [...identifying, "Bram Berkel", "bram@example.nl"]) expect(after).not.toContain(s);
    expect(after).toContain("Persoon met beperkte verwerking");
    expect(after).toContain("Verslag van een gesprek (verwerking beperkt)");
    // The procesbegeleider still sees whom the restriction concerns.
    const lead_ = await pages(leadHttp);
    for (const s of [...identifying, "Bram Berkel", "bram@example.nl"]) expect(lead_).toContain(s);

    expect((await leadHttp.post(privacyUrl(), { intent: "unrestrict", kind: "interviewee", key: interviewId })).status).toBe(200);
    expect((await leadHttp.post(privacyUrl(), { intent: "unrestrict", kind: "reactant", key: "bram@example.nl" })).status).toBe(200);
    expect(await pages(partner)).toContain("K.L.");
  });

  it("erases a reactant who is in no submitted version", async () => {
    const res = await leadHttp.post(privacyUrl(), { intent: "erase", kind: "reactant", key: "anna@example.nl" });
    expect(res.status).toBe(200);
    expect(await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.email, "anna@example.nl"))).toHaveLength(0);
    expect(await app.ctx.db.select().from(schema.roundReactions).where(eq(schema.roundReactions.text, ANNA_TEXT))).toHaveLength(0);
    expect(await audits("person.erased")).toHaveLength(1);
    expect(await (await leadHttp.get(privacyUrl())).text()).not.toContain("Anna de Wit");
  });

  it("refuses to erase the client once a submitted version holds their identity, with the reason", async () => {
    await submitVersion(app.ctx, lead, inv, { status: "concept", note: "" }, app.url);
    const res = await leadHttp.post(privacyUrl(), { intent: "erase", kind: "client", key: inv });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("art. 17 lid 3 onder b");
    expect(ERASE_REFUSED).toContain("toezichthouder");
    expect(await app.ctx.db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, inv))).toHaveLength(1);
    expect(await audits("person.erase_refused")).toHaveLength(1);
  });

  it("lets the procesbegeleider set their own organisation's retention period, with Dutch validation, audited", async () => {
    const [own] = await app.ctx.db.insert(schema.organisations).values({ name: "Calamiteitenbureau Dijkhaven (test)" }).returning();
    const [partnerMembership] = await app.ctx.db.select().from(schema.memberships).where(eq(schema.memberships.investigationId, inv)).innerJoin(schema.users, and(eq(schema.users.id, schema.memberships.userId), eq(schema.users.email, "partner.a@demo.ketenlijn.nl")));
    const otherOrg = partnerMembership!.memberships.organisationId!;
    expect(await (await leadHttp.get(privacyUrl())).text()).toContain("niet aan een organisatie gekoppeld");
    await app.ctx.db.update(schema.memberships).set({ organisationId: own!.id }).where(and(eq(schema.memberships.investigationId, inv), eq(schema.memberships.userId, lead.id)));
    expect(await page(leadHttp, privacyUrl())).toContain("Calamiteitenbureau Dijkhaven (test) is nu <strong>20 jaar</strong>");

    expect((await partner.post(privacyUrl(), { intent: "retention", years: "3" })).status).toBe(403);
    for (const bad of ["0", "101", "abc", "7.5", ""]) {
      const res = await leadHttp.post(privacyUrl(), { intent: "retention", years: bad });
      expect(res.status, bad).toBe(400);
      expect(await res.text()).toMatch(/tussen 1 en 100 jaar|heel aantal jaren/);
    }
    // The organisation is the one of the procesbegeleider's membership, never one from the form.
    const res = await leadHttp.post(privacyUrl(), { intent: "retention", years: "7", organisationId: otherOrg });
    expect(res.status).toBe(200);
    const orgYears = async (id: string) => (await app.ctx.db.select().from(schema.organisations).where(eq(schema.organisations.id, id)))[0]!.retentionYears;
    expect(await orgYears(own!.id)).toBe(7);
    expect(await orgYears(otherOrg)).toBe(20);
    const set = await audits("organisation.retention_set");
    expect(set).toHaveLength(1);
    expect(set[0]).toMatchObject({ actorId: lead.id, details: { organisationId: own!.id, from: 20, to: 7 } });
    expect(await page(leadHttp, privacyUrl())).toContain("is nu <strong>7 jaar</strong>");
  });

  it("closes the investigation and deletes it with its log and snapshots after the retention period, leaving one audit record", async () => {
    const res = await leadHttp.post(privacyUrl(), { intent: "close" });
    expect(res.status).toBe(200);
    const [row] = await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, inv));
    // The organisation's retention period set above (7 years), not the default.
    expect(row!.retentionUntil).toBe(addYears("2026-03-02", 7));
    expect(await audits("investigation.closed")).toHaveLength(1);
    expect(await page(leadHttp, privacyUrl())).toContain(`Op ${formatDutchDate(addDays(addYears("2026-03-02", 7), 1))} verwijdert Ketenlijn het`);

    const updates = async () => Number((await app.ctx.db.select({ n: count() }).from(schema.collabUpdates).where(eq(schema.collabUpdates.investigationId, inv)))[0]!.n);
    expect(await updates()).toBeGreaterThan(0);
    expect((await runDueJobs(app.ctx)).purged).toBe(0);
    expect(await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, inv))).toHaveLength(1);

    clock.set(new Date(`${addYears("2026-03-02", 7)}T23:30:00Z`)); // the day after, in Amsterdam
    expect((await runDueJobs(app.ctx)).purged).toBe(1);
    expect(await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, inv))).toHaveLength(0);
    expect(await updates()).toBe(0);
    expect(await app.ctx.db.select().from(schema.collabSnapshots).where(eq(schema.collabSnapshots.investigationId, inv))).toHaveLength(0);
    expect(await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.investigationId, inv))).toHaveLength(0);
    expect(await app.ctx.db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, inv))).toHaveLength(0);
    const left = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.investigationId, inv));
    expect(left.map((r) => r.action)).toEqual(["investigation.purged"]);
    expect(left[0]).toMatchObject({ actorId: null, subjectEmail: null });
    expect(JSON.stringify(left[0]!.details)).not.toMatch(/Voorbeeld|Anna|@/);
  });
});
