import { and, asc, eq, gt, isNull, lte, sql } from "drizzle-orm";
import { schema } from "../db/client.ts";
import { roleGrantsCreateInvestigations, roleMayHaveWorkspaceAccess } from "../app/domain/policy.ts";
import { ROLE_LABELS, type Role } from "../app/domain/roles.ts";
import { formatDutchDate, todayInAmsterdam } from "../app/domain/calendar-date.ts";
import { UserError } from "../app/domain/errors.ts";
import { audit } from "./audit.ts";
import { hashPassword } from "./auth/passwords.ts";
import type { AppContext } from "./context.ts";
import { renderMail } from "./mail/templates.ts";
import { isUniqueViolation } from "./report/support.server.ts";
import { hashToken, newToken } from "./tokens.ts";

export const INVITATION_DAYS = 7;

export async function listMembers(ctx: AppContext, investigationId: string) {
  return ctx.db
    .select({
      userId: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.memberships.role,
      organisation: schema.organisations.name,
      organisationId: schema.memberships.organisationId,
      workspaceAccess: schema.memberships.workspaceAccess,
      since: schema.memberships.createdAt,
    })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .leftJoin(schema.organisations, eq(schema.organisations.id, schema.memberships.organisationId))
    .where(eq(schema.memberships.investigationId, investigationId))
    .orderBy(asc(schema.memberships.createdAt));
}

export async function listOpenInvitations(ctx: AppContext, investigationId: string) {
  return ctx.db
    .select({
      id: schema.invitations.id,
      email: schema.invitations.email,
      role: schema.invitations.role,
      organisation: schema.organisations.name,
      workspaceAccess: schema.invitations.workspaceAccess,
      expiresAt: schema.invitations.expiresAt,
    })
    .from(schema.invitations)
    .leftJoin(schema.organisations, eq(schema.organisations.id, schema.invitations.organisationId))
    .where(
      and(
        eq(schema.invitations.investigationId, investigationId),
        isNull(schema.invitations.acceptedAt),
        isNull(schema.invitations.revokedAt),
        gt(schema.invitations.expiresAt, ctx.clock.now()),
      ),
    )
    .orderBy(asc(schema.invitations.createdAt));
}

export async function findOrCreateOrganisation(ctx: AppContext, name: string): Promise<string | null> {
  const clean = name.trim();
  if (!clean) return null;
  await ctx.db.insert(schema.organisations).values({ name: clean }).onConflictDoNothing();
  const [org] = await ctx.db.select().from(schema.organisations).where(eq(schema.organisations.name, clean));
  return org.id;
}

