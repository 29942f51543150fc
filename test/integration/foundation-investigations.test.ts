import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

// Creating and editing a leeronderzoek, the dashboard, and the deadline plan.
// All expected dates below are worked out by hand from a calendar, not by the app's calculator.

const LEAD = "begeleider@demo.ketenlijn.nl";
const LABEL = {
  melding: "Melding van de calamiteit aan de toezichthouder",
  ontvangst: "Ontvangstbevestiging van de melding door de toezichthouder",
  feitenrelaas: "Feitenrelaas (compleet overzicht) van de aanbieder",
  eigen: "Onderzoeksrapport van het eigen onderzoek van de aanbieder",
  igj: "Rapport aan de IGJ",
};
// Friday 24 April 2026, 10:00 in Amsterdam.
const NOW = new Date("2026-04-24T08:00:00Z");

let app: TestApp;
let lead: HttpClient;
const clock = new TestClock(NOW);
let seq = 0;

/** A complete, valid investigation form; calamity Thursday 23-04-2026, reported Friday 24-04-2026. */
const form = (overrides: Record<string, string> = {}) => ({
  title: `Val in trappenhuis, wijk West ${++seq}`,
  kind: "calamiteit",
  legalFrame: "wmo",
  reportingCriterion: "meldplicht_calamiteit",
  calamityDate: "2026-04-23",
  reportedDate: "2026-04-24",
  supervisor: "igj",
  supervisorMunicipality: "",
  providers: "Thuiszorg West; Wijkteam West",
  analysisMethod: "sire",
  phase: "beoordeling",
  ...overrides,
});

/** What a reader sees: the page without scripts, tags and React's text markers. */
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

/** The value an <input> with this id shows. */
function inputValue(html: string, id: string) {
  const tag = new RegExp(`<input[^>]*\\bid="${id}"[^>]*>`).exec(html)?.[0] ?? "";
  return /\bvalue="([^"]*)"/.exec(tag)?.[1];
}

/** The visible text of the table row on the termijnen page whose heading is `label`. */
function row(html: string, label: string) {
  const tr = html.split("<tr").find((r) => r.includes(`<th scope="row">${label}</th>`));
  if (!tr) throw new Error(`no row for ${label}`);
  return visibleText(`<tr${tr}`);
}

async function create(values: Record<string, string>) {
  const res = await lead.post("/onderzoeken/nieuw", values);
  const location = res.headers.get("location") ?? "";
  await res.text();
  const m = /^\/onderzoeken\/([0-9a-f-]{36})$/.exec(location);
  if (res.status !== 302 || !m) throw new Error(`create failed: ${res.status} ${location}`);
  return m[1];
}

async function page(path: string, c = lead) {
  const res = await c.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

async function deadlineRows(id: string) {
  const rows = await app.ctx.db.select().from(schema.deadlines).where(eq(schema.deadlines.investigationId, id));
  return Object.fromEntries(rows.map((r) => [r.key, r]));
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  lead = new HttpClient(app.url);
  await lead.login(LEAD);
});
afterAll(async () => {
  await app?.stop();
});

