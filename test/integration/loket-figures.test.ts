import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { findOrCreateOrganisation } from "../../server/members.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

// The jaaroverzicht (issue 10) against a hand-counted fixture: six meldingen in 2025, two in 2024,
// one leeronderzoek started (and closed) in 2025 with three projected root causes.
const run = promisify(execFile);
const SOFFICE = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"].find((p) => existsSync(p));
const clock = new TestClock(new Date("2026-01-15T09:00:00Z"));

let app: TestApp;
let loket: HttpClient;

beforeAll(async () => {
  app = await startTestApp({ clock, demo: { analysis: false } });
  loket = new HttpClient(app.url);
  await loket.login("loket@demo.ketenlijn.nl");
  const org = async (n: string) => (await findOrCreateOrganisation(app.ctx, n))!;
  const [a, b, c] = [await org("Wijkteam A"), await org("Zorgaanbieder B"), await org("GGZ C")];
  const melding = (receivedOn: string, category: string, criterion: string, legalFrame: string, reportingOrganisationId: string, meldplicht = false) => ({
    receivedOn,
    channel: "email",
    reportingOrganisationId,
    legalFrame,
    criterion,
    category,
    meldplicht,
    description: "Fixture",
    urgency: "normaal",
    source: "loket",
  });
  await app.ctx.db.insert(schema.meldingen).values([
    melding("2025-01-10", "ggg_fysiek", "4", "wmo", a, true),
    melding("2025-02-10", "ggg_fysiek", "4", "wmo", a),
    melding("2025-12-31", "ggg_fysiek", "4", "wmo", a),
    melding("2025-05-01", "advies_vastgelopen", "8", "geen", b),
    melding("2025-06-01", "advies_vastgelopen", "8", "geen", b),
    melding("2025-07-01", "suicide", "3", "jeugdwet", c, true),
    melding("2024-03-01", "ggg_fysiek", "4", "wmo", a),
    melding("2024-12-31", "vermissing_minderjarige", "6", "jeugdwet", b),
    // Outside both years: not counted.
    melding("2026-01-01", "suicide", "3", "wmo", c, true),
    melding("2023-12-31", "suicide", "3", "wmo", c, true),
  ]);
  const inv = app.demoInvestigationId;
  await app.ctx.db
    .update(schema.investigations)
    .set({ createdAt: new Date("2025-03-01T10:00:00Z"), closedAt: new Date("2025-11-01T10:00:00Z") })
    .where(eq(schema.investigations.id, inv));
  // Projected root causes (the projection's table; written here as a fixture).
  await app.ctx.db.insert(schema.analysisRootCauses).values([
    { investigationId: inv, nodeId: "rc1", ecm: "OP", ecmGroup: "organisatorisch", themes: ["informatiedeling"], position: 0 },
    { investigationId: inv, nodeId: "rc2", ecm: "OP", ecmGroup: "organisatorisch", themes: ["informatiedeling", "escalatie"], position: 1 },
    { investigationId: inv, nodeId: "rc3", ecm: "HRC", ecmGroup: "menselijk", themes: [], position: 2 },
  ]);
  await app.ctx.db.insert(schema.analysisMeasures).values([
    { investigationId: inv, measureId: "m1", title: "Overdrachtsprotocol herzien", status: "geborgd", deadline: "2025-10-01", valid: true, position: 0, borgingHow: "Jaarlijkse audit" },
    { investigationId: inv, measureId: "m2", title: "Escalatieroute bekendmaken", status: "gepland", deadline: "2025-12-01", valid: true, position: 1 },
    { investigationId: inv, measureId: "m3", title: "Gezamenlijke casusbespreking", status: "in_uitvoering", deadline: "2026-06-01", valid: true, position: 2 },
  ]);
});
afterAll(async () => app?.stop());

