// Kept so that `~/domain/policy.ts` keeps working: the rules live in app/domain/policy/ (by area).
export * from "./policy/index.ts";