export async function invite(
  ctx: AppContext,
  inviter: { id: string; name: string },
  investigationId: string,
  input: { email: string; role: Role; organisation: string; workspaceAccess?: boolean },
  baseUrl: string,
): Promise<void> {
  const members = await listMembers(ctx, investigationId);
  const member = members.find((m) => m.email.toLowerCase() === input.email.toLowerCase());
  if (member)
    throw new UserError(`Deze persoon is al deelnemer van dit onderzoek. ${input.email} heeft de rol ${ROLE_LABELS[member.role as Role].toLowerCase()}; een nieuwe uitnodiging is niet nodig.`, "member", { field: "email" });
  const alreadyInvited = (expiresAt: Date) =>
    new UserError(`Er staat al een uitnodiging open voor ${input.email} (geldig tot ${formatDutchDate(todayInAmsterdam(expiresAt))}). ` +
        "Wacht tot die is aanvaard, of trek haar in onder 'Openstaande uitnodigingen' en nodig opnieuw uit.", "member", { field: "email" });
  const sameAddress = (i: { email: string }) => i.email.toLowerCase() === input.email.toLowerCase();
  const open = (await listOpenInvitations(ctx, investigationId)).find(sameAddress);
  if (open) throw alreadyInvited(open.expiresAt);
  // An expired invitation still counts in the unique index of open invitations: close it at the
  // moment it expired, so that its link keeps saying "verlopen" (lookupInvitation).
  await ctx.db
    .update(schema.invitations)
    .set({ revokedAt: schema.invitations.expiresAt })
    .where(
      and(
        eq(schema.invitations.investigationId, investigationId),
        sql`lower(${schema.invitations.email}) = ${input.email.toLowerCase()}`,
        isNull(schema.invitations.acceptedAt),
        isNull(schema.invitations.revokedAt),
        lte(schema.invitations.expiresAt, ctx.clock.now()),
      ),
    );
  const [inv] = await ctx.db.select().from(schema.investigations).where(eq(schema.investigations.id, investigationId));
  const organisationId = await findOrCreateOrganisation(ctx, input.organisation);
  const { token, hash } = newToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + INVITATION_DAYS * 86400_000);
  try {
    await ctx.db.insert(schema.invitations).values({
      tokenHash: hash,
      investigationId,
      email: input.email,
      role: input.role,
      organisationId,
      invitedBy: inviter.id,
      workspaceAccess: roleMayHaveWorkspaceAccess(input.role) && input.workspaceAccess === true,
      expiresAt,
      createdAt: ctx.clock.now(),
    });
  } catch (err) {
    // Someone else invited the same address at the same moment: the unique index decided.
    if (!isUniqueViolation(err)) throw err;
    const other = (await listOpenInvitations(ctx, investigationId)).find(sameAddress);
    throw alreadyInvited(other?.expiresAt ?? expiresAt);
  }
  await ctx.mailer.send({
    to: input.email,
    ...renderMail("invitation", {
      inviter: inviter.name,
      role: ROLE_LABELS[input.role].toLowerCase(),
      title: inv.title,
      organisation: input.organisation ? ` namens ${input.organisation}` : "",
      expires: formatDutchDate(todayInAmsterdam(expiresAt)),
      link: `${baseUrl}/uitnodiging/${token}`,
    }),
  });
  await audit(ctx, {
    action: "member.invited",
    actorId: inviter.id,
    investigationId,
    subjectEmail: input.email,
    details: { role: input.role, organisation: input.organisation, ...(roleMayHaveWorkspaceAccess(input.role) ? { workspaceAccess: input.workspaceAccess === true } : {}) },
  });
}

/** False when there is no open invitation with this id in this investigation (unknown, foreign, accepted or already revoked). */
export async function revokeInvitation(ctx: AppContext, actorId: string, investigationId: string, invitationId: string) {
  const rows = await ctx.db
    .update(schema.invitations)
    .set({ revokedAt: ctx.clock.now() })
    .where(
      and(
        eq(schema.invitations.id, invitationId),
        eq(schema.invitations.investigationId, investigationId),
        isNull(schema.invitations.acceptedAt),
        isNull(schema.invitations.revokedAt),
      ),
    )
    .returning();
  if (rows.length) await audit(ctx, { action: "member.invitation_revoked", actorId, investigationId, subjectEmail: rows[0].email });
  return rows.length > 0;
}

export type InvitationLookup =
  | {
      ok: true;
      invitation: typeof schema.invitations.$inferSelect;
      investigationTitle: string;
      organisation: string | null;
      existingUserId: string | null;
    }
  | { ok: false; reason: "unknown" | "used" | "expired" | "revoked" };

export async function lookupInvitation(ctx: AppContext, token: string): Promise<InvitationLookup> {
  if (!token || token.length > 200) return { ok: false, reason: "unknown" };
  const [row] = await ctx.db
    .select({ invitation: schema.invitations, title: schema.investigations.title, organisation: schema.organisations.name })
    .from(schema.invitations)
    .innerJoin(schema.investigations, eq(schema.investigations.id, schema.invitations.investigationId))
    .leftJoin(schema.organisations, eq(schema.organisations.id, schema.invitations.organisationId))
    .where(eq(schema.invitations.tokenHash, hashToken(token)));
  if (!row) return { ok: false, reason: "unknown" };
  if (row.invitation.acceptedAt) return { ok: false, reason: "used" };
  // Closed by invite() because it had expired (revoked_at = expires_at): still "expired".
  if (row.invitation.revokedAt && row.invitation.revokedAt >= row.invitation.expiresAt) return { ok: false, reason: "expired" };
  if (row.invitation.revokedAt) {
    // Closed because the address joined through another invitation: that is "used", not "revoked".
    const [joined] = await ctx.db
      .select({ id: schema.memberships.userId })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.memberships.investigationId, row.invitation.investigationId), eq(schema.users.email, row.invitation.email)));
    return { ok: false, reason: joined ? "used" : "revoked" };
  }
  if (row.invitation.expiresAt <= ctx.clock.now()) return { ok: false, reason: "expired" };
  const [user] = await ctx.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, row.invitation.email));
  return { ok: true, invitation: row.invitation, investigationTitle: row.title, organisation: row.organisation, existingUserId: user?.id ?? null };
}

