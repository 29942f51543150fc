import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, TestClock, type TestApp } from "../helpers/test-app.ts";

// Inviting people, accepting invitations, removing members and changing roles, over HTTP.

const LEAD = "begeleider@demo.ketenlijn.nl";
const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";
const NEW_PASSWORD = "mijn-eigen-wachtwoord";
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const LAST_LEAD = "Een onderzoek heeft altijd minstens één procesbegeleider. Wijs eerst een andere procesbegeleider aan.";

let app: TestApp;
let id: string;
let lead: HttpClient;
const clock = new TestClock(new Date("2026-05-04T09:00:00Z"));

const client = () => new HttpClient(app.url);

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
const members = () => `/onderzoeken/${id}/deelnemers`;
const freshEmail = (what = "genodigde") => `${what}-${randomUUID().slice(0, 8)}@example.nl`;

async function userIdOf(email: string) {
  const [u] = await app.ctx.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email));
  return u?.id ?? null;
}

async function membershipOf(email: string) {
  const uid = await userIdOf(email);
  if (!uid) return null;
  const [m] = await app.ctx.db
    .select()
    .from(schema.memberships)
    .where(and(eq(schema.memberships.investigationId, id), eq(schema.memberships.userId, uid)));
  return m ?? null;
}

async function auditFor(action: string) {
  return app.ctx.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, action), eq(schema.auditLog.investigationId, id)))
    .orderBy(desc(schema.auditLog.id));
}

/** The procesbegeleider invites someone; returns the path of the link in the mail. */
async function invite(email: string, role = "onderzoeker", organisation = "", extra: Record<string, string> = {}) {
  const res = await lead.post(members(), { intent: "invite", email, role, organisation, ...extra });
  const html = await res.text();
  expect(res.status, html).toBe(200);
  expect(html).toContain(`Uitnodiging verstuurd naar ${email}.`);
  const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email)).orderBy(desc(schema.outbox.id)).limit(1);
  const m = /https?:\/\/[^\s/]+(\/uitnodiging\/[A-Za-z0-9_-]+)/.exec(mail.text);
  if (!m) throw new Error(`no invitation link in:\n${mail.text}`);
  return m[1];
}

function accept(c: HttpClient, link: string, name = "Nieuwe Deelnemer") {
  return c.post(link, { intent: "create", name, password: NEW_PASSWORD, passwordRepeat: NEW_PASSWORD });
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  id = app.demoInvestigationId;
  lead = client();
  await lead.login(LEAD);
});
afterAll(async () => {
  await app?.stop();
});

