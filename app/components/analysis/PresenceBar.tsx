// Who has the investigation open right now, and what each person is working on in the analysis
// (awareness `editing`: "node:<id>" or "measure:<id>"; other pages may set other keys).
import { PresenceChips } from "~/components/collab/PresenceChips.tsx";
import type { PresencePeer } from "~/components/collab/types.ts";
import type { AnalysisSnapshot } from "./useAnalysis.ts";

function describe(editing: string | null, snap: AnalysisSnapshot | null): string | null {
  if (!editing || !snap) return null;
  const [kind, id] = [editing.slice(0, editing.indexOf(":")), editing.slice(editing.indexOf(":") + 1)];
  if (kind === "node") {
    const n = snap.tree.byId.get(id);
    if (!n) return null;
    return `bij "${n.label.trim() || "nog geen omschrijving"}"`;
  }
  if (kind === "measure") {
    const m = snap.measures.find((x) => x.id === id);
    return m ? `bij maatregel "${m.title.trim() || "zonder omschrijving"}"` : null;
  }
  if (kind === "section") return "in de conclusies";
  return null;
}

export function PresenceBar({ people, snap }: { people: readonly PresencePeer[]; snap: AnalysisSnapshot | null }) {
  return <PresenceChips people={people} title="Nu aanwezig:" describe={(editing) => describe(editing, snap)} />;
}
