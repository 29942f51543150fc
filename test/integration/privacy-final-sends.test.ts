// Issue 16 gap: the definitive report mailed to reactants (final_report_sends: their name, address,
// personal download link and the copy sent) is part of what the Privacy page exports and erases for
// a reactant, also once their round invitation is gone.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { submitVersion } from "../../server/report/versions.server.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
const BERT = { name: "Bert Reactant (fictief)", email: "Bert.Reactant@example.nl" };

let app: TestApp;
let inv: string;
let leadHttp: HttpClient;
const privacyUrl = () => `/onderzoeken/${inv}/privacy`;
const sends = () => app.ctx.db.select().from(schema.finalReportSends).where(eq(schema.finalReportSends.investigationId, inv));

describe.skipIf(!hasBuild())("final report sends on the privacy page", () => {
  beforeAll(async () => {
    app = await startTestApp({ clock });
    inv = app.demoInvestigationId;
    const [u] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
    await submitVersion(app.ctx, { id: u!.id, name: u!.name }, inv, { status: "concept", note: "" }, app.url);
    const [version] = await app.ctx.db.select().from(schema.reportVersions).where(eq(schema.reportVersions.investigationId, inv));
    // As sendFinalReport stores it (server/report/final.server.ts); the reactant's invitation itself is gone.
    await app.ctx.db.insert(schema.finalReportSends).values({
      investigationId: inv,
      versionId: version!.id,
      name: BERT.name,
      email: BERT.email,
      tokenHash: "hash-of-a-personal-link",
      filename: "Rapport definitief.docx",
      docx: Buffer.from("docx"),
      sha256: "0".repeat(64),
      sentBy: u!.id,
      sentAt: clock.now(),
    });
    leadHttp = new HttpClient(app.url);
    await leadHttp.login("begeleider@demo.ketenlijn.nl");
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("lists the recipient as a reactant and exports the mailed report with its dates", async () => {
    expect(await (await leadHttp.get(privacyUrl())).text()).toContain(BERT.name);
    const res = await leadHttp.get(`${privacyUrl()}/export?soort=reactant&sleutel=${encodeURIComponent(BERT.email.toLowerCase())}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { invitations: unknown[]; finalReports: { version: number; name: string; email: string; sentAt: string; downloadedAt: string | null }[] };
    expect(body.invitations).toEqual([]);
    expect(body.finalReports).toHaveLength(1);
    expect(body.finalReports[0]).toMatchObject({ version: 1, name: BERT.name, email: BERT.email, sentAt: clock.now().toISOString(), downloadedAt: null });
  });

  it("erases the send: name, address and link are gone, the person is no longer listed, audited", async () => {
    const res = await leadHttp.post(privacyUrl(), { intent: "erase", kind: "reactant", key: BERT.email.toLowerCase() });
    expect(res.status).toBe(200);
    await res.text();
    expect(await sends()).toHaveLength(0);
    expect(await (await leadHttp.get(privacyUrl())).text()).not.toContain(BERT.name);
    const erased = await app.ctx.db.select().from(schema.auditLog).where(and(eq(schema.auditLog.investigationId, inv), eq(schema.auditLog.action, "person.erased")));
    expect(erased).toHaveLength(1);
    const again = await leadHttp.get(`${privacyUrl()}/export?soort=reactant&sleutel=${encodeURIComponent(BERT.email.toLowerCase())}`);
    expect(again.status).toBe(404);
  });
});
