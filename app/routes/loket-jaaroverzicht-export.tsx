import type { Route } from "./+types/loket-jaaroverzicht-export";
import { chosenYear, jaaroverzichtRows } from "~/domain/loket/figures.ts";
import { toCsv } from "~/domain/loket/export.ts";
import { requireLoket } from "~/lib/loket-guards.server.ts";
import { jaaroverzicht } from "../../server/loket/figures.ts";
import { renderJaaroverzichtDocx } from "../../server/loket/jaaroverzicht-docx.ts";
import { today } from "../../server/loket/meldingen.ts";
import { audit } from "../../server/audit.ts";

// GET /loket/jaaroverzicht.docx and .csv?jaar=…
export async function loader({ context, request }: Route.LoaderArgs) {
  const { user } = await requireLoket(context, request, "loket.export");
  const url = new URL(request.url);
  const format = url.pathname.endsWith(".docx") ? "docx" : "csv";
  const on = today(context.app);
  const year = chosenYear(url.searchParams, Number(on.slice(0, 4)) - 1);
  const overview = await jaaroverzicht(context.app, year);
  await audit(context.app, { action: "loket.exported", actorId: user.id, details: { format, what: "jaaroverzicht", year } });
  const headers = { "Content-Disposition": `attachment; filename="jaaroverzicht-incidentenloket-${year}.${format}"`, "Cache-Control": "no-store" };
  if (format === "csv") return new Response(toCsv(jaaroverzichtRows(overview)), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  const [y, m, d] = on.split("-");
  const body = await renderJaaroverzichtDocx(overview, `${d}-${m}-${y}`);
  return new Response(new Uint8Array(body), {
    headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  });
}
