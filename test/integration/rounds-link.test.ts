// Personal links of comment rounds over real HTTP (the built app, a fresh database): a link opens
// one round's frozen document and nothing else (no other route, no websocket), and every bad input
// gets a clear Dutch message while the reactant's draft is kept.
import { and, eq } from "drizzle-orm";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { schema } from "../../db/client.ts";
import { appendUpdates, loadDoc } from "../../server/collab/persistence.ts";
import { signatureHashOf } from "../../server/rounds/reactions.ts";
import { allowLate, openRound, recordDisposition, revokeLink } from "../../server/rounds/rounds.ts";
import { createInterview } from "../../server/rounds/interviews.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";
import { rawUpgrade } from "./helpers/collab-client.ts";

process.env.KETENLIJN_JOB_INTERVAL_MS = "0"; // this file drives time itself

const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";
const clock = new TestClock(new Date("2026-03-02T09:00:00Z")); // Monday
let app: TestApp;
let lead: { id: string; name: string };
let draftRoundId: string;
let interviewRoundId: string;
let token: string;
let otherToken: string;
let versionHash: string;
let otherVersionHash: string;
let paragraphPointer: string;
let otherParagraphPointer: string;

/** Writes paragraphs into a TipTap fragment of the stored document, as the collab server would. */
async function writeParagraphs(investigationId: string, fragment: string, texts: string[]) {
  const doc = await loadDoc(app.ctx.db, investigationId);
  const sv = Y.encodeStateVector(doc);
  doc.getXmlFragment(fragment).insert(
    0,
    texts.map((t) => {
      const p = new Y.XmlElement("paragraph");
      p.insert(0, [new Y.XmlText(t)]);
      return p;
    }),
  );
  await appendUpdates(app.ctx.db, investigationId, [{ userId: lead.id, at: clock.now(), update: Y.encodeStateAsUpdate(doc, sv), entityIds: [fragment] }]);
}

async function linkFromOutbox(to: string): Promise<string> {
  const rows = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, to));
  const m = /\/reactie\/([A-Za-z0-9_-]+)/.exec(rows.at(-1)!.text);
  return m![1];
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  const [u] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "begeleider@demo.ketenlijn.nl"));
  lead = { id: u.id, name: u.name };
  const inv = app.demoInvestigationId;
  await writeParagraphs(inv, "section:7a", ["De signalen werden niet gedeeld tussen de organisaties.", "Niemand had de regie."]);
  await writeParagraphs(inv, "section:1a", ["M. Voorbeeld, geboren 12-04-1989"]);
  draftRoundId = await openRound(app.ctx, lead, inv, { document: "draft_report", memberIds: [], linkInvitees: [{ name: "Anna de Wit", email: "anna@example.nl", relation: "nabestaande" }] }, app.url);
  token = await linkFromOutbox("anna@example.nl");

  const interviewId = await createInterview(app.ctx, lead.id, inv, { personFunction: "Wijkverpleegkundige", initials: "K.L.", organisation: "Thuiszorg", relation: "betrokken zorgverlener", heldOn: "2026-02-20", interviewers: "P. de Vries" });
  await writeParagraphs(inv, `interview:${interviewId}`, ["Geheim gespreksverslag van een ander."]);
  interviewRoundId = await openRound(app.ctx, lead, inv, { document: { interviewId }, memberIds: [], linkInvitees: [{ name: "Karin Lam", email: "karin@example.nl", relation: "geïnterviewde" }] }, app.url);
  otherToken = await linkFromOutbox("karin@example.nl");

  const rounds = await app.ctx.db.select().from(schema.commentRounds);
  const draft = rounds.find((r) => r.id === draftRoundId)!;
  const other = rounds.find((r) => r.id === interviewRoundId)!;
  versionHash = draft.versionHash;
  otherVersionHash = other.versionHash;
  const frozen = draft.frozen as { sections: { id: string; blocks: { id: string }[] }[] };
  paragraphPointer = `paragraph:${frozen.sections.find((s) => s.id === "7a")!.blocks[0].id}`;
  otherParagraphPointer = `paragraph:${(other.frozen as { sections: { blocks: { id: string }[] }[] }).sections[0].blocks[0].id}`;
});

