// Browser flow of comment rounds (issue 5): the procesbegeleider opens a 4-week round on the draft
// report for a nabestaande without an account; she reacts through the personal link from the mail,
// saves a draft and signs; the clock passes the deadline and the job closes the round; the
// procesbegeleider records the disposition and it reaches her mail. Plus the interview pages.
// axe (serious/critical) on every page of the rounds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import * as Y from "yjs";
import { eq } from "drizzle-orm";
import { schema } from "../../db/client.ts";
import { appendUpdates, loadDoc } from "../../server/collab/persistence.ts";
import { runDueJobs } from "../../server/jobs/index.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";
import { launchBrowser, loginBySession, seriousAxeViolations, type AxeViolation } from "./browser.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0"; // the test moves the clock and runs the jobs itself

const BEGELEIDER = "begeleider@demo.ketenlijn.nl";
const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";
const REACTANT = { name: "Anna de Wit", email: "anna.dewit@example.nl", relation: "nabestaande" };
const clock = new TestClock(new Date("2026-03-02T09:00:00Z")); // Monday 2 March 2026, 10:00 in Amsterdam

let app: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const axeFindings: { page: string; violations: AxeViolation[] }[] = [];

async function axe(page: Page, label: string) {
  const violations = await seriousAxeViolations(page);
  if (violations.length) axeFindings.push({ page: label, violations });
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam" });
  context.setDefaultTimeout(15_000);
  contexts.push(context);
  return context.newPage();
}

async function writeParagraphs(fragment: string, texts: string[]) {
  const doc = await loadDoc(app.ctx.db, app.demoInvestigationId);
  const sv = Y.encodeStateVector(doc);
  doc.getXmlFragment(fragment).insert(
    0,
    texts.map((t) => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(t)]);
      return p;
    }),
  );
  await appendUpdates(app.ctx.db, app.demoInvestigationId, [{ userId: null, at: clock.now(), update: Y.encodeStateAsUpdate(doc, sv), entityIds: [fragment] }]);
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  browser = await launchBrowser();
  await writeParagraphs("section:7a", ["De signalen over het gezin werden niet gedeeld tussen de organisaties.", "Niemand had de regie over het geheel."]);
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await app?.stop();
});

const heading = (page: Page, name: string | RegExp, level?: number) => page.getByRole("heading", { name, ...(level ? { level } : {}) });

