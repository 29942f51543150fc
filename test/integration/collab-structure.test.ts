// Issue 11 over real websockets: an onderzoeker renames, reorders and removes lanes (moving their
// facts) and changes a period, and every peer and the stored document follow; a ketenpartner
// doing the same is refused by the server's write check (ADR 0008/0009) and nothing changes.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as Y from "yjs";
import { schema } from "../../db/client.ts";
import { loadDoc } from "../../server/collab/persistence.ts";
import { createParty, createPeriod, deleteParty, eventsOnParty, movePartyWithinDomain, updateParty, updatePeriod } from "../../app/domain/timeline/mutations.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer } from "./helpers/collab-harness.ts";
import { addEvent, connectPeer, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

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

const partyName = (doc: Y.Doc, id: string) => (doc.getMap("parties").get(id) as Y.Map<unknown> | undefined)?.get("name");

describe("collaboration: changing lanes and periods", () => {
  it("an onderzoeker's changes reach the other peers and the stored document; a ketenpartner's are refused", async () => {
    const inv = await createInvestigation(srv.ctx);
    const [org] = await srv.ctx.db.insert(schema.organisations).values({ name: `Wijkteam ${randomUUID().slice(0, 6)}` }).returning();
    const researcher = await addMember(srv.ctx, inv, "onderzoeker", "Onderzoeker");
    const partner = await addMember(srv.ctx, inv, "ketenpartner", "Partner", org.id);
    const r = connectPeer(srv, inv, researcher);
    peers.push(r);
    await synced(r);

    const huisarts = createParty(r.doc, { name: "Huisarts", domain: "Gezondheid" });
    const ggz = createParty(r.doc, { name: "GGZ", domain: "Gezondheid" });
    const wijkteam = createParty(r.doc, { name: "Wijkteam", domain: "Gezin", organisationId: org.id });
    const period = createPeriod(r.doc, { label: "Opvang", start: "2012-10", end: "2013-05" });
    const fact = randomUUID();
    addEvent(r.doc, fact, huisarts, { title: "Consult" });

    const p = connectPeer(srv, inv, partner);
    peers.push(p);
    await synced(p);
    await waitFor(() => p.doc.getMap("parties").size === 3 && p.doc.getMap("events").size === 1, "partner has the structure");

    // The ketenpartner may not rename a lane, not even their own organisation's.
    updateParty(p.doc, wijkteam, { name: "Wijkteam (hernoemd)" });
    await waitFor(() => p.closes.some((c) => c.code === 4409), "partner refused");
    expect(p.notices.some((n) => n.type === "forbidden")).toBe(true);
    // Marker: a change the server accepts after the refusal reaches the onderzoeker after anything
    // the server did with the refused one, and a fresh copy shows what the server kept.
    const marker = connectPeer(srv, inv, researcher);
    peers.push(marker);
    await synced(marker);
    expect(partyName(marker.doc, wijkteam)).toBe("Wijkteam");
    const markerPeriod = createPeriod(marker.doc, { label: "Marker", start: "2014-01", end: "2014-02" });
    await waitFor(() => r.doc.getMap("periods").has(markerPeriod), "the marker reached the onderzoeker");
    expect(partyName(r.doc, wijkteam)).toBe("Wijkteam");

    // Nor remove one.
    const p2 = connectPeer(srv, inv, partner);
    peers.push(p2);
    await synced(p2);
    await waitFor(() => p2.doc.getMap("parties").size === 3, "partner's fresh copy");
    deleteParty(p2.doc, ggz, { userId: partner.userId });
    await waitFor(() => p2.closes.some((c) => c.code === 4409), "partner's removal refused");
    expect(r.doc.getMap("parties").has(ggz)).toBe(true);

    // The onderzoeker: rename + other domain, reorder, change the period, remove a lane moving its fact.
    const watcher = connectPeer(srv, inv, researcher);
    peers.push(watcher);
    await synced(watcher);
    updateParty(r.doc, ggz, { name: "GGZ Noord", domain: "Psychische gezondheid" });
    movePartyWithinDomain(r.doc, huisarts, "down");
    updatePeriod(r.doc, period, { label: "Verblijf vrouwenopvang", end: "2013-06" });
    deleteParty(r.doc, huisarts, { userId: researcher.userId, moveEventsTo: wijkteam });

    await waitFor(
      () =>
        partyName(watcher.doc, ggz) === "GGZ Noord" &&
        !watcher.doc.getMap("parties").has(huisarts) &&
        (watcher.doc.getMap("periods").get(period) as Y.Map<unknown>)?.get("label") === "Verblijf vrouwenopvang",
      "the other peer follows",
    );
    expect(eventsOnParty(watcher.doc, wijkteam)).toEqual([fact]);
    await waitFor(async () => {
      const stored = await loadDoc(db.handle.db, inv);
      return partyName(stored, ggz) === "GGZ Noord" && !stored.getMap("parties").has(huisarts) && eventsOnParty(stored, wijkteam).length === 1;
    }, "stored");
  });
});
