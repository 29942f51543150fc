// The Tijdlijn page on the client: one Y.Doc, the chart and the feitenrelaas over the same data,
// the editor panel, presence, undo/redo and the import. Loaded lazily by the route, so the server
// renders only a skeleton and never loads Yjs providers or vis.
import { RestoreNotice } from "~/components/history/RestoreNotice.tsx";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type MutableRefObject } from "react";
import { canEditEvent, canManageTimelineStructure, updateEvent } from "~/domain/timeline/mutations.ts";
import type { TimelineEvent } from "~/domain/timeline/schema.ts";
import { LIFE_DOMAINS } from "~/domain/timeline/vocabulary.ts";
import { TimelineChartPanel, type ChartEvent } from "./Chart.tsx";
import { EventEditor } from "./EventEditor.tsx";
import { NO_FILTER, filterEvents, filterInvalid, isFiltering, statusFilterFrom, type TimelineFilter } from "./filters.ts";
import { errorMessage, SAVED_LOCALLY, userColor } from "./format.ts";
import { ImportDialog } from "./ImportDialog.tsx";
import { ConnectionBanner, PresenceList, Toast, type ToastMessage } from "./StatusBar.tsx";
import { StructurePanel } from "./StructurePanel.tsx";
import { TimelineFilters } from "./TimelineFilters.tsx";
import { focusRow, TimelineTable } from "./TimelineTable.tsx";
import type { Organisation, WorkspaceUser } from "./types.ts";
import { WorkspaceSkeleton } from "./Skeleton.tsx";
import { useCollabDoc } from "~/components/collab/useCollabDoc.ts";
import { usePresence } from "~/components/collab/usePresence.ts";
import { TimelineStore, useTimeline } from "./useTimeline.ts";

export interface TimelineWorkspaceProps {
  investigationId: string;
  user: WorkspaceUser;
  organisations: Organisation[];
  /** user id → name, for "toegevoegd door". */
  members: Record<string, string>;
}

type Editor = { kind: "closed" } | { kind: "event"; id: string } | { kind: "new" };

const CHART_PREF = "ketenlijn:tijdlijn:grafiek";

function isTextTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT";
}

