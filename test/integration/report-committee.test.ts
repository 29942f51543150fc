// The committee (Bijlage 1 item 1c) over HTTP: add, edit, reorder and delete members, with Dutch
// messages next to the fields that keep what was typed; audited; read-only for ketenpartners; not
// for a toezichthouder without workspace access.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
let id: string;
let page: string;
const lead = () => clients.lead;
const clients = {} as Record<"lead" | "onderzoeker" | "partner" | "toezicht" | "toezicht2" | "outsider", HttpClient>;

const member = (overrides: Record<string, string> = {}) => ({
  intent: "add",
  function: "Kwaliteitsfunctionaris",
  name: "",
  organisation: "Stichting Jeugdhulp De Brug",
  background: "Verpleegkundige, 12 jaar kwaliteit en veiligheid.",
  involvement: "Niet betrokken bij de zorg voor het gezin.",
  independence: "intern_niet_betrokken",
  ...overrides,
});

async function committee() {
  return app.ctx.db
    .select()
    .from(schema.committeeMembers)
    .where(eq(schema.committeeMembers.investigationId, id))
    .orderBy(schema.committeeMembers.position);
}

describe.skipIf(!hasBuild())("report committee (item 1c)", () => {
  beforeAll(async () => {
    app = await startTestApp();
    // An investigation of its own: the demo comes with a committee already.
    const userId = async (email: string) => (await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, email)))[0].id;
    const [inv] = await app.ctx.db
      .insert(schema.investigations)
      .values({ title: "Commissie-onderzoek", kind: "calamiteit", legalFrame: "wmo", reportingCriterion: "vermissing", supervisor: "igj", analysisMethod: "prisma", phase: "onderzoek" })
      .returning();
    id = inv.id;
    page = `/onderzoeken/${id}/rapport/commissie`;
    for (const [email, role, access] of [
      ["onderzoeker@committee.test", "onderzoeker", false],
      ["toezicht2@committee.test", "toezichthouder", false],
    ] as const) {
      await app.ctx.db.insert(schema.users).values({ email, name: email, passwordHash: await hashPassword("ketenlijn-demo") });
      await app.ctx.db.insert(schema.memberships).values({ investigationId: id, userId: await userId(email), role, workspaceAccess: access });
    }
    for (const [email, role, access] of [
      ["begeleider@demo.ketenlijn.nl", "procesbegeleider", false],
      ["partner.a@demo.ketenlijn.nl", "ketenpartner", false],
      ["toezicht@demo.ketenlijn.nl", "toezichthouder", true],
    ] as const) {
      await app.ctx.db.insert(schema.memberships).values({ investigationId: id, userId: await userId(email), role, workspaceAccess: access });
    }
    const logins = {
      lead: "begeleider@demo.ketenlijn.nl",
      onderzoeker: "onderzoeker@committee.test",
      partner: "partner.a@demo.ketenlijn.nl",
      toezicht: "toezicht@demo.ketenlijn.nl",
      toezicht2: "toezicht2@committee.test",
      outsider: "buitenstaander@demo.ketenlijn.nl",
    };
    for (const [k, email] of Object.entries(logins) as [keyof typeof clients, string][]) {
      clients[k] = new HttpClient(app.url);
      await clients[k].login(email);
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("starts empty and explains item 1c", async () => {
    const res = await lead().get(page);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Samenstelling van de commissie");
    expect(html).toContain("Er zijn nog geen commissieleden vastgelegd.");
    expect(html).toContain("Commissielid toevoegen");
  });

  it("refuses incomplete input with Dutch messages next to the fields, keeping what was typed", async () => {
    const res = await lead().post(page, member({ function: "", involvement: "", independence: "", background: "Jurist gezondheidsrecht" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Noem de functie van het commissielid.");
    expect(html).toContain("Beschrijf de mate van betrokkenheid bij de calamiteit");
    expect(html).toContain("Kies hoe onafhankelijk dit lid is.");
    expect(html).toContain("Jurist gezondheidsrecht");
    expect(html).toMatch(/id="f-function"[^>]*aria-invalid="true"/);
    expect(await committee()).toHaveLength(0);
  });

  it("adds, edits, reorders and deletes members; every change is audited", async () => {
    expect((await lead().post(page, member())).status).toBe(302);
    expect((await clients.onderzoeker.post(page, member({ function: "Externe voorzitter", name: "dr. A. Smit", organisation: "Bureau Onafhankelijk", independence: "extern" }))).status).toBe(302);
    expect((await lead().post(page, member({ function: "Teamleider", independence: "intern_betrokken", involvement: "Leidinggevende van het betrokken team." }))).status).toBe(302);
    let rows = await committee();
    expect(rows.map((r) => r.function)).toEqual(["Kwaliteitsfunctionaris", "Externe voorzitter", "Teamleider"]);
    expect(rows.map((r) => r.position)).toEqual([0, 1, 2]);

    // Move the external chair to the top.
    const chair = rows[1];
    expect((await lead().post(page, { intent: "up", memberId: chair.id })).status).toBe(302);
    rows = await committee();
    expect(rows.map((r) => r.function)).toEqual(["Externe voorzitter", "Kwaliteitsfunctionaris", "Teamleider"]);
    // Moving the first one up changes nothing.
    expect((await lead().post(page, { intent: "up", memberId: chair.id })).status).toBe(302);
    expect((await committee()).map((r) => r.function)).toEqual(["Externe voorzitter", "Kwaliteitsfunctionaris", "Teamleider"]);
    expect((await lead().post(page, { intent: "down", memberId: rows[1].id })).status).toBe(302);
    expect((await committee()).map((r) => r.function)).toEqual(["Externe voorzitter", "Teamleider", "Kwaliteitsfunctionaris"]);

    // Edit: the form shows the current values; a bad edit keeps the typed values.
    const edit = await lead().get(`${page}?wijzig=${chair.id}`);
    const editHtml = await edit.text();
    expect(editHtml).toContain("Commissielid wijzigen: Externe voorzitter");
    expect(editHtml).toContain("Bureau Onafhankelijk");
    const bad = await lead().post(`${page}?wijzig=${chair.id}`, { ...member({ intent: "update", function: "V", organisation: "Bureau Nieuw" }), memberId: chair.id });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Noem de functie van het commissielid.");
    expect(badHtml).toContain("Bureau Nieuw");
    const good = await lead().post(`${page}?wijzig=${chair.id}`, {
      ...member({ intent: "update", function: "Externe voorzitter", name: "dr. A. Smit", organisation: "Bureau Nieuw", independence: "extern" }),
      memberId: chair.id,
    });
    expect(good.status).toBe(302);
    const [updated] = await app.ctx.db.select().from(schema.committeeMembers).where(eq(schema.committeeMembers.id, chair.id));
    expect(updated).toMatchObject({ organisation: "Bureau Nieuw", independence: "extern", name: "dr. A. Smit" });

    const html = await (await lead().get(page)).text();
    expect(html).toContain("Extern, onafhankelijk");
    expect(html).toContain("Intern, betrokken bij de zorg");

    const teamleider = (await committee()).find((r) => r.function === "Teamleider")!;
    expect((await lead().post(page, { intent: "remove", memberId: teamleider.id })).status).toBe(302);
    expect((await committee()).map((r) => r.function)).toEqual(["Externe voorzitter", "Kwaliteitsfunctionaris"]);
    const gone = await lead().post(page, { intent: "remove", memberId: teamleider.id });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("Dit commissielid bestaat niet (meer).");

    const actions = (await app.ctx.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.investigationId, id)))).map((a) => a.action);
    expect(actions.filter((a) => a === "committee.member_added")).toHaveLength(3);
    expect(actions.filter((a) => a === "committee.reordered")).toHaveLength(2); // the no-op move is not logged
    expect(actions.filter((a) => a === "committee.member_updated")).toHaveLength(1);
    expect(actions.filter((a) => a === "committee.member_removed")).toHaveLength(1);
  });

  it("is read-only for ketenpartners and a toezichthouder in the workspace; closed to a toezichthouder without it and to non-members", async () => {
    const before = JSON.stringify(await committee());
    for (const who of ["partner", "toezicht"] as const) {
      const res = await clients[who].get(page);
      expect(res.status, who).toBe(200);
      const html = await res.text();
      expect(html).toContain("Externe voorzitter");
      expect(html).not.toContain("Commissielid toevoegen");
      expect(html).not.toContain('name="intent"');
      expect((await clients[who].post(page, member())).status, who).toBe(403);
    }
    expect((await clients.toezicht2.get(page)).status).toBe(403);
    expect((await clients.outsider.get(page)).status).toBe(404);
    expect((await clients.outsider.post(page, member())).status).toBe(404);
    expect(JSON.stringify(await committee())).toBe(before);
  });
});
