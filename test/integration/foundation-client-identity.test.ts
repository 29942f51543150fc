import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hashPassword } from "../../server/auth/passwords.ts";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Client identity (Bijlage 1, 1a): only the procesbegeleider sees it, every view is audited,
// and it appears on no page any other role (or a non-member) can reach.

const CLIENT_NAME = "M. Voorbeeld (fictief)";
// Other parts of the seeded identity that must not leak either.
const SECRETS = [CLIENT_NAME, "Voorbeeld", "1989-04-12", "12-04-1989", "beschikking 2025-0412"];
const LOGINS = {
  procesbegeleider: "begeleider@demo.ketenlijn.nl",
  onderzoeker: "onderzoeker@demo.ketenlijn.nl",
  ketenpartner: "partner.a@demo.ketenlijn.nl",
  toezichthouder: "toezicht@demo.ketenlijn.nl",
  "non-member": "buitenstaander@demo.ketenlijn.nl",
} as const;
type Who = keyof typeof LOGINS;
const OTHERS: Exclude<Who, "procesbegeleider">[] = ["onderzoeker", "ketenpartner", "toezichthouder", "non-member"];

let app: TestApp;
let id: string;
const clients = {} as Record<Who, HttpClient>;

const clientPage = () => `/onderzoeken/${id}/client`;
const startPages = () => ["/", ...["", "/gegevens", "/client", "/deelnemers", "/termijnen", "/logboek"].map((p) => `/onderzoeken/${id}${p}`)];

/**
 * Every page a user can reach: the known pages plus every same-site link found on them,
 * followed recursively (so pages added later are covered too).
 */
async function reachablePages(c: HttpClient) {
  const pages = new Map<string, { status: number; html: string }>();
  const queue = startPages();
  while (queue.length > 0 && pages.size < 100) {
    const path = queue.shift()!;
    if (pages.has(path)) continue;
    const res = await c.get(path);
    const html = await res.text();
    pages.set(path, { status: res.status, html });
    for (const [, raw] of html.matchAll(/href="(\/[^"#]*)"/g)) {
      const href = raw.replace(/&amp;/g, "&");
      if (href.startsWith("//") || href.startsWith("/assets/") || /\.(css|js|svg|png|ico|json)$/.test(href)) continue;
      if (!pages.has(href)) queue.push(href);
    }
  }
  return pages;
}

function clientViews() {
  return app.ctx.db
    .select({ n: count() })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.action, "client.viewed"), eq(schema.auditLog.investigationId, id)))
    .then(([r]) => Number(r.n));
}

async function storedClient() {
  const [row] = await app.ctx.db.select().from(schema.clientIdentities).where(eq(schema.clientIdentities.investigationId, id));
  return row;
}

beforeAll(async () => {
  app = await startTestApp();
  id = app.demoInvestigationId;
  const [u] = await app.ctx.db
    .insert(schema.users)
    .values({ email: LOGINS.onderzoeker, name: "Olga Onderzoeker", passwordHash: await hashPassword("ketenlijn-demo") })
    .returning();
  await app.ctx.db.insert(schema.memberships).values({ investigationId: id, userId: u.id, role: "onderzoeker" });
  for (const who of Object.keys(LOGINS) as Who[]) {
    clients[who] = new HttpClient(app.url);
    await clients[who].login(LOGINS[who]);
  }
});
afterAll(async () => {
  await app?.stop();
});

describe("the procesbegeleider", () => {
  it("sees the client's name on the client page", async () => {
    const res = await clients.procesbegeleider.get(clientPage());
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(`value="${CLIENT_NAME}"`);
    expect(html).toContain('value="1989-04-12"');
    expect(html).toContain("Vertrouwelijk. Alleen de procesbegeleider ziet deze gegevens");
  });

  it("each view writes a client.viewed audit row naming who looked", async () => {
    const before = await clientViews();
    await (await clients.procesbegeleider.get(clientPage())).text();
    await (await clients.procesbegeleider.get(clientPage())).text();
    expect(await clientViews()).toBe(before + 2);
    const [lead] = await app.ctx.db.select().from(schema.users).where(eq(schema.users.email, LOGINS.procesbegeleider));
    const rows = await app.ctx.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "client.viewed"), eq(schema.auditLog.investigationId, id)));
    expect(rows.every((r) => r.actorId === lead.id)).toBe(true);
  });

  it("the views show up in the logboek, without the name", async () => {
    const html = await (await clients.procesbegeleider.get(`/onderzoeken/${id}/logboek`)).text();
    expect(html).toContain("Cliëntgegevens bekeken");
    expect(html).not.toContain(CLIENT_NAME);
  });

  it("sees the name nowhere but on the client page (it stays out of the shared workspace)", async () => {
    const pages = await reachablePages(clients.procesbegeleider);
    expect(pages.get(clientPage())?.status).toBe(200);
    for (const [path, { html }] of pages) {
      if (path === clientPage()) continue;
      // The data-subject export of the client (Privacy page) is the other place meant to hold it;
      // it is a download audited as a view of client data (privacy-rights.test.ts).
      if (path.startsWith(`/onderzoeken/${id}/privacy/export?soort=client&`)) continue;
      expect(html, path).not.toContain(CLIENT_NAME);
    }
  });
});

