// Resource route: data exports for the reflection meetings (issue 12). /onderzoeken/<id>/export/<bestand>
// with bestand = tijdlijn.csv | tijdlijn.xlsx | oorzaken.csv | maatregelen.csv | poster.pdf
// (?formaat=A3|A0, &delen=A4|A3 to split it over sheets). Members who may read the
// workspace only; every download is audited.
import type { Route } from "./+types/investigation-export-file";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { z } from "zod";
import { POSTER_SIZES, TILE_SIZES } from "~/domain/timeline/poster.ts";
import { auditDataExport, buildDataExport, buildPoster, DATA_EXPORT_FILES, fileResponse, type DataExportFile } from "../../server/export/data-export.server.ts";
import { getInvestigation } from "../../server/investigations.ts";
import { downloadAccess, methodNotAllowed, NOT_FOUND, textResponse } from "../../server/report/http.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "workspace.read");
  if (!access.ok) return access.response;
  const file = params.bestand as DataExportFile;
  if (!DATA_EXPORT_FILES.includes(file)) return textResponse(404, NOT_FOUND);
  const ctx = context.app;
  const investigation = await getInvestigation(ctx, access.investigationId);
  if (!investigation) return textResponse(404, NOT_FOUND);
  const today = todayInAmsterdam(ctx.clock.now());
  if (file === "poster.pdf") {
    const query = new URL(request.url).searchParams;
    const size = z.enum(POSTER_SIZES).safeParse(query.get("formaat") ?? "A0");
    const tiles = z.enum(TILE_SIZES).nullable().safeParse(query.get("delen") || null);
    if (!size.success) return textResponse(400, "Kies het formaat van de poster: A3 of A0.");
    if (!tiles.success) return textResponse(400, "Kies de vellen om de poster over te verdelen: A4 of A3, of geen.");
    if (tiles.data === size.data) return textResponse(400, "Een A3-poster over A3-vellen verdelen geeft één vel; kies A4-vellen of geen verdeling.");
    const poster = await buildPoster(ctx, investigation, { size: size.data, tiles: tiles.data }, today);
    await auditDataExport(ctx, { actorId: access.userId, investigationId: access.investigationId, file: `poster.pdf (${size.data}${tiles.data ? ` op ${tiles.data}` : ""})`, bytes: poster.bytes.byteLength });
    return fileResponse(poster);
  }
  const out = await buildDataExport(ctx, investigation, file, today);
  await auditDataExport(ctx, { actorId: access.userId, investigationId: access.investigationId, file, rows: out.rows, bytes: out.bytes.byteLength });
  return fileResponse(out);
}

export const action = () => methodNotAllowed();
