import { can, type Membership } from "./investigation.ts";

/**
 * Named versions are made and restored by the procesbegeleider and the onderzoekers only: a
 * restore rewrites every lane, which a ketenpartner may not (their write right covers their own
 * lane), and the toezichthouder reads only.
 */
export function canManageVersions(membership: Membership | null): boolean {
  return !!membership && can(membership, "workspace.write") && (membership.role === "procesbegeleider" || membership.role === "onderzoeker");
}
