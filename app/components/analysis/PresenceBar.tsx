// Who has the investigation open right now, and what each person is working on in the analysis
// (awareness `editing`: "node:<id>" or "measure:<id>"; other pages may set other keys).
import type { PresencePeer } from "~/components/workspace/types.ts";
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
  if (!people.length) return null;
  return (
    <div className="presence-bar">
      <span className="presence-bar__title">Nu aanwezig:</span>
      <ul>
        {people.map((p) => {
          const what = describe(p.editing, snap);
          return (
            <li key={p.userId} className="presence-chip">
              <span className="presence-dot" style={{ background: p.color }} aria-hidden="true" />
              {p.name}
              {p.self ? " (u)" : ""}
              {what ? <span className="presence-chip__what"> {what}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
