export * from "./users.ts";
export * from "./organisations.ts";
export * from "./investigations.ts";
export * from "./audit.ts";
export * from "./outbox.ts";
export * from "./collab.ts";
export * from "./rounds.ts";
export * from "./analysis.ts";
