// The set-up time of one test file's database: migrating afresh (as before ADR 0016) against a copy
// of the migrated template (test/support/template-database.ts). Runs the two alternately, so a
// loaded machine weighs on both alike. Asserts nothing.
//   node --import tsx bench/test-setup/run.ts [--runs=5]
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase } from "../../db/client.ts";
import { openTestDatabase } from "../../test/support/database.ts";
import { ensurePgliteTemplate } from "../../test/support/template-database.ts";

const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.slice(7) ?? 5);

async function ms(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const cases: Record<string, { afresh: () => Promise<void>; template: () => Promise<void> }> = {
  "in memory": {
    afresh: async () => (await openDatabase({ dataDir: "memory://" })).close(),
    template: async () => (await openTestDatabase()).cleanup(),
  },
  "in a folder": {
    afresh: async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "kl-bench-setup-"));
      await (await openDatabase({ dataDir: dir })).close();
      rmSync(dir, { recursive: true, force: true });
    },
    template: async () => (await openTestDatabase({ persistent: true })).cleanup(),
  },
};

await ensurePgliteTemplate();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, c] of Object.entries(cases)) {
  const afresh: number[] = [];
  const template: number[] = [];
  for (let i = 0; i < runs; i++) {
    afresh.push(await ms(c.afresh));
    template.push(await ms(c.template));
  }
  console.log(`${name}: migrate afresh ${median(afresh).toFixed(0)} ms, template copy ${median(template).toFixed(0)} ms (medians of ${runs}; loadavg ${os.loadavg()[0].toFixed(1)})`);
}
process.exit(0);
