// Resource route: a named version's state as one Yjs update (Y.encodeStateAsUpdate), for the
// browser's restore. Same rules as viewing the version: members who may read the workspace; a
// version of another investigation, or a bogus id, is a 404.
import * as Y from "yjs";
import type { Route } from "./+types/investigation-history-state";
import { notFound, requireInvestigation } from "~/lib/guards.server.ts";
import { getVersionDoc } from "../../server/collab/versions.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { investigationId } = await requireInvestigation(context, request, params.id, "workspace.read");
  const doc = await getVersionDoc(context.app, investigationId, params.versionId);
  if (!doc) notFound();
  const bytes = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return new Response(new Blob([new Uint8Array(bytes)]), {
    headers: {
      "Content-Type": "application/octet-stream",
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