describe.each(OTHERS)("%s", (who) => {
  it(`GET /client → ${who === "non-member" ? 404 : 403}, without the name`, async () => {
    const res = await clients[who].get(clientPage());
    expect(res.status).toBe(who === "non-member" ? 404 : 403);
    const html = await res.text();
    for (const secret of SECRETS) expect(html).not.toContain(secret);
  });

  it("cannot save client identity either", async () => {
    const res = await clients[who].post(clientPage(), { name: "Overschreven", dateOfBirth: "", sex: "", indication: "" });
    expect(res.status).toBe(who === "non-member" ? 404 : 403);
    await res.text();
    expect((await storedClient()).name).toBe(CLIENT_NAME);
  });

  it("finds the name on no page they can reach (dashboard, overview, deelnemers, termijnen, …)", async () => {
    const pages = await reachablePages(clients[who]);
    if (who !== "non-member") {
      // the crawl did reach the investigation
      expect(pages.get(`/onderzoeken/${id}`)?.status).toBe(200);
      expect(pages.get(`/onderzoeken/${id}/deelnemers`)?.status).toBe(200);
      expect(pages.get(`/onderzoeken/${id}/termijnen`)?.status).toBe(200);
    }
    expect(pages.get("/")?.status).toBe(200);
    for (const [path, { html }] of pages) for (const secret of SECRETS) expect(html, `${secret} on ${path}`).not.toContain(secret);
  });

  it("gets no link to the client page", async () => {
    const html = await (await clients[who].get(`/onderzoeken/${id}`)).text();
    expect(html).not.toContain(`href="${clientPage()}"`);
  });

  it("their attempts are not recorded as views", async () => {
    const before = await clientViews();
    await (await clients[who].get(clientPage())).text();
    expect(await clientViews()).toBe(before);
  });
});

describe("saving client identity", () => {
  it("an invalid date → 400, a Dutch message at the field, and everything typed is still in the form", async () => {
    const before = await storedClient();
    const res = await clients.procesbegeleider.post(clientPage(), {
      name: "J. de Nieuwe",
      dateOfBirth: "31-02-1990",
      sex: "man",
      indication: "Wmo-begeleiding thuis, 6 uur per week",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="f-dateOfBirth-error">Geboortedatum: vul een bestaande datum in \(dd-mm-jjjj\)\.</);
    expect(html).toContain('value="J. de Nieuwe"');
    expect(html).toContain('value="31-02-1990"');
    expect(html).toMatch(/<option value="man" selected="">/);
    expect(html).toContain("Wmo-begeleiding thuis, 6 uur per week</textarea>");
    expect(await storedClient()).toEqual(before); // nothing saved
  });

  it("a valid save (Dutch date) is stored, confirmed and audit-logged as client.updated", async () => {
    const res = await clients.procesbegeleider.post(clientPage(), {
      name: CLIENT_NAME,
      dateOfBirth: "12-04-1989",
      sex: "vrouw",
      indication: "Jeugdhulp ambulant (beschikking 2025-0412) voor kind 1 en kind 2; Wmo-begeleiding moeder.",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("De gegevens zijn opgeslagen.");
    expect((await storedClient()).dateOfBirth).toBe("1989-04-12");
    const [row] = await app.ctx.db
      .select({ n: count() })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "client.updated"), eq(schema.auditLog.investigationId, id)));
    expect(Number(row.n)).toBe(1);
  });
});
