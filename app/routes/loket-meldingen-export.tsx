import type { Route } from "./+types/loket-meldingen-export";
import { parseRegisterFilter } from "~/domain/loket/forms.ts";
import { registerTable, toCsv } from "~/domain/loket/export.ts";
import { requireLoket } from "~/lib/loket-guards.server.ts";
import { listMeldingen, today } from "../../server/loket/meldingen.ts";
import { xlsxBuffer } from "../../server/loket/xlsx.ts";
import { audit } from "../../server/audit.ts";

// GET /loket/meldingen.csv and /loket/meldingen.xlsx: the register with the same filters as the page.
export async function loader({ context, request }: Route.LoaderArgs) {
  const { user, actor } = await requireLoket(context, request, "loket.export");
  const url = new URL(request.url);
  const format = url.pathname.endsWith(".xlsx") ? "xlsx" : "csv";
  const filter = parseRegisterFilter(url.searchParams);
  const rows = await listMeldingen(context.app, actor, filter, 100_000);
  const table = registerTable(rows);
  await audit(context.app, { action: "loket.exported", actorId: user.id, details: { format, rows: rows.length, filter: url.searchParams.toString() } });
  const name = `meldingen-${today(context.app)}.${format}`;
  const headers = { "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" };
  if (format === "csv") return new Response(toCsv(table), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const body = await xlsxBuffer(table, "Meldingen");
  return new Response(new Uint8Array(body), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
