// Restoring a version over HTTP (issue 11): making and restoring a version land in the Logboek with
// who; a restore first keeps the current state as a version of its own (so it can be undone later)
// and names whose edits it overwrites; only the procesbegeleider and onderzoekers may; the version
// page compares the version with the current state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { listVersions } from "../../server/collab/versions.ts";
import { appendUpdates, loadDoc } from "../../server/collab/persistence.ts";
import { restoresOf } from "../../server/history/restores.server.ts";
import { createEvent } from "../../app/domain/timeline/mutations.ts";
import { schema } from "../../db/client.ts";

let app: TestApp;
let base: string;
let begeleider: HttpClient;
let partner: HttpClient;
let toezicht: HttpClient;
let versionId: string;
let partnerId: string;
const ADDED = "Feit van na de versie";

beforeAll(async () => {
  app = await startTestApp();
  base = `/onderzoeken/${app.demoInvestigationId}/geschiedenis`;
  begeleider = new HttpClient(app.url);
  await begeleider.login("begeleider@demo.ketenlijn.nl");
  partner = new HttpClient(app.url);
  await partner.login("partner.a@demo.ketenlijn.nl");
  toezicht = new HttpClient(app.url);
  await toezicht.login("toezicht@demo.ketenlijn.nl");
  const [p] = await app.ctx.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, "partner.a@demo.ketenlijn.nl"));
  partnerId = p.id;
});
afterAll(async () => {
  await app?.stop();
});

/** The ketenpartner adds a fact to the stored document, as the collaboration server would log it. */
async function partnerAddsFact(title: string) {
  const doc = await loadDoc(app.ctx.db, app.demoInvestigationId);
  const before = Y.encodeStateVector(doc);
  const party = [...doc.getMap("parties").keys()][0];
  const id = createEvent(doc, { title, party, start: "2024-01", kind: "contact" }, { userId: partnerId });
  await appendUpdates(app.ctx.db, app.demoInvestigationId, [
    { userId: partnerId, at: new Date(Date.now() + 1000), update: Y.encodeStateAsUpdate(doc, before), entityIds: [`events:${id}`] },
  ]);
}

const logboek = async () => (await begeleider.get(`/onderzoeken/${app.demoInvestigationId}/logboek`)).text();

describe("Versies in het Logboek, terugzetten en later ongedaan maken", () => {
  it("making a version is in the Logboek with who", async () => {
    expect((await begeleider.post(base, { name: "Voor de ronde" })).status).toBe(200);
    versionId = (await listVersions(app.ctx, app.demoInvestigationId)).find((v) => v.name === "Voor de ronde")!.id;
    const html = await logboek();
    expect(html).toContain("Versie vastgelegd");
    expect(html).toContain("naam: Voor de ronde");
    expect(html).toContain("Petra de Vries");
  });

  it("the version page compares the version with the current state", async () => {
    await partnerAddsFact(ADDED);
    const html = await (await begeleider.get(`${base}/${versionId}`)).text();
    expect(html).toContain("Verschil met nu");
    expect(html).toContain("Toegevoegd sinds deze versie (1)");
    expect(html).toContain(`Feit ‘${ADDED}’`);
    expect(html).toContain("Verwijderd sinds deze versie (0)");
  });

  it("only the procesbegeleider and onderzoekers may restore", async () => {
    expect((await partner.post(`${base}/${versionId}/terugzetten`, { stap: "begin" })).status).toBe(403);
    expect((await toezicht.post(`${base}/${versionId}/terugzetten`, { stap: "begin" })).status).toBe(403);
    expect((await begeleider.post(`${base}/00000000-0000-0000-0000-000000000000/terugzetten`, { stap: "begin" })).status).toBe(404);
    expect((await begeleider.get(`${base}/${versionId}/terugzetten`)).status).toBe(405);
    expect(await restoresOf(app.ctx, app.demoInvestigationId, versionId)).toEqual([]);
  });

  it("a restore keeps the state before it as a version, names the overwritten, and is in the Logboek", async () => {
    const res = await begeleider.post(`${base}/${versionId}/terugzetten`, { stap: "begin" });
    expect(res.status).toBe(200);
    const start = (await res.json()) as { backupVersionId: string; backupName: string; overwritten: string[] };
    expect(start.overwritten).toEqual([partnerId]);
    expect(start.backupName).toBe("Vóór terugzetten van ‘Voor de ronde’");
    const backup = await loadDocOfVersion(start.backupVersionId);
    expect([...backup.getMap<Y.Map<unknown>>("events").values()].some((e) => e.get("title") === ADDED)).toBe(true);
    const html = await logboek();
    expect(html).toContain("Versie teruggezet");
    expect(html).toContain("versie: Voor de ronde");
    expect(html).toMatch(/wijzigingen overschreven van: [^<;]+/);

    // Undo, later: only with the kept version of a restore of this version.
    expect((await begeleider.post(`${base}/${versionId}/terugzetten`, { stap: "ongedaan", terug: versionId })).status).toBe(400);
    expect((await partner.post(`${base}/${versionId}/terugzetten`, { stap: "ongedaan", terug: start.backupVersionId })).status).toBe(403);
    const [pending] = await restoresOf(app.ctx, app.demoInvestigationId, versionId);
    expect(pending).toMatchObject({ backupVersionId: start.backupVersionId, person: "Petra de Vries", undone: null });
    expect((await begeleider.post(`${base}/${versionId}/terugzetten`, { stap: "ongedaan", terug: start.backupVersionId })).status).toBe(200);
    const [done] = await restoresOf(app.ctx, app.demoInvestigationId, versionId);
    expect(done.undone?.person).toBe("Petra de Vries");
    expect(await logboek()).toContain("Terugzetten van een versie ongedaan gemaakt");
  });
});

async function loadDocOfVersion(id: string): Promise<Y.Doc> {
  const res = await begeleider.get(`${base}/${id}/staat`);
  expect(res.status).toBe(200);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
  return doc;
}
