// Restores a named version into the LIVE document, in the browser: fetches the version's state,
// and makes the live maps equal to it in one transaction with this page's origin, so the page's
// undo manager takes it back as one step ("Ongedaan maken").
import { useEffect, useRef, useState } from "react";
import * as Y from "yjs";
import { useCollabDoc } from "~/components/workspace/useCollabDoc.ts";
import { userColor } from "~/components/workspace/format.ts";
import { restoredTypes, restoreVersionInto, type RestoreResult } from "./restore.ts";

type Phase =
  | { kind: "idle" }
  | { kind: "confirm" }
  | { kind: "busy" }
  | { kind: "done"; result: RestoreResult }
  | { kind: "undone" }
  | { kind: "error"; message: string };

export default function RestoreVersion({
  investigationId,
  versionId,
  versionName,
  user,
}: {
  investigationId: string;
  versionId: string;
  versionName: string;
  user: { id: string; name: string };
}) {
  const { session, state } = useCollabDoc({ investigationId, userId: user.id, canWrite: true, presence: { name: user.name, color: userColor(user.id) } });
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const confirmRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const ready = !!session && state.serverSynced && state.synced && !state.readOnly && !state.closed;

  useEffect(() => {
    if (phase.kind === "confirm") confirmRef.current?.focus();
    if (phase.kind === "done" || phase.kind === "undone") doneRef.current?.focus();
  }, [phase.kind]);

  async function restore() {
    if (!session) return;
    setPhase({ kind: "busy" });
    const version = new Y.Doc();
    try {
      const res = await fetch(`/onderzoeken/${investigationId}/geschiedenis/${versionId}/staat`, { credentials: "same-origin", cache: "no-store" });
      if (!res.ok) throw new Error(res.status === 404 ? "Deze versie bestaat niet (meer)." : "De versie kon niet worden opgehaald.");
      Y.applyUpdate(version, new Uint8Array(await res.arrayBuffer()));
      const um = session.undoManager;
      // The page's undo manager covers the timeline maps; a restore also covers the analysis.
      um.addToScope(restoredTypes(session.doc));
      um.stopCapturing();
      const result = restoreVersionInto(session.doc, version, session.origin);
      um.stopCapturing();
      setPhase({ kind: "done", result });
    } catch (err) {
      setPhase({ kind: "error", message: err instanceof Error ? err.message : "Terugzetten is mislukt." });
    } finally {
      version.destroy();
    }
  }

  function undo() {
    if (!session || session.undoManager.undoStack.length === 0) return;
    session.undoManager.undo();
    setPhase({ kind: "undone" });
  }

  const changed = phase.kind === "done" ? phase.result.added + phase.result.removed + phase.result.replaced : 0;

  return (
    <section className="history-restore" aria-labelledby="terugzetten-kop">
      <h3 id="terugzetten-kop">Terugzetten</h3>
      <p>
        Terugzetten maakt de tijdlijn en de analyse weer gelijk aan deze versie, voor iedereen. Het is één wijziging die u hierna
        ongedaan kunt maken.
      </p>
      {phase.kind === "confirm" ? (
        <div role="group" aria-labelledby="terugzetten-vraag">
          <p id="terugzetten-vraag">
            <strong>Weet u zeker dat u versie ‘{versionName}’ wilt terugzetten?</strong> Latere wijzigingen worden overschreven.
          </p>
          <div className="actions">
            <button type="button" className="button" ref={confirmRef} onClick={() => void restore()} disabled={!ready}>
              Ja, terugzetten
            </button>
            <button type="button" className="button button--secondary" onClick={() => setPhase({ kind: "idle" })}>
              Annuleren
            </button>
          </div>
        </div>
      ) : (
        <div className="actions">
          <button type="button" className="button" onClick={() => setPhase({ kind: "confirm" })} disabled={!ready || phase.kind === "busy"}>
            Deze versie terugzetten
          </button>
          {!ready ? <span className="muted">{state.closed ? "Geen verbinding met het live document." : "Verbinden met het live document…"}</span> : null}
          {phase.kind === "busy" ? <span className="muted">Bezig met terugzetten…</span> : null}
        </div>
      )}
      <div role="status" aria-live="polite">
        {phase.kind === "done" ? (
          <div className="alert alert--ok history-restore__done">
            {changed === 0 ? (
              <p ref={doneRef} tabIndex={-1}>
                Er was niets terug te zetten: het document is al gelijk aan deze versie.
              </p>
            ) : (
              <>
                <p ref={doneRef} tabIndex={-1}>
                  Versie teruggezet ({phase.result.replaced} gewijzigd, {phase.result.added} teruggeplaatst, {phase.result.removed} verwijderd).
                </p>
                <button type="button" className="button button--secondary" onClick={undo}>
                  Ongedaan maken
                </button>
              </>
            )}
          </div>
        ) : null}
        {phase.kind === "undone" ? (
          <p className="alert alert--ok" ref={doneRef} tabIndex={-1}>
            Terugzetten ongedaan gemaakt.
          </p>
        ) : null}
        {state.notice ? <p className="alert alert--warn">{state.notice}</p> : null}
      </div>
      {phase.kind === "error" ? (
        <p className="alert alert--error" role="alert">
          {phase.message}
        </p>
      ) : null}
    </section>
  );
}
