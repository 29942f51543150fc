// One set of test helpers (ADR 0016): import from here, or from the module of the concern.
export { startTestApp, freshDatabase, TestClock, type TestApp } from "./app.ts";
export { openTestDatabase, type TestDatabase } from "./database.ts";
export { HttpClient } from "./http.ts";
export { startCollabServer, type CollabTestServer } from "./collab.ts";
export { createInvestigation, createUser, addMember, type TestUser, type Role } from "./factories.ts";
