import { describe, expect, it } from "vitest";
import { loadConfig, mailBaseUrl } from "../../server/config.ts";

describe("config", () => {
  it("keeps /dev/outbox off unless KETENLIJN_DEV_OUTBOX=1, whatever the database or SMTP", () => {
    expect(loadConfig({}).devOutbox).toBe(false);
    expect(loadConfig({ KETENLIJN_DEV_OUTBOX: "0" }).devOutbox).toBe(false);
    expect(loadConfig({ KETENLIJN_DEV_OUTBOX: "1" }).devOutbox).toBe(true);
  });

  it("reads KETENLIJN_TRUST_PROXY as hops or addresses", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ KETENLIJN_TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(loadConfig({ KETENLIJN_TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ KETENLIJN_TRUST_PROXY: "loopback, 10.0.0.0/8" }).trustProxy).toEqual(["loopback", "10.0.0.0/8"]);
  });

  it("builds mail links from PUBLIC_URL, else the listen address, else localhost", () => {
    expect(mailBaseUrl(loadConfig({ PUBLIC_URL: "https://ketenlijn.example.nl/", HOST: "127.0.0.1" }), 3000)).toBe("https://ketenlijn.example.nl");
    expect(mailBaseUrl(loadConfig({ HOST: "127.0.0.1" }), 4000)).toBe("http://127.0.0.1:4000");
    expect(mailBaseUrl(loadConfig({ HOST: "::1" }), 4000)).toBe("http://[::1]:4000");
    expect(mailBaseUrl(loadConfig({ HOST: "0.0.0.0" }), 4000)).toBe("http://localhost:4000");
    expect(mailBaseUrl(loadConfig({}), 3000)).toBe("http://localhost:3000");
  });
});
