import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

// The incidentenloket (issue 10): register, submission by a ketenpartner, screening, starting a
// leeronderzoek, and who sees what (the permission matrix), over HTTP against the real server.

const LOKET = "loket@demo.ketenlijn.nl";
const PARTNER = "partner.a@demo.ketenlijn.nl";
const PARTNER_B = "partner.b@demo.ketenlijn.nl";
const TOEZICHT = "toezicht@demo.ketenlijn.nl";
const LEAD = "begeleider@demo.ketenlijn.nl";
// Wednesday 4 March 2026, 10:00 in Amsterdam.
const clock = new TestClock(new Date("2026-03-04T09:00:00Z"));

let app: TestApp;
const clients: Record<string, HttpClient> = {};

function visibleText(html: string) {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

const form = (o: Record<string, string> = {}) => ({
  receivedOn: "2026-03-03",
  channel: "telefoon",
  reportingOrganisation: "Wijkteam Noord",
  legalFrame: "wmo",
  category: "suicidepoging",
  eventDate: "2026-03-02",
  description: "Volwassen cliënt met Wmo-begeleiding thuis, poging tot suïcide na uitstel van de hulp.",
  urgency: "hoog",
  meldplicht: "aan",
  impact_pers: "aan",
  clientName: "",
  clientBirthDate: "",
  ...o,
});

async function register(c: HttpClient, values: Record<string, string>) {
  const res = await c.post("/loket/meldingen/nieuw", values);
  await res.text();
  const m = /^\/loket\/meldingen\/([0-9a-f-]{36})$/.exec(res.headers.get("location") ?? "");
  if (res.status !== 302 || !m) throw new Error(`register failed: ${res.status}`);
  return m[1];
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  for (const email of [LOKET, PARTNER, PARTNER_B, TOEZICHT, LEAD]) {
    clients[email] = new HttpClient(app.url);
    await clients[email].login(email);
  }
});
afterAll(async () => app?.stop());

describe("register form", () => {
  it("shows every error in Dutch on the first submit and keeps what was typed", async () => {
    const res = await clients[LOKET].post("/loket/meldingen/nieuw", { receivedOn: "2026-03-09", description: "kort", reportingOrganisation: "" });
    expect(res.status).toBe(400);
    const text = visibleText(await res.text());
    for (const msg of [
      "Het formulier bevat 7 fouten.",
      "Ontvangen op kan niet in de toekomst liggen.",
      "Kies hoe de melding binnenkwam.",
      "Vul de meldende organisatie in.",
      "Kies het wettelijk kader.",
      "Kies het meldcriterium en de categorie.",
      "Kies de urgentie.",
      "Beschrijf kort wat er is gebeurd (minstens 10 tekens).",
    ])
      expect(text).toContain(msg);
  });

  it("registers a melding; the identity goes only to the restricted table and its view is audited", async () => {
    const id = await register(clients[LOKET], form({ clientName: "Karel Proef", clientBirthDate: "1970-05-06" }));
    const [row] = await app.ctx.db.select().from(schema.meldingen).where(eq(schema.meldingen.id, id));
    expect(row).toMatchObject({ status: "nieuw", source: "loket", channel: "telefoon", criterion: "3", meldplicht: true, impacts: ["pers"] });
    expect(JSON.stringify(row)).not.toContain("Karel");
    const [identity] = await app.ctx.db.select().from(schema.meldingIdentities).where(eq(schema.meldingIdentities.meldingId, id));
    expect(identity.name).toBe("Karel Proef");

    const html = await (await clients[LOKET].get(`/loket/meldingen/${id}`)).text();
    expect(visibleText(html)).toContain("Karel Proef");
    const views = await app.ctx.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "melding.viewed"), sql`${schema.auditLog.details}->>'meldingId' = ${id}`));
    expect(views).toHaveLength(1);
    expect(views[0].details).toMatchObject({ identity: true });
  });
});