afterAll(async () => {
  await app?.stop();
});

const anon = () => new HttpClient(app.url);

async function draftOf(email: string) {
  const [invitee] = await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.email, email));
  return app.ctx.db.select().from(schema.roundReactions).where(eq(schema.roundReactions.inviteeId, invitee.id));
}

describe("rounds: what a personal link shows", () => {
  it("opens the round's frozen document and the form, without an account", async () => {
    const res = await anon().get(`/reactie/${token}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/Reageren op: (<!-- -->)?Conceptrapport/);
    expect(html).toContain("De signalen werden niet gedeeld tussen de organisaties.");
    expect(html).toContain("Ondertekenen en versturen");
    expect(html).toContain("Anna de Wit");
    // The token never goes to another site as a Referer (browsers apply the last policy given).
    expect(res.headers.get("referrer-policy")?.split(",").at(-1)?.trim()).toBe("same-origin");
    expect(html).toContain('<meta name="referrer" content="same-origin"/>');
    expect(res.headers.get("cache-control")).toContain("no-store");
  });

  it("shows the whole draft as the report has it: measures, root causes, the tree, the committee; and offers it as the report's .docx", async () => {
    const html = await (await anon().get(`/reactie/${token}`)).text();
    expect(html).toContain("Verbetermaatregelen (SMART)");
    expect(html).toContain("Borging van de maatregelen");
    expect(html).toContain("Basisoorzaken met ECM-code");
    expect(html).toContain('class="frozen-doc__tree"');
    expect(html).toContain(`/reactie/${token}/concept.docx`);

    const res = await anon().get(`/reactie/${token}/concept.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("De signalen werden niet gedeeld tussen de organisaties.");
    expect(xml).toContain("Verbetermaatregelen (SMART)");
    expect(xml).not.toContain("Voorbeeld"); // the ketenpartners' version: no client identity
    // The link of another round (an interview) has no draft to download; a bad token gets a Dutch answer.
    expect((await anon().get(`/reactie/${otherToken}/concept.docx`)).status).toBe(404);
    // Sending to a download answers in Dutch, for the report's downloads too.
    const posted = await anon().post(`/reactie/${token}/concept.docx`, { x: "1" });
    expect(posted.status).toBe(405);
    expect(await posted.text()).toContain("alleen om een bestand te downloaden");
    const begeleider = new HttpClient(app.url);
    await begeleider.login("begeleider@demo.ketenlijn.nl");
    const report = await begeleider.post(`/onderzoeken/${app.demoInvestigationId}/rapport.docx`, { x: "1" });
    expect(report.status).toBe(405);
    expect(await report.text()).toContain("alleen om een bestand te downloaden");
    const bad = await anon().get(`/reactie/${token}x/concept.docx`);
    expect(bad.status).toBe(404);
    expect(await bad.text()).toMatch(/link/i);
  });

  it("shows nothing else of the investigation: no title, no id, no other document, no client identity, no account bar", async () => {
    const html = await (await anon().get(`/reactie/${token}`)).text();
    expect(html).not.toContain(DEMO_TITLE);
    expect(html).not.toContain(app.demoInvestigationId);
    expect(html).not.toContain(draftRoundId);
    expect(html).not.toContain("Geheim gespreksverslag");
    expect(html).not.toContain("Voorbeeld");
    expect(html).not.toContain("Uitloggen");
    expect(html).not.toContain("/onderzoeken/");
    expect(html).not.toContain("/collab");
  });

  it("a later edit of the document does not change what the reactant sees", async () => {
    await writeParagraphs(app.demoInvestigationId, "section:7a", ["Later toegevoegd, na het begin van de ronde."]);
    const html = await (await anon().get(`/reactie/${token}`)).text();
    expect(html).not.toContain("Later toegevoegd");
    expect(html).toContain("Niemand had de regie.");
  });
});

describe("rounds: a personal link opens no other route, document or websocket", () => {
  const inv = () => app.demoInvestigationId;
  const paths = () => [
    `/onderzoeken/${inv()}`,
    `/onderzoeken/${inv()}/rondes`,
    `/onderzoeken/${inv()}/rondes/${draftRoundId}`,
    `/onderzoeken/${inv()}/rondes/${draftRoundId}/afdruk`,
    `/onderzoeken/${inv()}/gesprekken`,
    `/onderzoeken/${inv()}/tijdlijn`,
    `/onderzoeken/${inv()}/client`,
    "/",
  ];

  it("every investigation page sends the visitor to the login page, with the token anywhere in the request", async () => {
    for (const path of paths()) {
      for (const [how, headers, suffix] of [
        ["plain", {}, ""],
        ["query", {}, `?token=${token}`],
        ["cookie", { cookie: `kl_session=${token}` }, ""],
        ["bearer", { authorization: `Bearer ${token}` }, ""],
        ["referer", { referer: `${app.url}/reactie/${token}` }, ""],
      ] as const) {
        const res = await anon().get(`${path}${suffix}`, headers);
        expect(res.status, `${how} ${path}`).toBe(302);
        expect(res.headers.get("location"), `${how} ${path}`).toMatch(/^\/login\?next=/);
      }
    }
  });

  it("the link is for this round only: the other round's link shows the other document, never this one", async () => {
    const html = await (await anon().get(`/reactie/${otherToken}`)).text();
    expect(html).toContain("Geheim gespreksverslag van een ander.");
    expect(html).not.toContain("De signalen werden niet gedeeld");
  });

  it("the websocket refuses the token in every form (it accepts the session cookie of a member only)", async () => {
    const port = Number(new URL(app.url).port);
    for (const [path, headers] of [
      [`/collab/${inv()}`, { Origin: app.url }],
      [`/collab/${inv()}`, { Origin: app.url, Cookie: `kl_session=${token}` }],
      [`/collab/${inv()}?token=${token}`, { Origin: app.url }],
      [`/collab/${inv()}`, { Origin: app.url, Authorization: `Bearer ${token}` }],
      [`/collab/${token}`, { Origin: app.url }],
    ] as const) {
      const res = await rawUpgrade(port, path, headers);
      expect([401, 404], `${path} ${JSON.stringify(headers)}`).toContain(res.status);
      expect(res.raw).not.toContain("Niemand had de regie");
    }
  });

  it("the token does not log anyone in: after visiting the link there is no session cookie", async () => {
    const client = anon();
    await client.get(`/reactie/${token}`);
    expect(client.cookie).toBeNull();
  });
});

describe("rounds: reacting through the link, and every way it can go wrong", () => {
  const post = (t: string, form: Record<string, string>) => anon().post(`/reactie/${t}`, form);
  const base = () => ({ reactionId: "", versionHash, pointer: paragraphPointer, correctsId: "" });
  /** Asks for the one-time code (ADR 0021) as the page's button does, and reads it from the mail. */
  const withCode = async (t: string, email: string, form: Record<string, string>) => {
    clock.advance(61_000); // past the resend wait of the previous code
    const sent = await post(t, { ...form, intent: "send_code" });
    expect(sent.status).toBe(200);
    const mail = (await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email))).filter((m) => m.subject.startsWith("Uw code")).at(-1)!;
    return { ...form, code: /\b(\d{6})\b/.exec(mail.text)![1] };
  };

  it("saves a draft", async () => {
    const res = await post(token, { ...base(), intent: "save", text: "Eerste opzet." });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Uw concept is opgeslagen");
    const rows = await draftOf("anna@example.nl");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "draft", text: "Eerste opzet.", pointer: paragraphPointer });
  });

  it("signing without the declaration: fields named, nothing sent, the draft kept", async () => {
    const res = await post(token, { ...base(), intent: "submit", text: "Tweede opzet.", signerName: "Anna de Wit", signerRole: "nabestaande" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Vink de verklaring aan om te ondertekenen.");
    expect(html).toContain("Tweede opzet.");
    const rows = await draftOf("anna@example.nl");
    expect(rows.map((r) => [r.status, r.text])).toEqual([["draft", "Tweede opzet."]]);
  });

  it("a reaction pointing at another round's version is refused, the text kept", async () => {
    const res = await post(token, { ...base(), versionHash: otherVersionHash, pointer: otherParagraphPointer, intent: "submit", text: "Over het verkeerde document.", signerName: "Anna de Wit", signerRole: "nabestaande", declaration: "on", code: "000000" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("hoort bij een andere versie van het document dan die van deze ronde");
    expect(html).toContain("Over het verkeerde document.");
    const rows = await draftOf("anna@example.nl");
    expect(rows.map((r) => [r.status, r.text, r.pointer])).toEqual([["draft", "Over het verkeerde document.", paragraphPointer]]);
  });

  it("a pointer that is not in this version is refused, the text kept", async () => {
    const res = await post(token, { ...base(), pointer: otherParagraphPointer, intent: "save", text: "Met een onbekend onderdeel." });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Het gekozen onderdeel bestaat niet in de versie van deze ronde");
    expect((await draftOf("anna@example.nl"))[0].text).toBe("Met een onbekend onderdeel.");
  });

  it("a reaction signed under another name than the invitee's is refused, the text kept; the form shows the invited name, fixed", async () => {
    const page = (await (await anon().get(`/reactie/${token}`)).text()).replaceAll("<!-- -->", "");
    const input = /<input[^>]*name="signerName"[^>]*>/.exec(page)?.[0] ?? "";
    expect(input).toContain('value="Anna de Wit"');
    expect(input).toMatch(/readonly/i);
    const res = await post(token, await withCode(token, "anna@example.nl", { ...base(), intent: "submit", text: "Onder een andere naam.", signerName: "Bert de Wit", signerRole: "nabestaande", declaration: "on" }));
    expect(res.status).toBe(409);
    const html = (await res.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("U ondertekent als Anna de Wit");
    expect(html).toContain("Onder een andere naam.");
    const signed = await app.ctx.db.select().from(schema.roundReactions).where(and(eq(schema.roundReactions.signerName, "Bert de Wit")));
    expect(signed).toHaveLength(0);
  });

  it("signs and submits: stored with a hash over text, version, pointer and signer", async () => {
    const [draft] = await draftOf("anna@example.nl");
    const text = "In alinea 1 staat dat de signalen niet gedeeld werden; de huisarts heeft wel gebeld.";
    const res = await post(token, await withCode(token, "anna@example.nl", { ...base(), reactionId: draft.id, intent: "submit", text, signerName: "Anna de Wit", signerRole: "nabestaande", declaration: "on" }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Uw reactie is ondertekend en verstuurd");
    const [signed] = await draftOf("anna@example.nl");
    expect(signed).toMatchObject({ id: draft.id, status: "submitted", text, signerName: "Anna de Wit", signerRole: "nabestaande", declaration: true, signedOn: "2026-03-02", late: false, versionHash, signedWith: "code" });
    expect(signed.signatureHash).toBe(
      signatureHashOf({ roundId: draftRoundId, inviteeId: signed.inviteeId, versionHash, pointer: paragraphPointer, text, signerName: "Anna de Wit", signerRole: "nabestaande", signedOn: "2026-03-02" }),
    );
  });

  it("submitting twice: a clear message, still one signed reaction, and it cannot be changed in the database either", async () => {
    const [signed] = await draftOf("anna@example.nl");
    const res = await post(token, { ...base(), reactionId: signed.id, intent: "submit", text: signed.text, signerName: "Anna de Wit", signerRole: "nabestaande", declaration: "on", code: "000000" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Deze reactie is al ondertekend en verstuurd");
    const rows = await draftOf("anna@example.nl");
    expect(rows).toHaveLength(1);
    await expect(app.ctx.db.update(schema.roundReactions).set({ text: "vervalst" }).where(eq(schema.roundReactions.id, signed.id))).rejects.toThrow();
    // Different text sent against the signed one: kept as a new draft (a correction is a new reaction).
    const again = await post(token, { ...base(), reactionId: signed.id, intent: "submit", text: "Aanvulling: het was op dinsdag.", signerName: "Anna de Wit", signerRole: "nabestaande", declaration: "on", code: "000000" });
    expect(again.status).toBe(409);
    const after = await draftOf("anna@example.nl");
    expect(after.map((r) => r.status).sort()).toEqual(["draft", "submitted"]);
    expect(after.find((r) => r.status === "draft")!.text).toBe("Aanvulling: het was op dinsdag.");
  });

  it("a tampered token: unknown, in Dutch, with the text given back", async () => {
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect((await anon().get(`/reactie/${tampered}`)).status).toBe(404);
    const res = await post(tampered, { ...base(), intent: "submit", text: "Tekst bij een kapotte link.", signerName: "Anna de Wit", signerRole: "nabestaande", declaration: "on" });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("Deze link kennen we niet");
    expect(html).toContain("Tekst bij een kapotte link.");
    expect((await anon().get(`/reactie/nietgeldig`)).status).toBe(404);
  });

  it("reacting after the close: refused with the deadline named, the text given back but not stored; a late allowance lets it in, marked late", async () => {
    clock.set(new Date("2026-03-31T08:00:00Z")); // past the 4-week deadline (30 March 23:59:59)
    const [draft] = (await draftOf("anna@example.nl")).filter((r) => r.status === "draft");
    const res = await post(token, { ...base(), reactionId: draft.id, intent: "submit", text: "Te laat, maar belangrijk.", signerName: "Anna de Wit", signerRole: "nabestaande", declaration: "on", code: "000000" });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("De reactietermijn is verstreken op maandag 30 maart 2026 om 23.59 uur");
    expect(html).toContain("Te laat, maar belangrijk.");
    expect((await draftOf("anna@example.nl")).find((r) => r.status === "draft")!.text).toBe(draft.text);
    // Saving a draft late is refused just the same, with the reason.
    const save = await post(token, { ...base(), reactionId: draft.id, intent: "save", text: "Nog een late opzet." });
    expect(save.status).toBe(409);
    expect(await save.text()).toContain("Opslaan en insturen kan niet meer");
    expect((await draftOf("anna@example.nl")).find((r) => r.status === "draft")!.text).toBe(draft.text);

    const [invitee] = await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.email, "anna@example.nl"));
    await allowLate(app.ctx, lead.id, app.demoInvestigationId, draftRoundId, { inviteeId: invitee.id, until: "2026-04-03", reason: "Was op vakantie, gebeld op 31 maart." });
    const ok = await post(token, await withCode(token, "anna@example.nl", { ...base(), reactionId: draft.id, intent: "submit", text: "Te laat, maar belangrijk.", signerName: "Anna de Wit", signerRole: "nabestaande", declaration: "on" }));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("na de termijn");
    const late = (await draftOf("anna@example.nl")).find((r) => r.text === "Te laat, maar belangrijk.")!;
    expect(late).toMatchObject({ status: "submitted", late: true });
  });

  it("the disposition reaches the reactant by mail", async () => {
    const late = (await draftOf("anna@example.nl")).find((r) => r.late)!;
    await recordDisposition(app.ctx, lead, app.demoInvestigationId, draftRoundId, { reactionId: late.id, kind: "terzijde", note: "De feiten in 5a zijn door twee bronnen bevestigd." });
    const mails = await app.ctx.db.select().from(schema.outbox).where(and(eq(schema.outbox.to, "anna@example.nl")));
    const mail = mails.find((m) => m.subject.startsWith("Wat er met uw reactie is gedaan"))!;
    expect(mail.text).toContain("gemotiveerd terzijde gelegd");
    expect(mail.text).toContain("De feiten in 5a zijn door twee bronnen bevestigd.");
    await expect(recordDisposition(app.ctx, lead, app.demoInvestigationId, draftRoundId, { reactionId: late.id, kind: "verwerkt", note: "toch" })).rejects.toThrow(/al vastgelegd/);
  });

  it("a revoked link: refused in Dutch, the text given back", async () => {
    const [invitee] = await app.ctx.db.select().from(schema.roundInvitees).where(eq(schema.roundInvitees.email, "karin@example.nl"));
    await revokeLink(app.ctx, lead.id, app.demoInvestigationId, interviewRoundId, invitee.id);
    const get = await anon().get(`/reactie/${otherToken}`);
    expect(get.status).toBe(410);
    expect(await get.text()).toContain("Deze persoonlijke link is ingetrokken");
    const res = await post(otherToken, { reactionId: "", versionHash: otherVersionHash, pointer: "general", correctsId: "", intent: "save", text: "Mijn correctie op het verslag." });
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain("Deze persoonlijke link is ingetrokken");
    expect(html).toContain("Mijn correctie op het verslag.");
  });

  it("the link expires 3 days after the deadline (or the late allowance)", async () => {
    clock.set(new Date("2026-04-06T21:00:00Z")); // allowance until 3 April 23:59:59, + 3 days = 6 April 23:59:59 CEST
    expect((await anon().get(`/reactie/${token}`)).status).toBe(200);
    clock.set(new Date("2026-04-06T22:00:00Z")); // 7 April 00:00 in Amsterdam
    const res = await anon().get(`/reactie/${token}`);
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("Deze persoonlijke link is verlopen");
  });
});

describe("rounds: members react in the app; the others see no reactions", () => {
  it("an invited ketenpartner signs in the app; a member not invited and the toezichthouder cannot open the round", async () => {
    const [a] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, "partner.a@demo.ketenlijn.nl"));
    const roundId = await openRound(app.ctx, lead, app.demoInvestigationId, { document: "draft_report", memberIds: [a.id], linkInvitees: [{ name: "Piet Geheim", email: "piet@example.nl", relation: "cliënt" }] }, app.url);
    const round = (await app.ctx.db.select().from(schema.commentRounds).where(eq(schema.commentRounds.id, roundId)))[0];
    const url = `/onderzoeken/${app.demoInvestigationId}/rondes/${roundId}`;
    const invitation = (await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, a.email))).at(-1)!;
    expect(invitation.text).toContain(`${app.url}${url}`);
    expect(invitation.text).not.toContain("/reactie/");

    const partner = new HttpClient(app.url);
    await partner.login(a.email);
    const page = await partner.get(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`${url}/concept.docx`);
    const docx = await partner.get(`${url}/concept.docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    const res = await partner.post(url, { intent: "submit", reactionId: "", versionHash: round.versionHash, pointer: "section:5a", correctsId: "", text: "De Brug had het dossier pas in augustus.", signerName: "Ahmed El Amrani", signerRole: "ketenpartner, Wijkteam Noord", declaration: "on" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Uw reactie is ondertekend en verstuurd");
    const [invitee] = await app.ctx.db.select().from(schema.roundInvitees).where(and(eq(schema.roundInvitees.roundId, roundId), eq(schema.roundInvitees.userId, a.id)));
    const [reaction] = await app.ctx.db.select().from(schema.roundReactions).where(eq(schema.roundReactions.inviteeId, invitee.id));
    expect(reaction).toMatchObject({ status: "submitted", pointer: "section:5a", pointerLabel: "Onderdeel 5a Tijdlijn / chronologisch feitenrelaas" });
    // Managing is not for a ketenpartner.
    const manage = await partner.post(url, { intent: "extend", date: "2026-06-30", reason: "Graag meer tijd." });
    expect(manage.status).toBe(403);

    for (const email of ["partner.b@demo.ketenlijn.nl", "toezicht@demo.ketenlijn.nl"]) {
      const other = new HttpClient(app.url);
      await other.login(email);
      expect((await other.get(url)).status, email).toBe(403);
      expect((await other.get(`${url}/afdruk`)).status, email).toBe(403);
      expect((await other.get(`${url}/concept.docx`)).status, email).toBe(403);
      const register = await other.get(`/onderzoeken/${app.demoInvestigationId}/rondes`);
      expect(register.status).toBe(200);
      const html = (await register.text()).replaceAll("<!-- -->", "");
      expect(html).toContain("1 van 2 gereageerd");
      expect(html).not.toContain("Piet Geheim");
      expect(html).not.toContain("De Brug had het dossier");
    }
  });
});

describe("rounds: a disposition names who decided and can be corrected until the report is final", () => {
  it("shows the decider, a correction replaces the decision and is logged with the earlier one; after a final version it is refused", async () => {
    const late = (await draftOf("anna@example.nl")).find((r) => r.late)!;
    const url = `/onderzoeken/${app.demoInvestigationId}/rondes/${draftRoundId}`;
    const begeleider = new HttpClient(app.url);
    await begeleider.login("begeleider@demo.ketenlijn.nl");
    const page = (await (await begeleider.get(url)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain(`vastgelegd door ${lead.name}`);
    expect(page).toContain("Afhandeling corrigeren");

    const form = { intent: "disposition", correct: "1", reactionId: late.id, kind: "verwerkt", note: "Verwerkt in 5a, derde alinea." };
    // First the confirm step: what will be stored and mailed, by whom; nothing changes yet.
    const mailsBefore = (await app.ctx.db.select().from(schema.outbox)).length;
    const step = await begeleider.post(url, form);
    expect(step.status).toBe(200);
    const stepHtml = (await step.text()).replaceAll("<!-- -->", "");
    expect(stepHtml).toContain("Correctie bevestigen");
    expect(stepHtml).toContain(`Vastgelegd door ${lead.name}`);
    expect(stepHtml).toContain("Verwerkt in 5a, derde alinea.");
    const [unchanged] = await app.ctx.db.select().from(schema.reactionDispositions).where(eq(schema.reactionDispositions.reactionId, late.id));
    expect(unchanged.kind).toBe("terzijde");
    expect((await app.ctx.db.select().from(schema.outbox)).length).toBe(mailsBefore);
    // "Terug en wijzigen" gives the form back as it was filled in.
    const back = (await (await begeleider.post(url, { ...form, intent: "disposition-edit" })).text()).replaceAll("<!-- -->", "");
    expect(back).toContain("Correctie controleren");
    expect(back).toContain(">Verwerkt in 5a, derde alinea.</textarea>");

    const res = await begeleider.post(url, { ...form, confirmed: "1" });
    expect(res.status).toBe(200);
    expect((await res.text()).replaceAll("<!-- -->", "")).toContain("De afhandeling is gecorrigeerd");
    const [row] = await app.ctx.db.select().from(schema.reactionDispositions).where(eq(schema.reactionDispositions.reactionId, late.id));
    expect(row).toMatchObject({ kind: "verwerkt", note: "Verwerkt in 5a, derde alinea.", decidedBy: lead.id });
    const logged = await app.ctx.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "reaction.disposition_corrected"));
    expect(logged).toHaveLength(1);
    expect(logged[0].details).toMatchObject({ reactionId: late.id, kind: "verwerkt", previous: { kind: "terzijde", note: "De feiten in 5a zijn door twee bronnen bevestigd." } });

    await app.ctx.db.insert(schema.reportVersions).values({
      investigationId: app.demoInvestigationId,
      number: 1,
      status: "definitief",
      checklistId: "bijlage1-wmo",
      filename: "rapport.docx",
      docx: Buffer.from("x"),
      content: {},
      sha256: "0".repeat(64),
      submittedBy: lead.id,
    });
    const refused = await begeleider.post(url, { ...form, confirmed: "1", kind: "terzijde", note: "Toch terzijde gelegd, want de bron is onbetrouwbaar." });
    expect(refused.status).toBe(409);
    expect((await refused.text()).replaceAll("<!-- -->", "")).toContain("definitief ingediend");
    const [still] = await app.ctx.db.select().from(schema.reactionDispositions).where(eq(schema.reactionDispositions.reactionId, late.id));
    expect(still.kind).toBe("verwerkt");
  });
});