export const INVITATION_PROBLEMS: Record<"unknown" | "used" | "expired" | "revoked", string> = {
  unknown: "Deze uitnodiging bestaat niet. Controleer of u de hele link uit de e-mail heeft gebruikt.",
  used: "Deze uitnodiging is al gebruikt. Log in met het account dat u toen heeft gemaakt.",
  expired: "Deze uitnodiging is verlopen. Vraag de procesbegeleider om een nieuwe uitnodiging.",
  revoked: "Deze uitnodiging is ingetrokken. Neem contact op met de procesbegeleider.",
};

/**
 * Uses the invitation (exactly once, also under concurrent clicks) and adds the membership.
 * A new account is created when the address has none; an existing account must be logged in.
 */
export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  who: { newAccount: { name: string; password: string } } | { userId: string },
): Promise<{ ok: true; userId: string; investigationId: string } | { ok: false; reason: "unknown" | "used" | "expired" | "revoked" | "wrong_account" | "login_required" }> {
  const found = await lookupInvitation(ctx, token);
  if (!found.ok) return found;
  const inv = found.invitation;
  if ("userId" in who && found.existingUserId !== who.userId) return { ok: false, reason: "wrong_account" };
  // The address already has an account: only that account, logged in, may use the link. Checked
  // before claiming, so a stranger posting "create" cannot use up the invitation.
  if ("newAccount" in who && found.existingUserId) return { ok: false, reason: "login_required" };
  const passwordHash = "newAccount" in who ? await hashPassword(who.newAccount.password) : null;
  const result = await ctx.db.transaction(async (tx) => {
    const claimed = await tx
      .update(schema.invitations)
      .set({ acceptedAt: ctx.clock.now() })
      .where(and(eq(schema.invitations.id, inv.id), isNull(schema.invitations.acceptedAt), isNull(schema.invitations.revokedAt)))
      .returning();
    if (claimed.length === 0) return null;
    // Joined: any other open invitation for this address in this investigation is closed, so no
    // second link stays usable (or listed as open).
    await tx
      .update(schema.invitations)
      .set({ revokedAt: ctx.clock.now() })
      .where(
        and(
          eq(schema.invitations.investigationId, inv.investigationId),
          eq(schema.invitations.email, inv.email),
          isNull(schema.invitations.acceptedAt),
          isNull(schema.invitations.revokedAt),
        ),
      );
    let userId: string;
    if ("userId" in who) userId = who.userId;
    else {
      const [u] = await tx
        .insert(schema.users)
        .values({ email: inv.email, name: who.newAccount.name, passwordHash: passwordHash!, canCreateInvestigations: roleGrantsCreateInvestigations(inv.role as Role) })
        .returning({ id: schema.users.id });
      userId = u.id;
    }
    if (roleGrantsCreateInvestigations(inv.role as Role)) await tx.update(schema.users).set({ canCreateInvestigations: true }).where(eq(schema.users.id, userId));
    // A toezichthouder reads the live workspace only when the invitation said so (or the
    // procesbegeleider switches it on later). The flag means nothing for the other roles.
    const workspaceAccess = roleMayHaveWorkspaceAccess(inv.role as Role) && inv.workspaceAccess;
    await tx
      .insert(schema.memberships)
      .values({ investigationId: inv.investigationId, userId, role: inv.role, organisationId: inv.organisationId, workspaceAccess })
      .onConflictDoUpdate({
        target: [schema.memberships.investigationId, schema.memberships.userId],
        set: { role: inv.role, organisationId: inv.organisationId, workspaceAccess },
      });
    return userId;
  });
  if (!result) return { ok: false, reason: "used" };
  await audit(ctx, {
    action: "member.joined",
    actorId: result,
    investigationId: inv.investigationId,
    subjectEmail: inv.email,
    details: { role: inv.role, viaInvitation: inv.id },
  });
  return { ok: true, userId: result, investigationId: inv.investigationId };
}