describe("who sees what", () => {
  let loketMelding: string;
  let partnerMelding: string;
  beforeAll(async () => {
    loketMelding = await register(clients[LOKET], form({ description: "Melding van het loket zelf over een vermissing uit de gesloten groep." , category: "vermissing_minderjarige", legalFrame: "jeugdwet" }));
    partnerMelding = await register(clients[PARTNER], form({ channel: "email", description: "Melding van het wijkteam: ernstige bedreiging van een medewerker.", category: "ggg_professionals" }));
  });

  it("a ketenpartner's melding comes in through the form and lands in the loket's inbox", async () => {
    const [row] = await app.ctx.db.select().from(schema.meldingen).where(eq(schema.meldingen.id, partnerMelding));
    expect(row).toMatchObject({ source: "ketenpartner", channel: "formulier", status: "nieuw" });
    const inbox = visibleText(await (await clients[LOKET].get("/loket/meldingen?status=nieuw")).text());
    expect(inbox).toContain("Grensoverschrijdend gedrag tegen professionals");
    expect(inbox).toMatch(/Inbox: \d+ nieuwe meldingen/);
  });

  it("the ketenpartner sees only their own submission, and no screening", async () => {
    const list = visibleText(await (await clients[PARTNER].get("/loket/meldingen")).text());
    expect(list).toContain("Mijn meldingen bij het incidentenloket");
    expect(list).toContain("Grensoverschrijdend gedrag tegen professionals");
    expect(list).not.toContain("Vermissing: minderjarige");
    const own = await clients[PARTNER].get(`/loket/meldingen/${partnerMelding}`);
    expect(own.status).toBe(200);
    const ownText = visibleText(await own.text());
    expect(ownText).not.toContain("Screening en vervolg");
    expect(ownText).not.toContain("Leeronderzoek starten");
    expect((await clients[PARTNER].get(`/loket/meldingen/${loketMelding}`)).status).toBe(404);
    // Another ketenpartner does not see it either.
    expect((await clients[PARTNER_B].get(`/loket/meldingen/${partnerMelding}`)).status).toBe(404);
    expect(visibleText(await (await clients[PARTNER_B].get("/loket/meldingen")).text())).toContain("U heeft nog geen melding gedaan.");
  });

  it("the ketenpartner cannot screen, start an investigation or export", async () => {
    const screen = await clients[PARTNER].post(`/loket/meldingen/${partnerMelding}`, { status: "afgehandeld", decision: "geen_actie" });
    expect(screen.status).toBe(403);
    expect((await clients[PARTNER].get(`/loket/meldingen/${partnerMelding}/leeronderzoek`)).status).toBe(403);
    const [row] = await app.ctx.db.select().from(schema.meldingen).where(eq(schema.meldingen.id, partnerMelding));
    expect(row.status).toBe("nieuw");
  });

  it("a toezichthouder sees no meldingen and cannot submit one", async () => {
    expect((await clients[TOEZICHT].get("/loket/meldingen")).status).toBe(403);
    expect((await clients[TOEZICHT].get(`/loket/meldingen/${partnerMelding}`)).status).toBe(403);
    expect((await clients[TOEZICHT].get(`/loket/meldingen/${loketMelding}`)).status).toBe(403);
    expect(visibleText(await (await clients[TOEZICHT].get(`/loket/meldingen/${loketMelding}`)).text())).not.toContain("vermissing");
    expect((await clients[TOEZICHT].post("/loket/meldingen/nieuw", form())).status).toBe(403);
  });

  it("a procesbegeleider without the loket right sees no one else's melding", async () => {
    expect((await clients[LEAD].get(`/loket/meldingen/${loketMelding}`)).status).toBe(404);
    expect((await clients[LEAD].get(`/loket/meldingen/${loketMelding}/leeronderzoek`)).status).toBe(403);
  });

  it("anonymous visitors go to the login page", async () => {
    const res = await new HttpClient(app.url).get("/loket/meldingen");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?next=/);
  });
});

