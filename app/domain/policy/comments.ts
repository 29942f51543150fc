import { ROLES, type Role } from "../roles.ts";
import type { TimelineRole } from "./timeline.ts";

/**
 * Whether this role may ever mark a comment afgehandeld or open it again. Who may for one comment
 * (its author, and whoever may edit its fact) is canResolveComment in app/domain/timeline/comments.ts,
 * which asks this first: the toezichthouder never does, not even on a comment of their own, and
 * neither does a role the policy does not know.
 */
export function mayResolveComments(role: TimelineRole): boolean {
  return (ROLES as readonly string[]).includes(role) && (role as Role) !== "toezichthouder";
}
