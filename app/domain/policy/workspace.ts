import type { Membership } from "./investigation.ts";

/**
 * How the collaboration server treats a writer's updates to the live workspace (server/collab/write-guard.ts):
 * - "free": procesbegeleider and onderzoeker write anything;
 * - "own-lane": a ketenpartner's update is checked: their own lane, disputes and comments elsewhere;
 * - "read-only": everyone else (a toezichthouder with workspace access) is refused.
 */
export type WorkspaceWriteScope = "free" | "own-lane" | "read-only";

export function workspaceWriteScope(membership: Membership): WorkspaceWriteScope {
  if (membership.role === "procesbegeleider" || membership.role === "onderzoeker") return "free";
  if (membership.role === "ketenpartner") return "own-lane";
  return "read-only";
}
