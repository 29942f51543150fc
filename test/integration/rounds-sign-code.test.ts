// Signing a personal link's reaction needs the one-time code mailed to the invited address
// (issue 15, ADR 0021), over real HTTP on the built app and a fresh database: a wrong code, an
// expired code, too many attempts and another name are refused in Dutch with the text kept; the
// code is stored only as a hash; the signature records how it was confirmed.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { openRound } from "../../server/rounds/rounds.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0";

const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";
const EMAIL = "sanne@example.nl";
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
let app: TestApp;
let roundId: string;
let token: string;
let versionHash: string;

beforeAll(async () => {
  app = await startTestApp({ clock });
  const [u] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
  roundId = await openRound(app.ctx, { id: u.id, name: u.name }, app.demoInvestigationId, { document: "draft_report", memberIds: [], linkInvitees: [{ name: "Sanne Bakker", email: EMAIL, relation: "nabestaande" }] }, app.url);
  const invitation = (await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, EMAIL))).at(-1)!;
  token = /\/reactie\/([A-Za-z0-9_-]+)/.exec(invitation.text)![1];
  versionHash = (await app.ctx.db.select().from(schema.commentRounds).where(eq(schema.commentRounds.id, roundId)))[0].versionHash;
});

afterAll(async () => {
  await app?.stop();
});

const post = (form: Record<string, string>) => new HttpClient(app.url).post(`/reactie/${token}`, form);
const html = async (res: Response) => (await res.text()).replaceAll("<!-- -->", "");
const form = (text: string, extra: Record<string, string> = {}) => ({ reactionId: "", versionHash, pointer: "general", correctsId: "", intent: "submit", text, signerName: "Sanne Bakker", signerRole: "nabestaande", declaration: "on", ...extra });

async function codeMails() {
  return (await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, EMAIL))).filter((m) => m.subject.startsWith("Uw code"));
}
async function askCode(text = "Mijn reactie."): Promise<string> {
  clock.advance(61_000);
  const res = await post({ ...form(text), intent: "send_code" });
  expect(res.status).toBe(200);
  const mail = (await codeMails()).at(-1)!;
  return /\b(\d{6})\b/.exec(mail.text)![1];
}
async function signed() {
  const [invitee] = await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.email, EMAIL));
  return app.ctx.db.select().from(schema.roundReactions).where(and(eq(schema.roundReactions.inviteeId, invitee.id), eq(schema.roundReactions.status, "submitted")));
}
const otherThan = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

