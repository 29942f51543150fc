import { execFileSync } from "node:child_process";
import path from "node:path";

// Integration and browser tests serve the real production build; build it once per run.
export default function setup() {
  if (process.env.KETENLIJN_SKIP_TEST_BUILD === "1") return;
  execFileSync("npx", ["react-router", "build"], {
    cwd: path.resolve(import.meta.dirname, ".."),
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production" },
  });
}
