// The Analyse page: one live Y.Doc session (shared hook with the Tijdlijn page), the analysis
// derived from it, and the sections: method and steps, the tree (PRISMA causal tree / SIRE
// why-chains), critical moments, PRISMA-profiel, conclusions (7a), measures and borging (7b, 7c).
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useRevalidator } from "react-router";
import type * as Y from "yjs";
import {
  flaggedNodes,
  methodCatalog,
  methodProgress,
  progressFacts,
  repairTree,
  setMethod,
  type EditContext,
} from "~/domain/analysis/index.ts";
import type { AnalysisMethod } from "~/domain/investigation-fields.ts";
import type { Role } from "~/domain/roles.ts";
import { errorMessage, userColor } from "~/components/workspace/format.ts";
import { useCollabDoc } from "~/components/collab/useCollabDoc.ts";
import { usePresence } from "~/components/collab/usePresence.ts";
import { isTextInput, type AnalysisApi } from "./api.ts";
import { Conclusions } from "./Conclusions.tsx";
import { CriticalMoments } from "./CriticalMoments.tsx";
import { MeasuresSection } from "./MeasuresSection.tsx";
import { MethodPanel } from "./MethodPanel.tsx";
import { NodeDetails } from "./NodeDetails.tsx";
import { PresenceBar } from "./PresenceBar.tsx";
import { ProfileSection } from "./ProfileSection.tsx";
import { TreeEditor } from "./TreeEditor.tsx";
import { useAnalysisSnapshot, useAnalysisUndo } from "./useAnalysis.ts";

interface Props {
  investigationId: string;
  title: string;
  method: AnalysisMethod | null;
  user: { id: string; name: string };
  role: Role;
  canEdit: boolean;
  canChangeMethod: boolean;
  today: string;
}

const METHOD_MIRROR_ORIGIN = { source: "ketenlijn-analyse-methode" };

interface Toast {
  message: string;
  /** The undo stack item of the deletion; undo only while it is still the latest step. */
  item: unknown;
  n: number;
}

