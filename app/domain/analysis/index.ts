// Public surface of the analysis model (pure, isomorphic; see docs/analysis-model.md).
export * from "./catalog.ts";
export * from "./doc.ts";
export * from "./order.ts";
export * from "./tree.ts";
export * from "./sire.ts";
export * from "./profile.ts";
export * from "./measures.ts";
export * from "./settings.ts";
export * from "./progress.ts";
export * from "./projection.ts";
