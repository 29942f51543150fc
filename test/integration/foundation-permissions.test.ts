import { randomUUID } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// The HTTP permission matrix: every role, a non-member and an anonymous visitor against every
// page (GET) and every action (POST) of the foundation, on the seeded demo investigation.

const DEMO_TITLE = "Overlijden moeder, gezin Noord (demo)";
const ONDERZOEKER = "onderzoeker@demo.ketenlijn.nl";
const WHO = ["procesbegeleider", "onderzoeker", "ketenpartner", "toezichthouder", "non-member", "anonymous"] as const;
type Who = (typeof WHO)[number];
const LOGINS: Record<Exclude<Who, "anonymous">, string> = {
  procesbegeleider: "begeleider@demo.ketenlijn.nl",
  onderzoeker: ONDERZOEKER,
  ketenpartner: "partner.a@demo.ketenlijn.nl",
  toezichthouder: "toezicht@demo.ketenlijn.nl",
  "non-member": "buitenstaander@demo.ketenlijn.nl",
};

let app: TestApp;
let id: string;
const clients = {} as Record<Who, HttpClient>;

/** The demo investigation's metadata as the edit form posts it. */
const demoForm = (overrides: Record<string, string> = {}) => ({
  title: DEMO_TITLE,
  kind: "calamiteit",
  legalFrame: "jeugdwet",
  reportingCriterion: "suicide_onnatuurlijk",
  calamityDate: "2026-10-26",
  reportedDate: "2026-10-28",
  supervisor: "igj",
  supervisorMunicipality: "",
  providers: "Stichting Jeugdhulp De Brug; Wijkteam Noord",
  analysisMethod: "prisma",
  phase: "onderzoek",
  ...overrides,
});

async function userId(email: string) {
  const [u] = await app.ctx.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email));
  return u.id;
}

/** A member nobody cares about, so "remove" can succeed (or be refused) without side effects on the matrix. */
async function throwawayMember() {
  const email = `wegwerp-${randomUUID()}@example.nl`;
  const [u] = await app.ctx.db.insert(schema.users).values({ email, name: "Wegwerp", passwordHash: "x" }).returning();
  await app.ctx.db.insert(schema.memberships).values({ investigationId: id, userId: u.id, role: "ketenpartner" });
  return u.id;
}

async function openInvitation() {
  const [inv] = await app.ctx.db
    .insert(schema.invitations)
    .values({
      tokenHash: randomUUID(),
      investigationId: id,
      email: `uitgenodigd-${randomUUID()}@example.nl`,
      role: "ketenpartner",
      invitedBy: await userId(LOGINS.procesbegeleider),
      expiresAt: new Date(Date.now() + 86400_000),
    })
    .returning();
  return inv.id;
}

/** Everything a refused POST could have touched. */
async function snapshot() {
  const db = app.ctx.db;
  const [investigationCount] = await db.select({ n: count() }).from(schema.investigations);
  return JSON.stringify({
    investigation: await db.select().from(schema.investigations).where(eq(schema.investigations.id, id)),
    client: await db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, id)),
    members: await db.select().from(schema.memberships).where(eq(schema.memberships.investigationId, id)).orderBy(schema.memberships.userId),
    invitations: await db.select().from(schema.invitations).where(eq(schema.invitations.investigationId, id)).orderBy(schema.invitations.id),
    deadlines: await db.select().from(schema.deadlines).where(eq(schema.deadlines.investigationId, id)).orderBy(schema.deadlines.key),
    investigations: investigationCount.n,
    outbox: (await db.select({ n: count() }).from(schema.outbox))[0].n,
  });
}

beforeAll(async () => {
  app = await startTestApp();
  id = app.demoInvestigationId;
  // An onderzoeker: the demo has none, so add one directly.
  const [u] = await app.ctx.db
    .insert(schema.users)
    .values({ email: ONDERZOEKER, name: "Olga Onderzoeker", passwordHash: await hashPassword("ketenlijn-demo") })
    .returning();
  await app.ctx.db.insert(schema.memberships).values({ investigationId: id, userId: u.id, role: "onderzoeker" });
  for (const who of WHO) {
    clients[who] = new HttpClient(app.url);
    if (who !== "anonymous") await clients[who].login(LOGINS[who]);
  }
});
afterAll(async () => {
  await app?.stop();
});

