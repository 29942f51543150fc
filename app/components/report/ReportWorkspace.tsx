// The Rapport page: the checklist as an outline with each item's status, what is missing and where
// it is filled in; the narrative sections written live (one editor open at a time, the others
// shown as text); who is working here now; the .docx export. One collaboration connection for the
// page (useCollabDoc); the statuses of the narrative items follow the texts as people type, the
// others are fetched again shortly after the timeline or analysis changes.
import { PresenceChips } from "~/components/collab/PresenceChips.tsx";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { ReportAudience } from "~/domain/report/model.ts";
import { ITEM_STATUS_LABELS } from "~/domain/report/model.ts";
import type { Role } from "~/domain/roles.ts";
import type { FrozenBlock } from "~/domain/rounds/frozen.ts";
import { userColor } from "~/components/workspace/format.ts";
import { useCollabDoc, type CollabState } from "~/components/collab/useCollabDoc.ts";
import { usePresence } from "~/components/collab/usePresence.ts";
import { ExportPanel } from "./ExportPanel.tsx";
import { isLiveNarrative, summarise, summaryLine, withLiveStatus, type OutlineChapter, type OutlineItem } from "~/domain/report/outline.ts";
import { StatusBadge } from "./StatusBadge.tsx";
import { useRefreshOnDataChange } from "./useRefreshOnDataChange.ts";
import { useSectionBlocks } from "./useSectionBlocks.ts";

// Client only, and only when someone opens a section: TipTap is not needed to read the page.
const SectionEditor = lazy(() => import("./SectionEditor.tsx"));

interface Props {
  investigationId: string;
  user: { id: string; name: string };
  role: Role;
  canWrite: boolean;
  audiences: readonly ReportAudience[];
  checklistName: string;
  chapters: OutlineChapter[];
  /** Section texts as stored when the page was loaded. */
  sections: Record<string, FrozenBlock[]>;
  computed: boolean;
}

/** Longer lists of what is missing (7b can have dozens) fold away after this many. */
const MISSING_SHOWN = 5;

const itemAnchor = (id: string) => `onderdeel-${id}`;
const headingId = (id: string) => `onderdeel-${id}-kop`;
const writeButtonId = (id: string) => `onderdeel-${id}-schrijven`;