export default function TimelineWorkspace({ investigationId, user, organisations, members }: TimelineWorkspaceProps) {
  const presenceMe = useMemo(() => ({ name: user.name, color: userColor(user.id) }), [user.name, user.id]);
  const { session, state, dismissNotice } = useCollabDoc({
    investigationId,
    userId: user.id,
    canWrite: user.canWrite,
    presence: presenceMe,
  });

  const [store, setStore] = useState<TimelineStore | null>(null);
  useEffect(() => {
    if (!session) return;
    const s = new TimelineStore(session.doc);
    setStore(s);
    return () => {
      s.destroy();
      setStore(null);
    };
  }, [session]);
  const view = useTimeline(store);
  const { people, editingByEvent, viewingByEvent } = usePresence(session?.awareness ?? null);

  const connected = !state.offline && state.status === "connected" && state.synced;
  const writable = user.canWrite && !state.readOnly && !state.closed;
  const effectiveUser = useMemo<WorkspaceUser>(() => ({ ...user, canWrite: writable }), [user, writable]);
  const manager = writable && canManageTimelineStructure(user.role);
  const ownLanes = useMemo(
    () => (writable ? view.parties.filter((p) => canEditEvent(user.role, user.organisationId, p.value)) : []),
    [view.parties, user.role, user.organisationId, writable],
  );
  const canAdd = ownLanes.length > 0;

  // A link may open the table filtered on status (`?status=niet-bevestigd`, from the report's 5a).
  const [filter, setFilter] = useState<TimelineFilter>(() => ({ ...NO_FILTER, status: statusFilterFrom(window.location.search) }));
  const [editor, setEditor] = useState<Editor>({ kind: "closed" });
  const [structureOpen, setStructureOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [toast, setToast] = useState<ToastMessage | null>(null);
  const [showChart, setShowChart] = useState(() => {
    try {
      return localStorage.getItem(CHART_PREF) !== "hidden";
    } catch {
      return true;
    }
  });
  const toggleChart = () => {
    setShowChart((v) => {
      try {
        localStorage.setItem(CHART_PREF, v ? "hidden" : "shown");
      } catch {
        // Private mode: the choice just is not remembered.
      }
      return !v;
    });
  };
  const closeEditorRef = useRef<() => void>(() => {});
  const partyNameRef = useRef<HTMLInputElement>(null);
  const addButtonRef = useRef<HTMLButtonElement>(null);
  const toastSeq = useRef(0);
  const showToast = useCallback((t: Omit<ToastMessage, "id">) => setToast({ ...t, id: ++toastSeq.current }), []);

  const selectedId = editor.kind === "event" ? editor.id : null;

  // Presence: which fact this person is working on (for others' tables and chart). Only when they
  // may edit it: someone who may only read it (or comment, or dispute) is not "editing" it.
  const selectedEntry = selectedId ? view.eventById.get(selectedId) : undefined;
  const workingOn =
    selectedId &&
    writable &&
    selectedEntry?.ok &&
    canEditEvent(user.role, user.organisationId, view.partyById.get(selectedEntry.value.party))
      ? selectedId
      : null;
  useEffect(() => {
    session?.awareness.setLocalStateField("editing", workingOn);
  }, [session, workingOn]);
  // Someone who may only read the open fact is shown as "bekijkt dit", never as editing it.
  const viewingOn = selectedId && !workingOn ? selectedId : null;
  useEffect(() => {
    session?.awareness.setLocalStateField("viewing", viewingOn);
  }, [session, viewingOn]);

  // Undo / redo of this page's own changes only.
  const [undoState, setUndoState] = useState({ undo: false, redo: false });
  useEffect(() => {
    const um = session?.undoManager;
    if (!um) return;
    const update = () => setUndoState({ undo: um.undoStack.length > 0, redo: um.redoStack.length > 0 });
    um.on("stack-item-added", update);
    um.on("stack-item-popped", update);
    um.on("stack-cleared", update);
    update();
    return () => {
      um.off("stack-item-added", update);
      um.off("stack-item-popped", update);
      um.off("stack-cleared", update);
    };
  }, [session]);
  const undo = useCallback(() => {
    if (writable) session?.undoManager.undo();
  }, [session, writable]);
  const redo = useCallback(() => {
    if (writable) session?.undoManager.redo();
  }, [session, writable]);

  const openEvent = useCallback((id: string | null) => {
    if (id === null) {
      closeEditorRef.current();
      return;
    }
    setEditor({ kind: "event", id });
  }, []);

  // A link to one fact (`?event=<id>`, e.g. evidence cited in the analysis) opens it once loaded.
  const linkedEventHandled = useRef(false);
  useEffect(() => {
    if (linkedEventHandled.current || !state.ready) return;
    const id = new URLSearchParams(window.location.search).get("event");
    if (!id) {
      linkedEventHandled.current = true;
      return;
    }
    if (!view.eventById.has(id)) return; // may still arrive with the first sync
    linkedEventHandled.current = true;
    setEditor({ kind: "event", id });
    setTimeout(() => focusRow(id), 0);
  }, [state.ready, view.eventById]);

  const closeEditor = useCallback(() => {
    const prev = editor;
    setEditor({ kind: "closed" });
    // Back to where the user came from: the fact's row, or the add button.
    setTimeout(() => {
      if (prev.kind === "event" && focusRow(prev.id)) return;
      addButtonRef.current?.focus();
    }, 0);
  }, [editor]);

  // Keyboard: Escape closes the editor; Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (importOpen) return; // the dialog handles its own keys
      if (e.key === "Escape" && editor.kind !== "closed" && !e.defaultPrevented) {
        const target = e.target as HTMLElement | null;
        if (target?.closest("details:not([open])")) return;
        e.preventDefault();
        closeEditorRef.current();
        return;
      }
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey || isTextTarget(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === "z" && !e.shiftKey) {
        e.preventDefault();
        undo();
      } else if ((key === "z" && e.shiftKey) || key === "y") {
        e.preventDefault();
        redo();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [editor.kind, importOpen, undo, redo]);

  // Typing in the search field stays responsive with thousands of facts: the list follows a beat later.
  const deferredFilter = useDeferredValue(filter);
  const filtered = useMemo(() => filterEvents(view.events, view.partyById, view.periods, deferredFilter), [view, deferredFilter]);
  const invalidShown = useMemo(() => filterInvalid(view.invalidEvents, deferredFilter), [view.invalidEvents, deferredFilter]);
  const lifeDomains = useMemo(() => {
    const extra = new Set<string>();
    for (const e of view.events) for (const d of e.value.lifeDomains) if (!LIFE_DOMAINS.some((k) => k.key === d)) extra.add(d);
    return [...LIFE_DOMAINS.map((d) => d.key as string), ...[...extra].sort((a, b) => a.localeCompare(b, "nl"))];
  }, [view.events]);

  // Filtering on one party narrows the chart to that lane too.
  const chartParties = useMemo(
    () =>
      view.parties
        .filter((p) => !deferredFilter.party || p.id === deferredFilter.party)
        .map((p) => ({ id: p.id, name: p.value.name, domain: p.value.domain })),
    [view.parties, deferredFilter.party],
  );
  const chartPeriods = useMemo(
    () => view.periods.map((p) => ({ id: p.id, label: p.value.label, start: p.value.start, end: p.value.end })),
    [view.periods],
  );
  // One ChartEvent per (cached, unchanged) event object, so the chart's own memo sees what changed.
  const chartEventCache = useRef(new WeakMap<TimelineEvent, ChartEvent>());
  const chartEvents = useMemo<ChartEvent[]>(
    () =>
      filtered.map(({ id, value: v }) => {
        let c = chartEventCache.current.get(v);
        if (!c || c.id !== id) {
          c = {
            id,
            title: v.title,
            party: v.party,
            start: v.start,
            ...(v.end ? { end: v.end } : {}),
            approximate: v.approximate,
            kind: v.kind,
            flags: v.flags,
            status: v.status,
          };
          chartEventCache.current.set(v, c);
        }
        return c;
      }),
    [filtered],
  );
  const canMove = useCallback(
    (eventId: string) => {
      if (!writable) return false;
      const e = view.eventById.get(eventId);
      return !!e?.ok && canEditEvent(user.role, user.organisationId, view.partyById.get(e.value.party));
    },
    [writable, view, user.role, user.organisationId],
  );
  const onMove = useCallback(
    (eventId: string, start: string, end: string | undefined) => {
      if (!session || !canMove(eventId)) return;
      try {
        updateEvent(session.doc, eventId, { start, end: end ?? null }, { userId: user.id, origin: session.origin });
      } catch (err) {
        showToast({ text: errorMessage(err, "Het feit kon niet worden verplaatst."), tone: "error" });
      }
    },
    [session, canMove, user.id, showToast],
  );

  if (!session || !state.ready) {
    return (
      <div className="workspace">
        <div className="ws-toolbar">
          <ConnectionBanner state={state} />
        </div>
        <WorkspaceSkeleton label={state.closed ? undefined : "Tijdlijn laden…"} />
      </div>
    );
  }

  const totalEvents = view.events.length + view.invalidEvents.length;
  const empty =
    totalEvents === 0 ? (
      <div className="empty ws-empty">
        {!state.serverSynced && view.parties.length === 0 ? (
          <p>Er is nog geen verbinding met de server. De tijdlijn verschijnt zodra er verbinding is.</p>
        ) : view.parties.length === 0 ? (
          manager ? (
            <>
              <p>
                <strong>Deze tijdlijn is nog leeg.</strong> Begin met de partijen: één baan per organisatie die bij het gezin betrokken was.
                Daarna voegen de ketenpartners hun feiten toe.
              </p>
              <button
                type="button"
                className="button"
                onClick={() => {
                  setStructureOpen(true);
                  setTimeout(() => partyNameRef.current?.focus(), 0);
                }}
              >
                Eerste partij toevoegen
              </button>
            </>
          ) : (
            <p>De tijdlijn is nog leeg. Zodra de procesbegeleider de partijen heeft aangemaakt, kunnen de feiten worden toegevoegd.</p>
          )
        ) : canAdd ? (
          <>
            <p>
              <strong>Nog geen feiten.</strong> Voeg het eerste feit toe, of importeer het feitenrelaas van uw organisatie uit Excel.
            </p>
            <div className="actions ws-empty__actions">
              <button type="button" className="button" onClick={() => setEditor({ kind: "new" })}>
                Feit toevoegen
              </button>
              <button type="button" className="button button--secondary" onClick={() => setImportOpen(true)}>
                Feiten importeren
              </button>
            </div>
          </>
        ) : writable ? (
          <p>Nog geen feiten. Er is nog geen tijdlijnbaan voor uw organisatie; vraag de procesbegeleider die aan te maken.</p>
        ) : (
          <p>Er staan nog geen feiten op de tijdlijn.</p>
        )}
      </div>
    ) : (
      <div className="empty ws-empty">
        <p>Geen feiten gevonden met deze filters.</p>
        <button type="button" className="button button--secondary" onClick={() => setFilter(NO_FILTER)}>
          Filters wissen
        </button>
      </div>
    );

  return (
    <div className="workspace" data-ready="true">
      <a
        className="skip-link"
        href="#ws-feiten"
        onClick={(e) => {
          const row = document.querySelector<HTMLElement>('#ws-feiten tbody tr[tabindex="0"]');
          if (row) {
            e.preventDefault();
            row.focus();
          }
        }}
      >
        Naar de tabel met feiten
      </a>
      <RestoreNotice doc={session.doc} userId={user.id} investigationId={investigationId} />
      <div className="ws-toolbar">
        <div className="ws-toolbar__status">
          <ConnectionBanner state={state} />
          <PresenceList people={people} />
        </div>
        <div className="ws-toolbar__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-expanded={showChart}
            aria-controls="ws-chart"
            onClick={toggleChart}
          >
            {showChart ? "Grafiek verbergen" : "Grafiek tonen"}
          </button>
          {writable ? (
            <>
              <div className="ws-undo" role="group" aria-label="Ongedaan maken en opnieuw">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={undo}
                  disabled={!undoState.undo}
                  aria-keyshortcuts="Control+Z"
                >
                  <span aria-hidden="true">↶ </span>Ongedaan maken
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={redo}
                  disabled={!undoState.redo}
                  aria-keyshortcuts="Control+Shift+Z"
                >
                  <span aria-hidden="true">↷ </span>Opnieuw
                </button>
              </div>
              {canAdd || manager ? (
                <button type="button" className="button button--secondary button--small" onClick={() => setImportOpen(true)}>
                  Importeren
                </button>
              ) : null}
              <button
                type="button"
                ref={addButtonRef}
                className="button button--small"
                onClick={() => setEditor({ kind: "new" })}
                disabled={!canAdd}
                aria-describedby={canAdd ? undefined : "ws-add-why"}
              >
                Feit toevoegen
              </button>
              {!canAdd ? (
                <span id="ws-add-why" className="visually-hidden">
                  Er is nog geen tijdlijnbaan van uw organisatie.
                </span>
              ) : null}
            </>
          ) : null}
        </div>
      </div>

      {state.notice ? (
        <div className="alert alert--warn ws-notice" role="alert">
          {state.notice}{" "}
          <button type="button" className="button--link" onClick={dismissNotice}>
            Sluiten
          </button>
        </div>
      ) : null}
      {view.invalidParties.length + view.invalidPeriods.length > 0 ? (
        <div className="alert alert--warn">
          Ongeldige invoer in de tijdlijnindeling: {view.invalidParties.length} partij(en) en {view.invalidPeriods.length} periode(n) worden
          niet getoond.
          <ul className="ws-errors">
            {[...view.invalidParties, ...view.invalidPeriods].slice(0, 5).map((e) => (
              <li key={e.id}>{e.errors.join(" ")}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {manager ? (
        <StructurePanel
          ref={partyNameRef}
          doc={session.doc}
          origin={session.origin}
          parties={view.parties}
          periods={view.periods}
          organisations={organisations}
          userId={user.id}
          open={structureOpen}
          onToggle={setStructureOpen}
          onDone={(text) => showToast({ text })}
        />
      ) : null}

      <div className="ws-chart" id="ws-chart" hidden={!showChart}>
        {!showChart ? null : view.parties.length > 0 ? (
          <TimelineChartPanel
            parties={chartParties}
            periods={chartPeriods}
            events={chartEvents}
            selectedId={selectedId}
            canMove={canMove}
            onSelect={openEvent}
            onMove={onMove}
            presence={editingByEvent}
            height={340}
          />
        ) : (
          <p className="ws-chart__placeholder">Er zijn nog geen partijen, dus nog geen banen om te tonen.</p>
        )}
      </div>

      <div className={`ws-main${editor.kind !== "closed" ? " ws-main--editing" : ""}`}>
        <section className="ws-list" aria-labelledby="ws-h-list">
          <h2 id="ws-h-list" className="ws-h">
            Feitenrelaas
          </h2>
          <TimelineFilters
            value={filter}
            onChange={setFilter}
            parties={view.parties}
            periods={view.periods}
            lifeDomains={lifeDomains}
            shown={filtered.length + (isFiltering(deferredFilter) ? invalidShown.length : 0)}
            total={totalEvents}
          />
          <TimelineTable
            events={filtered}
            invalid={invalidShown}
            partyById={view.partyById}
            selectedId={selectedId}
            onOpen={openEvent}
            editingByEvent={editingByEvent}
            viewingByEvent={viewingByEvent}
            empty={empty}
            compact={editor.kind !== "closed"}
          />
        </section>
        {editor.kind !== "closed" ? (
          <aside className="ws-side" aria-label="Feit">
            <EditorHost
              key={editor.kind === "event" ? editor.id : "new"}
              closeRef={closeEditorRef}
              onClose={closeEditor}
              connected={connected}
              doc={session.doc}
              origin={session.origin}
              user={effectiveUser}
              view={view}
              eventId={selectedId}
              defaultParty={filter.party || undefined}
              members={members}
              othersEditing={selectedId ? (editingByEvent[selectedId] ?? []) : []}
              onCreated={(id, warning) => {
                setEditor({ kind: "event", id });
                const saved = connected ? "Feit toegevoegd." : `Feit toegevoegd. ${SAVED_LOCALLY}`;
                showToast({ text: warning ? `${saved} ${warning}` : saved });
              }}
              onDeleted={(id) => {
                const um = session.undoManager;
                const item = um.undoStack[um.undoStack.length - 1];
                setEditor({ kind: "closed" });
                setTimeout(() => addButtonRef.current?.focus(), 0);
                showToast({
                  text: "Feit verwijderd —",
                  action: {
                    label: "Ongedaan maken",
                    run: () => {
                      // Only when nothing else of ours happened since; otherwise the toolbar's undo is the way.
                      if (um.undoStack[um.undoStack.length - 1] === item) {
                        um.undo();
                        setEditor({ kind: "event", id });
                      }
                    },
                  },
                });
              }}
            />
          </aside>
        ) : null}
      </div>

      <Toast toast={toast} onClose={() => setToast(null)} />
      {importOpen ? (
        <ImportDialog
          doc={session.doc}
          origin={session.origin}
          provider={session.provider}
          undoManager={session.undoManager}
          user={effectiveUser}
          parties={view.parties}
          onClose={() => setImportOpen(false)}
          onImported={(count) => {
            setImportOpen(false);
            const um = session.undoManager;
            const item = um.undoStack[um.undoStack.length - 1];
            showToast({
              text: `${count} ${count === 1 ? "feit" : "feiten"} geïmporteerd en opgeslagen —`,
              action: {
                label: "Ongedaan maken",
                run: () => {
                  if (um.undoStack[um.undoStack.length - 1] === item) um.undo();
                },
              },
            });
          }}
        />
      ) : null}
    </div>
  );
}

/** The editor, with its close request (which may ask about unsaved changes) exposed to the page. */
function EditorHost(props: Parameters<typeof EventEditor>[0] & { closeRef: MutableRefObject<() => void> }) {
  const { closeRef, ...rest } = props;
  return <EventEditor {...rest} registerClose={(fn) => (closeRef.current = fn)} />;
}