describe("register filters and search", () => {
  it("filters by year, kader, criterion, status and searches the description and the reference", async () => {
    await register(clients[LOKET], form({ receivedOn: "2025-06-10", eventDate: "2025-06-09", description: "Oudere melding uit vorig jaar over een pandsluiting.", category: "dreigende_pandsluiting", legalFrame: "geen" }));
    // The result count and the table (the filter's own option lists name every category).
    const text = async (q: string) => {
      const html = await (await clients[LOKET].get(`/loket/meldingen?${q}`)).text();
      return visibleText(html.slice(html.indexOf('aria-live="polite"') > 0 ? html.indexOf('aria-live="polite"') : html.indexOf('class="empty"')));
    };
    const y2025 = await text("jaar=2025");
    expect(y2025).toContain("Procescoördinatie dreigende pandsluiting");
    expect(y2025).not.toContain("Suïcidepoging");
    expect(await text("kader=jeugdwet")).toContain("Vermissing: minderjarige");
    expect(await text("kader=jeugdwet")).not.toContain("Suïcidepoging");
    expect(await text("criterium=7")).toContain("pandsluiting");
    expect(await text("q=pandsluiting")).toContain("1 melding");
    const [row] = await app.ctx.db.select().from(schema.meldingen).where(eq(schema.meldingen.category, "dreigende_pandsluiting"));
    expect(await text(`q=M-2025-${String(row.seq).padStart(4, "0")}`)).toContain("1 melding");
    expect(await text("q=bestaatniet")).toContain("Geen meldingen gevonden met deze filters.");
  });
});

describe("screening and leeronderzoek starten", () => {
  it("closing needs a decision; the decision records who and when", async () => {
    const id = await register(clients[LOKET], form({ category: "advies_overig", meldplicht: "", description: "Adviesvraag van een school over een leerling." }));
    const bad = await clients[LOKET].post(`/loket/meldingen/${id}`, { status: "afgehandeld", decision: "" });
    expect(bad.status).toBe(400);
    expect(visibleText(await bad.text())).toContain("Kies een besluit: een afgehandelde melding heeft een besluit.");
    const ok = await clients[LOKET].post(`/loket/meldingen/${id}`, { status: "afgehandeld", decision: "advies", screeningNote: "Advies gegeven over de route." });
    expect(ok.status).toBe(200);
    const [row] = await app.ctx.db.select().from(schema.meldingen).where(eq(schema.meldingen.id, id));
    const [loketUser] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, LOKET));
    expect(row).toMatchObject({ status: "afgehandeld", decision: "advies", decidedBy: loketUser.id });
    expect(row.decidedAt?.toISOString()).toBe("2026-03-04T09:00:00.000Z");
    expect(visibleText(await (await clients[LOKET].get(`/loket/meldingen/${id}`)).text())).toContain("Besluit: Advies gegeven , door Lotte Kramer");
  });

  it("records the toezichthouder's process for a calamity", async () => {
    const id = await register(clients[LOKET], form());
    const res = await clients[LOKET].post(`/loket/meldingen/${id}`, {
      status: "in_screening",
      decision: "",
      supervisor: "toezicht_wmo",
      supervisorReportedOn: "2026-03-04",
      supervisorDecision: "zelfonderzoek",
      supervisorOutcome: "Zelfonderzoek binnen 6 weken.",
    });
    expect(res.status).toBe(200);
    const [row] = await app.ctx.db.select().from(schema.meldingen).where(eq(schema.meldingen.id, id));
    expect(row).toMatchObject({ supervisor: "toezicht_wmo", supervisorDecision: "zelfonderzoek", supervisorReportedOn: "2026-03-04", decision: null });
  });

  it("starts the investigation pre-filled from the melding and links both ways", async () => {
    const id = await register(clients[LOKET], form({ clientName: "Karel Proef" }));
    const page = await (await clients[LOKET].get(`/loket/meldingen/${id}/leeronderzoek`)).text();
    expect(page).toMatch(/id="f-calamityDate"[^>]*value="2026-03-02"|value="2026-03-02"[^>]*id="f-calamityDate"/);
    expect(page).toContain("Wijkteam Noord");
    const [m] = await app.ctx.db.select().from(schema.meldingen).where(eq(schema.meldingen.id, id));
    const values = {
      title: `Suïcidepoging, maart 2026 (melding M-2026-${String(m.seq).padStart(4, "0")})`,
      kind: "calamiteit",
      legalFrame: "wmo",
      reportingCriterion: "suicide_onnatuurlijk",
      calamityDate: "2026-03-02",
      reportedDate: "2026-03-03",
      supervisor: "toezicht_wmo",
      supervisorMunicipality: "Dijkhaven",
      providers: "Wijkteam Noord",
      analysisMethod: "prisma",
      phase: "beoordeling",
    };
    const res = await clients[LOKET].post(`/loket/meldingen/${id}/leeronderzoek`, values);
    expect(res.status).toBe(302);
    const invId = /\/onderzoeken\/([0-9a-f-]{36})$/.exec(res.headers.get("location") ?? "")![1];
    const [after] = await app.ctx.db.select().from(schema.meldingen).where(eq(schema.meldingen.id, id));
    expect(after).toMatchObject({ investigationId: invId, decision: "leeronderzoek", status: "afgehandeld" });
    const [inv] = await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, invId));
    expect(inv).toMatchObject({ legalFrame: "wmo", calamityDate: "2026-03-02", providers: "Wijkteam Noord" });
    const [membership] = await app.ctx.db.select().from(schema.memberships).where(eq(schema.memberships.investigationId, invId));
    expect(membership.role).toBe("procesbegeleider");
    // Deadlines follow from the dates: the melding's receipt confirmation 3 werkdagen after 3 March.
    const deadlines = await app.ctx.db.select().from(schema.deadlines).where(eq(schema.deadlines.investigationId, invId));
    expect(deadlines.length).toBeGreaterThan(0);
    const [identity] = await app.ctx.db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, invId));
    expect(identity.name).toBe("Karel Proef");
    // Both ways: the investigation links back to the melding, the melding to the investigation and its deadlines.
    expect(visibleText(await (await clients[LOKET].get(`/onderzoeken/${invId}`)).text())).toContain(`Gestart vanuit melding M-2026-${String(m.seq).padStart(4, "0")}`);
    const detail = visibleText(await (await clients[LOKET].get(`/loket/meldingen/${id}`)).text());
    expect(detail).toContain("Naar het leeronderzoek");
    expect(detail).toContain("Termijnen van het leeronderzoek");
    // A second start is refused.
    const again = await clients[LOKET].post(`/loket/meldingen/${id}/leeronderzoek`, values);
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain("Vanuit deze melding is al een leeronderzoek gestart.");
  });
});

