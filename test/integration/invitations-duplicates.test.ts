// Issue 11: inviting an address that already has an open invitation, or that is already a member,
// says so instead of creating a second invitation; joining closes the other open invitations for
// that address (their links say "al gebruikt", the list no longer shows them).
import { randomUUID } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

const LEAD = "begeleider@demo.ketenlijn.nl";
const PASSWORD = "mijn-eigen-wachtwoord";
const DAY = 24 * 3600_000;

let app: TestApp;
let id: string;
let lead: HttpClient;
const clock = new TestClock(new Date("2026-05-04T09:00:00Z"));
const members = () => `/onderzoeken/${id}/deelnemers`;
const freshEmail = () => `genodigde-${randomUUID().slice(0, 8)}@example.nl`;

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

const openInvitations = (email: string) =>
  app.ctx.db
    .select()
    .from(schema.invitations)
    .where(and(eq(schema.invitations.email, email), isNull(schema.invitations.acceptedAt), isNull(schema.invitations.revokedAt)));

async function linkInLastMail(email: string) {
  const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email)).orderBy(desc(schema.outbox.id)).limit(1);
  return /https?:\/\/[^\s/]+(\/uitnodiging\/[A-Za-z0-9_-]+)/.exec(mail.text)![1];
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  id = app.demoInvestigationId;
  lead = new HttpClient(app.url);
  await lead.login(LEAD);
});
afterAll(async () => {
  await app?.stop();
});

describe("duplicate invitations", () => {
  it("a second invitation to an address with an open one is refused with a Dutch message; no second mail", async () => {
    const email = freshEmail();
    const first = await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" });
    expect(first.status).toBe(200);
    await first.text();

    const again = await lead.post(members(), { intent: "invite", email: email.toUpperCase(), role: "ketenpartner", organisation: "GGD Noord" });
    expect(again.status).toBe(409);
    expect(visibleText(await again.text())).toContain(
      `Er staat al een uitnodiging open voor ${email} (geldig tot maandag 11 mei 2026). Wacht tot die is aanvaard, of trek haar in onder 'Openstaande uitnodigingen' en nodig opnieuw uit.`,
    );
    expect(await openInvitations(email)).toHaveLength(1);
    const mails = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email));
    expect(mails).toHaveLength(1);
  });

  it("after the open invitation expired or was revoked, a new one can be sent", async () => {
    const email = freshEmail();
    await (await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" })).text();
    const [inv] = await openInvitations(email);
    const revoke = await lead.post(members(), { intent: "revoke", invitationId: inv.id });
    expect(revoke.status).toBe(200);
    await revoke.text();
    const again = await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" });
    expect(again.status).toBe(200);
    await again.text();

    clock.advance(8 * DAY); // the new one expires
    await lead.login(LEAD);
    const third = await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" });
    expect(third.status).toBe(200);
    await third.text();
  });

  it("an address that is already a member is told so, with its role", async () => {
    const res = await lead.post(members(), { intent: "invite", email: "partner.a@demo.ketenlijn.nl", role: "onderzoeker", organisation: "" });
    expect(res.status).toBe(409);
    expect(visibleText(await res.text())).toContain(
      "Deze persoon is al deelnemer van dit onderzoek. partner.a@demo.ketenlijn.nl heeft de rol ketenpartner; een nieuwe uitnodiging is niet nodig.",
    );
  });

  it("two procesbegeleiders inviting the same address at the same moment: one invitation, the other hears it is already invited", async () => {
    const email = freshEmail();
    const other = new HttpClient(app.url);
    await other.login(LEAD);
    const [a, b] = await Promise.all([
      lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" }),
      other.post(members(), { intent: "invite", email: email.toUpperCase(), role: "ketenpartner", organisation: "GGD Noord" }),
    ]);
    const texts = await Promise.all([a.text(), b.text()]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = texts[a.status === 409 ? 0 : 1];
    expect(visibleText(refused)).toContain(`Er staat al een uitnodiging open voor ${email}`);
    expect(await openInvitations(email)).toHaveLength(1);
    const mails = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email));
    expect(mails).toHaveLength(1);
  });

  it("the database refuses a second open invitation for the same address, whatever the letter case", async () => {
    const email = freshEmail();
    await (await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" })).text();
    const [inv] = await openInvitations(email);
    await expect(
      app.ctx.db.insert(schema.invitations).values({ ...inv, id: randomUUID(), tokenHash: randomUUID(), email: email.toUpperCase() }),
    ).rejects.toThrow();
  });

  it("an invitation that expired and was replaced by a new one still says it expired", async () => {
    const email = freshEmail();
    await (await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" })).text();
    const oldLink = await linkInLastMail(email);
    clock.advance(8 * DAY);
    await lead.login(LEAD);
    const again = await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" });
    expect(again.status).toBe(200);
    await again.text();
    expect(await openInvitations(email)).toHaveLength(1);
    const old = visibleText(await (await new HttpClient(app.url).get(oldLink)).text());
    expect(old).toContain("verlopen");
  });

  it("joining: the list no longer shows the address, and an earlier revoked link for it says it was used", async () => {
    const email = freshEmail();
    await (await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" })).text();
    const firstLink = await linkInLastMail(email);
    const [firstInv] = await openInvitations(email);
    await app.ctx.db.update(schema.invitations).set({ revokedAt: clock.now() }).where(eq(schema.invitations.id, firstInv.id));
    await (await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "" })).text();
    const secondLink = await linkInLastMail(email);
    expect(await openInvitations(email)).toHaveLength(1);

    const joiner = new HttpClient(app.url);
    const res = await joiner.post(secondLink, { intent: "create", name: "Nieuwe Deelnemer", password: PASSWORD, passwordRepeat: PASSWORD });
    expect(res.status).toBe(302);
    await res.text();

    expect(await openInvitations(email)).toHaveLength(0);
    const list = visibleText(await (await lead.get(members())).text());
    expect(list.split("Openstaande uitnodigingen")[1] ?? "").not.toContain(email);
    const other = visibleText(await (await new HttpClient(app.url).get(firstLink)).text());
    expect(other).toContain("Deze uitnodiging is al gebruikt. Log in met het account dat u toen heeft gemaakt.");
  });
});
