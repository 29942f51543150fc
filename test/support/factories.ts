// Fixtures straight into the database: investigations, users with a session, members.
import { schema } from "../../db/client.ts";
import { startSession } from "../../server/auth/sessions.ts";
import type { AppContext } from "../../server/context.ts";

let counter = 0;

export async function createInvestigation(ctx: Pick<AppContext, "db">, title = "Testonderzoek"): Promise<string> {
  const [inv] = await ctx.db
    .insert(schema.investigations)
    .values({
      title,
      kind: "calamiteit",
      legalFrame: "jeugdwet",
      reportingCriterion: "overig",
      supervisor: "igj",
      analysisMethod: "prisma",
      phase: "onderzoek",
    })
    .returning({ id: schema.investigations.id });
  return inv.id;
}

export interface TestUser {
  userId: string;
  name: string;
  /** The Cookie header value: `kl_session=<token>`. */
  cookie: string;
}

export async function createUser(ctx: AppContext, name = "Testgebruiker"): Promise<TestUser> {
  const email = `user${++counter}-${Math.random().toString(36).slice(2, 8)}@test.invalid`;
  const [u] = await ctx.db.insert(schema.users).values({ email, name, passwordHash: "x" }).returning({ id: schema.users.id });
  const token = await startSession(ctx, u.id);
  return { userId: u.id, name, cookie: `kl_session=${token}` };
}

export type Role = "procesbegeleider" | "onderzoeker" | "ketenpartner" | "toezichthouder";

/**
 * A member with a session. A toezichthouder is invited into the workspace (`workspaceAccess`) unless
 * told otherwise: without it they have no workspace.read, so no socket at all, and the collab tests
 * are about their read-only connection.
 */
export async function addMember(
  ctx: AppContext,
  investigationId: string,
  role: Role,
  name: string = role,
  organisationId: string | null = null,
  opts: { workspaceAccess?: boolean } = {},
): Promise<TestUser> {
  const user = await createUser(ctx, name);
  const workspaceAccess = opts.workspaceAccess ?? role === "toezichthouder";
  await ctx.db.insert(schema.memberships).values({ investigationId, userId: user.userId, role, organisationId, workspaceAccess });
  return user;
}
