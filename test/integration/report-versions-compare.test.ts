// Versions beyond the toezichthouder (issue 15) over HTTP on the real app: comparing two submitted
// versions (per checklist item, the client's identity withheld); version 2 stored as the answer to
// the toezichthouder's request and shown on both; ketenpartners read the submitted versions (list
// and the ketenpartners' variant, without client identity) and only the assessments the
// procesbegeleider shared, a share that is logged. Permissions per role × action.
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

const LEAD = "begeleider@demo.ketenlijn.nl";
const PARTNER = "partner.a@demo.ketenlijn.nl";
const TOEZICHT = "toezicht@demo.ketenlijn.nl";
const OUTSIDER = "buitenstaander@demo.ketenlijn.nl";
const ONDERZOEKER = "onderzoeker@compare.test";

let app: TestApp;
let id: string;
let versies: string;
const c = {} as Record<"lead" | "partner" | "toezicht" | "onderzoeker" | "outsider", HttpClient>;

async function versions() {
  return app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.investigationId, id)).orderBy(schema.reportVersions.number);
}

async function docxText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
}

describe.skipIf(!hasBuild())("report versions: compare, answer, share", () => {
  beforeAll(async () => {
    app = await startTestApp();
    id = app.demoInvestigationId;
    versies = `/onderzoeken/${id}/rapport/versies`;
    const [u] = await app.ctx.db.insert(schema.users).values({ email: ONDERZOEKER, name: "Olga Onderzoeker", passwordHash: await hashPassword("ketenlijn-demo") }).returning();
    await app.ctx.db.insert(schema.memberships).values({ investigationId: id, userId: u.id, role: "onderzoeker" });
    for (const [k, email] of [
      ["lead", LEAD],
      ["partner", PARTNER],
      ["toezicht", TOEZICHT],
      ["onderzoeker", ONDERZOEKER],
      ["outsider", OUTSIDER],
    ] as const) {
      c[k] = new HttpClient(app.url);
      await c[k].login(email);
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("version 2 answers the toezichthouder's request: stored, and shown on the versions page and the comparison", async () => {
    expect((await c.lead.post(versies, { intent: "submit", status: "concept", note: "" })).status).toBe(302);
    const [v1] = await versions();
    expect(v1.answersRequestId).toBeNull();
    const req = await c.toezicht.post(versies, { intent: "request", versionId: v1.id, text: "Graag de commissie aanvullen met een extern lid." });
    expect(req.status).toBe(302);
    const [request] = await app.ctx.db.select().from(schema.reportRequests).where(eq(schema.reportRequests.investigationId, id));

    // The committee changes between the versions: item 1c gets a row.
    const added = await c.lead.post(`/onderzoeken/${id}/rapport/commissie`, {
      intent: "add",
      name: "Els Extern",
      function: "Extern adviseur jeugdhulp",
      organisation: "Bureau Onafhankelijk",
      background: "Orthopedagoog",
      involvement: "Niet betrokken bij de zorg",
      independence: "extern",
    });
    expect(added.status).toBe(302);

    // A request of another investigation, or one that does not exist, is refused with a Dutch message.
    const wrong = await c.lead.post(versies, { intent: "submit", status: "concept", note: "", answersRequestId: "999999" });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Kies een verzoek om aanvulling van dit onderzoek.");
    expect((await versions()).length).toBe(1);

    expect((await c.lead.post(versies, { intent: "submit", status: "concept", note: "Aangevuld", answersRequestId: String(request.id) })).status).toBe(302);
    const [, v2] = await versions();
    expect(v2.answersRequestId).toBe(request.id);
    const [log] = await app.ctx.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.investigationId, id), eq(schema.auditLog.action, "report.submitted")))
      .orderBy(schema.auditLog.id);
    expect(log).toBeTruthy();

    const page = await (await c.toezicht.get(versies)).text();
    expect(page).toContain(`href="#verzoek-${request.id}"`);
    expect(page).toMatch(/Antwoord op het verzoek om aanvulling van/);
    expect(page).toMatch(/Beantwoord met <\/strong><span>versie 2<\/span>/);
    expect(page).toContain(`vergelijk?van=${v1.id}&amp;naar=${v2.id}`);

    // The comparison: per item; 1c changed with the new member's row; 1a withheld.
    const res = await c.toezicht.get(`${versies}/vergelijk?van=${v1.id}&naar=${v2.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Versie 1 en versie 2 vergelijken");
    expect(html).toContain("Versie 2 beantwoordt het verzoek om aanvulling");
    expect(html).toContain("Graag de commissie aanvullen met een extern lid.");
    expect(html).toMatch(/data-item="1c" data-changed="true"/);
    expect(html).toContain("Extern adviseur jeugdhulp");
    expect(html).toMatch(/\d+ van 28 onderdelen gewijzigd/);
    // The client's identity is in the stored versions, never on this page.
    const client = (v2.content as { chapters: { items: { id: string; blocks: { type: string; rows?: { value: string }[] }[] }[] }[] }).chapters[0].items.find((i) => i.id === "1a")!;
    const name = client.blocks.flatMap((b) => b.rows ?? []).find((r) => r.value !== "—")?.value;
    if (name) expect(html).not.toContain(name);
    // Swapped order still compares from the earlier to the later version.
    expect(await (await c.lead.get(`${versies}/vergelijk?van=${v2.id}&naar=${v1.id}`)).text()).toContain("Versie 1 en versie 2 vergelijken");
  });

  it("comparing: the procesbegeleider and the toezichthouder; others 403, non-members 404; bad input a Dutch message", async () => {
    const [v1, v2] = await versions();
    const url = `${versies}/vergelijk?van=${v1.id}&naar=${v2.id}`;
    expect((await c.lead.get(url)).status).toBe(200);
    expect((await c.toezicht.get(url)).status).toBe(200);
    expect((await c.onderzoeker.get(url)).status).toBe(403);
    expect((await c.partner.get(url)).status).toBe(403);
    expect((await c.outsider.get(url)).status).toBe(404);
    const same = await c.lead.get(`${versies}/vergelijk?van=${v1.id}&naar=${v1.id}`);
    expect(same.status).toBe(400);
    expect(await same.text()).toContain("Kies twee verschillende versies om te vergelijken.");
    const missing = await c.lead.get(`${versies}/vergelijk?van=${v1.id}&naar=00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("bestaat niet (meer)");
    // The onderzoeker has no compare link; the procesbegeleider does.
    expect(await (await c.onderzoeker.get(versies)).text()).not.toContain("/vergelijk?");
  });

  it("ketenpartners read the submitted versions: the list and the ketenpartners' variant, without client identity; not the stored file", async () => {
    const [v1] = await versions();
    const list = await c.partner.get(versies);
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain("Versie 1");
    expect(html).toContain(`${v1.id}/ketenpartners.docx`);
    expect(html).not.toContain(`${v1.id}/docx"`);
    expect(html).not.toContain("Om aanvulling vragen");
    expect(html).not.toContain("Graag de commissie aanvullen"); // the requests are not theirs
    expect(html).not.toContain("Versie samenstellen en indienen");

    const file = await c.partner.get(`${versies}/${v1.id}/ketenpartners.docx`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/v1 \(ketenpartners\)\.docx/);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(Buffer.from(bytes).equals(Buffer.from(v1.partnersDocx!))).toBe(true);
    // The list shows them the hash of the file they get, not of the toezichthouder's.
    expect(v1.partnersSha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(html).toContain(`data-sha256="${v1.partnersSha256}"`);
    expect(html).not.toContain(`data-sha256="${v1.sha256}"`);
    const text = await docxText(bytes);
    expect(text).toContain("alleen in de versie voor de toezichthouder");
    // One file for every member: the signed reactions (not every reader may open every round) are left out, and it says so.
    expect(text).toContain("De ondertekende reacties staan niet in deze versie voor de ketenpartners.");
    const [client] = await app.ctx.db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, id));
    if (client?.name) expect(text).not.toContain(client.name);
    // The toezichthouder's stored file stays closed to them.
    expect((await c.partner.get(`${versies}/${v1.id}/docx`)).status).toBe(403);
    expect((await c.outsider.get(`${versies}/${v1.id}/ketenpartners.docx`)).status).toBe(404);
    expect((await c.toezicht.get(`${versies}/${v1.id}/ketenpartners.docx`)).status).toBe(403);
    const [logged] = await app.ctx.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.investigationId, id), eq(schema.auditLog.action, "report.version_downloaded")));
    expect(logged.details).toMatchObject({ versionId: v1.id, variant: "ketenpartners" });
  });

  it("an assessment reaches the ketenpartners only when the procesbegeleider shares it; the share is logged and only theirs", async () => {
    const [, v2] = await versions();
    const verslag = "De aanvulling is voldoende; de commissie is nu onafhankelijk samengesteld.";
    const assessed = await c.toezicht.post(versies, {
      intent: "assess",
      versionId: v2.id,
      onderzoeksopzet: "voldoende",
      navolgbaarheid: "voldoende",
      verbetermaatregelen: "voldoende",
      verslag,
    });
    expect(assessed.status).toBe(302);
    const [a] = await app.ctx.db.select().from(schema.reportAssessments).where(eq(schema.reportAssessments.investigationId, id));
    expect(await (await c.partner.get(versies)).text()).not.toContain(verslag);
    expect(await (await c.partner.get(versies)).text()).toContain("nog geen beoordeling van de toezichthouder met u gedeeld");
    expect(await (await c.lead.get(versies)).text()).toContain("Delen met ketenpartners");

    for (const who of ["partner", "onderzoeker", "toezicht"] as const) expect((await c[who].post(versies, { intent: "share", assessmentId: a.id })).status, who).toBe(403);
    expect((await c.outsider.post(versies, { intent: "share", assessmentId: a.id })).status).toBe(404);
    const shared = await c.lead.post(versies, { intent: "share", assessmentId: a.id });
    expect(shared.status).toBe(302);
    expect(shared.headers.get("location")).toContain("melding=gedeeld");
    const again = await c.lead.post(versies, { intent: "share", assessmentId: a.id });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("al gedeeld");

    const partnerPage = await (await c.partner.get(versies)).text();
    expect(partnerPage).toContain(verslag);
    expect(partnerPage).toContain("Gedeeld met de ketenpartners op");
    const [log] = await app.ctx.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.investigationId, id), eq(schema.auditLog.action, "report.assessment_shared")));
    expect(log.details).toMatchObject({ assessmentId: a.id, versionId: v2.id });
    expect(await (await c.lead.get(`/onderzoeken/${id}/logboek`)).text()).toContain("Beoordeling gedeeld met de ketenpartners");
  });
});