type Tx = Parameters<Parameters<AppContext["db"]["transaction"]>[0]>[0];

/**
 * Runs `change` on a membership unless it would leave the investigation without a procesbegeleider.
 * Check and change in one transaction, with the leads' rows locked: two leads demoting or removing
 * each other at the same moment are serialised, and the second one sees that only they are left.
 */
async function unlessLastLead<T>(ctx: AppContext, investigationId: string, userId: string, change: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const m = schema.memberships;
    const leads = await tx
      .select({ userId: m.userId })
      .from(m)
      .where(and(eq(m.investigationId, investigationId), eq(m.role, "procesbegeleider")))
      .for("update");
    if (leads.length === 1 && leads[0].userId === userId)
      throw new UserError("Een onderzoek heeft altijd minstens één procesbegeleider. Wijs eerst een andere procesbegeleider aan.", "member");
    return change(tx);
  });
}

export async function removeMember(ctx: AppContext, actorId: string, investigationId: string, userId: string) {
  const rows = await unlessLastLead(ctx, investigationId, userId, (tx) =>
    tx
      .delete(schema.memberships)
      .where(and(eq(schema.memberships.investigationId, investigationId), eq(schema.memberships.userId, userId)))
      .returning(),
  );
  if (!rows.length) throw new UserError("Deze persoon is geen deelnemer (meer).", "member");
  await audit(ctx, { action: "member.removed", actorId, investigationId, details: { userId, role: rows[0].role } });
  for (const listener of ctx.onAccessRevoked) listener(investigationId, userId);
}

export async function changeRole(ctx: AppContext, actorId: string, investigationId: string, userId: string, role: Role) {
  const update = (tx: Tx | AppContext["db"]) =>
    tx
      .update(schema.memberships)
      // Workspace access belongs to a toezichthouder membership: whoever stops being one loses the
      // flag, so becoming a toezichthouder later starts without the workspace.
      .set(roleMayHaveWorkspaceAccess(role) ? { role } : { role, workspaceAccess: false })
      .where(and(eq(schema.memberships.investigationId, investigationId), eq(schema.memberships.userId, userId)))
      .returning();
  const rows = role === "procesbegeleider" ? await update(ctx.db) : await unlessLastLead(ctx, investigationId, userId, update);
  if (!rows.length) throw new UserError("Deze persoon is geen deelnemer (meer).", "member");
  if (roleGrantsCreateInvestigations(role)) await ctx.db.update(schema.users).set({ canCreateInvestigations: true }).where(eq(schema.users.id, userId));
  await audit(ctx, { action: "member.role_changed", actorId, investigationId, details: { userId, role } });
  // Live connections carry the old rights: close them so they reconnect with the new ones.
  for (const listener of ctx.onAccessRevoked) listener(investigationId, userId);
}

/**
 * Invites a toezichthouder into the live workspace (read only), or ends that. Only for
 * toezichthouder members: the other roles have the workspace by role. Switching it off closes
 * their open connections at once, as removing a member does.
 */
export async function setWorkspaceAccess(ctx: AppContext, actorId: string, investigationId: string, userId: string, access: boolean): Promise<void> {
  const [current] = await ctx.db
    .select({ role: schema.memberships.role, workspaceAccess: schema.memberships.workspaceAccess })
    .from(schema.memberships)
    .where(and(eq(schema.memberships.investigationId, investigationId), eq(schema.memberships.userId, userId)));
  if (!current) throw new UserError("Deze persoon is geen deelnemer (meer).", "member");
  if (!roleMayHaveWorkspaceAccess(current.role as Role))
    throw new UserError("Alleen voor een toezichthouder: de andere rollen hebben de werkruimte al vanuit hun rol.", "member");
  if (current.workspaceAccess === access) return;
  await ctx.db
    .update(schema.memberships)
    .set({ workspaceAccess: access })
    .where(and(eq(schema.memberships.investigationId, investigationId), eq(schema.memberships.userId, userId)));
  // Written directly: "member.workspace_access_changed" is this module's own audit action.
  await audit(ctx, {
    at: ctx.clock.now(),
    action: "member.workspace_access_changed",
    actorId,
    investigationId,
    details: { userId, workspaceAccess: access },
  });
  if (!access) for (const listener of ctx.onAccessRevoked) listener(investigationId, userId);
}