export function AnalysisWorkspace({ investigationId, title, method, user, role, canEdit, canChangeMethod, today }: Props) {
  const color = useMemo(() => userColor(user.id), [user.id]);
  const presenceInfo = useMemo(() => ({ name: user.name, color }), [user.name, color]);
  const { session, state } = useCollabDoc({ investigationId, userId: user.id, canWrite: canEdit, presence: presenceInfo });
  const snap = useAnalysisSnapshot(session?.doc ?? null);
  const undo = useAnalysisUndo(session);
  const { people, editingByEvent } = usePresence(session?.awareness ?? null);
  const editable = canEdit && !state.readOnly && state.closed === null;

  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number } | null>(null);
  const [status, setStatus] = useState<{ text: string; n: number; error: boolean } | null>(null);
  const [toast, setToast] = useState<Toast | null>(null);
  const toastTimer = useRef<number | null>(null);

  const announce = useCallback((text: string, error = false) => setStatus({ text, n: Date.now(), error }), []);

  const ctx: EditContext | null = useMemo(() => (session ? { userId: user.id, origin: session.origin } : null), [session, user.id]);

  const api: AnalysisApi | null = useMemo(() => {
    if (!session || !ctx) return null;
    return {
      doc: session.doc,
      ctx,
      investigationId,
      canEdit: editable,
      run<T>(fn: (doc: Y.Doc, c: EditContext) => T, success?: string): T | undefined {
        if (!editable) {
          announce("U kunt de analyse alleen lezen.", true);
          return undefined;
        }
        try {
          const r = fn(session.doc, ctx);
          if (success) announce(success);
          return r;
        } catch (err) {
          announce(errorMessage(err), true);
          return undefined;
        }
      },
      announce: (t: string) => announce(t),
      setEditing: (key: string | null) => session.awareness.setLocalStateField("editing", key),
      focusNode: (id: string) => setFocusRequest({ id, n: Date.now() }),
      eventHref: (eventId: string) => `/onderzoeken/${investigationId}/tijdlijn?event=${encodeURIComponent(eventId)}`,
    };
  }, [session, ctx, editable, investigationId, announce]);

  // Presence: what this person works on follows the selected node (only for who may edit).
  useEffect(() => {
    if (!session) return;
    session.awareness.setLocalStateField("editing", editable && selectedId ? `node:${selectedId}` : null);
  }, [session, selectedId, editable]);

  // The method is relational; the document mirrors it so open pages learn about a change and reload it.
  const revalidator = useRevalidator();
  const docMethod = snap?.settings.method ?? null;
  const lastDocMethod = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (lastDocMethod.current !== undefined && docMethod !== lastDocMethod.current && docMethod !== method) void revalidator.revalidate();
    lastDocMethod.current = docMethod;
  }, [docMethod]);
  const onMethodSaved = useCallback(
    (m: AnalysisMethod) => {
      if (session && ctx && editable) {
        try {
          // Its own origin: the mirror is not an edit the user should undo with Ctrl+Z.
          setMethod(session.doc, { userId: ctx.userId, origin: METHOD_MIRROR_ORIGIN }, m);
        } catch {
          // the mirror is a courtesy for other open pages; the database has the method
        }
      }
    },
    [session, ctx, editable],
  );

  const onDeleted = useCallback(
    (message: string) => {
      const item = undo?.undoManager.undoStack[undo.undoManager.undoStack.length - 1] ?? null;
      setToast({ message, item, n: Date.now() });
    },
    [undo],
  );
  useEffect(() => {
    if (!toast) return;
    if (toastTimer.current) window.clearTimeout(toastTimer.current);
    toastTimer.current = window.setTimeout(() => setToast((t) => (t && t.n === toast.n ? null : t)), 20_000);
    return () => {
      if (toastTimer.current) window.clearTimeout(toastTimer.current);
    };
  }, [toast]);

  const undoDelete = () => {
    if (!toast || !undo) return;
    const stack = undo.undoManager.undoStack;
    if (stack[stack.length - 1] === toast.item) {
      undo.undoManager.undo();
      announce(`${toast.message.replace(/ verwijderd$/, "")} teruggezet.`);
    } else announce("Dit kan niet meer ongedaan worden gemaakt: er is intussen iets anders gewijzigd. Gebruik Ctrl+Z.", true);
    setToast(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!undo || !editable || isTextInput(e.target)) return;
    const mod = e.ctrlKey || e.metaKey;
    if (!mod) return;
    const k = e.key.toLowerCase();
    if (k === "z" && !e.shiftKey) {
      e.preventDefault();
      if (undo.canUndo) {
        undo.undoManager.undo();
        announce("Ongedaan gemaakt.");
      } else announce("Er is niets om ongedaan te maken.");
    } else if ((k === "z" && e.shiftKey) || k === "y") {
      e.preventDefault();
      if (undo.canRedo) {
        undo.undoManager.redo();
        announce("Opnieuw gedaan.");
      } else announce("Er is niets om opnieuw te doen.");
    }
  };

  const mode: "tree" | "sire" = method === "sire" ? "sire" : "tree";
  const progress = useMemo(() => {
    if (!session || !snap) return methodProgress(null, { tree: { top: null, roots: [], criticalMoments: [], recovery: [], byId: new Map(), invalid: [] }, measures: [], eventCount: 0, periodCount: 0, conclusionsText: "", methodNote: "", marks: new Map() });
    return methodProgress(method, progressFacts(session.doc));
  }, [session, snap?.version, method]);

  const editorsByKey = useMemo(() => {
    const out: Record<string, { name: string; color: string }[]> = {};
    for (const [k, v] of Object.entries(editingByEvent)) out[k] = v;
    return out;
  }, [editingByEvent]);
  const editorsByNode = useMemo(() => {
    const out: Record<string, { name: string; color: string }[]> = {};
    for (const [k, v] of Object.entries(editingByEvent)) if (k.startsWith("node:")) out[k.slice(5)] = v;
    return out;
  }, [editingByEvent]);

  const readOnlyNote =
    role === "toezichthouder"
      ? "U kunt de analyse lezen. Als toezichthouder wijzigt u niets in de werkruimte."
      : role === "ketenpartner"
        ? "U kunt de analyse lezen. De procesbegeleider en de onderzoekers bewerken haar; uw feiten en reacties geeft u op de tijdlijn en in de commentaarrondes."
        : "U kunt de analyse op dit moment alleen lezen.";

  const flagged = snap ? flaggedNodes(snap.tree) : [];
  const selectedNode = snap && selectedId ? (snap.tree.byId.get(selectedId) ?? null) : null;
  const showMoments = !!snap && (mode === "sire" || snap.tree.criticalMoments.length > 0);
  const treeHeading = mode === "sire" ? "Waarom-ketens" : method === "prisma" || method === "dam" ? "Oorzakenboom" : "Oorzaken";

  return (
    <div className="analysis-workspace" onKeyDown={onKeyDown}>
      <div className="analysis-header">
        <div>
          <h2 className="analysis-title">Analyse</h2>
          <p className="muted analysis-subtitle">Bijlage 1, onderdelen 4g en 7a–7c</p>
        </div>
        <ConnectionBadge status={state.status} ready={state.ready} />
        <PresenceBar people={people} snap={snap} />
      </div>
      {state.closed ? (
        <p className="alert alert--error" role="alert">
          {state.closed.code === 4403 ? "U heeft geen toegang meer tot dit onderzoek." : "De verbinding met de server is beëindigd. Laad de pagina opnieuw."}
        </p>
      ) : null}
      {!editable && !state.closed ? <p className="alert alert--ok analysis-readonly">{readOnlyNote}</p> : null}

      <p className={`analysis-status${status?.error ? " analysis-status--error" : ""}`} role="status" aria-live="polite">
        {status ? <span key={status.n}>{status.text}</span> : null}
      </p>

      {!session || !snap || !api || !state.ready ? (
        <p className="empty" aria-busy="true">
          De analyse wordt geladen…
        </p>
      ) : (
        <>
          <MethodPanel api={api} method={method} progress={progress} canChangeMethod={canChangeMethod} onMethodSaved={onMethodSaved} />

          <nav className="analysis-toc" aria-label="Onderdelen van de analyse">
            <a href="#analyse-boom">{treeHeading}</a>
            {showMoments ? <a href="#analyse-kritieke-momenten">Kritieke momenten</a> : null}
            <a href="#analyse-profiel">PRISMA-profiel</a>
            <a href="#analyse-conclusies">Conclusies (7a)</a>
            <a href="#analyse-maatregelen">Maatregelen (7b, 7c)</a>
          </nav>

          <section className="analysis-section" aria-labelledby="analyse-boom">
            <h2 id="analyse-boom" tabIndex={-1}>
              {treeHeading}
            </h2>
            {flagged.length || snap.tree.invalid.length ? (
              <div className="alert alert--warn tree-notices" role="note">
                <p>
                  <strong>Let op:</strong> door gelijktijdige wijzigingen {flagged.length === 1 ? "staat 1 knoop" : `staan ${flagged.length} knopen`} op een
                  andere plek dan bedoeld. Niets is verloren gegaan.
                </p>
                <ul>
                  {flagged.map((n) => (
                    <li key={n.id}>
                      <button type="button" className="button--link" onClick={() => api.focusNode(n.id)}>
                        {n.label.trim() || "Knoop zonder omschrijving"}
                      </button>
                      : {n.flags.map((f) => f.message).join(" ")}
                    </li>
                  ))}
                  {snap.tree.invalid.map((e) => (
                    <li key={e.id}>{e.reason}</li>
                  ))}
                </ul>
                {editable && flagged.length ? (
                  <button type="button" className="button button--secondary button--small" onClick={() => api.run((doc, c) => repairTree(doc, c), "De knopen staan nu vast op hun getoonde plek.")}>
                    Laat alles staan zoals getoond
                  </button>
                ) : null}
              </div>
            ) : null}
            <div className="tree-layout">
              <TreeEditor
                api={api}
                snap={snap}
                title={title}
                selectedId={selectedId}
                onSelect={setSelectedId}
                editorsByNode={editorsByNode}
                focusRequest={focusRequest}
                undo={undo}
                onDeleted={onDeleted}
                mode={mode}
              />
              <NodeDetails api={api} snap={snap} node={selectedNode} measures={snap.measures} editors={selectedId ? (editorsByNode[selectedId] ?? []) : []} />
            </div>
          </section>

          {showMoments ? (
            <section className="analysis-section" aria-labelledby="analyse-kritieke-momenten">
              <CriticalMoments api={api} snap={snap} headingId="analyse-kritieke-momenten" />
            </section>
          ) : null}

          <section className="analysis-section" aria-labelledby="analyse-profiel">
            <ProfileSection tree={snap.tree} headingId="analyse-profiel" />
          </section>

          <section className="analysis-section" aria-labelledby="analyse-conclusies">
            <h2 id="analyse-conclusies">Conclusies (7a)</h2>
            <p className="muted">Wat concludeert de commissie uit de analyse? Iedereen die de analyse bewerkt, schrijft hier tegelijk aan mee.</p>
            <Conclusions
              session={session}
              editable={editable}
              user={{ id: user.id, name: user.name, color }}
              headingId="analyse-conclusies"
              onFocusChange={(f) => session.awareness.setLocalStateField("editing", f ? "section:7a" : selectedId && editable ? `node:${selectedId}` : null)}
            />
          </section>

          <section className="analysis-section" aria-labelledby="analyse-maatregelen">
            <MeasuresSection api={api} snap={snap} today={today} headingId="analyse-maatregelen" editorsByKey={editorsByKey} onDeleted={onDeleted} />
          </section>
        </>
      )}

      {toast ? (
        <div className="toast" role="status">
          <span>{toast.message}</span>
          <button type="button" className="button button--small" onClick={undoDelete}>
            Ongedaan maken
          </button>
          <button type="button" className="button--link toast__close" onClick={() => setToast(null)} aria-label="Melding sluiten">
            Sluiten
          </button>
        </div>
      ) : null}
      {method && !methodCatalog.byId.has(method) ? <p className="alert alert--warn">Onbekende analysemethode.</p> : null}
    </div>
  );
}

function ConnectionBadge({ status, ready }: { status: "connecting" | "connected" | "disconnected"; ready: boolean }) {
  const text = status === "connected" ? "Live verbonden" : status === "connecting" ? (ready ? "Opnieuw verbinden…" : "Verbinden…") : "Niet verbonden – wijzigingen worden bewaard en later verstuurd";
  return (
    <span className={`connection-badge connection-badge--${status}`}>
      <span aria-hidden="true" className="connection-badge__dot" />
      {text}
    </span>
  );
}
