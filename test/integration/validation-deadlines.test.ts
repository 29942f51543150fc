// Issue 11: dates in the future are refused with Dutch messages, every field error (cross-field
// checks included) shows on the first submit, a term that ends on a weekend or feestdag moves to
// the next werkdag with a note, and the Overzicht's count of passed terms matches its list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

const LEAD = "begeleider@demo.ketenlijn.nl";
// Wednesday 2 December 2026, 10:00 in Amsterdam.
const NOW = new Date("2026-12-02T09:00:00Z");

let app: TestApp;
let lead: HttpClient;
const clock = new TestClock(NOW);
let seq = 0;

const form = (overrides: Record<string, string> = {}) => ({
  title: `Val in trappenhuis, wijk Zuid ${++seq}`,
  kind: "calamiteit",
  legalFrame: "wmo",
  reportingCriterion: "meldplicht_calamiteit",
  calamityDate: "2026-11-09",
  reportedDate: "2026-11-11",
  supervisor: "igj",
  supervisorMunicipality: "",
  providers: "Thuiszorg Zuid",
  analysisMethod: "sire",
  phase: "beoordeling",
  ...overrides,
});

const errorOf = (html: string, field: string) => new RegExp(`id="f-${field}-error">([^<]*)<`).exec(html)?.[1];

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

async function create(values: Record<string, string>) {
  const res = await lead.post("/onderzoeken/nieuw", values);
  const location = res.headers.get("location") ?? "";
  await res.text();
  const m = /^\/onderzoeken\/([0-9a-f-]{36})$/.exec(location);
  if (res.status !== 302 || !m) throw new Error(`create failed: ${res.status} ${location}`);
  return m[1];
}

async function page(path: string) {
  const res = await lead.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  lead = new HttpClient(app.url);
  await lead.login(LEAD);
});
afterAll(async () => {
  await app?.stop();
});

describe("dates in the future and all errors at once", () => {
  it("refuses a calamity date and a melding date after today, with every other error on the same submit", async () => {
    const res = await lead.post(
      "/onderzoeken/nieuw",
      form({ title: "ab", supervisor: "toezicht_wmo", supervisorMunicipality: "", calamityDate: "03-12-2026", reportedDate: "2027-01-05" }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(errorOf(html, "title")).toBe("Geef het onderzoek een titel van minstens 3 tekens.");
    expect(errorOf(html, "supervisorMunicipality")).toBe("Noem de gemeente van de Toezicht Wmo.");
    expect(errorOf(html, "calamityDate")).toBe(
      "De datum van de calamiteit ligt in de toekomst. Vul de dag in waarop de calamiteit plaatsvond.",
    );
    expect(errorOf(html, "reportedDate")).toBe("De datum van de melding ligt in de toekomst. Vul deze pas in als er gemeld is.");
  });

  it("shows the melding-before-calamiteit check together with a field error elsewhere", async () => {
    const res = await lead.post("/onderzoeken/nieuw", form({ title: "", kind: "ramp", calamityDate: "2026-11-09", reportedDate: "2026-11-02" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(errorOf(html, "title")).toBeTruthy();
    expect(errorOf(html, "kind")).toBe("Kies het soort voorval.");
    expect(errorOf(html, "reportedDate")).toBe("De melding kan niet vóór de calamiteit liggen.");
  });

  it("accepts today, and refuses a future date when editing too", async () => {
    const id = await create(form({ calamityDate: "2026-12-01", reportedDate: "02-12-2026" }));
    const res = await lead.post(`/onderzoeken/${id}/gegevens`, form({ calamityDate: "2026-12-01", reportedDate: "2026-12-24" }));
    expect(res.status).toBe(400);
    expect(errorOf(await res.text(), "reportedDate")).toBe("De datum van de melding ligt in de toekomst. Vul deze pas in als er gemeld is.");
  });

  it("shows the password repeat mismatch together with a missing name when accepting an invitation is refused", async () => {
    const { acceptInvitationSchema, fieldErrors } = await import("../../app/domain/forms.ts");
    const parsed = acceptInvitationSchema.safeParse({ name: "", password: "lang-genoeg-wachtwoord", passwordRepeat: "anders" });
    expect(parsed.success).toBe(false);
    expect(fieldErrors(parsed.error!)).toEqual({ name: "Vul uw naam in.", passwordRepeat: "De wachtwoorden zijn niet gelijk." });
  });
});

describe("terms on a weekend or feestdag (Algemene termijnenwet art. 1)", () => {
  it("moves '2 weken na de melding' off 1e Kerstdag to Monday 28 December, with a note on the Termijnen page and the Overzicht", async () => {
    // Reported Friday 11 December 2026 (clock after it) + 2 weeks = Friday 25 December.
    clock.set(new Date("2026-12-14T09:00:00Z"));
    await lead.login(LEAD);
    try {
      const id = await create(form({ calamityDate: "2026-12-09", reportedDate: "2026-12-11" }));
      const text = visibleText(await page(`/onderzoeken/${id}/termijnen`));
      expect(text).toContain(
        "maandag 28 december 2026 over 14 dagen Valt op 1e Kerstdag (vrijdag 25 december 2026); verschoven naar de eerstvolgende werkdag (Algemene termijnenwet, art. 1).",
      );
      expect(text).not.toContain("vrijdag 25 december 2026 over");
      const overview = visibleText(await page(`/onderzoeken/${id}`));
      expect(overview).toContain("Feitenrelaas (compleet overzicht) van de aanbieder: 28-12-2026");
      expect(overview).toContain("Valt op 1e Kerstdag");
    } finally {
      clock.set(NOW);
    }
  });
});

describe("the Overzicht's count of passed terms", () => {
  it("lists every term it counts as passed", async () => {
    // Reported 4 May 2026: under the IGJ four open terms, all passed by 2 December.
    const id = await create(form({ calamityDate: "2026-05-01", reportedDate: "2026-05-04" }));
    const html = await page(`/onderzoeken/${id}`);
    expect(visibleText(html)).toContain("4 termijnen zijn verstreken.");
    const list = html.split('id="h-termijnen"')[1].split("</ul>")[0];
    expect(list.match(/<li/g)?.length).toBe(4);
    expect(list.match(/badge--overdue/g)?.length).toBe(4);
  });
});
