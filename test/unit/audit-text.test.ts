// The Logboek speaks Dutch (issue 15): every action the server logs has a Dutch label, and detail
// keys and coded values become Dutch text (no English code reaches the page).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, describeAction, describeDetails } from "../../app/domain/audit-text.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/**
 * Every action the server writes to the audit log for an investigation (literal `action: "…"`, also
 * as `cond ? "…" : "…"`, and the action unions). server/audit.ts also types its actions as the keys of
 * AUDIT_ACTIONS, so an unlabelled action fails the typecheck; this scan is the second net.
 */
function loggedActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources("server")) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(/action: "([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]);
    for (const m of text.matchAll(/action: [^,"]*\? "([a-z_]+\.[a-z_]+)" : "([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]).add(m[2]);
    for (const m of text.matchAll(/\|\s*"([a-z_]+\.[a-z_]+)"/g)) found.add(m[1]);
  }
  // Account events are not shown in an investigation's Logboek (no investigation id).
  for (const a of [...found]) if (/^(login|password|totp)\./.test(a)) found.delete(a);
  return found;
}

describe("Logboek in Dutch", () => {
  it("has a Dutch label for every action the server logs", () => {
    const missing = [...loggedActions()].filter((a) => !(a in AUDIT_ACTIONS));
    expect(missing).toEqual([]);
    expect(describeAction("something.new")).toBe("Andere handeling");
  });

  it("turns detail keys and coded values into Dutch, without ids and hashes", () => {
    expect(describeDetails({ roundId: "x", kind: "draft_report", title: "Conceptrapport", deadline: "2026-03-30", versionHash: "ab", invitees: 2 })).toBe(
      "soort: conceptrapport; titel: Conceptrapport; termijn tot: maandag 30 maart 2026; genodigden: 2",
    );
    expect(describeDetails({ reactionId: "x", late: false, signatureHash: "ab", signedWith: "code" })).toBe("na de termijn: nee; bevestigd met: eenmalige code per e-mail");
    expect(describeDetails({ changed: ["analysisMethod", "reportedDate"], analysisMethod: "prisma" })).toBe("gewijzigd: analysemethode, datum melding; methode: PRISMA");
    expect(describeDetails({ versionId: "x", deadlinesMet: ["eigen_onderzoek"], phase: { from: "onderzoek", to: "afronding" } })).toBe(
      "termijnen gehaald: onderzoeksrapport van het eigen onderzoek; fase: Onderzoek → Afronding",
    );
    expect(describeDetails({ kind: "verwerkt", note: "In 5a.", previous: { kind: "terzijde", note: "Eerst niet.", decidedBy: "u", decidedAt: "2026-03-31T08:00:00.000Z" } })).toBe(
      "soort: verwerkt; toelichting: In 5a.; eerdere afhandeling: (soort: gemotiveerd terzijde gelegd; toelichting: Eerst niet.; vastgelegd op: 31 maart 2026 om 10:00)",
    );
    expect(describeDetails({ audience: "ketenpartners", bytes: 20480, status: "definitief", number: 2, sha256: "ab" })).toBe("versie voor: de ketenpartners; grootte: 20 kB; status: definitief; versie: 2");
    expect(describeDetails({ role: "ketenpartner", direction: "up", workspaceAccess: true })).toBe("rol: Ketenpartner; richting: omhoog; toegang tot de werkruimte: ja");
    expect(describeDetails({ somethingNew: "x" })).toBe("overig: x");
  });
});
