// Submitted report versions (issue 6) over HTTP on the real app: submitting stores the .docx, its
// model and SHA-256 immutably, numbered per investigation (also under concurrent submits); the
// download serves exactly the stored bytes; who may submit, download, assess and ask for additions;
// the toezichthouder's workspace access (pages and websocket) switched on and off; requests for
// additions from open to handled.
import { createHash, randomUUID } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { connectPeer, rawUpgrade, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";

const LEAD = "begeleider@demo.ketenlijn.nl";
const PARTNER = "partner.a@demo.ketenlijn.nl";
const TOEZICHT = "toezicht@demo.ketenlijn.nl"; // the demo's toezichthouder has workspace access
const OUTSIDER = "buitenstaander@demo.ketenlijn.nl";
const ONDERZOEKER = "onderzoeker@report.test";
const TOEZICHT_2 = "toezicht2@report.test"; // a toezichthouder without workspace access
const CLIENT_NAME = "M. Voorbeeld (fictief)";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

let app: TestApp;
let id: string;
let versies: string;
const peers: TestPeer[] = [];
const c = {} as Record<"lead" | "partner" | "toezicht" | "toezicht2" | "onderzoeker" | "outsider" | "anonymous", HttpClient>;

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

async function userIdOf(email: string) {
  const [u] = await app.ctx.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email));
  return u.id;
}

async function addUser(email: string, name: string, role: string, workspaceAccess = false) {
  const [u] = await app.ctx.db.insert(schema.users).values({ email, name, passwordHash: await hashPassword("ketenlijn-demo") }).returning();
  await app.ctx.db.insert(schema.memberships).values({ investigationId: id, userId: u.id, role, workspaceAccess });
  return u.id;
}

async function versions() {
  return app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.investigationId, id)).orderBy(schema.reportVersions.number);
}

async function submit(client: HttpClient, form: Record<string, string> = { status: "concept", note: "" }) {
  return client.post(versies, { intent: "submit", ...form });
}

async function docxText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
}

