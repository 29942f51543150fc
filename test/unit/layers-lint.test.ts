// The layer rules of ADR 0016, as ESLint enforces them (eslint.config.js): a module that breaks
// one fails `npm run lint`.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

/** One message per refused import line (an import may break more than one rule). */
async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const byLine = new Map<number, string>();
  for (const m of result.messages) if (m.ruleId === "no-restricted-imports" && !byLine.has(m.line)) byLine.set(m.line, m.message);
  return [...byLine.values()];
}

describe("layer rules", () => {
  it("domain code imports nothing with I/O, nor server, db or components", async () => {
    const code = [
      'import { readFileSync } from "node:fs";',
      'import { eq } from "drizzle-orm";',
      'import { schema } from "../../db/client.ts";',
      'import type { AppContext } from "../../server/context.ts";',
      'import { StatusBadge } from "~/components/report/StatusBadge.tsx";',
      "export const x = [readFileSync, eq, schema, StatusBadge] as unknown as AppContext;",
    ].join("\n");
    expect(await restricted("app/domain/report/probe.ts", code)).toHaveLength(5);
    expect(await restricted("app/domain/report/probe.ts", 'import * as Y from "yjs";\nimport { z } from "zod";\nimport { buildReport } from "./build.ts";\nexport const x = [Y, z, buildReport];\n')).toEqual([]);
  });

  it("components never import server or database code", async () => {
    const code = [
      'import { schema } from "../../../db/client.ts";',
      'import { loadReportPage } from "../../../server/report/report-page.server.ts";',
      'import { notFound } from "~/lib/guards.server.ts";',
      "export const x = [schema, loadReportPage, notFound];",
    ].join("\n");
    expect(await restricted("app/components/report/Probe.tsx", code)).toHaveLength(3);
  });

  it("server code never imports components", async () => {
    const code = 'import { kindLabel } from "../../app/components/analysis/NodeDetails.tsx";\nimport { nodeStyle } from "../../app/domain/analysis/visual.ts";\nexport const x = [kindLabel, nodeStyle];\n';
    const messages = await restricted("server/export/probe.ts", code);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain("app/domain/");
  });
});