describe("rounds flow: draft report, personal link, signing, closing, disposition", () => {
  it("runs from opening the round to the disposition in the reactant's mail", async () => {
    const investigationUrl = `${app.url}/onderzoeken/${app.demoInvestigationId}`;

    // ── The procesbegeleider opens the register from the tabs: empty.
    const lead = await newPage();
    await loginBySession(lead, app, BEGELEIDER);
    await lead.goto(investigationUrl);
    await Promise.all([lead.waitForURL(`${investigationUrl}/rondes`), lead.getByRole("link", { name: "Rondes", exact: true }).click()]);
    await heading(lead, "Register van reactierondes").waitFor();
    await lead.getByText("Er is nog geen ronde geopend.").waitFor();
    await axe(lead, "register (leeg)");

    // ── A new 4-week round on the draft report, for a nabestaande without an account.
    await Promise.all([lead.waitForURL(`${investigationUrl}/rondes/nieuw`), lead.getByRole("link", { name: "Nieuwe ronde openen" }).click()]);
    await heading(lead, "Nieuwe reactieronde openen").waitFor();
    await axe(lead, "nieuwe ronde");
    const documentSelect = lead.getByLabel("Document");
    expect(await documentSelect.inputValue()).toBe("draft_report");
    expect(await documentSelect.locator("option:checked").textContent()).toContain("Conceptrapport — 4 weken, tot en met maandag 30 maart 2026");
    // A half-filled row first: the form says what is missing and keeps what was typed.
    await lead.getByLabel("Persoon 1: volledige naam").fill(REACTANT.name);
    await lead.getByLabel("Persoon 1: e-mailadres").fill("anna@");
    await lead.getByRole("button", { name: "Ronde openen en uitnodigingen versturen" }).click();
    await lead.getByText("Vul een geldig e-mailadres in.").waitFor();
    expect(await lead.getByLabel("Persoon 1: volledige naam").inputValue()).toBe(REACTANT.name);
    await lead.getByLabel("Persoon 1: e-mailadres").fill(REACTANT.email);
    await lead.getByLabel("Persoon 1: functie of relatie tot de casus").fill(REACTANT.relation);
    await Promise.all([
      lead.waitForURL(/\/rondes\/[0-9a-f-]{36}\?geopend=1$/),
      lead.getByRole("button", { name: "Ronde openen en uitnodigingen versturen" }).click(),
    ]);
    const roundUrl = lead.url().replace(/\?geopend=1$/, "");
    await lead.getByRole("status").filter({ hasText: "De ronde is geopend en de uitnodigingen zijn verstuurd." }).waitFor();
    await heading(lead, "Conceptrapport", 2).waitFor();
    expect(await lead.locator("[data-round-state]").getAttribute("data-round-state")).toBe("open");
    expect(await lead.locator("main").textContent()).toContain("maandag 30 maart 2026 om 23.59 uur · nog 28 dagen");
    const inviteeRow = lead.locator(`tr[data-invitee="${REACTANT.email}"]`);
    expect(await inviteeRow.textContent()).toContain("Persoonlijke link (actief)");
    expect(await inviteeRow.textContent()).toContain("Nog niet");
    await axe(lead, "ronde (open, beheer)");

    // ── The nabestaande, on her own computer, opens the link from her mail. No account, no login.
    const guest = await newPage();
    await guest.goto(`${app.url}/dev/outbox`);
    const mail = guest.getByRole("article").filter({ hasText: `Aan: ${REACTANT.email}` }).first();
    await mail.waitFor();
    expect(await mail.getByRole("heading").textContent()).toBe("Uitnodiging om te reageren: Conceptrapport");
    const link = mail.getByRole("link", { name: new RegExp(`${app.url}/reactie/`) });
    const linkUrl = (await link.getAttribute("href"))!;
    await Promise.all([guest.waitForURL(linkUrl), link.click()]);
    await heading(guest, "Reageren op: Conceptrapport", 1).waitFor();
    const body = (await guest.locator("body").textContent())!;
    expect(body).toContain("De signalen over het gezin werden niet gedeeld tussen de organisaties.");
    expect(body).toContain("nog 28 dagen");
    expect(body).not.toContain(DEMO_TITLE);
    expect(await guest.getByRole("navigation").count()).toBe(0);
    expect(await guest.getByRole("link", { name: /onderzoek/i }).count()).toBe(0);
    await axe(guest, "persoonlijke link (open)");

    // She picks the paragraph from the document itself, writes, and saves a draft.
    await guest.getByRole("button", { name: "Reageer hierop (alinea 1 van 7a)" }).click();
    expect(await guest.getByLabel("Waarop reageert u?").locator("option:checked").textContent()).toContain("7a, alinea 1");
    await guest.getByRole("textbox", { name: "Uw reactie", exact: true }).fill("De huisarts heeft in januari wel gebeld met het wijkteam.");
    await guest.getByRole("button", { name: "Concept opslaan" }).click();
    await guest.getByRole("status").filter({ hasText: "Uw concept is opgeslagen" }).waitFor();
    // Typing on is saved by itself.
    await guest.getByRole("textbox", { name: "Uw reactie", exact: true }).fill("De huisarts heeft in januari wel gebeld met het wijkteam; dat staat in haar dossier.");
    await guest.getByText(/Concept automatisch opgeslagen/).waitFor();
    // A reload shows the saved draft.
    await guest.reload();
    expect(await guest.getByRole("textbox", { name: "Uw reactie", exact: true }).inputValue()).toBe("De huisarts heeft in januari wel gebeld met het wijkteam; dat staat in haar dossier.");

    // Signing without the declaration: told so, nothing lost.
    // The name is the invitee's, filled in and fixed.
    expect(await guest.getByLabel("Uw volledige naam").inputValue()).toBe(REACTANT.name);
    expect(await guest.getByLabel("Uw volledige naam").isEditable()).toBe(false);
    expect(await guest.getByLabel("Uw functie of relatie tot de casus").inputValue()).toBe(REACTANT.relation);
    await guest.getByRole("button", { name: "Ondertekenen en versturen" }).click();
    await guest.getByText("Vink de verklaring aan om te ondertekenen.").first().waitFor();
    // Every missing piece at once: the one-time code too (ADR 0021).
    await guest.getByText("Vul de code van 6 cijfers in die wij u hebben gemaild").first().waitFor();
    expect(await guest.getByRole("textbox", { name: "Uw reactie", exact: true }).inputValue()).toContain("dat staat in haar dossier");
    await axe(guest, "persoonlijke link (fout bij ondertekenen)");
    await guest.getByLabel(/Ik verklaar dat deze reactie van mij is/).check();
    // The second factor: a code mailed to the invited address, typed in before signing.
    await guest.getByRole("button", { name: "Stuur mij een code" }).click();
    await guest.getByRole("status").filter({ hasText: "Wij hebben een code van 6 cijfers gestuurd naar an***@example.nl" }).waitFor();
    expect(await guest.evaluate(() => document.activeElement?.id)).toBe("f-code");
    expect(await guest.getByLabel(/Ik verklaar dat deze reactie van mij is/).isChecked()).toBe(true);
    const codeMail = (await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, REACTANT.email))).filter((m) => m.subject.startsWith("Uw code")).at(-1)!;
    expect(codeMail.text).toContain(DEMO_TITLE);
    await axe(guest, "persoonlijke link (code gemaild)");
    await guest.getByLabel("Code uit de e-mail").fill(/\b(\d{6})\b/.exec(codeMail.text)![1]);
    await guest.getByRole("button", { name: "Ondertekenen en versturen" }).click();
    await guest.getByRole("status").filter({ hasText: "Uw reactie is ondertekend en verstuurd op maandag 2 maart 2026" }).waitFor();
    const own = guest.getByRole("article").filter({ hasText: "Reactie 1" });
    await own.waitFor();
    expect(await own.textContent()).toContain(`Ondertekend door ${REACTANT.name} (${REACTANT.relation})`);
    expect(await own.textContent()).toContain("Nog niet afgehandeld.");
    expect(await guest.getByRole("textbox", { name: "Uw reactie", exact: true }).inputValue()).toBe("");
    await axe(guest, "persoonlijke link (na ondertekenen)");

    // ── The procesbegeleider sees the reaction come in.
    await lead.goto(roundUrl);
    expect(await inviteeRow.textContent()).toContain("Ja");
    await lead.getByRole("heading", { name: /Reactie 1 van Anna de Wit: 7a, alinea 1/ }).waitFor();

    // ── The deadline passes; the job closes the round.
    clock.set(new Date("2026-03-31T07:00:00Z"));
    const report = await runDueJobs(app.ctx);
    expect(report.closed).toBe(1);
    await loginBySession(lead, app, BEGELEIDER); // the session (12 hours) ran out with the clock
    await lead.goto(`${investigationUrl}/rondes`);
    const row = lead.locator("tr[data-round]");
    expect(await row.locator("[data-round-state]").getAttribute("data-round-state")).toBe("closed");
    expect(await row.textContent()).toContain("1 van 1 gereageerd");
    expect(await row.textContent()).toContain("0 verwerkt, 0 terzijde gelegd, 1 open");
    await axe(lead, "register (gesloten ronde)");
    const closingMails = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, REACTANT.email));
    expect(closingMails.filter((m) => m.subject.startsWith("De reactietermijn is verstreken"))).toHaveLength(1);

    // ── The disposition: first without the "where", then complete.
    await lead.goto(roundUrl);
    expect(await lead.locator("[data-round-state]").first().getAttribute("data-round-state")).toBe("closed");
    const reaction = lead.getByRole("form", { name: "Afhandeling van reactie 1" });
    await reaction.getByLabel("Verwerkt", { exact: true }).check();
    await reaction.getByRole("button", { name: "Afhandeling controleren" }).click();
    await lead.getByText("Geef aan waar de reactie is verwerkt, bijvoorbeeld het onderdeel of de alinea.").first().waitFor();
    await axe(lead, "ronde (fout bij afhandeling)");
    await lead.getByRole("form", { name: "Afhandeling van reactie 1" }).getByLabel("Waar verwerkt, of de motivering").fill("In 7a, eerste alinea: het telefoontje van de huisarts is toegevoegd.");
    await lead.getByRole("form", { name: "Afhandeling van reactie 1" }).getByRole("button", { name: "Afhandeling controleren" }).click();
    // The confirm step: what is stored and mailed, by whom; focus on it, nothing stored yet.
    const confirmStep = lead.getByRole("region", { name: "Afhandeling bevestigen" });
    await confirmStep.waitFor();
    expect(await lead.evaluate(() => document.activeElement?.textContent)).toBe("Afhandeling bevestigen");
    expect(await confirmStep.textContent()).toContain("Waar verwerkt: In 7a, eerste alinea: het telefoontje van de huisarts is toegevoegd.");
    expect(await confirmStep.textContent()).toContain("Vastgelegd door Petra de Vries");
    expect(await app.ctx.db.select().from(schema.reactionDispositions)).toHaveLength(0);
    await axe(lead, "ronde (afhandeling bevestigen)");
    await confirmStep.getByRole("button", { name: "Bevestigen: vastleggen en mailen" }).click();
    await lead.getByRole("status").filter({ hasText: "De afhandeling is vastgelegd (verwerkt) en aan de indiener gemaild." }).waitFor();
    await lead.locator('[data-round-state="complete"]').first().waitFor();
    await lead.getByText(/vastgelegd door Petra de Vries/).first().waitFor();
    await axe(lead, "ronde (afgerond)");

    // ── The printable view for the report's bijlage.
    await Promise.all([lead.waitForURL(`${roundUrl}/afdruk`), lead.getByRole("link", { name: "Afdrukbare versie van de reacties met hun afhandeling" }).click()]);
    await heading(lead, "Reacties en afhandeling: Conceptrapport", 1).waitFor();
    const printed = (await lead.locator("main").textContent())!;
    expect(printed).toContain("klopt met de opgeslagen tekst");
    expect(printed).toContain("Verwerkt — In 7a, eerste alinea");
    await axe(lead, "afdrukbare versie");

    // ── The disposition reached her mail; her link (still readable for 3 days) shows it, closed.
    await guest.goto(`${app.url}/dev/outbox`);
    const dispositionMail = guest.getByRole("article").filter({ hasText: "Wat er met uw reactie is gedaan: Conceptrapport" }).first();
    await dispositionMail.waitFor();
    expect(await dispositionMail.textContent()).toContain(`Aan: ${REACTANT.email}`);
    expect(await dispositionMail.textContent()).toContain("Uw reactie is: verwerkt.");
    expect(await dispositionMail.textContent()).toContain("Waar verwerkt: In 7a, eerste alinea: het telefoontje van de huisarts is toegevoegd.");
    await guest.goto(linkUrl);
    await heading(guest, "Reageren is gesloten").waitFor();
    expect(await guest.getByRole("article").filter({ hasText: "Reactie 1" }).textContent()).toContain("Verwerkt: In 7a, eerste alinea");
    expect(await guest.getByRole("button", { name: "Ondertekenen en versturen" }).count()).toBe(0);
    await axe(guest, "persoonlijke link (gesloten)");
  });

  it("the interview pages: record an interview, write the verslag live, offer it for a 2-week round", async () => {
    clock.set(new Date("2026-03-31T07:00:00Z")); // Tuesday 31 March
    const investigationUrl = `${app.url}/onderzoeken/${app.demoInvestigationId}`;
    const lead = await newPage();
    await loginBySession(lead, app, BEGELEIDER);
    await lead.goto(investigationUrl);
    await Promise.all([lead.waitForURL(`${investigationUrl}/gesprekken`), lead.getByRole("link", { name: "Gesprekken", exact: true }).click()]);
    await heading(lead, "Gesprekken", 2).waitFor();
    await lead.waitForLoadState("networkidle"); // hydrated: the form posts through the router
    await axe(lead, "gesprekken (leeg)");
    await lead.getByLabel(/^Functie of rol van de gesproken persoon/).fill("Wijkverpleegkundige");
    await lead.getByLabel("Initialen").fill("K.L.");
    await lead.getByLabel("Organisatie").fill("Thuiszorg De Linde");
    await lead.getByLabel("Relatie tot de casus").fill("betrokken zorgverlener");
    await lead.getByLabel(/^Datum gesprek/).fill("2026-03-30");
    await lead.getByRole("button", { name: "Gesprek vastleggen" }).click();
    await lead.waitForURL(/\/gesprekken\/[0-9a-f-]{36}$/).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${(await lead.locator("main").textContent())?.slice(0, 2000)}`);
    });
    await heading(lead, "Verslag van het gesprek met Wijkverpleegkundige K.L., Thuiszorg De Linde", 2).waitFor();
    const editor = lead.getByRole("textbox", { name: "Verslag" });
    await editor.waitFor();
    await editor.click();
    await lead.keyboard.type("Mevrouw vertelt dat zij het gezin sinds 2022 kent.");
    await axe(lead, "gesprek met verslag");
    // The text reaches the server's document (log before broadcast).
    const interviewId = lead.url().split("/").pop()!;
    const deadline = Date.now() + 10_000;
    let stored = "";
    while (Date.now() < deadline) {
      const doc = await loadDoc(app.ctx.db, app.demoInvestigationId);
      stored = doc.getXmlFragment(`interview:${interviewId}`).toString();
      doc.destroy();
      if (stored.includes("sinds 2022")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(stored).toContain("Mevrouw vertelt dat zij het gezin sinds 2022 kent.");

    await Promise.all([lead.waitForURL(/\/rondes\/nieuw\?document=interview:/), lead.getByRole("link", { name: "Verslag voorleggen (ronde van 2 weken openen)" }).click()]);
    expect(await lead.getByLabel("Document").inputValue()).toBe(`interview:${interviewId}`);
    expect(await lead.getByLabel("Document").locator("option:checked").textContent()).toContain("2 weken, tot en met dinsdag 14 april 2026");
    await lead.getByLabel("Ahmed El Amrani (Wijkteam Noord)").check();
    await Promise.all([lead.waitForURL(/\/rondes\/[0-9a-f-]{36}\?geopend=1$/), lead.getByRole("button", { name: "Ronde openen en uitnodigingen versturen" }).click()]);
    await heading(lead, "Verslag van het gesprek met Wijkverpleegkundige K.L., Thuiszorg De Linde", 2).waitFor();
    const roundUrl = lead.url().replace(/\?geopend=1$/, "");
    await lead.getByText("Toon het document zoals de genodigden het zien").click();
    await lead.getByText("Mevrouw vertelt dat zij het gezin sinds 2022 kent.").waitFor();

    // The ketenpartner reacts in the app, on the same page.
    const partner = await newPage();
    await loginBySession(partner, app, "partner.a@demo.ketenlijn.nl");
    await partner.goto(roundUrl);
    await partner.getByRole("heading", { name: "Uw reactie", exact: true, level: 2 }).waitFor();
    expect(await partner.getByRole("heading", { name: /Reacties \(/ }).count()).toBe(0); // not the others' reactions
    await axe(partner, "ronde (lid reageert in de app)");
  });

  it("the personal link works without JavaScript: save and sign are plain form posts", async () => {
    const { openRound } = await import("../../server/rounds/rounds.ts");
    const [lead] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, BEGELEIDER));
    await openRound(app.ctx, { id: lead.id, name: lead.name }, app.demoInvestigationId, { document: "draft_report", memberIds: [], linkInvitees: [{ name: "Bert Zonder", email: "bert@example.nl", relation: "cliënt" }] }, app.url);
    const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, "bert@example.nl"));
    const url = /https?:\/\/\S+\/reactie\/\S+/.exec(mail.text)![0];
    const context = await browser.newContext({ locale: "nl-NL", timezoneId: "Europe/Amsterdam", javaScriptEnabled: false });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(url);
    await page.getByRole("textbox", { name: "Uw reactie", exact: true }).fill("Zonder JavaScript geschreven.");
    await page.getByRole("button", { name: "Concept opslaan" }).click();
    await page.getByText("Uw concept is opgeslagen").waitFor();
    expect(await page.getByRole("textbox", { name: "Uw reactie", exact: true }).inputValue()).toBe("Zonder JavaScript geschreven.");
    expect(await page.getByLabel("Uw volledige naam").inputValue()).toBe("Bert Zonder");
    await page.getByLabel(/Ik verklaar dat deze reactie van mij is/).check();
    await page.getByRole("button", { name: "Stuur mij een code" }).click();
    await page.getByText("Wij hebben een code van 6 cijfers gestuurd").waitFor();
    // The page came back as it was sent: the text and the ticked declaration.
    expect(await page.getByRole("textbox", { name: "Uw reactie", exact: true }).inputValue()).toBe("Zonder JavaScript geschreven.");
    expect(await page.getByLabel(/Ik verklaar dat deze reactie van mij is/).isChecked()).toBe(true);
    const codeMail = (await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, "bert@example.nl"))).filter((m) => m.subject.startsWith("Uw code")).at(-1)!;
    await page.getByLabel("Code uit de e-mail").fill(/\b(\d{6})\b/.exec(codeMail.text)![1]);
    await page.getByRole("button", { name: "Ondertekenen en versturen" }).click();
    await page.getByText("Uw reactie is ondertekend en verstuurd").waitFor();
  });

  it("has no serious or critical axe findings on any page of the rounds", () => {
    expect(JSON.stringify(axeFindings, null, 1)).toBe("[]");
  });
});
