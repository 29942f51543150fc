// Moved to test/support/ (one set of test helpers); this path keeps older tests compiling.
export * from "../support/http.ts";
