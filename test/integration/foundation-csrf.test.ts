import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../helpers/http-client.ts";
import { startTestApp, type TestApp } from "../helpers/test-app.ts";

// Browsers send `Origin: null` on form posts when the referrer policy is "no-referrer"; the app
// sends "same-origin" so plain form posts (no JavaScript) carry the real origin and pass the check.
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

const login = { email: "begeleider@demo.ketenlijn.nl", password: "ketenlijn-demo" };

describe("cross-site request checks", () => {
  it("accepts a plain form post from the same site", async () => {
    const client = new HttpClient(app.url);
    const res = await client.post("/login", login, { "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(302);
  });

  it("refuses an opaque origin with a Dutch message", async () => {
    const client = new HttpClient(app.url);
    const res = await client.post("/login", login, { origin: "null", "sec-fetch-site": "same-origin" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("andere website");
  });

  it("sends a referrer policy that keeps the Origin header on same-site posts", async () => {
    const res = await fetch(`${app.url}/login`);
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });
});
