// The Geschiedenis pages over HTTP: who changed what, named versions (who may make them), viewing
// a version and its state resource, and that a version never leaks into another investigation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { createInvestigation } from "./helpers/collab-harness.ts";
import { createVersion, listVersions } from "../../server/collab/versions.ts";

const ACCOUNTS = {
  begeleider: "begeleider@demo.ketenlijn.nl",
  partner: "partner.a@demo.ketenlijn.nl",
  toezicht: "toezicht@demo.ketenlijn.nl",
  buiten: "buitenstaander@demo.ketenlijn.nl",
} as const;
type Who = keyof typeof ACCOUNTS;

let app: TestApp;
let base: string;
const clients = {} as Record<Who, HttpClient>;
let foreignVersionId: string;

beforeAll(async () => {
  app = await startTestApp();
  base = `/onderzoeken/${app.demoInvestigationId}/geschiedenis`;
  for (const who of Object.keys(ACCOUNTS) as Who[]) {
    clients[who] = new HttpClient(app.url);
    await clients[who].login(ACCOUNTS[who]);
  }
  const other = await createInvestigation(app.ctx, "Ander onderzoek");
  foreignVersionId = (await createVersion(app.ctx, { investigationId: other, name: "Elders", userId: null })).id;
});
afterAll(async () => {
  await app?.stop();
});

describe("Geschiedenis: wie wijzigde wat", () => {
  it("lists the seed change with the begeleider's name and the facts' current titles", async () => {
    const res = await clients.begeleider.get(base);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Wie wijzigde wat");
    expect(html).toContain("Petra de Vries");
    expect(html).toContain("Feit ‘Politie bij woning na melding huiselijk geweld’");
    expect(html).toContain("Partij ‘Huisartsenpraktijk De Linde’");
    expect(html).toMatch(/\d{1,2} [a-z]+ \d{4} om \d{2}:\d{2}/);
    expect(html).toContain("Er zijn nog geen versies vastgelegd.");
  });

  it("is readable by every member, not by a non-member or anonymous; a page out of range is a 404", async () => {
    for (const who of ["partner", "toezicht"] as const) expect((await clients[who].get(base)).status).toBe(200);
    expect((await clients.buiten.get(base)).status).toBe(404);
    expect((await new HttpClient(app.url).get(base)).status).toBe(302);
    expect((await clients.begeleider.get(`${base}?pagina=99`)).status).toBe(404);
    expect((await clients.begeleider.get(`${base}?pagina=abc`)).status).toBe(404);
    expect((await clients.begeleider.get(`${base}?pagina=1`)).status).toBe(200);
  });
});

describe("Geschiedenis: versies", () => {
  let versionId: string;

  it("an empty name is refused with a Dutch message", async () => {
    const res = await clients.begeleider.post(base, { name: "   " });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Geef de versie een naam.");
    expect(await listVersions(app.ctx, app.demoInvestigationId)).toEqual([]);
  });

  it("the procesbegeleider makes a version; toezichthouder and ketenpartner get 403, a non-member 404", async () => {
    const ok = await clients.begeleider.post(base, { name: "Begin commentaarronde 1" });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("Versie ‘Begin commentaarronde 1’ is vastgelegd.");
    expect((await clients.toezicht.post(base, { name: "Van toezicht" })).status).toBe(403);
    expect((await clients.partner.post(base, { name: "Van partner" })).status).toBe(403);
    expect((await clients.buiten.post(base, { name: "Van buiten" })).status).toBe(404);
    const versions = await listVersions(app.ctx, app.demoInvestigationId);
    expect(versions.map((v) => v.name)).toEqual(["Begin commentaarronde 1"]);
    versionId = versions[0].id;
    const list = await (await clients.toezicht.get(base)).text();
    expect(list).toContain("Begin commentaarronde 1");
    expect(list).toContain("Petra de Vries");
    expect(list).not.toContain("Versie vastleggen");
  });

  it("a version renders its timeline read-only for members; restore is offered to editors only", async () => {
    const res = await clients.begeleider.get(`${base}/${versionId}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Versie ‘Begin commentaarronde 1’");
    expect(html).toContain("Politie bij woning na melding huiselijk geweld");
    expect(html).toContain("Onderdelen van de analyse");
    const toezicht = await clients.toezicht.get(`${base}/${versionId}`);
    expect(toezicht.status).toBe(200);
    const toezichtHtml = await toezicht.text();
    expect(toezichtHtml).toContain("Politie bij woning na melding huiselijk geweld");
    expect(toezichtHtml).not.toContain("Terugzetten wordt geladen");
    expect((await clients.buiten.get(`${base}/${versionId}`)).status).toBe(404);
  });

  it("a version of another investigation, or a bogus id, is a 404 (page and state)", async () => {
    for (const id of [foreignVersionId, "niet-een-id", "00000000-0000-0000-0000-000000000000"]) {
      expect((await clients.begeleider.get(`${base}/${id}`)).status).toBe(404);
      expect((await clients.begeleider.get(`${base}/${id}/staat`)).status).toBe(404);
    }
  });

  it("the state resource returns the version as a Yjs update, with the same rules", async () => {
    const res = await clients.begeleider.get(`${base}/${versionId}/staat`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/octet-stream");
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
    expect(doc.getMap("events").size).toBeGreaterThan(5);
    expect((await clients.toezicht.get(`${base}/${versionId}/staat`)).status).toBe(200);
    expect((await clients.buiten.get(`${base}/${versionId}/staat`)).status).toBe(404);
    expect((await new HttpClient(app.url).get(`${base}/${versionId}/staat`)).status).toBe(302);
  });
});
