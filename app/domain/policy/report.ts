import { can, type Membership } from "./investigation.ts";

/**
 * Exporting the report: the ketenpartners' version (without client identity) with `report.export`;
 * the toezichthouder's version contains the client's identity (Bijlage 1 item 1a), so it also
 * needs `client.view`.
 */
export function canExport(membership: Membership | null, audience: "toezichthouder" | "ketenpartners"): boolean {
  if (!can(membership, "report.export")) return false;
  return audience === "ketenpartners" || can(membership, "client.view");
}
