import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { hasBuild } from "../../server/app.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";
import { addMember } from "./helpers/collab-harness.ts";
import { addParty, connectPeer, rawUpgrade, synced, waitFor, type TestPeer } from "./helpers/collab-client.ts";

// The collaboration endpoint as wired into the real server (server/app.ts, built app). The other
// collab-*.test.ts files use a bare HTTP server so they can set small limits.

let app: TestApp;
const peers: TestPeer[] = [];

describe.skipIf(!hasBuild())("collaboration on the real app server", () => {
  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    for (const p of peers) p.destroy();
    await app?.stop();
  });

  it("serves /collab/<id> next to the pages: members sync, others are refused, close() ends cleanly", async () => {
    const port = Number(new URL(app.url).port);
    const server = { wsUrl: `ws://127.0.0.1:${port}/collab`, origin: app.url };
    const inv = app.demoInvestigationId;
    const alice = await addMember(app.ctx, inv, "onderzoeker", "Alice");
    const bob = await addMember(app.ctx, inv, "toezichthouder", "Bob");
    const a = connectPeer(server, inv, alice);
    const b = connectPeer(server, inv, bob);
    peers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const party = randomUUID();
    addParty(a.doc, party, "Via de echte server");
    await waitFor(() => b.doc.getMap("parties").has(party), "bob sees alice's party");
    const rows = await app.ctx.db.select().from(schema.collabUpdates).where(eq(schema.collabUpdates.investigationId, inv));
    expect(rows.some((r) => r.userId === alice.userId)).toBe(true);

    expect((await rawUpgrade(port, `/collab/${inv}`, { Origin: app.url })).status).toBe(401);
    expect((await rawUpgrade(port, `/collab/${inv}`, { Origin: "https://evil.example", Cookie: alice.cookie })).status).toBe(403);
    // Pages still answer on the same server.
    expect((await fetch(`${app.url}/login`)).status).toBe(200);
  });
});