describe("register export", () => {
  it("CSV and Excel with the page's filters, for the loket only, audited", async () => {
    const csvRes = await clients[LOKET].get("/loket/meldingen.csv?jaar=2025");
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toContain("text/csv");
    expect(csvRes.headers.get("content-disposition")).toMatch(/attachment; filename="meldingen-2026-03-04\.csv"/);
    const csv = await csvRes.text();
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(2); // the header and the one 2025 melding
    expect(lines[1]).toContain("Procescoördinatie dreigende pandsluiting");
    expect(csv).not.toContain("Karel");

    const xlsxRes = await clients[LOKET].get("/loket/meldingen.xlsx");
    expect(xlsxRes.status).toBe(200);
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(Buffer.from(await xlsxRes.arrayBuffer()));
    const sheet = (await zip.file("xl/worksheets/sheet1.xml")?.async("string")) ?? "";
    const strings = (await zip.file("xl/sharedStrings.xml")?.async("string")) ?? "";
    const all = sheet + strings;
    expect(all).toContain("Meldende organisatie");
    expect(all).toContain("Suïcidepoging");
    expect(all).not.toContain("Karel");

    for (const who of [PARTNER, TOEZICHT, LEAD]) {
      expect((await clients[who].get("/loket/meldingen.csv")).status, who).toBe(403);
      expect((await clients[who].get("/loket/meldingen.xlsx")).status, who).toBe(403);
    }
    const exported = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "loket.exported"));
    expect(exported.map((e) => e.details.format).sort()).toEqual(["csv", "xlsx"]);
  });
});