/** What a user gets: the page (or the redirect after a successful action), the login page, 403 or 404. */
type Expect = "allowed" | "to login" | 403 | 404;
const MEMBERS_ONLY: Record<Who, Expect> = {
  procesbegeleider: "allowed",
  onderzoeker: "allowed",
  ketenpartner: "allowed",
  toezichthouder: "allowed",
  "non-member": 404,
  anonymous: "to login",
};
const LEAD_ONLY: Record<Who, Expect> = { ...MEMBERS_ONLY, onderzoeker: 403, ketenpartner: 403, toezichthouder: 403 };

/** Checks what a user notices; `allowedStatus` is 200 for a page or an action that re-renders, 302 for one that redirects. */
async function expectOutcome(res: Response, path: string, expected: Expect, allowedStatus: 200 | 302 = 200) {
  const body = await res.text();
  if (expected === "to login") {
    // to the login page, and back here afterwards
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/login?next=${encodeURIComponent(path)}`);
    return;
  }
  if (expected === "allowed") {
    expect(res.status).toBe(allowedStatus);
    return;
  }
  expect(res.status).toBe(expected);
  if (expected === 404) {
    expect(body).toContain("Niet gevonden");
    expect(body).not.toContain(DEMO_TITLE);
    expect(body).not.toContain("Overlijden moeder");
  } else {
    expect(body).toContain("Geen toegang");
  }
}

describe("GET pages", () => {
  const pages: { page: string; path: () => string; expected: Record<Who, Expect> }[] = [
    { page: "/ (dashboard)", path: () => "/", expected: { ...MEMBERS_ONLY, "non-member": "allowed" } },
    {
      page: "/onderzoeken/nieuw",
      path: () => "/onderzoeken/nieuw",
      expected: { procesbegeleider: "allowed", onderzoeker: 403, ketenpartner: 403, toezichthouder: 403, "non-member": 403, anonymous: "to login" },
    },
    { page: "/onderzoeken/:id", path: () => `/onderzoeken/${id}`, expected: MEMBERS_ONLY },
    { page: "/onderzoeken/:id/gegevens", path: () => `/onderzoeken/${id}/gegevens`, expected: LEAD_ONLY },
    { page: "/onderzoeken/:id/client", path: () => `/onderzoeken/${id}/client`, expected: LEAD_ONLY },
    { page: "/onderzoeken/:id/deelnemers", path: () => `/onderzoeken/${id}/deelnemers`, expected: MEMBERS_ONLY },
    { page: "/onderzoeken/:id/termijnen", path: () => `/onderzoeken/${id}/termijnen`, expected: MEMBERS_ONLY },
    { page: "/onderzoeken/:id/logboek", path: () => `/onderzoeken/${id}/logboek`, expected: LEAD_ONLY },
  ];
  const cases = pages.flatMap((p) => WHO.map((who) => ({ ...p, who, status: p.expected[who] })));

  it.each(cases)("GET $page as $who → $status", async ({ path, who, status }) => {
    const p = path();
    await expectOutcome(await clients[who].get(p), p, status);
  });

  it("an allowed investigation page shows the title and the member's role", async () => {
    const res = await clients.toezichthouder.get(`/onderzoeken/${id}/termijnen`);
    const html = await res.text();
    expect(html).toContain(DEMO_TITLE);
    expect(html).toContain("uw rol: <strong>Toezichthouder</strong>");
  });

  it("the dashboard of a non-member does not list the investigation", async () => {
    const html = await (await clients["non-member"].get("/")).text();
    expect(html).toContain("U neemt nog niet deel aan een onderzoek.");
    expect(html).not.toContain(DEMO_TITLE);
  });
});

describe("GET public pages", () => {
  const loggedIn = (status: number) => Object.fromEntries(WHO.map((w) => [w, w === "anonymous" ? 200 : status])) as Record<Who, number>;
  const same = (status: number) => Object.fromEntries(WHO.map((w) => [w, status])) as Record<Who, number>;
  const pages: { path: string; expected: Record<Who, number>; location?: string }[] = [
    { path: "/login", expected: loggedIn(302), location: "/" }, // logged in: straight on
    { path: "/logout", expected: same(302), location: "/" }, // logging out is a POST; a GET changes nothing
    { path: "/wachtwoord-vergeten", expected: same(200) },
    { path: "/wachtwoord-herstellen/onbekend-token", expected: same(200) }, // shows "ongeldig"
    { path: "/uitnodiging/onbekend-token", expected: same(410) },
    { path: "/dev/outbox", expected: same(200) }, // development only (no SMTP, embedded database)
  ];
  const cases = pages.flatMap((p) => WHO.map((who) => ({ ...p, who, status: p.expected[who] })));

  it.each(cases)("GET $path as $who → $status", async ({ path, who, status, location }) => {
    const res = await clients[who].get(path);
    expect(res.status).toBe(status);
    if (status === 302) expect(res.headers.get("location")).toBe(location);
    const html = await res.text();
    // (/dev/outbox shows every mail, invitations with titles included: it is for development only.)
    if (path !== "/dev/outbox") expect(html).not.toContain(DEMO_TITLE);
  });

  it("GET /logout did not end any session", async () => {
    for (const who of WHO) if (who !== "anonymous") expect((await clients[who].get("/")).status).toBe(200);
  });
});

describe("POST actions", () => {
  interface Action {
    action: string;
    path: () => string;
    form: () => Promise<Record<string, string>>;
    expected: Record<Who, Expect>;
    allowed: 200 | 302;
  }
  const lead = (expected: Partial<Record<Who, Expect>> = {}) => ({ ...LEAD_ONLY, ...expected });
  const actions: Action[] = [
    {
      action: "create investigation (/onderzoeken/nieuw)",
      path: () => "/onderzoeken/nieuw",
      form: async () => demoForm({ title: `Nieuw onderzoek ${randomUUID()}` }),
      expected: lead({ "non-member": 403 }), // not about one investigation: 403, not 404
      allowed: 302,
    },
    { action: "edit metadata (gegevens)", path: () => `/onderzoeken/${id}/gegevens`, form: async () => demoForm(), expected: lead(), allowed: 302 },
    {
      action: "save client identity (client)",
      path: () => `/onderzoeken/${id}/client`,
      form: async () => ({ name: "M. Voorbeeld (fictief)", dateOfBirth: "1989-04-12", sex: "vrouw", indication: "Jeugdhulp ambulant" }),
      expected: lead(),
      allowed: 200,
    },
    {
      action: "invite (deelnemers, intent=invite)",
      path: () => `/onderzoeken/${id}/deelnemers`,
      form: async () => ({ intent: "invite", email: `nieuw-${randomUUID()}@example.nl`, role: "onderzoeker", organisation: "" }),
      expected: lead(),
      allowed: 200,
    },
    {
      action: "change a role (deelnemers, intent=role)",
      path: () => `/onderzoeken/${id}/deelnemers`,
      form: async () => ({ intent: "role", userId: await userId(ONDERZOEKER), role: "onderzoeker" }),
      expected: lead(),
      allowed: 200,
    },
    {
      action: "remove a member (deelnemers, intent=remove)",
      path: () => `/onderzoeken/${id}/deelnemers`,
      form: async () => ({ intent: "remove", userId: await throwawayMember() }),
      expected: lead(),
      allowed: 200,
    },
    {
      action: "revoke an invitation (deelnemers, intent=revoke)",
      path: () => `/onderzoeken/${id}/deelnemers`,
      form: async () => ({ intent: "revoke", invitationId: await openInvitation() }),
      expected: lead(),
      allowed: 200,
    },
    {
      action: "change a deadline (termijnen, intent=change)",
      path: () => `/onderzoeken/${id}/termijnen`,
      form: async () => ({ intent: "change", key: "feitenrelaas", date: "2026-11-13", reason: "Aanbieder vroeg uitstel aan" }),
      expected: lead(),
      allowed: 200,
    },
    {
      action: "mark a deadline done (termijnen, intent=done)",
      path: () => `/onderzoeken/${id}/termijnen`,
      form: async () => ({ intent: "done", key: "ontvangstbevestiging" }),
      expected: lead(),
      allowed: 200,
    },
    {
      action: "reopen a deadline (termijnen, intent=undone)",
      path: () => `/onderzoeken/${id}/termijnen`,
      form: async () => ({ intent: "undone", key: "ontvangstbevestiging" }),
      expected: lead(),
      allowed: 200,
    },
  ];
  const cases = actions.flatMap((a) =>
    WHO.map((who) => ({ ...a, who, status: a.expected[who], shown: a.expected[who] === "allowed" ? `allowed (${a.allowed})` : a.expected[who] })),
  );

  it.each(cases)("POST $action as $who → $shown", async ({ path, form, who, status, allowed }) => {
    const p = path();
    const body = await form();
    const before = status === "allowed" ? null : await snapshot();
    await expectOutcome(await clients[who].post(p, body), p, status, allowed);
    if (before !== null) expect(await snapshot()).toBe(before); // refused: nothing changed
  });

  it("the lead's allowed actions really took effect", async () => {
    const [feitenrelaas] = await app.ctx.db
      .select()
      .from(schema.deadlines)
      .where(and(eq(schema.deadlines.investigationId, id), eq(schema.deadlines.key, "feitenrelaas")));
    expect(feitenrelaas.overrideDate).toBe("2026-11-13");
    const created = await app.ctx.db.select().from(schema.investigations);
    expect(created.length).toBe(2); // the demo and exactly one created by the procesbegeleider
  });
});

describe("ids that do not lead to an investigation", () => {
  const subpaths = ["", "/gegevens", "/client", "/deelnemers", "/termijnen", "/logboek"];

  it.each(subpaths)("a random uuid → 404 (GET /onderzoeken/<uuid>%s)", async (sub) => {
    const res = await clients.procesbegeleider.get(`/onderzoeken/${randomUUID()}${sub}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Niet gevonden");
  });

  it.each(subpaths)("a non-uuid id → 404 (GET /onderzoeken/abc%s)", async (sub) => {
    const res = await clients.procesbegeleider.get(`/onderzoeken/abc${sub}`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Niet gevonden");
  });

  it("POST to a random uuid or a non-uuid id → 404", async () => {
    for (const bad of [randomUUID(), "abc", "1%20OR%201=1"]) {
      const res = await clients.procesbegeleider.post(`/onderzoeken/${bad}/gegevens`, demoForm());
      expect(res.status).toBe(404);
      await res.text();
    }
  });

  it("an unknown path → 404 with a Dutch page", async () => {
    const res = await clients.procesbegeleider.get("/bestaat/niet");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Deze pagina bestaat niet, of u heeft er geen toegang toe.");
  });
});

