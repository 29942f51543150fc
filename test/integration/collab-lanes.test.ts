import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { schema } from "../../db/client.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer } from "./helpers/collab-harness.ts";
import { addEvent, addParty, connectPeer, eventTitles, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

// The server enforces the lane rule (issue 3): a ketenpartner edits only their own organisation's
// facts; elsewhere they may only mark a fact "betwist" with a reason.
let db: TestDatabase;
let srv: CollabTestServer;
const peers: TestPeer[] = [];

beforeAll(async () => {
  db = await openTestDatabase();
  srv = await startCollabServer({ database: db.handle });
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await srv?.close();
  await db?.cleanup();
});

async function organisation(name: string) {
  const [org] = await srv.ctx.db.insert(schema.organisations).values({ name }).returning();
  return org.id;
}

describe("collaboration: lanes of ketenpartners", () => {
  it("keeps a ketenpartner's edits of another organisation's facts away from the document and the other peers", async () => {
    const inv = await createInvestigation(srv.ctx);
    const orgA = await organisation(`Wijkteam ${randomUUID().slice(0, 6)}`);
    const orgB = await organisation(`Jeugdhulp ${randomUUID().slice(0, 6)}`);
    const lead = await addMember(srv.ctx, inv, "onderzoeker", "Onderzoeker");
    const partnerA = await addMember(srv.ctx, inv, "ketenpartner", "Partner A", orgA);
    const leadPeer = connectPeer(srv, inv, lead);
    peers.push(leadPeer);
    await synced(leadPeer);

    // The onderzoeker lays out two lanes with one fact each.
    const laneA = randomUUID();
    const laneB = randomUUID();
    const factA = randomUUID();
    const factB = randomUUID();
    leadPeer.doc.transact(() => {
      addParty(leadPeer.doc, laneA, "Wijkteam");
      addParty(leadPeer.doc, laneB, "Jeugdhulp");
      (leadPeer.doc.getMap("parties").get(laneA) as Y.Map<unknown>).set("organisationId", orgA);
      (leadPeer.doc.getMap("parties").get(laneB) as Y.Map<unknown>).set("organisationId", orgB);
      addEvent(leadPeer.doc, factA, laneA, { title: "Huisbezoek" });
      addEvent(leadPeer.doc, factB, laneB, { title: "Intake" });
    });

    const a = connectPeer(srv, inv, partnerA);
    peers.push(a);
    await synced(a);
    await waitFor(() => a.doc.getMap("events").size === 2, "partner sees both facts");

    // Allowed: own lane.
    (a.doc.getMap("events").get(factA) as Y.Map<unknown>).set("title", "Huisbezoek (aangevuld)");
    await waitFor(() => eventTitles(leadPeer.doc)[factA] === "Huisbezoek (aangevuld)", "own-lane edit arrives");

    // Forbidden: another lane's title. Refused, told why, and closed so the client starts afresh.
    (a.doc.getMap("events").get(factB) as Y.Map<unknown>).set("title", "Vervalst");
    await waitFor(() => a.notices.some((n) => n.type === "forbidden"), "partner is told why");
    await waitFor(() => a.closes.some((c) => c.code === 4409), "partner's socket closed with 4409");
    expect(eventTitles(leadPeer.doc)[factB]).toBe("Intake");

    // Allowed on another lane: disputing a fact with a reason (from a fresh copy).
    const again = connectPeer(srv, inv, partnerA);
    peers.push(again);
    await synced(again);
    again.doc.transact(() => {
      const b = again.doc.getMap("events").get(factB) as Y.Map<unknown>;
      b.set("status", "betwist");
      b.set("statusReason", "De intake was een week later.");
    });
    await waitFor(() => (leadPeer.doc.getMap("events").get(factB) as Y.Map<unknown>).get("status") === "betwist", "dispute arrives");
    expect(eventTitles(leadPeer.doc)[factB]).toBe("Intake");

    const stored = await loadDoc(db.handle.db, inv);
    expect(eventTitles(stored)[factB]).toBe("Intake");
    expect(eventTitles(stored)[factA]).toBe("Huisbezoek (aangevuld)");
  });
});
