// Resource route: the report as .docx, the current state ("Werkversie", concept).
// ?voor=ketenpartners (default): without client identity, for whoever may export;
// ?voor=toezichthouder: with client identity (Bijlage 1 item 1a), only with client.view.
import { z } from "zod";
import type { Route } from "./+types/investigation-report-docx";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { can, canExport } from "~/domain/policy.ts";
import { docxResponse } from "../../server/report/download.server.ts";
import { generateReport } from "../../server/report/generate.server.ts";
import { downloadAccess, FORBIDDEN, textResponse, methodNotAllowed } from "../../server/report/http.server.ts";
import { audit } from "../../server/audit.ts";

const audienceSchema = z.enum(["ketenpartners", "toezichthouder"]);

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const access = await downloadAccess(context, request, params.id, "report.export");
  if (!access.ok) return access.response;
  const voor = new URL(request.url).searchParams.get("voor") ?? "ketenpartners";
  const audience = audienceSchema.safeParse(voor);
  if (!audience.success) return textResponse(400, "Onbekende versie van het rapport. Kies voor=ketenpartners of voor=toezichthouder.");
  if (!canExport(access.membership, audience.data))
    return textResponse(403, audience.data === "toezichthouder" ? "De versie voor de toezichthouder bevat de gegevens van de cliënt; alleen de procesbegeleider downloadt die." : FORBIDDEN);
  const ctx = context.app;
  const { bytes, filename } = await generateReport(ctx, access.investigationId, {
    audience: audience.data,
    versionLabel: "Werkversie",
    status: "concept",
    today: todayInAmsterdam(ctx.clock.now()),
    actorId: access.userId,
    purpose: "rapport downloaden (werkversie voor de toezichthouder)",
    // What this member may open in the rounds register: a round they were not invited to is 403 there,
    // so its reactions are not in their file either.
    reactionsOfRoundsOf: can(access.membership, "rounds.manage") ? undefined : access.userId,
  });
  await audit(ctx, {
    action: "report.exported",
    actorId: access.userId,
    investigationId: access.investigationId,
    details: { audience: audience.data, bytes: bytes.byteLength },
  });
  return docxResponse(bytes, filename);
}

export const action = () => methodNotAllowed();
