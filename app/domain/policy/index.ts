// The one place that decides permissions (issue 14), by area. Pure: callers load the membership
// (or the account), the policy decides. `app/domain/policy.ts` re-exports this file.
export * from "./investigation.ts";
export * from "./report.ts";
export * from "./history.ts";
export * from "./timeline.ts";
export * from "./comments.ts";
export * from "./workspace.ts";
export * from "./members.ts";
export * from "./loket.ts";
