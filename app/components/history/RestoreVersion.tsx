// Restores a named version into the LIVE document, in the browser. The server first keeps the
// current state as a version of its own and logs the restore (…/terugzetten, stap=begin); then the
// live maps are made equal to the version in one transaction, with a record in `restores` that
// tells the people whose edits were overwritten. Undoing (right after, or later from this page)
// puts back what the restore changed from that kept state, and is logged too.
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import * as Y from "yjs";
import { useCollabDoc } from "~/components/collab/useCollabDoc.ts";
import { userColor } from "~/components/workspace/format.ts";
import { restoreVersionInto, undoRestoreInto, type RestoreResult } from "./restore.ts";

type Phase =
  | { kind: "idle" }
  | { kind: "confirm" }
  | { kind: "busy" }
  | { kind: "done"; result: RestoreResult; backupVersionId: string; backupName: string }
  | { kind: "undone" }
  | { kind: "error"; message: string };

export interface EarlierRestore {
  backupVersionId: string;
  person: string;
  at: string;
  atIso: string;
  undone: { person: string; at: string } | null;
}

async function fetchState(investigationId: string, versionId: string): Promise<Y.Doc> {
  const res = await fetch(`/onderzoeken/${investigationId}/geschiedenis/${versionId}/staat`, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 404 ? "Deze versie bestaat niet (meer)." : "De versie kon niet worden opgehaald.");
  const doc = new Y.Doc();
  Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
  return doc;
}

async function post(investigationId: string, versionId: string, body: Record<string, string>): Promise<Response> {
  const res = await fetch(`/onderzoeken/${investigationId}/geschiedenis/${versionId}/terugzetten`, {
    method: "POST",
    credentials: "same-origin",
    body: new URLSearchParams(body),
  });
  if (!res.ok) throw new Error(res.status === 403 ? "U mag deze versie niet terugzetten." : "Het terugzetten kon niet worden vastgelegd. Probeer het opnieuw.");
  return res;
}

export default function RestoreVersion({
  investigationId,
  versionId,
  versionName,
  user,
  restores,
}: {
  investigationId: string;
  versionId: string;
  versionName: string;
  user: { id: string; name: string };
  restores: EarlierRestore[];
}) {
  const { session, state } = useCollabDoc({ investigationId, userId: user.id, canWrite: true, presence: { name: user.name, color: userColor(user.id) } });
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const confirmRef = useRef<HTMLButtonElement>(null);
  const doneRef = useRef<HTMLParagraphElement>(null);
  const revalidator = useRevalidator();
  const ready = !!session && state.serverSynced && state.synced && !state.readOnly && !state.closed;

  useEffect(() => {
    if (phase.kind === "confirm") confirmRef.current?.focus();
    if (phase.kind === "done" || phase.kind === "undone") doneRef.current?.focus();
  }, [phase.kind]);

  async function restore() {
    if (!session) return;
    setPhase({ kind: "busy" });
    let version: Y.Doc | null = null;
    try {
      version = await fetchState(investigationId, versionId);
      const start = (await (await post(investigationId, versionId, { stap: "begin" })).json()) as { backupVersionId: string; backupName: string; overwritten: string[] };
      const result = restoreVersionInto(session.doc, version, session.origin, {
        id: crypto.randomUUID(),
        versionId,
        versionName,
        backupVersionId: start.backupVersionId,
        backupName: start.backupName,
        byId: user.id,
        byName: user.name,
        at: new Date().toISOString(),
        overwritten: start.overwritten,
      });
      setPhase({ kind: "done", result, backupVersionId: start.backupVersionId, backupName: start.backupName });
      void revalidator.revalidate();
    } catch (err) {
      setPhase({ kind: "error", message: err instanceof Error ? err.message : "Terugzetten is mislukt." });
    } finally {
      version?.destroy();
    }
  }

  async function undo(backupVersionId: string) {
    if (!session) return;
    setPhase({ kind: "busy" });
    let before: Y.Doc | null = null;
    let version: Y.Doc | null = null;
    try {
      [before, version] = await Promise.all([fetchState(investigationId, backupVersionId), fetchState(investigationId, versionId)]);
      await post(investigationId, versionId, { stap: "ongedaan", terug: backupVersionId });
      undoRestoreInto(session.doc, before, version, session.origin, { backupVersionId, byName: user.name, at: new Date().toISOString() });
      setPhase({ kind: "undone" });
      void revalidator.revalidate();
    } catch (err) {
      setPhase({ kind: "error", message: err instanceof Error ? err.message : "Ongedaan maken is mislukt." });
    } finally {
      before?.destroy();
      version?.destroy();
    }
  }

  const changed = phase.kind === "done" ? phase.result.added + phase.result.removed + phase.result.replaced : 0;
  const earlier = restores.filter((r) => phase.kind !== "done" || r.backupVersionId !== phase.backupVersionId);

  return (
    <section className="history-restore" aria-labelledby="terugzetten-kop">
      <h3 id="terugzetten-kop">Terugzetten</h3>
      <p>
        Terugzetten maakt de tijdlijn en de analyse weer gelijk aan deze versie, voor iedereen. De stand van vlak ervoor wordt als
        aparte versie bewaard, zodat u het terugzetten ook later nog ongedaan kunt maken.
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
          {phase.kind === "busy" ? <span className="muted">Bezig…</span> : null}
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
                  Versie teruggezet ({phase.result.replaced} gewijzigd, {phase.result.added} teruggeplaatst, {phase.result.removed} verwijderd). De
                  stand van ervoor is bewaard als ‘{phase.backupName}’.
                </p>
                <button type="button" className="button button--secondary" onClick={() => void undo(phase.backupVersionId)} disabled={!ready}>
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
      {earlier.length > 0 ? (
        <>
          <h4>Eerder teruggezet</h4>
          <ul className="history-restores">
            {earlier.map((r) => (
              <li key={r.backupVersionId}>
                Teruggezet door {r.person} op <time dateTime={r.atIso}>{r.at}</time>.{" "}
                {r.undone ? (
                  <span className="muted">
                    Ongedaan gemaakt door {r.undone.person} op {r.undone.at}.
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => void undo(r.backupVersionId)}
                    disabled={!ready || phase.kind === "busy"}
                  >
                    {`Terugzetten van ${r.at} ongedaan maken`}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