describe.skipIf(!hasBuild())("report versions", () => {
  beforeAll(async () => {
    app = await startTestApp();
    id = app.demoInvestigationId;
    versies = `/onderzoeken/${id}/rapport/versies`;
    await addUser(ONDERZOEKER, "Olga Onderzoeker", "onderzoeker");
    await addUser(TOEZICHT_2, "Tineke Toezicht", "toezichthouder", false);
    const logins: Record<keyof typeof c, string | null> = {
      lead: LEAD,
      partner: PARTNER,
      toezicht: TOEZICHT,
      toezicht2: TOEZICHT_2,
      onderzoeker: ONDERZOEKER,
      outsider: OUTSIDER,
      anonymous: null,
    };
    for (const [k, email] of Object.entries(logins) as [keyof typeof c, string | null][]) {
      c[k] = new HttpClient(app.url);
      if (email) await c[k].login(email);
    }
  });

  afterAll(async () => {
    for (const p of peers) p.destroy();
    await app?.stop();
  });

  it("submitting stores the .docx with its SHA-256 and model; the download serves exactly those bytes", async () => {
    const res = await submit(c.lead, { status: "concept", note: "Eerste versie ter beoordeling." });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`${versies}?ingediend=1`);
    const [v] = await versions();
    expect(v.number).toBe(1);
    expect(v.status).toBe("concept");
    expect(v.note).toBe("Eerste versie ter beoordeling.");
    expect(v.submittedBy).toBe(await userIdOf(LEAD));
    const stored = new Uint8Array(v.docx);
    expect(Buffer.from(stored.subarray(0, 4)).toString("latin1")).toBe("PK\u0003\u0004");
    expect(sha256(stored)).toBe(v.sha256);
    expect(v.content).toMatchObject({ format: 1, audience: "toezichthouder", investigationId: id, checklistId: v.checklistId });
    expect((v.content as { titlePage: { version: string } }).titlePage.version).toBe("Versie 1");
    expect(v.filename).toMatch(/^Zelfonderzoek .+ v1 \(toezichthouder\)\.docx$/);
    // The toezichthouder's version holds the client's identity.
    expect(await docxText(stored)).toContain(CLIENT_NAME);

    const dl = await c.lead.get(`${versies}/${v.id}/docx`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get("content-type")).toBe(DOCX);
    const disposition = dl.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="Zelfonderzoek [^"]+ v1 \(toezichthouder\)\.docx"/);
    const body = new Uint8Array(await dl.arrayBuffer());
    expect(Buffer.from(body).equals(Buffer.from(stored))).toBe(true);
    expect(dl.headers.get("repr-digest")).toBe(`sha-256=:${Buffer.from(v.sha256, "hex").toString("base64")}:`);

    // Audited: the submit, the read of client identity for it, the download.
    const audits = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.investigationId, id)).orderBy(desc(schema.auditLog.id));
    expect(audits.find((a) => a.action === "report.submitted")?.details).toMatchObject({ number: 1, status: "concept", sha256: v.sha256 });
    expect(audits.some((a) => a.action === "client.viewed" && (a.details as { purpose?: string }).purpose?.includes("indienen"))).toBe(true);
    expect(audits.find((a) => a.action === "report.version_downloaded")?.details).toMatchObject({ number: 1 });

    // Every toezichthouder of the investigation gets a mail with the link and the hash.
    for (const to of [TOEZICHT, TOEZICHT_2]) {
      const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, to)).orderBy(desc(schema.outbox.id)).limit(1);
      expect(mail.subject).toContain("versie 1 (concept)");
      expect(mail.text).toContain(`/onderzoeken/${id}/rapport/versies`);
      expect(mail.text).toContain(v.sha256);
      expect(mail.text).toContain("Eerste versie ter beoordeling.");
    }

    const page = await (await c.lead.get(`${versies}?ingediend=1`)).text();
    expect(page).toContain("Versie 1 is ingediend bij de toezichthouder.");
    expect(page).toContain(v.sha256.slice(0, 12));
  });

  it("a submitted version cannot be changed or deleted (database trigger)", async () => {
    const [v] = await versions();
    await expect(app.ctx.db.update(schema.reportVersions).set({ note: "gewijzigd" }).where(eq(schema.reportVersions.id, v.id))).rejects.toThrow();
    await expect(app.ctx.db.update(schema.reportVersions).set({ docx: new Uint8Array([1, 2, 3]) }).where(eq(schema.reportVersions.id, v.id))).rejects.toThrow();
    await expect(app.ctx.db.delete(schema.reportVersions).where(eq(schema.reportVersions.id, v.id))).rejects.toThrow();
    await expect(app.ctx.db.execute(sql`UPDATE report_versions SET sha256 = 'x'`)).rejects.toThrow();
    const [after] = await versions();
    expect(after.note).toBe(v.note);
    expect(after.sha256).toBe(v.sha256);
    expect(sha256(new Uint8Array(after.docx))).toBe(v.sha256);
  });

  it("an incomplete report is submitted as definitief only with an explicit yes", async () => {
    const refused = await submit(c.lead, { status: "definitief", note: "" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Het rapport is nog niet volledig");
    expect(await versions()).toHaveLength(1);
  });

  it("numbers follow per investigation, and two concurrent submits get distinct numbers", async () => {
    const second = await submit(c.lead, { status: "definitief", note: "", confirmIncomplete: "on", confirmed: "1" });
    expect(second.headers.get("location")).toBe(`${versies}?ingediend=2`);
    const [a, b] = await Promise.all([submit(c.lead), submit(c.lead)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect([a.headers.get("location"), b.headers.get("location")].sort()).toEqual([`${versies}?ingediend=3`, `${versies}?ingediend=4`]);
    const rows = await versions();
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4]);
    expect(rows[1].status).toBe("definitief");
    // Each file says its own number.
    for (const r of rows) expect((r.content as { titlePage: { version: string } }).titlePage.version).toBe(`Versie ${r.number}`);
    expect(new Set(rows.map((r) => r.sha256)).size).toBe(4);
  });

  it("only the procesbegeleider submits; the stored version is for the procesbegeleider and the toezichthouder; a non-member gets 404", async () => {
    const [v] = await versions();
    const before = (await versions()).length;
    for (const who of ["partner", "onderzoeker", "toezicht"] as const) expect((await submit(c[who])).status, who).toBe(403);
    expect((await submit(c.outsider)).status).toBe(404);
    expect((await versions()).length).toBe(before);

    const file = `${versies}/${v.id}/docx`;
    expect((await c.partner.get(file)).status).toBe(403);
    expect(await (await c.partner.get(file)).text()).toContain("geen toestemming");
    expect((await c.onderzoeker.get(file)).status).toBe(403);
    expect((await c.outsider.get(file)).status).toBe(404);
    const anonymous = await c.anonymous.get(file);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe(`/login?next=${encodeURIComponent(file)}`);
    expect((await c.lead.get(`${versies}/${randomUUID()}/docx`)).status).toBe(404);
    expect((await c.lead.get(`${versies}/niet-een-id/docx`)).status).toBe(404);

    // The versions page: ketenpartners read it (issue 15, without the toezichthouder's file); the
    // onderzoeker sees it without download links of the stored file.
    const asPartner = await c.partner.get(versies);
    expect(asPartner.status).toBe(200);
    expect(await asPartner.text()).not.toContain(`${v.id}/docx`);
    expect((await c.outsider.get(versies)).status).toBe(404);
    const asOnderzoeker = await c.onderzoeker.get(versies);
    expect(asOnderzoeker.status).toBe(200);
    const html = await asOnderzoeker.text();
    expect(html).toContain("Versie 1");
    expect(html).not.toContain(`${v.id}/docx`);
  });

  it("the export: ketenpartners' version by default, the toezichthouder's only with client.view; bad `voor` is a 400", async () => {
    const base = `/onderzoeken/${id}/rapport.docx`;
    const partner = await c.partner.get(base);
    expect(partner.status).toBe(200);
    expect(partner.headers.get("content-type")).toBe(DOCX);
    expect(partner.headers.get("content-disposition")).toMatch(/^attachment; filename="Zelfonderzoek .+ werkversie \(ketenpartners\)\.docx"/);
    const partnerText = await docxText(new Uint8Array(await partner.arrayBuffer()));
    expect(partnerText).not.toContain(CLIENT_NAME);
    expect(partnerText).toContain("Werkversie");

    const denied = await c.partner.get(`${base}?voor=toezichthouder`);
    expect(denied.status).toBe(403);
    expect(await denied.text()).toContain("alleen de procesbegeleider");
    expect((await c.onderzoeker.get(`${base}?voor=toezichthouder`)).status).toBe(403);
    expect((await c.toezicht.get(base)).status).toBe(403);
    expect((await c.outsider.get(base)).status).toBe(404);

    const lead = await c.lead.get(`${base}?voor=toezichthouder`);
    expect(lead.status).toBe(200);
    expect(await docxText(new Uint8Array(await lead.arrayBuffer()))).toContain(CLIENT_NAME);

    const bad = await c.lead.get(`${base}?voor=iedereen`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("text/plain");
    expect(await bad.text()).toContain("Kies voor=ketenpartners of voor=toezichthouder");

    const exported = await app.ctx.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.investigationId, id), eq(schema.auditLog.action, "report.exported")));
    expect(exported.map((e) => (e.details as { audience: string }).audience).sort()).toEqual(["ketenpartners", "toezichthouder"]);
  });

  it("a non-ASCII title gets an RFC 5987 filename*", async () => {
    const [inv] = await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, id));
    await app.ctx.db.update(schema.investigations).set({ title: "Cliënt/gezin: “Noord”" }).where(eq(schema.investigations.id, id));
    try {
      const res = await c.lead.get(`/onderzoeken/${id}/rapport.docx`);
      expect(res.status).toBe(200);
      const disposition = res.headers.get("content-disposition")!;
      expect(disposition).toContain(`filename="Zelfonderzoek Client gezin _Noord_ werkversie (ketenpartners).docx"`);
      const exact = "Zelfonderzoek Cliënt gezin “Noord” werkversie (ketenpartners).docx";
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(exact).replace(/[()]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`);
      await res.arrayBuffer();
    } finally {
      await app.ctx.db.update(schema.investigations).set({ title: inv.title }).where(eq(schema.investigations.id, id));
    }
  });

  it("the toezichthouder downloads versions and records assessments, with Dutch messages for what is missing", async () => {
    const rows = await versions();
    const v1 = rows[0];
    for (const who of ["toezicht", "toezicht2"] as const) {
      const page = await c[who].get(versies);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`${v1.id}/docx`);
      const dl = await c[who].get(`${versies}/${v1.id}/docx`);
      expect(dl.status).toBe(200);
      expect(sha256(new Uint8Array(await dl.arrayBuffer()))).toBe(v1.sha256);
    }

    const empty = await c.toezicht2.post(versies, { intent: "assess", versionId: v1.id, verslag: "" });
    expect(empty.status).toBe(400);
    const html = await empty.text();
    expect(html).toContain("Kies voldoende of onvoldoende voor de onderzoeksopzet.");
    expect(html).toContain("Kies voldoende of onvoldoende voor de navolgbaarheid.");
    expect(html).toContain("Kies voldoende of onvoldoende voor de verbetermaatregelen.");
    expect(html).toContain("Schrijf een kort verslag van de beoordeling");

    const form = {
      intent: "assess",
      versionId: v1.id,
      onderzoeksopzet: "voldoende",
      onderzoeksopzetRemark: "Commissie onafhankelijk samengesteld.",
      navolgbaarheid: "onvoldoende",
      navolgbaarheidRemark: "",
      verbetermaatregelen: "voldoende",
      verbetermaatregelenRemark: "",
      verslag: "De analyse sluit nog niet aan op de feiten; verder in orde.",
    };
    const noRemark = await c.toezicht2.post(versies, form);
    expect(noRemark.status).toBe(400);
    const kept = await noRemark.text();
    expect(kept).toContain("Licht toe waarom dit onvoldoende is.");
    expect(kept).toContain("De analyse sluit nog niet aan op de feiten; verder in orde."); // what was typed stays
    expect(kept).toContain("Commissie onafhankelijk samengesteld.");

    const ok = await c.toezicht2.post(versies, { ...form, navolgbaarheidRemark: "De conclusies volgen niet uit de tijdlijn." });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`${versies}?melding=beoordeeld#beoordelingen`);
    // A later assessment adds to the history.
    expect((await c.toezicht.post(versies, { ...form, navolgbaarheid: "voldoende", verslag: "Na aanvulling: voldoende." })).status).toBe(302);
    const stored = await app.ctx.db.select().from(schema.reportAssessments).where(eq(schema.reportAssessments.versionId, v1.id)).orderBy(schema.reportAssessments.assessedAt);
    expect(stored.map((a) => a.navolgbaarheid)).toEqual(["onvoldoende", "voldoende"]);
    expect(stored[0]).toMatchObject({ navolgbaarheidRemark: "De conclusies volgen niet uit de tijdlijn.", assessedBy: await userIdOf(TOEZICHT_2) });

    // Others may not assess; an assessment of another investigation's version is refused.
    for (const who of ["lead", "onderzoeker", "partner"] as const) expect((await c[who].post(versies, form)).status, who).toBe(403);
    const foreign = await c.toezicht.post(versies, { ...form, navolgbaarheid: "voldoende", versionId: randomUUID() });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("Kies een ingediende versie van dit onderzoek.");

    const page = await (await c.lead.get(versies)).text();
    expect(page).toContain("Beoordeling van versie 1 door Tineke Toezicht");
    expect(page).toContain("De conclusies volgen niet uit de tijdlijn.");
    expect((await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "report.assessed"))).length).toBe(2);
  });

  it("the dashboard shows the toezichthouder the latest version and whether it is assessed", async () => {
    const dash = await (await c.toezicht2.get("/")).text();
    expect(dash).toContain("Laatst ingediende rapportversie");
    expect(dash).toContain("versie 4 (concept)");
    expect(dash).toContain("Nog niet beoordeeld");
    const v4 = (await versions())[3];
    await c.toezicht2.post(versies, {
      intent: "assess",
      versionId: v4.id,
      onderzoeksopzet: "voldoende",
      navolgbaarheid: "voldoende",
      verbetermaatregelen: "voldoende",
      verslag: "Alles voldoende beschreven.",
    });
    expect(await (await c.toezicht2.get("/")).text()).toContain("Beoordeeld");
  });

  it("a toezichthouder without workspace access is refused on the workspace pages and the websocket; switching access on lets them in, off closes the socket", async () => {
    const port = Number(new URL(app.url).port);
    const inv = `/onderzoeken/${id}`;
    const workspacePages = ["tijdlijn", "analyse", "gesprekken", "rondes", "geschiedenis", "rapport", "rapport/commissie"];
    for (const p of workspacePages) expect((await c.toezicht2.get(`${inv}/${p}`)).status, p).toBe(403);
    expect((await c.toezicht2.get(inv)).status).toBe(200);
    const tabs = await (await c.toezicht2.get(versies)).text();
    expect(tabs).toContain(">Rapportversies<");
    expect(tabs).not.toContain(">Tijdlijn<");
    expect((await rawUpgrade(port, `/collab/${id}`, { Origin: app.url, Cookie: c.toezicht2.cookie! })).status).toBe(403);

    const toezicht2Id = await userIdOf(TOEZICHT_2);
    const members = `${inv}/deelnemers`;
    // Only the procesbegeleider switches it, and only for a toezichthouder.
    expect((await c.partner.post(members, { intent: "workspace", userId: toezicht2Id, access: "aan" })).status).toBe(403);
    const notTz = await c.lead.post(members, { intent: "workspace", userId: await userIdOf(PARTNER), access: "aan" });
    expect(notTz.status).toBe(409);
    expect(await notTz.text()).toContain("Alleen voor een toezichthouder");

    const on = await c.lead.post(members, { intent: "workspace", userId: toezicht2Id, access: "aan" });
    expect(on.status).toBe(200);
    expect(await on.text()).toContain("De toezichthouder kan nu ook de werkruimte lezen");
    for (const p of ["tijdlijn", "analyse", "gesprekken", "rondes", "geschiedenis"]) expect((await c.toezicht2.get(`${inv}/${p}`)).status, p).toBe(200);
    const peer = connectPeer({ wsUrl: `ws://127.0.0.1:${port}/collab`, origin: app.url }, id, { cookie: c.toezicht2.cookie! });
    peers.push(peer);
    await synced(peer);
    expect(peer.doc.getMap("events").size).toBeGreaterThan(0);

    // Off: the open socket is closed at once and a new one is refused.
    const off = await c.lead.post(members, { intent: "workspace", userId: toezicht2Id });
    expect(off.status).toBe(200);
    expect(await off.text()).toContain("geen toegang meer tot de werkruimte");
    await waitFor(() => peer.closes.length > 0, "the toezichthouder's socket is closed");
    peer.destroy();
    expect((await rawUpgrade(port, `/collab/${id}`, { Origin: app.url, Cookie: c.toezicht2.cookie! })).status).toBe(403);
    expect((await c.toezicht2.get(`${inv}/tijdlijn`)).status).toBe(403);

    const changes = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "member.workspace_access_changed"));
    expect(changes.map((a) => (a.details as { workspaceAccess: boolean }).workspaceAccess)).toEqual([true, false]);
  });

  it("an invited toezichthouder joins without workspace access", async () => {
    const email = `toezicht-${randomUUID()}@example.nl`;
    expect((await c.lead.post(`/onderzoeken/${id}/deelnemers`, { intent: "invite", email, role: "toezichthouder", organisation: "" })).status).toBe(200);
    const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email));
    const path = new URL(/http\S+\/uitnodiging\/\S+/.exec(mail.text)![0]).pathname;
    const guest = new HttpClient(app.url);
    const joined = await guest.post(path, { intent: "create", name: "Nieuwe Toezichthouder", password: "een-lang-wachtwoord", passwordRepeat: "een-lang-wachtwoord" });
    expect(joined.status).toBe(302);
    const [m] = await app.ctx.db
      .select()
      .from(schema.memberships)
      .where(and(eq(schema.memberships.investigationId, id), eq(schema.memberships.userId, await userIdOf(email))));
    expect(m).toMatchObject({ role: "toezichthouder", workspaceAccess: false });
    expect((await guest.get(`/onderzoeken/${id}/tijdlijn`)).status).toBe(403);
    expect((await guest.get(versies)).status).toBe(200);
  });

  it("requests for additions: the toezichthouder asks, the procesbegeleider sees it open and marks it handled", async () => {
    const [v1] = await versions();
    const empty = await c.toezicht.post(versies, { intent: "request", versionId: v1.id, text: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Beschrijf welke aanvulling u vraagt");
    for (const who of ["lead", "partner", "onderzoeker"] as const)
      expect((await c[who].post(versies, { intent: "request", versionId: "", text: "Graag meer." })).status, who).toBe(403);

    const asked = await c.toezicht.post(versies, { intent: "request", versionId: v1.id, text: "Voeg de reactie van de nabestaanden toe (7e)." });
    expect(asked.status).toBe(302);
    const [req] = await app.ctx.db.select().from(schema.reportRequests).where(eq(schema.reportRequests.investigationId, id));
    expect(req).toMatchObject({ handled: false, versionId: v1.id, requestedBy: await userIdOf(TOEZICHT) });
    const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, LEAD)).orderBy(desc(schema.outbox.id)).limit(1);
    expect(mail.subject).toContain("Verzoek om aanvulling");
    expect(mail.text).toContain("Voeg de reactie van de nabestaanden toe (7e).");

    // The procesbegeleider sees it: dashboard, every page of the investigation, the versions page.
    expect(await (await c.lead.get("/")).text()).toContain("Open verzoek van de toezichthouder");
    expect(await (await c.lead.get(`/onderzoeken/${id}`)).text()).toContain("open verzoek van de toezichthouder om aanvulling");
    const page = await (await c.lead.get(versies)).text();
    expect(page).toContain("Open verzoeken");
    expect(page).toContain("Voeg de reactie van de nabestaanden toe (7e).");
    expect(page).toContain("over versie 1");

    const noNote = await c.lead.post(versies, { intent: "handle", requestId: String(req.id), note: "" });
    expect(noNote.status).toBe(400);
    expect(await noNote.text()).toContain("Beschrijf hoe het verzoek is afgehandeld.");
    expect((await c.toezicht.post(versies, { intent: "handle", requestId: String(req.id), note: "Zelf gedaan." })).status).toBe(403);

    const handled = await c.lead.post(versies, { intent: "handle", requestId: String(req.id), note: "Reactie toegevoegd in 7e; volgt in versie 5." });
    expect(handled.status).toBe(302);
    const [after] = await app.ctx.db.select().from(schema.reportRequests).where(eq(schema.reportRequests.id, req.id));
    expect(after).toMatchObject({ handled: true, handledNote: "Reactie toegevoegd in 7e; volgt in versie 5.", handledBy: await userIdOf(LEAD) });
    const again = await c.lead.post(versies, { intent: "handle", requestId: String(req.id), note: "Nog eens." });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("al afgehandeld");

    expect(await (await c.lead.get("/")).text()).not.toContain("Open verzoek van de toezichthouder");
    const seen = await (await c.toezicht.get(versies)).text();
    expect(seen).toContain("Afgehandelde verzoeken");
    expect(seen).toContain("Reactie toegevoegd in 7e; volgt in versie 5.");
    const actions = (await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.investigationId, id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["report.request_created", "report.request_handled"]));
  });

  it("a submit whose number was taken meanwhile generates again with the next number", async () => {
    // Its own investigation, so the demo's numbering stays as the tests above expect.
    const leadId = await userIdOf(LEAD);
    const [inv] = await app.ctx.db
      .insert(schema.investigations)
      .values({ title: "Nummering", kind: "incident", legalFrame: "wmo", reportingCriterion: "vermissing", supervisor: "igj", analysisMethod: "sire", phase: "onderzoek" })
      .returning();
    await app.ctx.db.insert(schema.memberships).values({ investigationId: inv.id, userId: leadId, role: "procesbegeleider" });
    const { submitVersion } = await import("../../server/report/versions.server.ts");
    const labels: string[] = [];
    let arrived = 0;
    let release!: () => void;
    const barrier = new Promise<void>((r) => (release = r));
    // Both submits choose their number before either stores its row: one of them must retry.
    // Each submit renders the toezichthouder's version and then the ketenpartners' variant (issue 15).
    const generate = (async (_ctx: unknown, _id: string, opts: { versionLabel: string; audience: string }) => {
      if (opts.audience === "toezichthouder") labels.push(opts.versionLabel);
      if (++arrived === 2) release();
      await barrier;
      const bytes = Buffer.from(`PK fake ${opts.versionLabel} ${randomUUID()}`);
      return { model: { checklistId: "bijlage1-wmo", titlePage: { version: opts.versionLabel } }, bytes, filename: `${opts.versionLabel}.docx` };
    }) as never;
    const actor = { id: leadId, name: "Petra de Vries" };
    const results = await Promise.all([
      submitVersion(app.ctx, actor, inv.id, { status: "concept", note: "" }, app.url, { generate }),
      submitVersion(app.ctx, actor, inv.id, { status: "concept", note: "" }, app.url, { generate }),
    ]);
    expect(results.map((r) => r.number).sort()).toEqual([1, 2]);
    expect(labels).toEqual(["Versie 1", "Versie 1", "Versie 2"]);
    const rows = await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.investigationId, inv.id)).orderBy(schema.reportVersions.number);
    for (const r of rows) expect((r.content as { titlePage: { version: string } }).titlePage.version).toBe(`Versie ${r.number}`);
  });
});
