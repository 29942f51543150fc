import { describe, expect, it } from "vitest";
import { can, canCreateInvestigation, INVESTIGATION_ACTIONS, type InvestigationAction, type Membership } from "../../app/domain/policy.ts";
import { ROLES, type Role } from "../../app/domain/roles.ts";

// The expected permissions, written out by hand from domain.md §2 (not derived from the code):
// - procesbegeleider: everything in the investigation, but the assessment is the toezichthouder's;
// - onderzoeker and ketenpartner: read the investigation, write the shared workspace;
// - toezichthouder: read only (design.md: a read-only connection), and record an assessment;
// - client identity, editing metadata, managing members, changing deadlines and the audit log:
//   the procesbegeleider only.
const Y = true;
const N = false;
//                              procesbegeleider onderzoeker ketenpartner toezichthouder  non-member
const EXPECTED: Record<InvestigationAction, [boolean, boolean, boolean, boolean, boolean]> = {
  "investigation.view": /*   */ [Y, Y, Y, Y, N],
  "investigation.edit": /*   */ [Y, N, N, N, N],
  "client.view": /*          */ [Y, N, N, N, N],
  "client.edit": /*          */ [Y, N, N, N, N],
  "members.view": /*         */ [Y, Y, Y, Y, N],
  "members.manage": /*       */ [Y, N, N, N, N],
  "deadlines.view": /*       */ [Y, Y, Y, Y, N],
  "deadlines.edit": /*       */ [Y, N, N, N, N],
  "audit.view": /*           */ [Y, N, N, N, N],
  "workspace.read": /*       */ [Y, Y, Y, Y, N],
  "workspace.write": /*      */ [Y, Y, Y, N, N],
  // The analysis (causal tree, measures, conclusions) is the committee's work; ketenpartners add facts.
  "analysis.write": /*       */ [Y, Y, N, N, N],
  "assessment.record": /*    */ [N, N, N, Y, N],
  // Comment rounds (issue 5): every member reads the interviews (the websocket gives them the
  // verslag text anyway) and the register; the committee records interviews; only the
  // procesbegeleider opens and manages rounds; ketenpartners and onderzoekers can be invited to react.
  "interviews.view": /*      */ [Y, Y, Y, Y, N],
  "interviews.edit": /*      */ [Y, Y, N, N, N],
  "rounds.view": /*          */ [Y, Y, Y, Y, N],
  "rounds.manage": /*        */ [Y, N, N, N, N],
  "rounds.react": /*         */ [N, Y, Y, N, N],
};
const COLUMNS: (Role | null)[] = ["procesbegeleider", "onderzoeker", "ketenpartner", "toezichthouder", null];

const membership = (role: Role | null, organisationId: string | null = null): Membership | null =>
  role ? { role, organisationId } : null;

describe("policy: can(membership, action)", () => {
  it("the expected table covers exactly the actions and roles the policy knows", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...INVESTIGATION_ACTIONS].sort());
    expect(COLUMNS.filter((c) => c !== null).sort()).toEqual([...ROLES].sort());
  });

  describe.each(COLUMNS.map((role, column) => ({ role, column, who: role ?? "non-member" })))("$who", ({ role, column }) => {
    it.each(INVESTIGATION_ACTIONS.map((action) => ({ action, allowed: EXPECTED[action][column] })))(
      "$action → $allowed",
      ({ action, allowed }) => {
        expect(can(membership(role), action)).toBe(allowed);
      },
    );
  });

  it("the organisation of a membership does not change the rights", () => {
    for (const [column, role] of COLUMNS.entries()) {
      if (!role) continue;
      for (const action of INVESTIGATION_ACTIONS) expect(can(membership(role, "org-1"), action)).toBe(EXPECTED[action][column]);
    }
  });

  it("an unknown role (e.g. a stale row in the database) gets nothing", () => {
    const stale = { role: "beheerder", organisationId: null } as unknown as Membership;
    for (const action of INVESTIGATION_ACTIONS) expect(can(stale, action)).toBe(false);
  });

  it("an unknown action is refused for every role", () => {
    for (const role of ROLES) expect(can(membership(role), "investigation.delete" as InvestigationAction)).toBe(false);
  });
});

describe("policy: canCreateInvestigation(actor)", () => {
  it("allows an account with the right to start investigations", () => {
    expect(canCreateInvestigation({ userId: "u1", canCreateInvestigations: true })).toBe(true);
  });
  it("refuses an account without that right", () => {
    expect(canCreateInvestigation({ userId: "u1", canCreateInvestigations: false })).toBe(false);
  });
  it("refuses an anonymous visitor", () => {
    expect(canCreateInvestigation(null)).toBe(false);
  });
});