export function ReportWorkspace({ investigationId, user, role, canWrite, audiences, checklistName, chapters, sections, computed }: Props) {
  const color = useMemo(() => userColor(user.id), [user.id]);
  const presenceInfo = useMemo(() => ({ name: user.name, color }), [user.name, color]);
  const { session, state } = useCollabDoc({ investigationId, userId: user.id, canWrite, presence: presenceInfo });
  const { people, editingByEvent } = usePresence(session?.awareness ?? null);
  // Texts and statuses follow the live document once it has synced with the server; before that
  // (and when it cannot connect) the page shows what the server loaded.
  const live = !!session && state.serverSynced;
  const editable = canWrite && !state.readOnly && state.closed === null;

  const textIds = useMemo(
    () =>
      chapters
        .flatMap((c) => c.items)
        .filter((i) => i.writtenHere || i.writtenElsewhere)
        .map((i) => i.id),
    [chapters],
  );
  const liveBlocks = useSectionBlocks(live ? session.doc : null, textIds);
  useRefreshOnDataChange(live ? session.doc : null);
  const shown = useMemo(() => (liveBlocks ? withLiveStatus(chapters, liveBlocks) : chapters), [chapters, liveBlocks]);
  const summary = useMemo(() => summarise(shown), [shown]);
  const blocksOf = useCallback((id: string): readonly FrozenBlock[] => liveBlocks?.get(id) ?? sections[id] ?? [], [liveBlocks, sections]);

  const [openId, setOpenId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<{ text: string; n: number } | null>(null);
  const focusAfterClose = useRef<string | null>(null);

  // Presence: which section this person is writing in.
  useEffect(() => {
    session?.awareness.setLocalStateField("editing", openId && editable ? `section:${openId}` : null);
  }, [session, openId, editable]);
  useEffect(() => {
    if (!editable) setOpenId(null);
  }, [editable]);
  useEffect(() => {
    if (openId !== null || !focusAfterClose.current) return;
    document.getElementById(writeButtonId(focusAfterClose.current))?.focus();
    focusAfterClose.current = null;
  }, [openId]);

  // Announce the status of the open section when it changes (typing turns "Leeg" into "Gereed").
  const openStatus = openId ? (shown.flatMap((c) => c.items).find((i) => i.id === openId)?.status ?? null) : null;
  const lastOpenStatus = useRef<{ id: string | null; status: string | null }>({ id: null, status: null });
  useEffect(() => {
    const last = lastOpenStatus.current;
    if (openId && last.id === openId && last.status !== openStatus && openStatus) {
      setAnnouncement({ text: `Onderdeel ${openId} is nu ${ITEM_STATUS_LABELS[openStatus].toLowerCase()}.`, n: Date.now() });
    }
    lastOpenStatus.current = { id: openId, status: openStatus };
  }, [openId, openStatus]);

  const open = useCallback((id: string) => setOpenId(id), []);
  const close = useCallback(() => {
    setOpenId((current) => {
      focusAfterClose.current = current;
      return null;
    });
  }, []);

  const readOnlyNote =
    role === "toezichthouder"
      ? "U kunt het rapport lezen. Als toezichthouder wijzigt u niets in de werkruimte."
      : role === "ketenpartner"
        ? "U kunt de rapportteksten lezen. De procesbegeleider en de onderzoekers schrijven ze; uw reactie geeft u in de commentaarrondes."
        : "U kunt de rapportteksten op dit moment alleen lezen.";

  return (
    <div className="report-workspace">
      <div className="report-header">
        <div>
          <h2 className="report-title">Rapport</h2>
          <p className="muted report-subtitle">{checklistName}</p>
        </div>
        <ConnectionBadge state={state} />
        <PresenceChips people={people} title="Wie werkt hier nu:" describe={describe} />
      </div>

      {state.closed ? (
        <p className="alert alert--error" role="alert">
          {state.closed.code === 4403
            ? "U heeft geen toegang meer tot dit onderzoek."
            : state.closed.code === 4409
              ? "Uw laatste wijziging is geweigerd en niet opgeslagen. Laad de pagina opnieuw om verder te schrijven."
              : "De verbinding met de server is beëindigd. Laad de pagina opnieuw."}
        </p>
      ) : null}
      {!editable && !state.closed ? <p className="alert alert--ok report-readonly">{readOnlyNote}</p> : null}
      {!computed ? (
        <p className="alert alert--warn" role="note">
          De volledigheid kon niet volledig worden berekend. De status van de teksten is een schatting; van de overige onderdelen is de status onbekend.
        </p>
      ) : null}

      <div className="report-top">
        <Summary summary={summary} />
        {audiences.length ? <ExportPanel investigationId={investigationId} audiences={audiences} /> : null}
      </div>

      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement ? <span key={announcement.n}>{announcement.text}</span> : null}
      </p>

      <div className="report-outline">
        {shown.map((ch) => (
          <section key={ch.number} className="report-chapter" aria-labelledby={`hoofdstuk-${ch.number}`}>
            <h2 id={`hoofdstuk-${ch.number}`}>
              {ch.number}. {ch.heading}
            </h2>
            <ol className="report-items" role="list">
              {ch.items.map((item) => (
                <ReportItem
                  key={item.id}
                  item={item}
                  investigationId={investigationId}
                  blocks={blocksOf(item.id)}
                  isOpen={openId === item.id}
                  canOpen={editable && item.writtenHere}
                  live={live}
                  others={editingByEvent[`section:${item.id}`] ?? []}
                  onOpen={open}
                  onClose={close}
                  editor={
                    openId === item.id && session && live ? (
                      <Suspense
                        fallback={
                          <p className="muted" role="status">
                            Editor wordt geladen…
                          </p>
                        }
                      >
                        <SectionEditor
                          session={session}
                          itemId={item.id}
                          editable={editable}
                          user={{ id: user.id, name: user.name, color }}
                          labelledBy={headingId(item.id)}
                          describedBy={`${itemAnchor(item.id)}-hulp`}
                          onClose={close}
                        />
                      </Suspense>
                    ) : null
                  }
                />
              ))}
            </ol>
          </section>
        ))}
      </div>
    </div>
  );
}