/** CSV → { "table|label": [previous, current, diff] } */
async function csvFigures(year: number) {
  const res = await loket.get(`/loket/jaaroverzicht.csv?jaar=${year}`);
  expect(res.status).toBe(200);
  const lines = (await res.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toBe(`Tabel;Omschrijving;${year - 1};${year};Verschil`);
  const out: Record<string, string[]> = {};
  for (const l of lines.slice(1)) {
    const cells = l.split(";").map((c) => c.replace(/^"|"$/g, ""));
    out[`${cells[0].split(" (")[0]}|${cells[1]}`] = cells.slice(2);
  }
  return out;
}

describe("jaaroverzicht", () => {
  it("counts as by hand: totals, criteria, categories, kader, reporting parties, investigations, themes, ECM", async () => {
    const f = await csvFigures(2025);
    expect(f["Meldingen in totaal|Meldingen"]).toEqual(["2", "6", "+4"]);
    expect(f["Meldingen in totaal|waarvan adviesvragen"]).toEqual(["0", "2", "+2"]);
    expect(f["Meldingen in totaal|waarvan calamiteiten"]).toBeUndefined();
    expect(f["Meldingen in totaal|waarvan calamiteiten (wettelijke meldplicht)"]).toEqual(["0", "2", "+2"]);
    expect(f["Meldingen in totaal|Leeronderzoeken gestart"]).toEqual(["0", "1", "+1"]);
    expect(f["Meldingen in totaal|Leeronderzoeken afgerond"]).toEqual(["0", "1", "+1"]);
    expect(f["Meldingen per meldcriterium|4. Ernstig geweld of grensoverschrijdend gedrag"]).toEqual(["1", "3", "+2"]);
    expect(f["Meldingen per meldcriterium|6. Vermissing met (mogelijk) gevaar"]).toEqual(["1", "0", "-1"]);
    expect(f["Meldingen per meldcriterium|1. Calamiteit met wettelijke meldplicht"]).toEqual(["0", "0", "0"]);
    expect(f["Meldingen per categorie|Advies en consult: vastgelopen casuïstiek"]).toEqual(["0", "2", "+2"]);
    expect(f["Meldingen per wettelijk kader|Wmo"]).toEqual(["1", "3", "+2"]);
    expect(f["Meldingen per wettelijk kader|Jeugdwet"]).toEqual(["1", "1", "0"]);
    expect(f["Meldingen per wettelijk kader|Geen"]).toEqual(["0", "2", "+2"]);
    expect(f["Meldende partijen|Wijkteam A"]).toEqual(["1", "3", "+2"]);
    expect(f["Meldende partijen|Zorgaanbieder B"]).toEqual(["1", "2", "+1"]);
    expect(f["Meldende partijen|GGZ C"]).toEqual(["0", "1", "+1"]);
    expect(f["Thema's in de bevindingen|Informatiedeling"]).toEqual(["0", "2", "+2"]);
    expect(f["Thema's in de bevindingen|Escalatie"]).toEqual(["0", "1", "+1"]);
    expect(f["PRISMA-profiel per hoofdgroep|Organisatorisch"]?.[1]).toBe("2");
    expect(f["PRISMA-profiel per ECM-code|OP"]).toEqual(["0", "2", "+2"]);
    expect(f["PRISMA-profiel per ECM-code|HRC"]).toEqual(["0", "1", "+1"]);
  });

  it("the page shows the figures; only the loket may see and export it", async () => {
    const res = await loket.get("/loket/jaaroverzicht?jaar=2025");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Jaaroverzicht 2025");
    for (const email of ["partner.a@demo.ketenlijn.nl", "toezicht@demo.ketenlijn.nl", "begeleider@demo.ketenlijn.nl"]) {
      const c = new HttpClient(app.url);
      await c.login(email);
      for (const p of ["/loket/jaaroverzicht", "/loket/jaaroverzicht.csv", "/loket/jaaroverzicht.docx"]) expect((await c.get(p)).status, `${email} ${p}`).toBe(403);
    }
  });

  it.skipIf(!SOFFICE)("the .docx opens in LibreOffice and holds the figures", async () => {
    const res = await loket.get("/loket/jaaroverzicht.docx?jaar=2025");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain("jaaroverzicht-incidentenloket-2025.docx");
    const dir = await mkdtemp(path.join(os.tmpdir(), "loket-jaar-"));
    try {
      const file = path.join(dir, "jaar.docx");
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      await run(SOFFICE!, [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "txt:Text", "--outdir", dir, file], { timeout: 120_000 });
      const text = await readFile(path.join(dir, "jaar.txt"), "utf8");
      expect(text).toContain("Jaaroverzicht incidentenloket 2025");
      expect(text).toContain("Meldingen per wettelijk kader");
      expect(text).toMatch(/Wijkteam A\s+1\s+3\s+\+2/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe("leeroverzicht", () => {
  const strip = (html: string) => html.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<!--[\s\S]*?-->/g, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

  it("profile, themes and measures (overdue first) from the projections; links only for members", async () => {
    const html = await (await loket.get("/loket/leeroverzicht")).text();
    const text = strip(html);
    expect(text).toContain("3 basisoorzaken");
    expect(text).toMatch(/Organisatorisch 2 66,7%/);
    expect(text).toMatch(/Menselijk 1 33,3%/);
    expect(text).toMatch(/Informatiedeling 2 1/);
    const order = ["Escalatieroute bekendmaken", "Overdrachtsprotocol herzien", "Gezamenlijke casusbespreking"].map((t) => text.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/Escalatieroute bekendmaken Gepland 01-12-2025 te laat/);
    // The loket is no member of the demo investigation: it is counted, not named.
    expect(html).not.toContain(`/onderzoeken/${app.demoInvestigationId}`);

    const lead = new HttpClient(app.url);
    await lead.login("begeleider@demo.ketenlijn.nl");
    const leadHtml = await (await lead.get("/loket/leeroverzicht")).text();
    expect(leadHtml).toContain(`/onderzoeken/${app.demoInvestigationId}/analyse`);
    // A filter that leaves nothing shows the empty states.
    const none = strip(await (await loket.get("/loket/leeroverzicht?kader=wlz")).text());
    expect(none).toContain("Nog geen basisoorzaken in deze onderzoeken.");
    expect(none).toContain("Nog geen verbetermaatregelen in deze onderzoeken.");
  });

  it("is not for ketenpartners or toezichthouders", async () => {
    for (const email of ["partner.a@demo.ketenlijn.nl", "toezicht@demo.ketenlijn.nl", "buitenstaander@demo.ketenlijn.nl"]) {
      const c = new HttpClient(app.url);
      await c.login(email);
      expect((await c.get("/loket/leeroverzicht")).status, email).toBe(403);
    }
  });
});
