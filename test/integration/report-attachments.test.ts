// Issue 15, item 4e: protocols consulted attached as files on the report page. PDF, DOCX and ODT by
// content, at most 10 MB, stored in PostgreSQL; Dutch errors; members only (a non-member gets 404),
// who writes the report adds and removes; every download is audited; listed in 4e of the .docx;
// a submitted version keeps its own copy, which the toezichthouder downloads after a deletion.
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { submitVersion } from "../../server/report/versions.server.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0";

let app: TestApp;
let inv: string;
let lead: HttpClient;
let partner: HttpClient;
let outsider: HttpClient;
let toezicht: HttpClient;

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

async function docxBytes(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  zip.file("_rels/.rels", "<Relationships/>");
  zip.file("word/document.xml", "<w:document/>");
  return zip.generateAsync({ type: "nodebuffer" });
}

async function odtBytes(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file("mimetype", "application/vnd.oasis.opendocument.text", { compression: "STORE" });
  zip.file("content.xml", "<office:document-content/>");
  return zip.generateAsync({ type: "nodebuffer" });
}

async function upload(client: HttpClient, name: string, bytes: Uint8Array, type = "application/octet-stream") {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new File([new Uint8Array(bytes)], name, { type }));
  return fetch(`${app.url}/onderzoeken/${inv}/rapport/bijlagen`, {
    method: "POST",
    body: form,
    redirect: "manual",
    headers: { ...(client.cookie ? { cookie: client.cookie } : {}), origin: app.url },
  });
}

async function answer(res: Response): Promise<string> {
  return res.text();
}

const attachmentsOf = () => app.ctx.db.select().from(schema.reportAttachments).where(eq(schema.reportAttachments.investigationId, inv));
const auditOf = (action: string) => app.ctx.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.investigationId, inv), eq(schema.auditLog.action, action)));