describe("inviting", () => {
  it("puts a mail with a personal link in the outbox and lists the open invitation", async () => {
    const email = freshEmail();
    const link = await invite(email, "ketenpartner", "GGD Noord");
    const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email));
    expect(mail.subject).toBe(`Uitnodiging voor het leeronderzoek '${DEMO_TITLE}'`);
    expect(mail.text).toContain("als ketenpartner");
    expect(mail.text).toContain("namens GGD Noord");
    expect(mail.text).toContain(link);
    const page = await (await lead.get(members())).text();
    expect(page).toContain("Openstaande uitnodigingen");
    expect(page).toContain(email);
  });

  it("is audit-logged as member.invited", async () => {
    const email = freshEmail();
    await invite(email, "toezichthouder");
    const [row] = (await auditFor("member.invited")).filter((r) => r.subjectEmail === email);
    expect(row.details).toMatchObject({ role: "toezichthouder" });
    expect(row.actorId).toBe(await userIdOf(LEAD));
  });

  it("a ketenpartner without organisation → 400 with a Dutch message, the typed address kept", async () => {
    const email = freshEmail();
    const res = await lead.post(members(), { intent: "invite", email, role: "ketenpartner", organisation: "" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Een ketenpartner vertegenwoordigt een organisatie: vul die in.");
    expect(html).toContain(`value="${email}"`);
    expect((await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email))).length).toBe(0);
  });

  it("an invalid address → 400 with a Dutch message", async () => {
    const res = await lead.post(members(), { intent: "invite", email: "geen-adres", role: "onderzoeker", organisation: "" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Vul een geldig e-mailadres in");
  });

  it("someone who is already a member cannot be invited again", async () => {
    const res = await lead.post(members(), { intent: "invite", email: "partner.a@demo.ketenlijn.nl", role: "onderzoeker", organisation: "" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Deze persoon is al deelnemer van dit onderzoek.");
  });
});

describe("accepting", () => {
  it("the invitee opens the link, sets name and password, and lands in the investigation with the invited role", async () => {
    const email = freshEmail();
    const link = await invite(email, "onderzoeker");
    const invitee = client();

    const page = await invitee.get(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("onderzoeker / commissielid");
    expect(html).toContain(DEMO_TITLE);
    expect(html).toContain(email);

    const res = await accept(invitee, link, "Olga Onderzoeker");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/onderzoeken/${id}`);
    expect(invitee.cookie).toBeTruthy();

    const inside = await invitee.get(`/onderzoeken/${id}`);
    expect(inside.status).toBe(200);
    const body = await inside.text();
    expect(body).toContain(DEMO_TITLE);
    expect(body).toContain("uw rol: <strong>Onderzoeker / commissielid</strong>");
    expect(body).toContain("Olga Onderzoeker"); // logged in under the chosen name
    expect((await membershipOf(email))?.role).toBe("onderzoeker");
    // The chosen password works for a later login.
    await client().login(email, NEW_PASSWORD);
  });

  it("the organisation of a ketenpartner comes along", async () => {
    const email = freshEmail();
    const link = await invite(email, "ketenpartner", "Huisartsenpraktijk Zuid");
    await accept(client(), link);
    const page = await (await lead.get(members())).text();
    expect(page).toContain("Huisartsenpraktijk Zuid");
    expect((await membershipOf(email))?.role).toBe("ketenpartner");
  });

  it("a toezichthouder invited with workspace access joins with it; without the tick, without it", async () => {
    const withAccess = freshEmail("toezicht-met");
    const link = await invite(withAccess, "toezichthouder", "", { workspaceAccess: "aan" });
    expect(await (await lead.get(members())).text()).toContain("Met toegang tot de werkruimte (alleen lezen)");
    await accept(client(), link);
    expect(await membershipOf(withAccess)).toMatchObject({ role: "toezichthouder", workspaceAccess: true });
    const [audited] = await auditFor("member.invited");
    expect(audited.details).toMatchObject({ role: "toezichthouder", workspaceAccess: true });

    const without = freshEmail("toezicht-zonder");
    await accept(client(), await invite(without, "toezichthouder"));
    expect(await membershipOf(without)).toMatchObject({ role: "toezichthouder", workspaceAccess: false });
  });

  it("workspace access on an invitation for another role → 400 with the reason, nothing sent", async () => {
    const email = freshEmail();
    const res = await lead.post(members(), { intent: "invite", email, role: "onderzoeker", organisation: "", workspaceAccess: "aan" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Alleen voor een toezichthouder: de andere rollen hebben de werkruimte al vanuit hun rol.");
    expect(html).toMatch(/id="f-workspaceAccess"[^>]*checked|checked[^>]*id="f-workspaceAccess"/); // the tick kept
    expect((await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email))).length).toBe(0);
  });

  it("a bad form → 400 with Dutch messages per field, the name kept", async () => {
    const link = await invite(freshEmail());
    const res = await client().post(link, { intent: "create", name: "Kees Kort", password: "kort", passwordRepeat: "anders" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Kies een wachtwoord van minstens 12 tekens.");
    expect(html).toContain('value="Kees Kort"');
  });

  it("a common or personal password is refused with a Dutch message; the invitation stays usable", async () => {
    const link = await invite(freshEmail());
    for (const password of ["wachtwoord1234", "keeskortkeeskort"]) {
      const res = await client().post(link, { intent: "create", name: "Kees Kort", password, passwordRepeat: password });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain("Dit wachtwoord is te makkelijk te raden.");
      expect(html).toContain('value="Kees Kort"');
    }
    expect((await accept(client(), link)).status).toBe(302);
  });

  it("is audit-logged as member.joined", async () => {
    const email = freshEmail();
    await accept(client(), await invite(email, "onderzoeker"));
    const [row] = (await auditFor("member.joined")).filter((r) => r.subjectEmail === email);
    expect(row.actorId).toBe(await userIdOf(email));
    expect(row.details).toMatchObject({ role: "onderzoeker" });
  });

  it("the link cannot be used twice", async () => {
    const email = freshEmail();
    const link = await invite(email);
    expect((await accept(client(), link)).status).toBe(302);

    const page = await client().get(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Deze uitnodiging is al gebruikt.");

    const second = client();
    const res = await accept(second, link, "Indringer");
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Deze uitnodiging is al gebruikt.");
    expect(second.cookie).toBeNull();
    const [n] = await app.ctx.db.select({ n: count() }).from(schema.users).where(eq(schema.users.email, email));
    expect(n.n).toBe(1);
  });

  it("an expired link (7 days + 1 minute) is refused with a Dutch message", async () => {
    const email = freshEmail();
    const link = await invite(email);
    clock.advance(7 * DAY - MINUTE);
    const stillValid = await client().get(link);
    expect(stillValid.status).toBe(200);
    await stillValid.text();
    clock.advance(2 * MINUTE);

    const page = await client().get(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Deze uitnodiging is verlopen. Vraag de procesbegeleider om een nieuwe uitnodiging.");
    const res = await accept(client(), link);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Deze uitnodiging is verlopen.");
    expect(await userIdOf(email)).toBeNull();
    await lead.login(LEAD); // a week later the procesbegeleider's own session has expired too
  });

  it("a revoked link is refused", async () => {
    const email = freshEmail();
    const link = await invite(email);
    const [inv] = await app.ctx.db.select().from(schema.invitations).where(eq(schema.invitations.email, email));
    const res = await lead.post(members(), { intent: "revoke", invitationId: inv.id });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("De uitnodiging is ingetrokken.");
    expect((await auditFor("member.invitation_revoked")).some((r) => r.subjectEmail === email)).toBe(true);

    const page = await client().get(link);
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("Deze uitnodiging is ingetrokken. Neem contact op met de procesbegeleider.");
    expect((await accept(client(), link)).status).toBe(409);
    expect(await userIdOf(email)).toBeNull();
  });

  it("a made-up link is refused", async () => {
    const res = await client().get("/uitnodiging/verzonnen-token");
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("Deze uitnodiging bestaat niet.");
  });

  it("two simultaneous accepts of one link → exactly one account and one membership", async () => {
    const email = freshEmail();
    const link = await invite(email);
    const [a, b] = await Promise.all([accept(client(), link, "Eerste"), accept(client(), link, "Tweede")]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    const users = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, email));
    expect(users).toHaveLength(1);
    const ms = await app.ctx.db
      .select()
      .from(schema.memberships)
      .where(and(eq(schema.memberships.investigationId, id), eq(schema.memberships.userId, users[0].id)));
    expect(ms).toHaveLength(1);
  });
});

describe("inviting an existing account", () => {
  const EXISTING = "buitenstaander@demo.ketenlijn.nl";
  let link: string;
  beforeAll(async () => {
    link = await invite(EXISTING, "ketenpartner", "Woningcorporatie Oost");
  });

  it("the link asks to log in instead of creating an account", async () => {
    const html = await (await client().get(link)).text();
    expect(visibleText(html)).toContain(`Er bestaat al een account voor ${EXISTING}. Log in om deel te nemen.`);
    expect(html).toContain(`/login?next=${encodeURIComponent(link)}`);
  });

  it("creating an account for that address over the link is refused and does not use up the invitation", async () => {
    const res = await accept(client(), link, "Kaper");
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Er bestaat al een account voor dit e-mailadres. Log in om deel te nemen.");
    expect(await membershipOf(EXISTING)).toBeNull();
    const [inv] = await app.ctx.db.select().from(schema.invitations).where(eq(schema.invitations.email, EXISTING));
    expect(inv.acceptedAt).toBeNull();
  });

  it("joining while not logged in sends to the login page and back", async () => {
    const res = await client().post(link, { intent: "join" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(link)}`);
  });

  it("another logged-in account cannot use it", async () => {
    const other = client();
    await other.login("partner.b@demo.ketenlijn.nl");
    const page = visibleText(await (await other.get(link)).text());
    expect(page).toContain("U bent nu ingelogd als partner.b@demo.ketenlijn.nl; log eerst uit.");
    const res = await other.post(link, { intent: "join" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Deze uitnodiging is voor een ander account.");
    expect(await membershipOf(EXISTING)).toBeNull();
  });

  it("after logging in as that account the invitee joins with the invited role", async () => {
    const invitee = client();
    const login = await invitee.post("/login", { email: EXISTING, password: "ketenlijn-demo", next: link });
    expect(login.headers.get("location")).toBe(link);
    const page = await (await invitee.get(link)).text();
    expect(page).toContain("Deelnemen aan het onderzoek");
    const res = await invitee.post(link, { intent: "join" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/onderzoeken/${id}`);
    const inside = await (await invitee.get(`/onderzoeken/${id}`)).text();
    expect(inside).toContain("uw rol: <strong>Ketenpartner</strong>");
    expect((await membershipOf(EXISTING))?.role).toBe("ketenpartner");
  });
});

describe("removing members and changing roles", () => {
  /** A member with a live session of their own. */
  async function newMember(role: string, organisation = "") {
    const email = freshEmail(role);
    const c = client();
    await accept(c, await invite(email, role, organisation), `Lid ${role}`);
    expect(c.cookie).toBeTruthy();
    return { email, c, userId: (await userIdOf(email))! };
  }

  it("removing a member ends their access at once; their session otherwise still works", async () => {
    const m = await newMember("ketenpartner", "Politie Noord");
    expect((await m.c.get(`/onderzoeken/${id}`)).status).toBe(200);

    const res = await lead.post(members(), { intent: "remove", userId: m.userId });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("De deelnemer is verwijderd; de toegang is direct beëindigd.");

    const after = await m.c.get(`/onderzoeken/${id}/termijnen`);
    expect(after.status).toBe(404);
    expect(await after.text()).not.toContain(DEMO_TITLE);
    const dashboard = await m.c.get("/");
    expect(dashboard.status).toBe(200);
    const html = await dashboard.text();
    expect(html).toContain("Mijn onderzoeken");
    expect(html).not.toContain(DEMO_TITLE);
  });

  it("the removal is audit-logged as member.removed", async () => {
    const m = await newMember("onderzoeker");
    await (await lead.post(members(), { intent: "remove", userId: m.userId })).text();
    const [row] = await auditFor("member.removed");
    expect(row.details).toMatchObject({ userId: m.userId, role: "onderzoeker" });
    expect(row.actorId).toBe(await userIdOf(LEAD));
  });

  it("a role change takes effect at once", async () => {
    const m = await newMember("ketenpartner", "Wijkteam Zuid");
    expect((await m.c.get(`/onderzoeken/${id}/gegevens`)).status).toBe(403);

    const up = await lead.post(members(), { intent: "role", userId: m.userId, role: "procesbegeleider" });
    expect(up.status).toBe(200);
    expect(await up.text()).toContain("De rol is gewijzigd in procesbegeleider.");
    expect((await m.c.get(`/onderzoeken/${id}/gegevens`)).status).toBe(200);
    expect((await m.c.get(`/onderzoeken/${id}/logboek`)).status).toBe(200);

    await (await lead.post(members(), { intent: "role", userId: m.userId, role: "toezichthouder" })).text();
    expect((await m.c.get(`/onderzoeken/${id}/gegevens`)).status).toBe(403);
    const inside = await (await m.c.get(`/onderzoeken/${id}`)).text();
    expect(inside).toContain("uw rol: <strong>Toezichthouder</strong>");
  });

  it("the role change is audit-logged as member.role_changed", async () => {
    const m = await newMember("onderzoeker");
    await (await lead.post(members(), { intent: "role", userId: m.userId, role: "ketenpartner" })).text();
    const [row] = await auditFor("member.role_changed");
    expect(row.details).toMatchObject({ userId: m.userId, role: "ketenpartner" });
  });

  it("the last procesbegeleider cannot be removed", async () => {
    const me = (await userIdOf(LEAD))!;
    const res = await lead.post(members(), { intent: "remove", userId: me });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(LAST_LEAD);
    expect((await membershipOf(LEAD))?.role).toBe("procesbegeleider");
  });

  it("the last procesbegeleider cannot be demoted", async () => {
    const me = (await userIdOf(LEAD))!;
    const res = await lead.post(members(), { intent: "role", userId: me, role: "onderzoeker" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(LAST_LEAD);
    expect((await membershipOf(LEAD))?.role).toBe("procesbegeleider");
  });

  it("with a second procesbegeleider, the first may step down", async () => {
    // On a fresh investigation of its own, so the demo keeps its single lead.
    const created = await lead.post("/onderzoeken/nieuw", {
      title: "Tweede onderzoek met twee begeleiders",
      kind: "incident",
      legalFrame: "wmo",
      reportingCriterion: "vermissing",
      calamityDate: "",
      reportedDate: "",
      supervisor: "igj",
      supervisorMunicipality: "",
      providers: "",
      analysisMethod: "sire",
      phase: "melden",
    });
    const otherId = created.headers.get("location")!.split("/").pop()!;
    const email = freshEmail("tweede-begeleider");
    const res = await lead.post(`/onderzoeken/${otherId}/deelnemers`, { intent: "invite", email, role: "procesbegeleider", organisation: "" });
    await res.text();
    const [mail] = await app.ctx.db.select().from(schema.outbox).where(eq(schema.outbox.to, email));
    const link = /(\/uitnodiging\/[A-Za-z0-9_-]+)/.exec(mail.text)![1];
    await accept(client(), link);
    const me = (await userIdOf(LEAD))!;
    const step = await lead.post(`/onderzoeken/${otherId}/deelnemers`, { intent: "role", userId: me, role: "onderzoeker" });
    expect(step.status).toBe(200);
    await step.text();
    expect((await lead.get(`/onderzoeken/${otherId}/deelnemers`)).status).toBe(200);
    expect((await lead.get(`/onderzoeken/${otherId}/logboek`)).status).toBe(403);
  });
});
