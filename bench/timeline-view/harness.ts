// Shared by run.ts and screenshot.ts: build the standalone page with Vite, serve it on
// 127.0.0.1 (with the app's Content-Security-Policy), and launch Debian's Chromium headless.
import { createReadStream, existsSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { build } from "vite";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
const outDir = path.join(repoRoot, "tmp/bench-timeline-view");

/** Production build of bench/timeline-view/page (minified, like the app). */
export async function buildPage(): Promise<string> {
  await build({
    configFile: false,
    root: path.join(here, "page"),
    base: "./",
    logLevel: "warn",
    resolve: { alias: { "~": path.join(repoRoot, "app") } },
    build: {
      outDir,
      emptyOutDir: true,
      sourcemap: false,
      minify: process.env.BENCH_MINIFY !== "0", // BENCH_MINIFY=0 keeps names readable in CPU profiles
      chunkSizeWarningLimit: 2000,
      rollupOptions: {
        // zod's sources carry comments Rollup cannot place; harmless.
        onwarn(warning, warn) {
          if (warning.code !== "INVALID_ANNOTATION") warn(warning);
        },
      },
    },
  });
  return outDir;
}

// What the app sends (server/http.ts): no inline scripts, inline styles allowed.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'self'";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export async function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    let file = path.join(dir, pathname === "/" ? "index.html" : pathname);
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = path.join(dir, "index.html");
    res.writeHead(200, {
      "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream",
      "Content-Security-Policy": CSP,
      "Cache-Control": "no-store",
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}
