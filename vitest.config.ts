import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// One folder of LibreOffice page numbers per test run, shared by its test files and servers: a
// report exported in several files with the same content is rendered once (ADR 0027). Every new
// document is still rendered; only identical ones are answered from the folder.
process.env.KETENLIJN_TOC_CACHE_DIR ??= path.join(os.tmpdir(), `ketenlijn-toc-cache-run-${process.pid}`);

// Separate from vite.config.ts so the React Router plugin does not run under Vitest.
export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  test: {
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          // An export renders the report once in LibreOffice for the contents' page numbers (ADR 0022): seconds each on a loaded machine.
          testTimeout: 180_000,
          hookTimeout: 120_000,
          globalSetup: ["test/global-build.ts", "test/support/template-database.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 240_000,
          pool: "forks",
          poolOptions: { forks: { singleFork: true } },
          globalSetup: ["test/global-build.ts", "test/support/template-database.ts"],
        },
      },
    ],
  },
});
