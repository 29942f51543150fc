import { describe, expect, it } from "vitest";
import * as policy from "../../app/domain/policy.ts";
import {
  allowedEventActions,
  can,
  canCreateInvestigation,
  canEditEvent,
  canExport,
  canLoket,
  canManageTimelineStructure,
  canManageVersions,
  canSetEventStatus,
  INVESTIGATION_ACTIONS,
  LEEROVERZICHT_ROLES,
  LOKET_ACTIONS,
  LOKET_SUPERVISOR_ROLES,
  mayResolveComments,
  meldingView,
  roleGrantsCreateInvestigations,
  roleMayHaveWorkspaceAccess,
  roleNeedsOrganisation,
  workspaceWriteScope,
  type InvestigationAction,
  type LoketAction,
  type LoketActor,
  type Membership,
} from "../../app/domain/policy.ts";
import { ROLES } from "../../app/domain/roles.ts";

// The expected permissions, written out by hand from domain.md §2 (not derived from the code):
// - procesbegeleider: everything in the investigation, but the assessment is the toezichthouder's;
// - onderzoeker and ketenpartner: read the investigation, write the shared workspace;
// - toezichthouder: assigned to the investigation: the overview, the submitted report versions, the
//   assessment and requests for additions; the live workspace (read only) only when the
//   procesbegeleider invited them into it (workspaceAccess);
// - client identity, editing metadata, managing members, changing deadlines and the audit log:
//   the procesbegeleider only.
const Y = true;
const N = false;
//                                    procesbegeleider onderzoeker ketenpartner toezicht. toezicht.+werkruimte non-member
const EXPECTED: Record<InvestigationAction, [boolean, boolean, boolean, boolean, boolean, boolean]> = {
  "investigation.view": /*         */ [Y, Y, Y, Y, Y, N],
  "investigation.edit": /*         */ [Y, N, N, N, N, N],
  "client.view": /*                */ [Y, N, N, N, N, N],
  "client.edit": /*                */ [Y, N, N, N, N, N],
  "members.view": /*               */ [Y, Y, Y, Y, Y, N],
  "members.manage": /*             */ [Y, N, N, N, N, N],
  "deadlines.view": /*             */ [Y, Y, Y, Y, Y, N],
  "deadlines.edit": /*             */ [Y, N, N, N, N, N],
  "audit.view": /*                 */ [Y, N, N, N, N, N],
  // The live workspace: the websocket and every page that shows the document.
  "workspace.read": /*             */ [Y, Y, Y, N, Y, N],
  "workspace.write": /*            */ [Y, Y, Y, N, N, N],
  // The analysis (causal tree, measures, conclusions) is the committee's work; ketenpartners add facts.
  "analysis.write": /*             */ [Y, Y, N, N, N, N],
  "assessment.record": /*          */ [N, N, N, Y, Y, N],
  // Comment rounds (issue 5): every member who reads the workspace reads the interviews (the
  // websocket gives them the verslag text anyway) and the register; the committee records
  // interviews; only the procesbegeleider opens and manages rounds; ketenpartners and onderzoekers
  // can be invited to react.
  "interviews.view": /*            */ [Y, Y, Y, N, Y, N],
  "interviews.edit": /*            */ [Y, Y, N, N, N, N],
  "rounds.view": /*                */ [Y, Y, Y, N, Y, N],
  "rounds.manage": /*              */ [Y, N, N, N, N, N],
  "rounds.react": /*               */ [N, Y, Y, N, N, N],
  // The report (issue 6). The outline page is built from the workspace document.
  "report.view": /*                */ [Y, Y, Y, N, Y, N],
  // Downloading the current state (the ketenpartners' version; the toezichthouder's needs client.view).
  "report.export": /*              */ [Y, Y, Y, N, N, N],
  "report.submit": /*              */ [Y, N, N, N, N, N],
  // Submitted versions: the list with assessments and requests; the stored .docx contains client
  // identity, so only the procesbegeleider and the toezichthouder download it.
  // Ketenpartners see the list too (issue 15), read only.
  "report.versions.view": /*       */ [Y, Y, Y, Y, Y, N],
  "report.versions.download": /*   */ [Y, N, N, Y, Y, N],
  "report.requests.create": /*     */ [N, N, N, Y, Y, N],
  "report.requests.handle": /*     */ [Y, N, N, N, N, N],
  // Issue 15: comparing two versions is for who assesses and who submits; the ketenpartners'
  // variant of a version (no client identity, ADR 0012) for every member of the workspace; all
  // assessments and the requests for everyone but the ketenpartners, who see only the assessments
  // the procesbegeleider shared, which only the procesbegeleider does.
  "report.versions.compare": /*    */ [Y, N, N, Y, Y, N],
  "report.assessments.view_all": /**/ [Y, Y, N, Y, Y, N],
  "report.requests.view": /*       */ [Y, Y, N, Y, Y, N],
  "report.versions.download_partners": [Y, Y, Y, N, N, N],
  "assessment.share": /*           */ [Y, N, N, N, N, N],
  // Item 1c, the calamiteitencommissie: the committee itself and the procesbegeleider.
  "committee.edit": /*             */ [Y, Y, N, N, N, N],
  // Data-subject rights and retention (issue 16): only the procesbegeleider.
  "privacy.manage": /*             */ [Y, N, N, N, N, N],
};

