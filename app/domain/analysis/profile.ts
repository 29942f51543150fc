// PRISMA-profiel: how the classified root causes spread over ECM codes and main groups, for one
// investigation or across many (learning across investigations points at structural measures).
// Shares are fractions of the classified root causes with a known code; unclassified root causes
// and codes the catalog does not know are counted separately so they never skew the shares.
import { ecmCatalog, type EcmCatalog, type EcmGroupId } from "./catalog.ts";
import { rootCauses, type ResolvedTree } from "./tree.ts";

export interface CodeCount {
  readonly code: string;
  readonly label: string;
  readonly group: EcmGroupId;
  readonly count: number;
  /** count / classified (0 when nothing is classified). */
  readonly share: number;
  /** In how many of the combined investigations the code occurs (1 or 0 for a single one). */
  readonly investigations: number;
}

export interface GroupCount {
  readonly group: EcmGroupId;
  readonly label: string;
  readonly count: number;
  readonly share: number;
  readonly investigations: number;
}

export interface PrismaProfile {
  readonly investigations: number;
  /** All root causes counted. */
  readonly total: number;
  /** Root causes with a code the catalog knows; the denominator of every share. */
  readonly classified: number;
  readonly unclassified: number;
  /** Codes not in the catalog (e.g. from a newer list), counted apart. */
  readonly unknownCodes: readonly { code: string; count: number }[];
  /** Every catalog code in catalog order, zeros included, so charts have stable axes. */
  readonly codes: readonly CodeCount[];
  readonly groups: readonly GroupCount[];
}

export type CodeList = readonly (string | null | undefined)[];

/** Profile of several investigations, each given as the ECM codes of its root causes. */
export function combineProfiles(investigations: readonly CodeList[], catalog: EcmCatalog = ecmCatalog): PrismaProfile {
  const codeCount = new Map<string, number>();
  const codeInv = new Map<string, number>();
  const groupInv = new Map<EcmGroupId, number>();
  const unknown = new Map<string, number>();
  let total = 0;
  let unclassified = 0;
  for (const list of investigations) {
    const seenCodes = new Set<string>();
    const seenGroups = new Set<EcmGroupId>();
    for (const raw of list) {
      total++;
      const code = typeof raw === "string" ? raw.trim() : "";
      if (!code) {
        unclassified++;
        continue;
      }
      const entry = catalog.byCode.get(code);
      if (!entry) {
        unknown.set(code, (unknown.get(code) ?? 0) + 1);
        continue;
      }
      codeCount.set(code, (codeCount.get(code) ?? 0) + 1);
      seenCodes.add(code);
      seenGroups.add(entry.group);
    }
    for (const c of seenCodes) codeInv.set(c, (codeInv.get(c) ?? 0) + 1);
    for (const g of seenGroups) groupInv.set(g, (groupInv.get(g) ?? 0) + 1);
  }
  const classified = [...codeCount.values()].reduce((a, b) => a + b, 0);
  const share = (n: number): number => (classified === 0 ? 0 : n / classified);
  const codes = catalog.codes.map((c) => {
    const count = codeCount.get(c.code) ?? 0;
    return { code: c.code, label: c.label, group: c.group, count, share: share(count), investigations: codeInv.get(c.code) ?? 0 };
  });
  const groups = catalog.groups.map((g) => {
    const count = codes.filter((c) => c.group === g.id).reduce((a, c) => a + c.count, 0);
    return { group: g.id, label: g.label, count, share: share(count), investigations: groupInv.get(g.id) ?? 0 };
  });
  return {
    investigations: investigations.length,
    total,
    classified,
    unclassified,
    unknownCodes: [...unknown].map(([code, count]) => ({ code, count })).sort((a, b) => (a.code < b.code ? -1 : 1)),
    codes,
    groups,
  };
}

export function profileFromCodes(codes: CodeList, catalog: EcmCatalog = ecmCatalog): PrismaProfile {
  return combineProfiles([codes], catalog);
}

/** The ECM codes of a tree's root causes (null for unclassified), the input for combineProfiles. */
export function rootCauseCodes(tree: ResolvedTree): (string | null)[] {
  return rootCauses(tree).map((n) => n.ecm);
}

export function analysisProfile(tree: ResolvedTree, catalog: EcmCatalog = ecmCatalog): PrismaProfile {
  return profileFromCodes(rootCauseCodes(tree), catalog);
}

/** "33%" style share for Dutch UI text (rounded, no decimals). */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}