describe("creating a leeronderzoek", () => {
  const investigations = async () => Number((await app.ctx.db.select({ n: count() }).from(schema.investigations))[0].n);

  it("invalid input → 400 with a Dutch message at each field, and the typed values kept", async () => {
    const before = await investigations();
    const res = await lead.post(
      "/onderzoeken/nieuw",
      form({ title: "ab", kind: "ramp", reportingCriterion: "", calamityDate: "31-02-2026", phase: "", providers: "Thuiszorg Oost en Zorg B.V." }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Het formulier bevat fouten. Ze staan bij de velden hieronder.");
    expect(html).toContain('id="f-title-error">Geef het onderzoek een titel van minstens 3 tekens.<');
    expect(html).toContain('id="f-kind-error">Kies het soort voorval.<');
    expect(html).toContain('id="f-reportingCriterion-error">Kies het meldcriterium.<');
    expect(html).toContain('id="f-calamityDate-error">Datum calamiteit: vul een bestaande datum in (dd-mm-jjjj).<');
    expect(html).toContain('id="f-phase-error">Kies de fase.<');
    expect(inputValue(html, "f-title")).toBe("ab");
    expect(inputValue(html, "f-calamityDate")).toBe("31-02-2026");
    expect(inputValue(html, "f-reportedDate")).toBe("2026-04-24"); // a valid field is kept too
    expect(html).toContain("Thuiszorg Oost en Zorg B.V.</textarea>");
    expect(html).toMatch(/<option value="sire" selected="">/);
    expect(await investigations()).toBe(before);
  });

  it("a Toezicht Wmo without municipality → 400 with a Dutch message", async () => {
    const res = await lead.post("/onderzoeken/nieuw", form({ supervisor: "toezicht_wmo", supervisorMunicipality: "" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('id="f-supervisorMunicipality-error">Noem de gemeente van de Toezicht Wmo.<');
  });

  it("a report date before the calamity → 400 with a Dutch message", async () => {
    const res = await lead.post("/onderzoeken/nieuw", form({ calamityDate: "2026-04-23", reportedDate: "2026-04-22" }));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('id="f-reportedDate-error">De melding kan niet vóór de calamiteit liggen.<');
  });

  it("a valid form creates it and leads to its page", async () => {
    const values = form({ title: "Overlijden cliënt dagbesteding Oost" });
    const id = await create(values);
    const html = await page(`/onderzoeken/${id}`);
    expect(html).toContain("Overlijden cliënt dagbesteding Oost");
    expect(visibleText(html)).toContain("uw rol: Procesbegeleider");
    const [created] = await app.ctx.db
      .select({ n: count() })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "investigation.created"), eq(schema.auditLog.investigationId, id)));
    expect(Number(created.n)).toBe(1);
  });

  it("appears on the dashboard with its phase and next deadline", async () => {
    const title = "Vermissing bewoner, locatie De Linde";
    const id = await create(form({ title, phase: "beoordeling" }));
    const html = await page("/");
    expect(html).toContain(`href="/onderzoeken/${id}"`);
    const card = visibleText(html.split("<li>").find((li) => li.includes(title))!);
    expect(card).toContain("Fase: Beoordeling");
    expect(card).toContain("Uw rol: Procesbegeleider");
    // Today is Friday 24-04; 3 werkdagen after the report (Mon 27-04 is Koningsdag): Thursday 30-04.
    expect(card).toContain("Volgende termijn: Ontvangstbevestiging van de melding door de toezichthouder, 30-04-2026 (over 6 dagen) Binnenkort");
  });

  it("without dates it has no deadlines yet, and says so", async () => {
    const id = await create(form({ calamityDate: "", reportedDate: "" }));
    const card = visibleText((await page("/")).split("<li>").find((li) => li.includes(`/onderzoeken/${id}"`))!);
    expect(card).toContain("Geen openstaande termijnen.");
    expect(visibleText(await page(`/onderzoeken/${id}/termijnen`))).toContain("Nog niet te berekenen");
  });
});

describe("the deadline plan", () => {
  it("follows the dates around Koningsdag (calamity Thu 23-04-2026, reported Fri 24-04-2026)", async () => {
    const id = await create(form());
    const html = await page(`/onderzoeken/${id}/termijnen`);
    // 3 werkdagen after Thu 23-04: Fri 24, (Sat, Sun, Mon 27 Koningsdag), Tue 28, Wed 29.
    expect(row(html, LABEL.melding)).toContain("woensdag 29 april 2026");
    expect(row(html, LABEL.melding)).toContain("Afgerond"); // reported, so done
    // 3 werkdagen after Fri 24-04: (Mon 27 Koningsdag) Tue 28, Wed 29, Thu 30.
    expect(row(html, LABEL.ontvangst)).toContain("donderdag 30 april 2026");
    // 2, 6 and 8 weeks after Fri 24-04.
    expect(row(html, LABEL.feitenrelaas)).toContain("vrijdag 8 mei 2026");
    expect(row(html, LABEL.eigen)).toContain("vrijdag 5 juni 2026");
    expect(row(html, LABEL.igj)).toContain("vrijdag 19 juni 2026");

    const d = await deadlineRows(id);
    expect(Object.fromEntries(Object.entries(d).map(([k, r]) => [k, r.computedDate]))).toEqual({
      melding: "2026-04-29",
      ontvangstbevestiging: "2026-04-30",
      feitenrelaas: "2026-05-08",
      eigen_onderzoek: "2026-06-05",
      rapport_toezichthouder: "2026-06-19",
    });
  });

  it("follows the dates over Christmas and the year end (calamity Thu 24-12-2026, reported Thu 31-12-2026)", async () => {
    clock.set(new Date("2027-01-04T09:00:00Z")); // dates in the future are refused
    await lead.login(LEAD);
    const id = await create(form({ calamityDate: "24-12-2026", reportedDate: "31-12-2026" })).finally(() => clock.set(NOW)); // typed the Dutch way
    const html = await page(`/onderzoeken/${id}/termijnen`);
    // (Fri 25, Sat 26 Kerstdagen, Sun 27) Mon 28, Tue 29, Wed 30.
    expect(row(html, LABEL.melding)).toContain("woensdag 30 december 2026");
    // (Fri 1-1 Nieuwjaarsdag, Sat 2, Sun 3) Mon 4, Tue 5, Wed 6.
    expect(row(html, LABEL.ontvangst)).toContain("woensdag 6 januari 2027");
    expect(row(html, LABEL.feitenrelaas)).toContain("donderdag 14 januari 2027");
    expect(row(html, LABEL.eigen)).toContain("donderdag 11 februari 2027");
    expect(row(html, LABEL.igj)).toContain("donderdag 25 februari 2027");
  });

  it("with a Toezicht Wmo there is no separate IGJ report deadline", async () => {
    const id = await create(form({ supervisor: "toezicht_wmo", supervisorMunicipality: "Westerkwartier" }));
    const html = await page(`/onderzoeken/${id}/termijnen`);
    expect(html).not.toContain(LABEL.igj);
    expect(Object.keys(await deadlineRows(id)).sort()).toEqual(["eigen_onderzoek", "feitenrelaas", "melding", "ontvangstbevestiging"]);
  });
});

describe("changing a deadline", () => {
  let id: string;
  const termijnen = () => `/onderzoeken/${id}/termijnen`;
  beforeAll(async () => {
    id = await create(form());
  });

  it("without a reason → 400, a Dutch message, the typed date kept, nothing changed", async () => {
    const res = await lead.post(termijnen(), { intent: "change", key: "feitenrelaas", date: "2026-05-15", reason: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="reason-feitenrelaas-error">Geef een reden voor de wijziging (minstens 5 tekens).<');
    expect(inputValue(html, "date-feitenrelaas")).toBe("2026-05-15");
    expect((await deadlineRows(id)).feitenrelaas.overrideDate).toBeNull();
  });

  it("with a date that does not exist → 400 and a Dutch message", async () => {
    const res = await lead.post(termijnen(), { intent: "change", key: "feitenrelaas", date: "31-04-2026", reason: "Uitstel gevraagd" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('id="date-feitenrelaas-error">Vul een bestaande datum in (dd-mm-jjjj).<');
  });

  it("an unknown deadline → 404 with a Dutch message", async () => {
    const res = await lead.post(termijnen(), { intent: "change", key: "bestaat_niet", date: "2026-05-15", reason: "Uitstel gevraagd" });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Deze termijn bestaat niet.");
  });

  it("with a reason: shown with the computed date and the reason", async () => {
    const res = await lead.post(termijnen(), { intent: "change", key: "feitenrelaas", date: "2026-05-15", reason: "Aanbieder vraagt uitstel wegens ziekte" });
    expect(res.status).toBe(200);
    await res.text();
    const text = row(await page(termijnen()), LABEL.feitenrelaas);
    expect(text).toContain("vrijdag 15 mei 2026");
    expect(text).toContain("Aangepast (berekend: 08-05-2026). Reden: Aanbieder vraagt uitstel wegens ziekte");
  });

  it("is audit-logged and shown in the logboek", async () => {
    const [row] = await app.ctx.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "deadline.changed"), eq(schema.auditLog.investigationId, id)))
      .orderBy(desc(schema.auditLog.id));
    expect(row.details).toEqual({ key: "feitenrelaas", from: "2026-05-08", to: "2026-05-15", reason: "Aanbieder vraagt uitstel wegens ziekte" });
    const log = visibleText(await page(`/onderzoeken/${id}/logboek`));
    expect(log).toContain("Termijn gewijzigd");
    expect(log).toContain("Aanbieder vraagt uitstel wegens ziekte");
  });

  it("can be marked done and reopened", async () => {
    await (await lead.post(termijnen(), { intent: "done", key: "ontvangstbevestiging" })).text();
    expect(row(await page(termijnen()), LABEL.ontvangst)).toContain("Afgerond");
    await (await lead.post(termijnen(), { intent: "undone", key: "ontvangstbevestiging" })).text();
    expect(row(await page(termijnen()), LABEL.ontvangst)).not.toContain("Afgerond");
  });
});

describe("overdue deadlines", () => {
  it('show as "te laat" on the termijnen page, the overview and the dashboard', async () => {
    const title = "Geweld tegen medewerker, woonvorm Noord";
    const id = await create(form({ title }));
    clock.set(new Date("2026-05-11T08:00:00Z")); // Monday 11 May 2026
    try {
      const c = new HttpClient(app.url);
      await c.login(LEAD); // the earlier session has expired by now
      const html = await page(`/onderzoeken/${id}/termijnen`, c);
      expect(row(html, LABEL.ontvangst)).toContain("11 dagen te laat"); // due Thu 30-04
      expect(row(html, LABEL.ontvangst)).toContain("Te laat");
      expect(row(html, LABEL.feitenrelaas)).toContain("3 dagen te laat"); // due Fri 08-05
      expect(row(html, LABEL.eigen)).not.toContain("Te laat");
      expect(row(html, LABEL.melding)).not.toContain("Te laat"); // done

      expect(visibleText(await page(`/onderzoeken/${id}`, c))).toContain("2 termijnen zijn verstreken.");

      const card = visibleText((await page("/", c)).split("<li>").find((li) => li.includes(title))!);
      expect(card).toContain("Volgende termijn: Ontvangstbevestiging van de melding door de toezichthouder, 30-04-2026 (11 dagen te laat) Te laat");
      expect(card).toContain("2 termijnen te laat");

      // A deadline marked done is no longer late.
      await (await c.post(`/onderzoeken/${id}/termijnen`, { intent: "done", key: "ontvangstbevestiging" })).text();
      expect(visibleText(await page(`/onderzoeken/${id}`, c))).toContain("Eén termijn is verstreken.");
    } finally {
      clock.set(NOW);
    }
  });

  it("due today is not late yet", async () => {
    const id = await create(form());
    clock.set(new Date("2026-05-08T20:00:00Z")); // 22:00 on Friday 8 May in Amsterdam: feitenrelaas due today
    try {
      const c = new HttpClient(app.url);
      await c.login(LEAD);
      const text = row(await page(`/onderzoeken/${id}/termijnen`, c), LABEL.feitenrelaas);
      expect(text).toContain("vandaag");
      expect(text).not.toContain("Te laat");
    } finally {
      clock.set(NOW);
    }
  });
});

describe("editing the dates", () => {
  it("recomputes the computed dates but keeps a changed date", async () => {
    const values = form();
    const id = await create(values);
    const change = await lead.post(`/onderzoeken/${id}/termijnen`, {
      intent: "change",
      key: "feitenrelaas",
      date: "2026-05-20",
      reason: "Afgesproken met de aanbieder",
    });
    expect(change.status).toBe(200);
    await change.text();

    // The report was in fact made on Tuesday 28-04 (entered that day: a date in the future is refused).
    clock.set(new Date("2026-04-28T08:00:00Z"));
    await lead.login(LEAD);
    const res = await lead.post(`/onderzoeken/${id}/gegevens`, { ...values, reportedDate: "2026-04-28" });
    clock.set(NOW);
    expect(res.status).toBe(302);
    await res.text();

    const html = await page(`/onderzoeken/${id}/termijnen`);
    expect(row(html, LABEL.ontvangst)).toContain("vrijdag 1 mei 2026"); // Wed 29, Thu 30, Fri 1-5
    expect(row(html, LABEL.eigen)).toContain("dinsdag 9 juni 2026");
    expect(row(html, LABEL.melding)).toContain("woensdag 29 april 2026"); // counts from the calamity: unchanged
    const feitenrelaas = row(html, LABEL.feitenrelaas);
    expect(feitenrelaas).toContain("woensdag 20 mei 2026");
    expect(feitenrelaas).toContain("Aangepast (berekend: 12-05-2026). Reden: Afgesproken met de aanbieder");

    const d = await deadlineRows(id);
    expect(d.feitenrelaas.computedDate).toBe("2026-05-12");
    expect(d.feitenrelaas.overrideDate).toBe("2026-05-20");
    const [updated] = await app.ctx.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "investigation.updated"), eq(schema.auditLog.investigationId, id)));
    expect(updated.details).toEqual({ changed: ["reportedDate"] });
  });

  it("an invalid edit → 400, Dutch messages, typed values kept, nothing saved", async () => {
    const values = form();
    const id = await create(values);
    const res = await lead.post(`/onderzoeken/${id}/gegevens`, { ...values, title: "", reportedDate: "2026-13-01" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('id="f-title-error">Geef het onderzoek een titel van minstens 3 tekens.<');
    expect(html).toContain('id="f-reportedDate-error">Datum melding: vul een bestaande datum in (dd-mm-jjjj).<');
    expect(inputValue(html, "f-reportedDate")).toBe("2026-13-01");
    const [inv] = await app.ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, id));
    expect(inv.title).toBe(values.title);
    expect(inv.reportedDate).toBe("2026-04-24");
  });
});
