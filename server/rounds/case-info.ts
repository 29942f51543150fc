import { and, asc, eq } from "drizzle-orm";
import { schema, type Database } from "../../db/client.ts";
import type { AppContext } from "../context.ts";
import type { Tx } from "./support.ts";

/** What every mail to a reactant says about the case: its title, the organisations, whom to ask. */
export interface CaseMailVars {
  case: string;
  contact: string;
}

/**
 * The case as mails name it (issue 15): "'<title>' (<providers>)" and the procesbegeleider's
 * contact ("name, e-mail"). Takes a handle so it can run inside a transaction (PGlite: a query on
 * ctx.db inside one would wait forever).
 */
export async function caseMailVarsOf(db: Database | Tx, investigationId: string): Promise<CaseMailVars> {
  const [inv] = await db.select({ title: schema.investigations.title, providers: schema.investigations.providers }).from(schema.investigations).where(eq(schema.investigations.id, investigationId));
  const [lead] = await db
    .select({ name: schema.users.name, email: schema.users.email })
    .from(schema.memberships)
    .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
    .where(and(eq(schema.memberships.investigationId, investigationId), eq(schema.memberships.role, "procesbegeleider")))
    .orderBy(asc(schema.memberships.createdAt))
    .limit(1);
  const providers = inv?.providers.trim();
  return {
    case: inv ? `'${inv.title}'${providers ? ` (${providers})` : ""}` : "het leeronderzoek",
    contact: lead ? `${lead.name}, ${lead.email}` : "de procesbegeleider van het onderzoek",
  };
}

export function caseMailVars(ctx: Pick<AppContext, "db">, round: { investigationId: string }): Promise<CaseMailVars> {
  return caseMailVarsOf(ctx.db, round.investigationId);
}