describe("cross-site requests", () => {
  const title = async () =>
    (await app.ctx.db.select({ t: schema.investigations.title }).from(schema.investigations).where(eq(schema.investigations.id, id)))[0].t;

  it("POST with a foreign Origin → 403 and nothing changed", async () => {
    const before = await snapshot();
    const res = await clients.procesbegeleider.post(`/onderzoeken/${id}/gegevens`, demoForm({ title: "Gekaapt" }), {
      origin: "https://evil.example",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toBe("Dit verzoek komt van een andere website en is geweigerd.");
    expect(await title()).toBe(DEMO_TITLE);
    expect(await snapshot()).toBe(before);
  });

  it("POST with Origin: null → 403", async () => {
    const res = await clients.procesbegeleider.post(`/onderzoeken/${id}/gegevens`, demoForm({ title: "Gekaapt" }), { origin: "null" });
    expect(res.status).toBe(403);
    await res.text();
    expect(await title()).toBe(DEMO_TITLE);
  });

  it("POST with Sec-Fetch-Site: cross-site and no Origin → 403 and nothing changed", async () => {
    const before = await snapshot();
    const c = clients.procesbegeleider;
    const body = new URLSearchParams({ intent: "invite", email: "csrf@example.nl", role: "procesbegeleider", organisation: "" });
    const res = await c.request("POST", `/onderzoeken/${id}/deelnemers`, body, { "sec-fetch-site": "cross-site" });
    expect(res.status).toBe(403);
    await res.text();
    expect(await snapshot()).toBe(before);
  });

  it("a cross-site login attempt is refused too (login CSRF)", async () => {
    const c = new HttpClient(app.url);
    const res = await c.post("/login", { email: LOGINS.procesbegeleider, password: "ketenlijn-demo" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    await res.text();
    expect(c.cookie).toBeNull();
  });

  it("a same-origin POST without Origin (Sec-Fetch-Site: same-origin) is accepted", async () => {
    const c = clients.procesbegeleider;
    const body = new URLSearchParams({ intent: "done", key: "ontvangstbevestiging" });
    const res = await c.request("POST", `/onderzoeken/${id}/termijnen`, body, { "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(200);
    await res.text();
  });
});