describe.skipIf(!hasBuild())("4e attachments", () => {
  beforeAll(async () => {
    app = await startTestApp();
    inv = app.demoInvestigationId;
    lead = new HttpClient(app.url);
    await lead.login("begeleider@demo.ketenlijn.nl");
    partner = new HttpClient(app.url);
    await partner.login("partner.a@demo.ketenlijn.nl");
    outsider = new HttpClient(app.url);
    await outsider.login("buitenstaander@demo.ketenlijn.nl");
    toezicht = new HttpClient(app.url);
    await toezicht.login("toezicht@demo.ketenlijn.nl");
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("adds a PDF, a DOCX and an ODT, stored in the database and listed on the report page", async () => {
    for (const [name, bytes] of [
      ["Protocol meldcode huiselijk geweld.pdf", PDF],
      ["Werkinstructie overdracht.docx", await docxBytes()],
      ["Richtlijn opschaling.odt", await odtBytes()],
    ] as const) {
      const res = await upload(lead, name, bytes);
      expect(res.status, name).toBe(200);
      expect(await answer(res)).toContain("is toegevoegd");
    }
    const rows = await attachmentsOf();
    expect(rows.map((r) => [r.filename, r.contentType])).toEqual([
      ["Protocol meldcode huiselijk geweld.pdf", "application/pdf"],
      ["Werkinstructie overdracht.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["Richtlijn opschaling.odt", "application/vnd.oasis.opendocument.text"],
    ]);
    expect(Buffer.from(rows[0]!.data).equals(PDF)).toBe(true);
    expect(await auditOf("report.attachment_added")).toHaveLength(3);
    const page = await (await lead.get(`/onderzoeken/${inv}/rapport`)).text();
    expect(page).toContain("Protocollen en richtlijnen als bijlage (4e)");
    expect(page).toContain("Protocol meldcode huiselijk geweld.pdf");
  });

  it("refuses other content, whatever its name, an empty upload and a file over 10 MB, in Dutch", async () => {
    const exe = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200, 1)]);
    let res = await upload(lead, "protocol.pdf", exe, "application/pdf");
    expect(res.status).toBe(400);
    expect(await answer(res)).toContain("Dit bestand is geen PDF-, Word- (DOCX) of OpenDocument-bestand (ODT)");
    res = await upload(lead, "script.html", Buffer.from("<script>alert(1)</script>"), "text/html");
    expect(res.status).toBe(400);
    // A zip that is no document.
    const zip = new JSZip();
    zip.file("evil.js", "x");
    res = await upload(lead, "archief.docx", await zip.generateAsync({ type: "nodebuffer" }));
    expect(res.status).toBe(400);
    res = await upload(lead, "leeg.pdf", Buffer.alloc(0));
    expect(res.status).toBe(400);
    expect(await answer(res)).toContain("Kies een bestand");
    res = await upload(lead, "groot.pdf", Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(res.status).toBe(400);
    expect(await answer(res)).toContain("hooguit 10 MB");
    // Far over the limit: refused before the body is read.
    res = await upload(lead, "enorm.pdf", Buffer.concat([PDF, Buffer.alloc(12 * 1024 * 1024)]));
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("hooguit 10 MB");
    expect(await attachmentsOf()).toHaveLength(3);
  });

  it("lets members who see the report download (audited), not outsiders; only report writers add", async () => {
    const [first] = await attachmentsOf();
    const before = (await auditOf("report.attachment_downloaded")).length;
    const res = await partner.get(`/onderzoeken/${inv}/rapport/bijlagen/${first!.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    expect(res.headers.get("x-content-type-options")).toContain("nosniff");
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    expect((await auditOf("report.attachment_downloaded")).length).toBe(before + 1);

    expect((await outsider.get(`/onderzoeken/${inv}/rapport/bijlagen/${first!.id}`)).status).toBe(404);
    expect((await upload(outsider, "x.pdf", PDF)).status).toBe(404);
    // A ketenpartner reads the report but does not write it (analysis.write, policy.ts).
    expect((await upload(partner, "x.pdf", PDF)).status).toBe(403);
    expect((await partner.post(`/onderzoeken/${inv}/rapport/bijlagen`, { intent: "delete", attachmentId: first!.id })).status).toBe(403);
    // The toezichthouder reads the live report only when invited into the workspace (the demo's is).
    expect((await toezicht.get(`/onderzoeken/${inv}/rapport/bijlagen/${first!.id}`)).status).toBe(200);
    const m = schema.memberships;
    await app.ctx.db.update(m).set({ workspaceAccess: false }).where(and(eq(m.investigationId, inv), eq(m.role, "toezichthouder")));
    try {
      expect((await toezicht.get(`/onderzoeken/${inv}/rapport/bijlagen/${first!.id}`)).status).toBe(403);
    } finally {
      await app.ctx.db.update(m).set({ workspaceAccess: true }).where(and(eq(m.investigationId, inv), eq(m.role, "toezichthouder")));
    }
    const anonymous = new HttpClient(app.url);
    expect((await anonymous.get(`/onderzoeken/${inv}/rapport/bijlagen/${first!.id}`)).status).toBe(302);
    expect((await lead.get(`/onderzoeken/${inv}/rapport/bijlagen/00000000-0000-0000-0000-000000000000`)).status).toBe(404);
    expect((await (await lead.post(`/onderzoeken/${inv}/rapport/bijlagen/${first!.id}`, {})).text())).toContain("alleen om een bestand te downloaden");
  });

  it("lists the attachments by name and date in 4e of the report", async () => {
    const res = await lead.get(`/onderzoeken/${inv}/rapport.docx?voor=ketenpartners`);
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(await res.arrayBuffer()) })).value;
    // The heading itself (the contents' entry ends in a tab and its page number).
    const at = text.indexOf("4e Welke (interne) richtlijnen en protocollen zijn betrokken\n");
    const next = text.indexOf("4f Is een externe deskundige geraadpleegd\n", at);
    expect(at).toBeGreaterThan(-1);
    const part = text.slice(at, next);
    expect(part).toContain("Meegestuurde protocollen en richtlijnen");
    for (const name of ["Protocol meldcode huiselijk geweld.pdf", "Werkinstructie overdracht.docx", "Richtlijn opschaling.odt"]) expect(part).toContain(name);
  }, 120_000);

  it("keeps a submitted version's own copy after the attachment is removed; the toezichthouder downloads it", async () => {
    const users = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
    const version = await submitVersion(app.ctx, { id: users[0]!.id, name: users[0]!.name }, inv, { status: "concept", note: "" }, app.url);
    const copies = await app.ctx.db.select().from(schema.reportVersionAttachments).where(eq(schema.reportVersionAttachments.versionId, version.id));
    expect(copies.map((c) => c.filename).sort()).toEqual(["Protocol meldcode huiselijk geweld.pdf", "Richtlijn opschaling.odt", "Werkinstructie overdracht.docx"]);

    const pdf = (await attachmentsOf()).find((r) => r.filename.endsWith(".pdf"))!;
    const removed = await lead.post(`/onderzoeken/${inv}/rapport/bijlagen`, { intent: "delete", attachmentId: pdf.id });
    expect(removed.status).toBe(200);
    expect(await attachmentsOf()).toHaveLength(2);
    expect((await lead.get(`/onderzoeken/${inv}/rapport/bijlagen/${pdf.id}`)).status).toBe(404);

    const copy = copies.find((c) => c.filename.endsWith(".pdf"))!;
    const url = `/onderzoeken/${inv}/rapport/versies/${version.id}/bijlagen/${copy.id}`;
    const res = await toezicht.get(url);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    // The versions page links the copies at their version.
    const page = await (await toezicht.get(`/onderzoeken/${inv}/rapport/versies`)).text();
    expect(page).toContain(`href="${url}"`);
    // Versions hold client identity: not for ketenpartners (report.versions.download), nor outsiders.
    expect((await partner.get(url)).status).toBe(403);
    expect((await outsider.get(url)).status).toBe(404);
    // The copy is bound to its version.
    expect((await toezicht.get(`/onderzoeken/${inv}/rapport/versies/00000000-0000-0000-0000-000000000000/bijlagen/${copy.id}`)).status).toBe(404);
    expect((await auditOf("report.attachment_removed")).length).toBe(1);
  }, 180_000);
});
