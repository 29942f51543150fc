import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { addMember, createInvestigation, createUser, startCollabServer, type CollabTestServer, type TestUser } from "./helpers/collab-harness.ts";
import { addEvent, addParty, connectPeer, rawUpgrade, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

let db: TestDatabase;
let srv: CollabTestServer;
let inv: string;
let member: TestUser;
const peers: TestPeer[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  srv = await startCollabServer({ database: db.handle });
  inv = await createInvestigation(srv.ctx);
  member = await addMember(srv.ctx, inv, "ketenpartner", "Lid");
  // Content exists, so a leak would show (written by an onderzoeker: lanes are theirs to add).
  const author = await addMember(srv.ctx, inv, "onderzoeker", "Auteur");
  const writer = connectPeer(srv, inv, author);
  peers.push(writer);
  await synced(writer);
  const party = randomUUID();
  addParty(writer.doc, party, "Geheime partij");
  addEvent(writer.doc, randomUUID(), party, { title: "Geheim" });
  await waitFor(async () => (await db.handle.db.select().from(schema.collabUpdates)).length > 0, "content stored");
});

afterAll(async () => {
  for (const p of peers) p.destroy();
  await srv?.close();
  await db?.cleanup();
});

/** The whole answer is one HTTP response: headers, then exactly Content-Length bytes, nothing else. */
function expectPlainRefusal(raw: string, status: number) {
  expect(raw.startsWith(`HTTP/1.1 ${status} `)).toBe(true);
  const [head, ...rest] = raw.split("\r\n\r\n");
  const body = Buffer.from(rest.join("\r\n\r\n"), "latin1");
  const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
  expect(body.byteLength).toBe(length);
  expect(body.toString("utf8")).not.toMatch(/Geheim/);
  expect(head).not.toMatch(/101|upgrade: websocket/i);
}

describe("collaboration: the upgrade is authenticated before any document byte", () => {
  it("accepts a member with the right origin, and a member without an Origin header (non-browser)", async () => {
    const withOrigin = await rawUpgrade(srv.port, `/collab/${inv}`, { Cookie: member.cookie, Origin: srv.origin });
    expect(withOrigin.status).toBe(101);
    const noOrigin = await rawUpgrade(srv.port, `/collab/${inv}`, { Cookie: member.cookie });
    expect(noOrigin.status).toBe(101);
  });

  it("refuses anonymous and expired/unknown sessions with 401", async () => {
    const anonymous = await rawUpgrade(srv.port, `/collab/${inv}`, { Origin: srv.origin });
    expect(anonymous.status).toBe(401);
    expectPlainRefusal(anonymous.raw, 401);
    const bogus = await rawUpgrade(srv.port, `/collab/${inv}`, { Origin: srv.origin, Cookie: "kl_session=nietgeldig" });
    expectPlainRefusal(bogus.raw, 401);
  });

  it("refuses a signed-in non-member with 404, the same answer as for a missing investigation", async () => {
    const outsider = await createUser(srv.ctx, "Buitenstaander");
    const res = await rawUpgrade(srv.port, `/collab/${inv}`, { Origin: srv.origin, Cookie: outsider.cookie });
    expectPlainRefusal(res.raw, 404);
    const missing = await rawUpgrade(srv.port, `/collab/${randomUUID()}`, { Origin: srv.origin, Cookie: member.cookie });
    expectPlainRefusal(missing.raw, 404);
  });

  it("refuses bad ids and paths with 404", async () => {
    for (const path of ["/collab/niet-een-uuid", `/collab/${inv}/extra`, "/collab", "/collab/%E0%A4%A"]) {
      const res = await rawUpgrade(srv.port, path, { Origin: srv.origin, Cookie: member.cookie });
      expectPlainRefusal(res.raw, 404);
    }
  });

  it("refuses a foreign or malformed Origin with 403, even with a valid member cookie", async () => {
    for (const origin of ["https://evil.example", `http://127.0.0.1:${srv.port + 1}`, "null", "file://x"]) {
      const res = await rawUpgrade(srv.port, `/collab/${inv}`, { Origin: origin, Cookie: member.cookie });
      expectPlainRefusal(res.raw, 403);
    }
  });

  it("a refused y-websocket client never receives document content", async () => {
    const outsider = await createUser(srv.ctx, "Buitenstaander");
    const p = connectPeer(srv, inv, outsider);
    const q = connectPeer(srv, inv, member, { origin: "https://evil.example" });
    peers.push(p, q);
    await waitFor(() => srv.collab.stats().upgradesRefused >= 2, "both refused");
    p.provider.disconnect();
    q.provider.disconnect();
    expect(p.doc.getMap("events").size).toBe(0);
    expect(q.doc.getMap("events").size).toBe(0);
  });
});

describe("collaboration: losing access closes the socket at once", () => {
  it("closes a removed member's socket with 4403; others keep working", async () => {
    const inv2 = await createInvestigation(srv.ctx);
    const keep = await addMember(srv.ctx, inv2, "procesbegeleider", "Blijft");
    const leaving = await addMember(srv.ctx, inv2, "ketenpartner", "Vertrekt");
    const a = connectPeer(srv, inv2, keep);
    const b = connectPeer(srv, inv2, leaving);
    peers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => b.provider.on("closed", (e) => resolve(e)));

    await srv.ctx.db
      .delete(schema.memberships)
      .where(and(eq(schema.memberships.investigationId, inv2), eq(schema.memberships.userId, leaving.userId)));
    for (const listener of srv.ctx.onAccessRevoked) listener(inv2, leaving.userId);

    const event = await closed;
    expect(event.code).toBe(4403);
    expect(event.reason).toMatch(/toegang/);
    expect(b.provider.shouldConnect).toBe(false); // 44xx: the stock client does not reconnect

    // Edits after the removal do not reach the removed member.
    const party = randomUUID();
    addParty(a.doc, party, "Na verwijdering");
    await waitFor(async () => (await db.handle.db.select().from(schema.collabUpdates).where(eq(schema.collabUpdates.investigationId, inv2))).length > 0, "stored");
    expect(b.doc.getMap("parties").has(party)).toBe(false);
    // And a reconnect attempt is refused at the door.
    const again = await rawUpgrade(srv.port, `/collab/${inv2}`, { Origin: srv.origin, Cookie: leaving.cookie });
    expect(again.status).toBe(404);
    expect(a.provider.wsconnected).toBe(true);
  });
});