type Column = { who: string; membership: (organisationId?: string | null) => Membership | null };
const COLUMNS: Column[] = [
  { who: "procesbegeleider", membership: (o = null) => ({ role: "procesbegeleider", organisationId: o }) },
  { who: "onderzoeker", membership: (o = null) => ({ role: "onderzoeker", organisationId: o }) },
  { who: "ketenpartner", membership: (o = null) => ({ role: "ketenpartner", organisationId: o }) },
  { who: "toezichthouder", membership: (o = null) => ({ role: "toezichthouder", organisationId: o, workspaceAccess: false }) },
  { who: "toezichthouder with workspace access", membership: (o = null) => ({ role: "toezichthouder", organisationId: o, workspaceAccess: true }) },
  { who: "non-member", membership: () => null },
];

describe("policy: can(membership, action)", () => {
  it("the expected table covers exactly the actions and roles the policy knows", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...INVESTIGATION_ACTIONS].sort());
    const roles = new Set(COLUMNS.map((c) => c.membership()?.role).filter(Boolean));
    expect([...roles].sort()).toEqual([...ROLES].sort());
  });

  describe.each(COLUMNS.map((c, column) => ({ ...c, column })))("$who", ({ membership, column }) => {
    it.each(INVESTIGATION_ACTIONS.map((action) => ({ action, allowed: EXPECTED[action][column] })))(
      "$action → $allowed",
      ({ action, allowed }) => {
        expect(can(membership(), action)).toBe(allowed);
      },
    );
  });

  it("the organisation of a membership does not change the rights", () => {
    for (const [column, c] of COLUMNS.entries()) {
      if (!c.membership()) continue;
      for (const action of INVESTIGATION_ACTIONS) expect(can(c.membership("org-1"), action)).toBe(EXPECTED[action][column]);
    }
  });

  it("a toezichthouder whose workspace access was not loaded gets the assigned rights only", () => {
    const loadedWithout: Membership = { role: "toezichthouder", organisationId: null };
    for (const action of INVESTIGATION_ACTIONS) expect(can(loadedWithout, action)).toBe(EXPECTED[action][3]);
  });

  it("workspace access changes nothing for the other roles", () => {
    for (const role of ROLES.filter((r) => r !== "toezichthouder")) {
      for (const action of INVESTIGATION_ACTIONS) {
        expect(can({ role, organisationId: null, workspaceAccess: true }, action)).toBe(can({ role, organisationId: null, workspaceAccess: false }, action));
      }
    }
  });

  it("an unknown role (e.g. a stale row in the database) gets nothing, also with workspace access", () => {
    const stale = { role: "beheerder", organisationId: null, workspaceAccess: true } as unknown as Membership;
    for (const action of INVESTIGATION_ACTIONS) expect(can(stale, action)).toBe(false);
  });

  it("an unknown action is refused for every role", () => {
    for (const role of ROLES) {
      expect(can({ role, organisationId: null, workspaceAccess: true }, "investigation.delete" as InvestigationAction)).toBe(false);
    }
  });
});

