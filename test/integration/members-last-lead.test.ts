import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "../../db/client.ts";
import { changeRole, removeMember } from "../../server/members.ts";
import { addMember, createInvestigation, startCollabServer, type CollabTestServer } from "./helpers/collab-harness.ts";
import { openTestDatabase, type TestDatabase } from "./helpers/test-db.ts";

// "An investigation always keeps at least one procesbegeleider" must hold when two leads step down
// at the same moment (on PostgreSQL in CI the two requests really do run side by side).

let db: TestDatabase;
let srv: CollabTestServer;

beforeAll(async () => {
  db = await openTestDatabase();
  srv = await startCollabServer({ database: db.handle });
});

afterAll(async () => {
  await srv?.close();
  await db?.cleanup();
});

async function leadsOf(investigationId: string) {
  const m = schema.memberships;
  return srv.ctx.db
    .select({ userId: m.userId })
    .from(m)
    .where(and(eq(m.investigationId, investigationId), eq(m.role, "procesbegeleider")));
}

const settled = (results: PromiseSettledResult<unknown>[]) => ({
  ok: results.filter((r) => r.status === "fulfilled").length,
  refused: results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason?.message)),
});

describe("the last procesbegeleider, under concurrency", () => {
  it("two leads demoting themselves at once: one succeeds, the other is refused with the reason", async () => {
    const inv = await createInvestigation(srv.ctx);
    const a = await addMember(srv.ctx, inv, "procesbegeleider", "A");
    const b = await addMember(srv.ctx, inv, "procesbegeleider", "B");
    const result = settled(
      await Promise.allSettled([
        changeRole(srv.ctx, a.userId, inv, a.userId, "onderzoeker"),
        changeRole(srv.ctx, b.userId, inv, b.userId, "onderzoeker"),
      ]),
    );
    expect(result.ok).toBe(1);
    expect(result.refused).toEqual(["Een onderzoek heeft altijd minstens één procesbegeleider. Wijs eerst een andere procesbegeleider aan."]);
    expect(await leadsOf(inv)).toHaveLength(1);
  });

  it("two leads removing each other at once: one lead is left", async () => {
    const inv = await createInvestigation(srv.ctx);
    const a = await addMember(srv.ctx, inv, "procesbegeleider", "A");
    const b = await addMember(srv.ctx, inv, "procesbegeleider", "B");
    const result = settled(await Promise.allSettled([removeMember(srv.ctx, a.userId, inv, b.userId), removeMember(srv.ctx, b.userId, inv, a.userId)]));
    expect(result.ok).toBe(1);
    expect(await leadsOf(inv)).toHaveLength(1);
  });

  it("a demotion and a removal of the other lead at once: one lead is left", async () => {
    const inv = await createInvestigation(srv.ctx);
    const a = await addMember(srv.ctx, inv, "procesbegeleider", "A");
    const b = await addMember(srv.ctx, inv, "procesbegeleider", "B");
    const result = settled(await Promise.allSettled([changeRole(srv.ctx, a.userId, inv, a.userId, "ketenpartner"), removeMember(srv.ctx, a.userId, inv, b.userId)]));
    expect(result.ok).toBe(1);
    expect(await leadsOf(inv)).toHaveLength(1);
  });
});