describe("signing through a personal link needs the mailed one-time code", () => {
  it("the page asks for the code; signing without one names the field, nothing is signed, the draft kept", async () => {
    const page = await html(await new HttpClient(app.url).get(`/reactie/${token}`));
    expect(page).toContain("Code uit de e-mail");
    expect(page).toContain("Stuur mij een code");
    const res = await post(form("Zonder code."));
    expect(res.status).toBe(400);
    const body = await html(res);
    expect(body).toContain("Vul de code van 6 cijfers in die wij u hebben gemaild");
    expect(body).toContain("Zonder code.");
    expect(await signed()).toHaveLength(0);
  });

  it("the code goes to the invited address only, names the case and the procesbegeleider, and is stored as a hash", async () => {
    const res = await post({ ...form("Eerste opzet."), intent: "send_code" });
    expect(res.status).toBe(200);
    const sentPage = await html(res);
    expect(sentPage).toContain("Wij hebben een code van 6 cijfers gestuurd naar sa***@example.nl");
    expect(sentPage).not.toContain("uur uur");
    const mails = await codeMails();
    expect(mails).toHaveLength(1);
    const code = /\b(\d{6})\b/.exec(mails[0].text)![1];
    expect(mails[0].text).toContain(DEMO_TITLE);
    expect(mails[0].text).toContain("begeleider@demo.ketenlijn.nl");
    expect(mails[0].text).toMatch(/10 minuten geldig \(tot \d{2}\.\d{2} uur\)/);
    expect(mails[0].text).not.toContain("uur uur");
    const [row] = await app.ctx.db.select().from(schema.reactionCodes);
    expect(JSON.stringify(row)).not.toContain(code);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    // Asking again at once: wait a minute (so a link holder cannot flood the invitee's mailbox).
    const again = await post({ ...form("Eerste opzet."), intent: "send_code" });
    expect(again.status).toBe(409);
    expect(await html(again)).toContain("Er is net een code naar");
    expect(await codeMails()).toHaveLength(1);
  });

  it("a wrong code is refused with the attempts left; the text is kept", async () => {
    const code = await askCode("Met een verkeerde code.");
    const res = await post(form("Met een verkeerde code.", { code: otherThan(code) }));
    expect(res.status).toBe(409);
    const body = await html(res);
    expect(body).toContain("De code klopt niet.");
    expect(body).toContain("nog 4 keer");
    expect(body).toContain("Met een verkeerde code.");
    expect(await signed()).toHaveLength(0);
  });

  it("an expired code is refused", async () => {
    const code = await askCode("Met een oude code.");
    clock.advance(10 * 60_000 + 1000);
    const res = await post(form("Met een oude code.", { code }));
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("Deze code is verlopen (een code is 10 minuten geldig)");
    expect(await signed()).toHaveLength(0);
  });

  it("after five attempts even the right code no longer works; a new code does", async () => {
    const code = await askCode("Na te veel pogingen.");
    for (let i = 0; i < 5; i++) await post(form("Na te veel pogingen.", { code: otherThan(code) }));
    const res = await post(form("Na te veel pogingen.", { code }));
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("U heeft te vaak een verkeerde code ingevuld");
    expect(await signed()).toHaveLength(0);
  });

  it("the right code under another name than the invitee's is refused (and the code stays usable)", async () => {
    const code = await askCode("Onder een andere naam.");
    const res = await post(form("Onder een andere naam.", { code, signerName: "Kees Bakker" }));
    expect(res.status).toBe(409);
    expect(await html(res)).toContain("U ondertekent als Sanne Bakker");
    expect(await signed()).toHaveLength(0);

    const ok = await post(form("Onder mijn eigen naam.", { code: `${code.slice(0, 3)} ${code.slice(3)}` }));
    expect(ok.status).toBe(200);
    expect(await html(ok)).toContain("Uw reactie is ondertekend en verstuurd");
    const [reaction] = await signed();
    expect(reaction).toMatchObject({ text: "Onder mijn eigen naam.", signerName: "Sanne Bakker", signedWith: "code" });
    // Used once: the code is gone, a second signature needs a new one.
    expect(await app.ctx.db.select().from(schema.reactionCodes)).toHaveLength(0);
    const twice = await post(form("Nog een reactie met dezelfde code.", { code }));
    expect(twice.status).toBe(409);
    expect(await html(twice)).toContain("Vraag eerst een code aan");
  });

  it("the printable view and Bijlage A name the invitee, the signer, the date, how it was confirmed and the control hash", async () => {
    const [reaction] = await signed();
    const lead = new HttpClient(app.url);
    await lead.login("begeleider@demo.ketenlijn.nl");
    const print = await html(await lead.get(`/onderzoeken/${app.demoInvestigationId}/rondes/${roundId}/afdruk`));
    expect(print).toContain("Uitgenodigd: Sanne Bakker. Ondertekend door Sanne Bakker (nabestaande) op maandag 2 maart 2026");
    expect(print).toContain("Bevestigd met: eenmalige code, gemaild naar het adres van de uitnodiging.");
    expect(print).toContain(reaction.signatureHash!);
  });
});

describe("a member signs with their session", () => {
  it("an invited ketenpartner signs in the app without a code (their login is the second factor's place)", async () => {
    const [a] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "partner.a@demo.ketenlijn.nl"));
    const [u] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
    const memberRound = await openRound(app.ctx, { id: u.id, name: u.name }, app.demoInvestigationId, { document: "draft_report", memberIds: [a.id], linkInvitees: [] }, app.url);
    const hash = (await app.ctx.db.select().from(schema.commentRounds).where(eq(schema.commentRounds.id, memberRound)))[0].versionHash;
    const partner = new HttpClient(app.url);
    await partner.login(a.email);
    const url = `/onderzoeken/${app.demoInvestigationId}/rondes/${memberRound}`;
    expect(await html(await partner.get(url))).not.toContain("Code uit de e-mail");
    const res = await partner.post(url, { ...form("Vanuit mijn account."), versionHash: hash, signerName: a.name, signerRole: "ketenpartner" });
    expect(res.status).toBe(200);
    const [invitee] = await app.ctx.db.select().from(schema.roundInvitees).where(and(eq(schema.roundInvitees.roundId, memberRound), eq(schema.roundInvitees.userId, a.id)));
    const [reaction] = await app.ctx.db.select().from(schema.roundReactions).where(eq(schema.roundReactions.inviteeId, invitee.id));
    expect(reaction).toMatchObject({ status: "submitted", signedWith: "session" });
  });
});
