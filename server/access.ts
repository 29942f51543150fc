import { and, eq } from "drizzle-orm";
import { schema } from "../db/client.ts";
import { can, type InvestigationAction, type Membership } from "../app/domain/policy.ts";
import { uuidParam } from "../app/domain/forms.ts";
import type { Role } from "../app/domain/roles.ts";
import type { AppContext } from "./context.ts";

export async function membershipOf(ctx: Pick<AppContext, "db">, userId: string, investigationId: string): Promise<Membership | null> {
  if (!uuidParam.safeParse(investigationId).success) return null;
  const [m] = await ctx.db
    .select({ role: schema.memberships.role, organisationId: schema.memberships.organisationId, workspaceAccess: schema.memberships.workspaceAccess })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.userId, userId), eq(schema.memberships.investigationId, investigationId)))
    .limit(1);
  return m ? { role: m.role as Role, organisationId: m.organisationId, workspaceAccess: m.workspaceAccess } : null;
}

export type AccessResult =
  | { ok: true; membership: Membership }
  // not_found covers "no such investigation" and "not a member": a non-member learns nothing.
  | { ok: false; status: 404 | 403 };

export async function checkAccess(
  ctx: Pick<AppContext, "db">,
  userId: string | null | undefined,
  investigationId: string,
  action: InvestigationAction,
): Promise<AccessResult> {
  if (!userId) return { ok: false, status: 404 };
  const membership = await membershipOf(ctx, userId, investigationId);
  if (!membership) return { ok: false, status: 404 };
  if (!can(membership, action)) return { ok: false, status: 403 };
  return { ok: true, membership };
}
