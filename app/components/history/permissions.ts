// The rule lives in the policy (app/domain/policy/history.ts); re-exported for the history components.
export { canManageVersions } from "~/domain/policy.ts";