function Summary({ summary }: { summary: ReturnType<typeof summarise> }) {
  const parts = [
    summary.inConcept ? `${summary.inConcept} in concept` : null,
    summary.leeg ? `${summary.leeg} leeg` : null,
    summary.unknown ? `${summary.unknown} onbekend` : null,
  ].filter(Boolean);
  return (
    <section className="panel report-summary" aria-labelledby="rapport-volledigheid">
      <h2 id="rapport-volledigheid">Volledigheid</h2>
      <p className="report-summary__line" data-testid="rapport-samenvatting">
        <strong>{summaryLine(summary)}</strong>
        {parts.length ? <span className="muted"> · {parts.join(" · ")}</span> : null}
      </p>
      <meter className="report-summary__meter" min={0} max={summary.total} value={summary.gereed} aria-label={summaryLine(summary)} />
      {summary.open.length ? (
        <>
          <h3 className="report-summary__subhead">Nog nodig voor een volledig rapport</h3>
          <ul className="report-summary__open">
            {summary.open.map((o) => (
              <li key={o.id}>
                <a href={`#${itemAnchor(o.id)}`}>
                  {o.id} {o.heading}
                </a>
                {o.status ? <span className="muted"> ({ITEM_STATUS_LABELS[o.status].toLowerCase()})</span> : null}
                {o.missing.length ? (
                  <span className="report-summary__missing">
                    : {o.missing[0]}
                    {o.missing.length > 1 ? (
                      <span className="muted">
                        {" "}
                        (en nog {o.missing.length - 1} {o.missing.length === 2 ? "punt" : "punten"})
                      </span>
                    ) : null}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : summary.unknown === 0 ? (
        <p className="alert alert--ok">Alle onderdelen zijn gereed. Het rapport is volledig.</p>
      ) : null}
    </section>
  );
}

interface ItemProps {
  item: OutlineItem;
  investigationId: string;
  blocks: readonly FrozenBlock[];
  isOpen: boolean;
  canOpen: boolean;
  live: boolean;
  others: { name: string; color: string }[];
  onOpen(id: string): void;
  onClose(): void;
  editor: ReactNode;
}

function ReportItem({ item, investigationId, blocks, isOpen, canOpen, live, others, onOpen, onClose, editor }: ItemProps) {
  const base = `/onderzoeken/${investigationId}`;
  const hasText = item.writtenHere || item.writtenElsewhere;
  return (
    <li id={itemAnchor(item.id)} className={`report-item${isOpen ? " report-item--open" : ""}`} data-item={item.id} tabIndex={-1}>
      <div className="report-item__head">
        <h3 id={headingId(item.id)} className="report-item__heading">
          <span className="report-item__number">{item.id}</span> {item.heading}
        </h3>
        <StatusBadge status={item.status} unknownLabel={item.restricted ? "Niet in deze versie" : "Onbekend"} />
      </div>
      {others.length ? (
        <p className="report-item__presence">
          {others.map((o) => (
            <span key={o.name} className="presence-chip">
              <span className="presence-dot" style={{ background: o.color }} aria-hidden="true" />
              {o.name}
            </span>
          ))}{" "}
          {others.length === 1 ? "schrijft hier nu." : "schrijven hier nu."}
        </p>
      ) : null}
      {item.guidance ? <p className="report-item__guidance muted">{item.guidance}</p> : null}
      {item.restricted && item.status === null ? (
        <p className="muted">De gegevens van de cliënt staan alleen in de versie voor de toezichthouder; de procesbegeleider vult ze in.</p>
      ) : null}
      {item.missing.length ? (
        <div className="report-item__missing">
          <span className="report-item__missing-label">Nog nodig:</span>
          <ul>
            {item.missing.slice(0, MISSING_SHOWN).map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
          {item.missing.length > MISSING_SHOWN ? (
            <details className="report-item__more">
              <summary>Nog {item.missing.length - MISSING_SHOWN} punten tonen</summary>
              <ul>
                {item.missing.slice(MISSING_SHOWN).map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </div>
      ) : null}

      {isOpen ? (
        <div className="report-item__editor">
          <p id={`${itemAnchor(item.id)}-hulp`} className="muted report-item__hint">
            Iedereen die het rapport schrijft, werkt hier tegelijk in; wijzigingen worden direct opgeslagen. Esc of Sluiten sluit de editor.
          </p>
          {editor ?? (
            <p className="muted" role="status">
              {live ? "Editor wordt geladen…" : "Verbinding maken…"}
            </p>
          )}
        </div>
      ) : hasText && !(blocks.length === 0 && item.missing.length > 0 && isLiveNarrative(item)) ? (
        <SectionText
          blocks={blocks}
          emptyText={item.writtenElsewhere ? "Er zijn nog geen conclusies geschreven." : item.structured ? "Geen aanvullende tekst." : "Nog geen tekst."}
        />
      ) : null}

      {canOpen || item.links.length ? (
        <div className="report-item__actions">
          {canOpen ? (
            isOpen ? (
              <button type="button" className="button button--secondary button--small" onClick={onClose}>
                Sluiten
              </button>
            ) : (
              <button type="button" id={writeButtonId(item.id)} className="button button--small" aria-describedby={headingId(item.id)} onClick={() => onOpen(item.id)}>
                {blocks.length ? "Tekst bewerken" : "Tekst schrijven"}
              </button>
            )
          ) : null}
          {item.links.map((l) => (
            <a key={l.path} href={`${base}/${l.path}`} className="report-item__link">
              {l.label}
            </a>
          ))}
        </div>
      ) : null}
    </li>
  );
}

/** A section's text, read only: paragraphs, the authors' subheadings, lists and quotes. */
function SectionText({ blocks, emptyText }: { blocks: readonly FrozenBlock[]; emptyText: string }) {
  if (!blocks.length) return <p className="section-text section-text--empty muted">{emptyText}</p>;
  const out: ReactNode[] = [];
  let list: FrozenBlock[] = [];
  const flush = () => {
    if (!list.length) return;
    out.push(
      <ul key={`l-${list[0].id}`}>
        {list.map((b) => (
          <li key={b.id}>{b.text}</li>
        ))}
      </ul>,
    );
    list = [];
  };
  for (const b of blocks) {
    if (b.type === "listItem") {
      list.push(b);
      continue;
    }
    flush();
    if (b.type === "heading") out.push(<h4 key={b.id}>{b.text}</h4>);
    else if (b.type === "quote") out.push(<blockquote key={b.id}>{b.text}</blockquote>);
    else out.push(<p key={b.id}>{b.text}</p>);
  }
  flush();
  return <div className="section-text">{out}</div>;
}

function ConnectionBadge({ state }: { state: CollabState }) {
  const status = state.closed ? "disconnected" : state.status;
  const text =
    status === "connected"
      ? state.serverSynced
        ? "Live verbonden"
        : "Verbinden…"
      : status === "connecting"
        ? state.serverSynced
          ? "Opnieuw verbinden…"
          : "Verbinden…"
        : state.readOnly
          ? "Niet verbonden – de teksten worden bijgewerkt zodra er weer verbinding is"
          : "Niet verbonden – wijzigingen worden bewaard en later verstuurd";
  return (
    <span className={`connection-badge connection-badge--${status}`} role="status">
      <span aria-hidden="true" className="connection-badge__dot" />
      {text}
    </span>
  );
}

function describe(editing: string | null): string | null {
  if (!editing?.startsWith("section:")) return null;
  const id = editing.slice("section:".length);
  if (!/^[1-9][a-z]?$/.test(id)) return null;
  return id === "7a" ? "schrijft aan de conclusies (7a)" : `schrijft aan onderdeel ${id}`;
}