describe("policy: canExport(membership, audience)", () => {
  // The ketenpartners' version leaves client identity out; the toezichthouder's version has it,
  // so it is for whoever may see client identity: the procesbegeleider.
  const cases: [string, Membership | null, boolean, boolean][] = [
    ["procesbegeleider", { role: "procesbegeleider", organisationId: null }, Y, Y],
    ["onderzoeker", { role: "onderzoeker", organisationId: null }, Y, N],
    ["ketenpartner", { role: "ketenpartner", organisationId: "org-1" }, Y, N],
    ["toezichthouder", { role: "toezichthouder", organisationId: null }, N, N],
    ["toezichthouder with workspace access", { role: "toezichthouder", organisationId: null, workspaceAccess: true }, N, N],
    ["non-member", null, N, N],
  ];
  it.each(cases)("%s: ketenpartners %s, toezichthouder %s", (_who, m, ketenpartners, toezichthouder) => {
    expect(canExport(m, "ketenpartners")).toBe(ketenpartners);
    expect(canExport(m, "toezichthouder")).toBe(toezichthouder);
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

// The rules beyond can(): timeline lanes, history versions, comments, the collaboration server's
// write guard, invitations. One row per rule, the same columns as EXPECTED; the non-member column
// asks the rule with no membership (role rules: a role nobody has).
const OWN = "org-own";
const lane = (organisationId: string | null) => ({ organisationId });
const roleOf = (m: Membership | null) => m?.role ?? "geen-lid";
const RULES: Record<string, { ask: (m: Membership | null) => boolean; expected: [boolean, boolean, boolean, boolean, boolean, boolean] }> = {
  // Parties (lanes) and periods shape the whole timeline: the investigation's own team.
  "timeline.manageStructure": { ask: (m) => canManageTimelineStructure(roleOf(m)), expected: [Y, Y, N, N, N, N] },
  // A ketenpartner edits their own organisation's lane; elsewhere only disputes and comments.
  "timeline.editOwnLane": { ask: (m) => canEditEvent(roleOf(m), OWN, lane(OWN)), expected: [Y, Y, Y, N, N, N] },
  "timeline.editOtherLane": { ask: (m) => canEditEvent(roleOf(m), OWN, lane("org-other")), expected: [Y, Y, N, N, N, N] },
  "timeline.editUnownedLane": { ask: (m) => canEditEvent(roleOf(m), OWN, lane(null)), expected: [Y, Y, N, N, N, N] },
  "timeline.deleteOtherLane": { ask: (m) => allowedEventActions(roleOf(m), OWN, lane("org-other")).includes("delete"), expected: [Y, Y, N, N, N, N] },
  "timeline.disputeOtherLane": { ask: (m) => allowedEventActions(roleOf(m), OWN, lane("org-other")).includes("dispute"), expected: [Y, Y, Y, N, N, N] },
  "timeline.commentOtherLane": { ask: (m) => allowedEventActions(roleOf(m), OWN, lane("org-other")).includes("comment"), expected: [Y, Y, Y, N, N, N] },
  "timeline.setBetwistOtherLane": { ask: (m) => canSetEventStatus(roleOf(m), OWN, lane("org-other"), "betwist"), expected: [Y, Y, Y, N, N, N] },
  "timeline.setBevestigdOtherLane": { ask: (m) => canSetEventStatus(roleOf(m), OWN, lane("org-other"), "bevestigd"), expected: [Y, Y, N, N, N, N] },
  // Named versions: made and restored by the committee's own team (a restore rewrites every lane).
  "history.manageVersions": { ask: (m) => canManageVersions(m), expected: [Y, Y, N, N, N, N] },
  // Marking a comment afgehandeld: never the toezichthouder (for the others: author or fact editor).
  "comments.resolve": { ask: (m) => !!m && mayResolveComments(m.role), expected: [Y, Y, Y, N, N, N] },
  // The collaboration server: free writers, checked writers (own lane), and read only.
  "workspace.writeFree": { ask: (m) => !!m && workspaceWriteScope(m) === "free", expected: [Y, Y, N, N, N, N] },
  "workspace.writeOwnLane": { ask: (m) => !!m && workspaceWriteScope(m) === "own-lane", expected: [N, N, Y, N, N, N] },
  "workspace.readOnly": { ask: (m) => !!m && workspaceWriteScope(m) === "read-only", expected: [N, N, N, Y, Y, N] },
  // Invitations and role changes.
  "members.needsOrganisation": { ask: (m) => !!m && roleNeedsOrganisation(m.role), expected: [N, N, Y, N, N, N] },
  "members.workspaceAccessOption": { ask: (m) => !!m && roleMayHaveWorkspaceAccess(m.role), expected: [N, N, N, Y, Y, N] },
  "members.grantsCreateInvestigations": { ask: (m) => !!m && roleGrantsCreateInvestigations(m.role), expected: [Y, N, N, N, N, N] },
  // The loket: a toezichthouder anywhere sees no meldingen; the leeroverzicht covers what one leads.
  "loket.supervisorRole": { ask: (m) => !!m && LOKET_SUPERVISOR_ROLES.includes(m.role), expected: [N, N, N, Y, Y, N] },
  "loket.leeroverzichtRole": { ask: (m) => !!m && LEEROVERZICHT_ROLES.includes(m.role), expected: [Y, N, N, N, N, N] },
  // The report download per audience (also in its own describe below).
  "report.exportKetenpartners": { ask: (m) => canExport(m, "ketenpartners"), expected: [Y, Y, Y, N, N, N] },
  "report.exportToezichthouder": { ask: (m) => canExport(m, "toezichthouder"), expected: [Y, N, N, N, N, N] },
};

describe("policy: the role × rule matrix beyond can()", () => {
  describe.each(COLUMNS.map((c, column) => ({ ...c, column })))("$who", ({ membership, column }) => {
    it.each(Object.entries(RULES).map(([rule, r]) => ({ rule, ask: r.ask, allowed: r.expected[column] })))("$rule → $allowed", ({ ask, allowed }) => {
      expect(ask(membership(OWN))).toBe(allowed);
    });
  });

  it("an unknown role gets no timeline, history, comment or write right", () => {
    const stale = { role: "beheerder", organisationId: OWN, workspaceAccess: true } as unknown as Membership;
    for (const [rule, r] of Object.entries(RULES)) if (rule !== "workspace.readOnly") expect(r.ask(stale), rule).toBe(false);
    expect(workspaceWriteScope(stale)).toBe("read-only");
  });

  // A rule added to the policy without a row in a table here fails this test.
  it("every rule the policy exports is in one of the tables of this file", () => {
    const covered = new Set([
      "can", // EXPECTED
      "canExport",
      "canCreateInvestigation",
      "canManageTimelineStructure",
      "canEditEvent",
      "canSetEventStatus",
      "allowedEventActions",
      "canManageVersions",
      "mayResolveComments",
      "workspaceWriteScope",
      "roleNeedsOrganisation",
      "roleMayHaveWorkspaceAccess",
      "roleGrantsCreateInvestigations",
      "canLoket", // LOKET_EXPECTED
      "meldingView",
    ]);
    const exported = Object.entries(policy).filter(([, v]) => typeof v === "function").map(([k]) => k);
    expect(exported.sort()).toEqual([...covered].sort());
  });
});

// The incidentenloket (account-wide): a loketmedewerker everything; another signed-in account only
// submits; an account that is toezichthouder somewhere nothing; an anonymous visitor nothing.
const LOKET_COLUMNS: { who: string; actor: LoketActor | null }[] = [
  { who: "loketmedewerker", actor: { userId: "u-loket", isLoket: true, isSupervisor: false } },
  { who: "signed-in account", actor: { userId: "u-1", isLoket: false, isSupervisor: false } },
  { who: "toezichthouder somewhere", actor: { userId: "u-t", isLoket: false, isSupervisor: true } },
  { who: "anonymous", actor: null },
];
const LOKET_EXPECTED: Record<LoketAction, [boolean, boolean, boolean, boolean]> = {
  "melding.submit": [Y, Y, N, N],
  "melding.register": [Y, N, N, N],
  "melding.list_all": [Y, N, N, N],
  "melding.screen": [Y, N, N, N],
  "melding.identity": [Y, N, N, N],
  "melding.start_investigation": [Y, N, N, N],
  "loket.export": [Y, N, N, N],
  "loket.overview": [Y, N, N, N],
};

describe("policy: canLoket(actor, action) and meldingView", () => {
  it("the table covers exactly the loket actions", () => {
    expect(Object.keys(LOKET_EXPECTED).sort()).toEqual([...LOKET_ACTIONS].sort());
  });
  describe.each(LOKET_COLUMNS.map((c, column) => ({ ...c, column })))("$who", ({ actor, column }) => {
    it.each(LOKET_ACTIONS.map((action) => ({ action, allowed: LOKET_EXPECTED[action][column] })))("$action → $allowed", ({ action, allowed }) => {
      expect(canLoket(actor, action)).toBe(allowed);
    });
  });
  it("a melding: the loket sees it in full, its submitter as their own, a toezichthouder and others not at all", () => {
    const melding = { submittedBy: "u-1" };
    expect(LOKET_COLUMNS.map((c) => meldingView(c.actor, melding))).toEqual(["full", "own", null, null]);
    expect(meldingView({ userId: "u-t", isLoket: false, isSupervisor: true }, { submittedBy: "u-t" })).toBeNull();
    expect(meldingView({ userId: "u-2", isLoket: false, isSupervisor: false }, melding)).toBeNull();
  });
});
