// Builds the app for the tests (they serve the production build) unless the build folder already
// holds a build of exactly these sources: a hash of every file the build reads (app/, server/,
// db/, public/, templates/, the build configuration and the lockfile) is kept in the build folder
// as .source-hash, so a second `npm test` with unchanged sources skips the ~25 s build.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const INPUTS = ["app", "server", "db", "public", "templates", "vite.config.ts", "react-router.config.ts", "tsconfig.json", "package.json", "package-lock.json"];

function files(rel) {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return [rel];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.name !== "node_modules" && !e.name.startsWith(".react-router"))
    .flatMap((e) => files(path.join(rel, e.name)));
}

export function sourceHash() {
  const hash = createHash("sha256").update(`NODE_ENV=production\0${process.env.KETENLIJN_BUILD_DIR ?? ""}\0`);
  for (const f of INPUTS.flatMap(files).sort()) hash.update(`${f}\0`).update(readFileSync(path.join(root, f))).update("\0");
  return hash.digest("hex");
}

export function buildForTests({ quiet = true } = {}) {
  const buildDir = path.resolve(root, process.env.KETENLIJN_BUILD_DIR ?? "build");
  const stamp = path.join(buildDir, ".source-hash");
  const hash = sourceHash();
  const entry = path.join(buildDir, "server", "index.js");
  // The stamp names the build it belongs to too: a plain `npm run build` in between rebuilds here.
  const built = () => `${hash} ${statSync(entry).mtimeMs}`;
  if (existsSync(entry) && existsSync(stamp) && readFileSync(stamp, "utf8") === built()) {
    if (!quiet) console.log("Build is al actueel (zelfde bronbestanden): niet opnieuw gebouwd.");
    return false;
  }
  execFileSync("npx", ["react-router", "build"], { cwd: root, stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
  writeFileSync(stamp, built());
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildForTests({ quiet: false });
