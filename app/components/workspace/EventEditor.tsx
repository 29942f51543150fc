// The editor panel for one fact. What it offers mirrors allowedEventActions (the server only
// distinguishes read and write; the lanes are the agreement between ketenpartners):
// editors get the whole form, ketenpartners on another organisation's lane can only mark the fact
// "betwist" with a reason, and read-only members see the fact without any control.
// Only the fields the user changed are written (each save is one transaction, one undo step), so a
// colleague's concurrent change to another field of the same fact is kept.
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import type * as Y from "yjs";
import {
  addComment,
  canResolveComment,
  commentPeople,
  commentTextError,
  commentsFor,
  deleteComment,
  getCommentsMap,
  setCommentResolved,
  COMMENT_MAX_LENGTH,
} from "~/domain/timeline/comments.ts";
import { parseDutchDate } from "~/domain/timeline/dutch-dates.ts";
import {
  EVENT_FORM_FIELD_ORDER,
  buildEventPatch,
  fullEventPatch,
  sameValue,
  validateEventForm,
  type EventFormField,
  type EventFormValues,
} from "~/domain/timeline/event-form.ts";
import {
  allowedEventActions,
  canEditEvent,
  createEvent,
  deleteEvent,
  setEventStatus,
  updateEvent,
  type EventPatch,
} from "~/domain/timeline/mutations.ts";
import { todayInAmsterdam } from "~/domain/calendar-date.ts";
import { formatDutchEditablePartialDate, formatDutchPartialDate, isPartialDateAfter } from "~/domain/timeline/partial-date.ts";
import { type EventFlags, type Party, type Source, type TimelineEvent } from "~/domain/timeline/schema.ts";
import {
  EVENT_FLAGS,
  EVENT_KINDS,
  EVENT_STATUSES,
  LIFE_DOMAINS,
  SOURCE_TYPES,
  eventKindLabel,
  eventStatusLabel,
  lifeDomainLabel,
  sourceTypeLabel,
  type EventKind,
  type EventStatus,
} from "~/domain/timeline/vocabulary.ts";
import { errorMessage, eventActor, eventWhen, SAVED_LOCALLY } from "./format.ts";
import type { TimelineView } from "./useTimeline.ts";
import type { WorkspaceUser } from "./types.ts";

type FormValues = EventFormValues;
type FieldKey = EventFormField;

const NO_FLAGS: EventFlags = { signaal: false, kritiekMoment: false, overdracht: false, opschaling: false };

function valuesFromEvent(v: TimelineEvent): FormValues {
  return {
    title: v.title,
    party: v.party,
    start: formatDutchEditablePartialDate(v.start),
    end: v.end ? formatDutchEditablePartialDate(v.end) : "",
    approximate: v.approximate,
    description: v.description,
    actorFunction: v.actorFunction,
    actorInitials: v.actorInitials,
    kind: v.kind,
    sources: v.sources,
    lifeDomains: v.lifeDomains,
    flags: v.flags,
    status: v.status,
    statusReason: v.statusReason ?? "",
  };
}

/** Best effort for an invalid entry: whatever has the right type is kept, the rest is empty. */
function valuesFromRaw(raw: unknown): FormValues {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : "");
  const kind = EVENT_KINDS.some((k) => k.key === r.kind) ? (r.kind as EventKind) : "overig";
  const status = EVENT_STATUSES.some((s) => s.key === r.status) ? (r.status as EventStatus) : "concept";
  const flags = { ...NO_FLAGS };
  if (r.flags && typeof r.flags === "object") {
    for (const f of EVENT_FLAGS) flags[f.key] = (r.flags as Record<string, unknown>)[f.key] === true;
  }
  const sources = Array.isArray(r.sources)
    ? r.sources
        .filter((s): s is Source => !!s && typeof s === "object" && SOURCE_TYPES.some((t) => t.key === (s as Source).type))
        .map((s) => ({ type: s.type, reference: typeof s.reference === "string" ? s.reference : "" }))
    : [];
  return {
    title: str("title"),
    party: str("party"),
    start: str("start") ? formatDutchEditablePartialDate(str("start")) : "",
    end: str("end") ? formatDutchEditablePartialDate(str("end")) : "",
    approximate: r.approximate === true,
    description: str("description"),
    actorFunction: str("actorFunction"),
    actorInitials: str("actorInitials"),
    kind,
    sources,
    lifeDomains: Array.isArray(r.lifeDomains) ? r.lifeDomains.filter((d): d is string => typeof d === "string") : [],
    flags,
    status,
    statusReason: str("statusReason"),
  };
}

function newValues(party: string): FormValues {
  return {
    title: "",
    party,
    start: "",
    end: "",
    approximate: false,
    description: "",
    actorFunction: "",
    actorInitials: "",
    kind: "contact",
    sources: [],
    lifeDomains: [],
    flags: NO_FLAGS,
    status: "concept",
    statusReason: "",
  };
}

const same = sameValue;
const FIELD_ORDER = EVENT_FORM_FIELD_ORDER;

export interface EventEditorProps {
  doc: Y.Doc;
  origin: object;
  user: WorkspaceUser;
  view: TimelineView;
  /** null: a new fact. */
  eventId: string | null;
  /** Party to preselect for a new fact. */
  defaultParty?: string;
  members: Record<string, string>;
  /** Others who have this fact open. */
  othersEditing: { name: string; color: string }[];
  onClose: () => void;
  /** `warning`: saved, but worth a second look (a date in the future). */
  onCreated: (id: string, warning?: string) => void;
  onDeleted: (id: string, title: string) => void;
  /** Receives the close request (which asks about unsaved changes) for Escape and chart clicks. */
  registerClose?: (close: () => void) => void;
  /** In sync with the server now; otherwise a save is kept on this device until the connection is back. */
  connected?: boolean;
}

export function EventEditor(props: EventEditorProps) {
  const { doc, origin, user, view, eventId, members, othersEditing, onClose } = props;
  const uid = useId();
  const fid = (k: string) => `${uid}-${k}`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const entry = eventId ? view.eventById.get(eventId) : undefined;
  const isNew = eventId === null;
  const editableParties = view.parties.filter((p) => user.canWrite && canEditEvent(user.role, user.organisationId, p.value));

  const live: FormValues | null = isNew
    ? newValues(
        props.defaultParty && editableParties.some((p) => p.id === props.defaultParty)
          ? props.defaultParty
          : (editableParties[0]?.id ?? ""),
      )
    : entry
      ? entry.ok
        ? valuesFromEvent(entry.value)
        : valuesFromRaw(entry.raw)
      : null;

  const [draft, setDraft] = useState<Partial<FormValues>>({});
  const [baseAtEdit, setBaseAtEdit] = useState<Partial<FormValues>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [disputeReason, setDisputeReason] = useState("");
  const [customDomain, setCustomDomain] = useState("");

  useEffect(() => {
    // Keyboard users land in the panel; the first field when they can edit, else the heading.
    const first = formRef.current?.querySelector<HTMLElement>("input, select, textarea");
    (first ?? headingRef.current)?.focus();
  }, [eventId]);

  const partyOf = (id: string | undefined): Party | undefined => (id ? view.partyById.get(id) : undefined);
  const currentParty = partyOf(live?.party);
  const actions = user.canWrite ? allowedEventActions(user.role, user.organisationId, currentParty) : [];
  const mode: "edit" | "dispute" | "read" = isNew
    ? editableParties.length > 0
      ? "edit"
      : "read"
    : actions.includes("edit")
      ? "edit"
      : actions.includes("dispute")
        ? "dispute"
        : "read";

  if (!live) {
    props.registerClose?.(onClose);
    return (
      <section className="ws-editor" aria-labelledby={fid("h")}>
        <div className="ws-editor__head">
          <h2 id={fid("h")} ref={headingRef} tabIndex={-1}>
            Feit niet gevonden
          </h2>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Sluiten
          </button>
        </div>
        <p>Dit feit is intussen verwijderd, mogelijk door een andere deelnemer.</p>
      </section>
    );
  }

  const values: FormValues = { ...live, ...draft };
  const setField = <K extends FieldKey>(key: K, value: FormValues[K]) => {
    if (!(key in draft)) setBaseAtEdit((b) => ({ ...b, [key]: live[key] }));
    setDraft((d) => ({ ...d, [key]: value }));
    setNotice(null);
    if (errors[key]) setErrors((e) => ({ ...e, [key]: "" }));
  };
  const changedByOther = (key: FieldKey) => !isNew && key in draft && key in baseAtEdit && !same(baseAtEdit[key], live[key]);
  const dirty = Object.keys(draft).some((k) => !same(draft[k as FieldKey], live[k as FieldKey]));

  const close = () => {
    if (dirty && !window.confirm("U heeft wijzigingen die nog niet zijn opgeslagen. Toch sluiten?")) return;
    onClose();
  };
  props.registerClose?.(close);

  const ctx = { userId: user.id, origin };

  const save = (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    setFormError(null);
    const checked = validateEventForm(values, {
      partyExists: (id) => view.partyById.has(id),
      partyEditable: (id) => editableParties.some((p) => p.id === id),
      startEdited: "start" in draft,
    });
    if (!checked.ok) {
      const errs = checked.errors;
      setErrors(errs);
      setFormError("Het feit is niet opgeslagen. Controleer de gemarkeerde velden.");
      const first = [...FIELD_ORDER, ...Object.keys(errs)].find((k) => errs[k]);
      if (first) document.getElementById(fid(first))?.focus();
      return;
    }
    setErrors({});
    const full = checked.input;
    const startValue = full.start;
    try {
      if (isNew) {
        const id = createEvent(doc, full, ctx);
        setDraft({});
        props.onCreated(id, futureWarning(startValue));
        return;
      }
      let patch: EventPatch;
      if (entry && !entry.ok) {
        // Repairing an invalid entry: write every field.
        patch = fullEventPatch(full);
      } else {
        patch = buildEventPatch(draft, live!, full);
        if (Object.keys(patch).length === 0) {
          setNotice("Er was niets gewijzigd.");
          return;
        }
      }
      updateEvent(doc, eventId!, patch, ctx);
      setDraft({});
      setBaseAtEdit({});
      const warning = "start" in patch ? futureWarning(startValue) : undefined;
      setNotice(`${props.connected === false ? SAVED_LOCALLY : "Opgeslagen."}${warning ? ` ${warning}` : ""}`);
    } catch (err) {
      setFormError(errorMessage(err));
    }
  };

  const dispute = (e: FormEvent) => {
    e.preventDefault();
    setFormError(null);
    if (!disputeReason.trim()) {
      setErrors({ disputeReason: "Geef een reden waarom dit feit betwist wordt." });
      document.getElementById(fid("disputeReason"))?.focus();
      return;
    }
    try {
      // Not on the undo stack: undoing a dispute on another organisation's fact is not this user's
      // to do (the server would refuse it), so it is recorded without the page's undo origin.
      setEventStatus(doc, eventId!, "betwist", disputeReason, { userId: user.id });
      setErrors({});
      setDisputeReason("");
      setNotice("Het feit is gemarkeerd als betwist.");
    } catch (err) {
      setFormError(errorMessage(err));
    }
  };

  const remove = () => {
    try {
      if (eventId && deleteEvent(doc, eventId, { origin })) props.onDeleted(eventId, live.title || "(zonder titel)");
    } catch (err) {
      setFormError(errorMessage(err));
    }
  };

  const heading = isNew ? "Nieuw feit" : mode === "edit" ? "Feit bewerken" : "Feit";
  const meta = entry?.ok ? entry.value : null;

  return (
    <section className="ws-editor" aria-labelledby={fid("h")}>
      <div className="ws-editor__head">
        <h2 id={fid("h")} ref={headingRef} tabIndex={-1}>
          {heading}
        </h2>
        <button type="button" className="button button--secondary button--small" onClick={close} aria-keyshortcuts="Escape">
          Sluiten
        </button>
      </div>
      {othersEditing.length > 0 ? (
        <p className="ws-editor__others">
          {othersEditing.map((p) => (
            <span key={p.name} className="ws-chip">
              <span className="ws-dot" style={{ background: p.color }} aria-hidden="true" />
              {p.name}
            </span>
          ))}{" "}
          {othersEditing.length === 1 ? "heeft" : "hebben"} dit feit ook open.
        </p>
      ) : null}
      {entry && !entry.ok ? (
        <div className="alert alert--warn">
          <strong>Ongeldige invoer.</strong> {mode === "edit" ? "Herstel de velden hieronder en sla op." : null}
          <ul className="ws-errors">
            {entry.errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {formError ? (
        <div className="alert alert--error" role="alert">
          {formError}
        </div>
      ) : null}
      <p className="ws-editor__notice" role="status">
        {notice}
      </p>

      {mode === "edit" ? (
        <form ref={formRef} onSubmit={save} noValidate className="ws-form">
          <Field id={fid("title")} label="Titel (wat gebeurde er?)" error={errors.title} note={changedByOther("title")} required>
            {(a) => <input {...a} type="text" maxLength={200} value={values.title} onChange={(e) => setField("title", e.target.value)} />}
          </Field>
          <div className="ws-form__row">
            <Field id={fid("party")} label="Organisatie (partij)" error={errors.party} note={changedByOther("party")} required>
              {(a) => (
                <select {...a} value={values.party} onChange={(e) => setField("party", e.target.value)}>
                  {!values.party ? <option value="">Kies een partij</option> : null}
                  {!editableParties.some((p) => p.id === values.party) && values.party ? (
                    <option value={values.party}>{currentParty?.name ?? "Onbekende partij"}</option>
                  ) : null}
                  {editableParties.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.value.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={fid("kind")} label="Soort" note={changedByOther("kind")}>
              {(a) => (
                <select {...a} value={values.kind} onChange={(e) => setField("kind", e.target.value as EventKind)}>
                  {EVENT_KINDS.map((k) => (
                    <option key={k.key} value={k.key}>
                      {k.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <div className="ws-form__row">
            <Field
              id={fid("start")}
              label="Datum"
              error={errors.start}
              note={changedByOther("start")}
              hint="Bijv. 12-03-2014, 12-03-2014 10:30, maart 2014 of 2014"
              preview={"start" in draft ? datePreview(values.start) : undefined}
              required
            >
              {(a) => (
                <input {...a} type="text" inputMode="text" value={values.start} onChange={(e) => setField("start", e.target.value)} />
              )}
            </Field>
            <Field
              id={fid("end")}
              label="Einddatum (optioneel)"
              error={errors.end}
              note={changedByOther("end")}
              preview={"end" in draft ? datePreview(values.end) : undefined}
            >
              {(a) => <input {...a} type="text" value={values.end} onChange={(e) => setField("end", e.target.value)} />}
            </Field>
          </div>
          <div className="ws-check">
            <input
              id={fid("approximate")}
              type="checkbox"
              checked={values.approximate}
              onChange={(e) => setField("approximate", e.target.checked)}
            />
            <label htmlFor={fid("approximate")}>Datum bij benadering (ca.)</label>
          </div>
          <div className="ws-form__row">
            <Field id={fid("actorFunction")} label="Wie: functie" hint="Bijv. wijkcoach, jeugdarts" note={changedByOther("actorFunction")}>
              {(a) => (
                <input
                  {...a}
                  type="text"
                  maxLength={80}
                  value={values.actorFunction}
                  onChange={(e) => setField("actorFunction", e.target.value)}
                />
              )}
            </Field>
            <Field
              id={fid("actorInitials")}
              label="Initialen"
              hint="Alleen initialen, bijv. J.B.; nooit de naam van een cliënt"
              error={errors.actorInitials}
              note={changedByOther("actorInitials")}
            >
              {(a) => (
                <input
                  {...a}
                  type="text"
                  maxLength={8}
                  value={values.actorInitials}
                  onChange={(e) => setField("actorInitials", e.target.value)}
                />
              )}
            </Field>
          </div>
          <Field id={fid("description")} label="Omschrijving" note={changedByOther("description")}>
            {(a) => <textarea {...a} rows={4} value={values.description} onChange={(e) => setField("description", e.target.value)} />}
          </Field>

          <fieldset className="ws-fieldset">
            <legend>Markeringen</legend>
            <div className="ws-checks">
              {EVENT_FLAGS.map((f) => (
                <div className="ws-check" key={f.key}>
                  <input
                    id={fid(`flag-${f.key}`)}
                    type="checkbox"
                    checked={values.flags[f.key]}
                    onChange={(e) => setField("flags", { ...values.flags, [f.key]: e.target.checked })}
                  />
                  <label htmlFor={fid(`flag-${f.key}`)}>{f.label}</label>
                </div>
              ))}
            </div>
          </fieldset>

          <fieldset className="ws-fieldset">
            <legend>Leefgebieden</legend>
            <div className="ws-checks">
              {[
                ...LIFE_DOMAINS.map((d) => d.key as string),
                ...values.lifeDomains.filter((d) => !LIFE_DOMAINS.some((k) => k.key === d)),
              ].map((d) => (
                <div className="ws-check" key={d}>
                  <input
                    id={fid(`ld-${d}`)}
                    type="checkbox"
                    checked={values.lifeDomains.includes(d)}
                    onChange={(e) =>
                      setField("lifeDomains", e.target.checked ? [...values.lifeDomains, d] : values.lifeDomains.filter((x) => x !== d))
                    }
                  />
                  <label htmlFor={fid(`ld-${d}`)}>{lifeDomainLabel(d)}</label>
                </div>
              ))}
            </div>
            <div className="ws-inline">
              <label htmlFor={fid("customDomain")}>Ander leefgebied</label>
              <input
                id={fid("customDomain")}
                type="text"
                maxLength={60}
                value={customDomain}
                onChange={(e) => setCustomDomain(e.target.value)}
              />
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => {
                  const d = customDomain.trim();
                  if (d && !values.lifeDomains.includes(d)) setField("lifeDomains", [...values.lifeDomains, d]);
                  setCustomDomain("");
                }}
              >
                Toevoegen
              </button>
            </div>
          </fieldset>

          <fieldset className="ws-fieldset">
            <legend>Bronnen</legend>
            {values.sources.length === 0 ? <p className="muted ws-small">Nog geen bron. Waar komt dit feit vandaan?</p> : null}
            {values.sources.map((s, i) => (
              <div className="ws-source" key={i}>
                <div>
                  <label htmlFor={fid(`source-type-${i}`)} className="visually-hidden">
                    Soort bron {i + 1}
                  </label>
                  <select
                    id={fid(`source-type-${i}`)}
                    value={s.type}
                    onChange={(e) =>
                      setField(
                        "sources",
                        values.sources.map((x, j) => (j === i ? { ...x, type: e.target.value as Source["type"] } : x)),
                      )
                    }
                  >
                    {SOURCE_TYPES.map((t) => (
                      <option key={t.key} value={t.key}>
                        {t.label}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="ws-source__ref">
                  <label htmlFor={fid(`source-${i}`)} className="visually-hidden">
                    Vindplaats bron {i + 1}
                  </label>
                  <input
                    id={fid(`source-${i}`)}
                    type="text"
                    maxLength={300}
                    placeholder="Vindplaats, bijv. dossier wijkteam 12-03-2014"
                    value={s.reference}
                    aria-invalid={errors[`source-${i}`] ? true : undefined}
                    aria-describedby={errors[`source-${i}`] ? fid(`source-${i}-error`) : undefined}
                    onChange={(e) =>
                      setField(
                        "sources",
                        values.sources.map((x, j) => (j === i ? { ...x, reference: e.target.value } : x)),
                      )
                    }
                  />
                  {errors[`source-${i}`] ? (
                    <p className="field__error" id={fid(`source-${i}-error`)}>
                      {errors[`source-${i}`]}
                    </p>
                  ) : null}
                </div>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() =>
                    setField(
                      "sources",
                      values.sources.filter((_, j) => j !== i),
                    )
                  }
                >
                  Verwijderen<span className="visually-hidden"> bron {i + 1}</span>
                </button>
              </div>
            ))}
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setField("sources", [...values.sources, { type: "dossier", reference: "" }])}
            >
              Bron toevoegen
            </button>
          </fieldset>

          <div className="ws-form__row">
            <Field id={fid("status")} label="Status" note={changedByOther("status")}>
              {(a) => (
                <select {...a} value={values.status} onChange={(e) => setField("status", e.target.value as EventStatus)}>
                  {EVENT_STATUSES.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.key === "bevestigd" ? "Bevestigd door de organisatie" : s.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          {values.status === "betwist" ? (
            <Field
              id={fid("statusReason")}
              label="Reden van betwisting"
              error={errors.statusReason}
              note={changedByOther("statusReason")}
              required
            >
              {(a) => <textarea {...a} rows={2} value={values.statusReason} onChange={(e) => setField("statusReason", e.target.value)} />}
            </Field>
          ) : null}

          <div className="ws-editor__actions">
            <button type="submit" className="button">
              {isNew ? "Feit toevoegen" : "Opslaan"}
            </button>
            {dirty && !isNew ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setDraft({});
                  setBaseAtEdit({});
                  setErrors({});
                  setFormError(null);
                }}
              >
                Wijzigingen terugdraaien
              </button>
            ) : null}
            {!isNew && actions.includes("delete") ? (
              <button type="button" className="button button--danger ws-editor__delete" onClick={remove}>
                Verwijderen
              </button>
            ) : null}
          </div>
        </form>
      ) : isNew ? (
        <p>
          Er is nog geen tijdlijnbaan van uw organisatie, dus u kunt nog geen feiten toevoegen. Vraag de procesbegeleider een partij voor uw
          organisatie aan te maken.
        </p>
      ) : (
        <>
          <ReadOnlyEvent values={values} partyName={currentParty?.name} />
          {mode === "dispute" ? (
            <form onSubmit={dispute} noValidate className="ws-form ws-dispute">
              <p className="ws-small">
                Dit feit staat op de tijdlijn van een andere organisatie. U kunt het niet wijzigen, maar wel betwisten: de procesbegeleider
                en de organisatie zien dan uw reden.
              </p>
              <Field id={fid("disputeReason")} label="Waarom klopt dit feit niet?" error={errors.disputeReason} required>
                {(a) => <textarea {...a} rows={3} value={disputeReason} onChange={(e) => setDisputeReason(e.target.value)} />}
              </Field>
              <button type="submit" className="button">
                Markeren als betwist
              </button>
            </form>
          ) : null}
        </>
      )}

      {!isNew && eventId ? (
        <CommentsSection doc={doc} origin={origin} user={user} members={members} eventId={eventId} canComment={actions.includes("comment")} />
      ) : null}

      {meta ? (
        <p className="ws-editor__meta">
          Toegevoegd door {members[meta.createdBy] ?? "een oud-deelnemer"} op {formatInstant(meta.createdAt)}
          {meta.updatedAt !== meta.createdAt ? (
            <>
              {" "}
              · laatst gewijzigd door {members[meta.updatedBy] ?? "een oud-deelnemer"} op {formatInstant(meta.updatedAt)}
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

/**
 * "Opmerkingen": the informal thread on a fact. Every reader sees it (also when the fact is
 * read-only for them); roles with the "comment" action can write; only the author can delete.
 * Follows the `comments` map live, so a colleague's comment appears without reloading.
 */
function CommentsSection(p: { doc: Y.Doc; origin: object; user: WorkspaceUser; members: Record<string, string>; eventId: string; canComment: boolean }) {
  const { doc, origin, user, members, eventId } = p;
  const uid = useId();
  const [, setVersion] = useState(0);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const map = getCommentsMap(doc);
    const bump = () => setVersion((v) => v + 1);
    map.observeDeep(bump);
    return () => map.unobserveDeep(bump);
  }, [doc]);
  useEffect(() => {
    setText("");
    setError(null);
  }, [eventId]);

  const comments = commentsFor(doc, eventId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problem = commentTextError(text);
    if (problem) {
      setError(problem);
      document.getElementById(`${uid}-text`)?.focus();
      return;
    }
    try {
      addComment(doc, { eventId, text }, { userId: user.id, userName: user.name, origin });
      setText("");
      setError(null);
    } catch (err) {
      setError(errorMessage(err, "Er ging iets mis; de opmerking is niet geplaatst."));
    }
  };
  const member = { userId: user.id, userName: user.name, role: user.role, organisationId: user.organisationId };
  const resolve = (id: string, resolved: boolean) => {
    try {
      setCommentResolved(doc, id, resolved, member, { origin });
      setError(null);
    } catch (err) {
      setError(errorMessage(err, "Er ging iets mis; de opmerking is niet bijgewerkt."));
    }
  };
  const remove = (id: string) => {
    if (!window.confirm("Deze opmerking verwijderen?")) return;
    try {
      deleteComment(doc, id, origin, user.id);
    } catch (err) {
      setError(errorMessage(err, "Er ging iets mis; de opmerking is niet verwijderd."));
    }
  };

  return (
    <section className="ws-comments" aria-labelledby={`${uid}-h`}>
      <h3 id={`${uid}-h`}>Opmerkingen</h3>
      {comments.length === 0 ? <p className="ws-small">Nog geen opmerkingen bij dit feit.</p> : null}
      <ol className="ws-comments__list" aria-live="polite" aria-label="Opmerkingen bij dit feit">
        {comments.map((c) => {
          if (!c.ok) {
            return (
              <li key={c.id} className="ws-comment ws-comment--invalid">
                <p className="ws-comment__meta">
                  <strong>Ongeldige opmerking</strong>
                </p>
                <p className="ws-comment__text">{c.errors.join(" ")}</p>
              </li>
            );
          }
          // Names from the member list, not from the document (which any writer can fill in).
          const people = commentPeople(c.value, members);
          return (
            <li key={c.id} className={`ws-comment${c.value.resolved ? " ws-comment--resolved" : ""}`}>
              <p className="ws-comment__meta">
                <strong>{people.author}</strong>
                {" · "}
                <time dateTime={c.value.createdAt}>{formatInstant(c.value.createdAt)}</time>
                <span className="ws-comment__actions">
                  {canResolveComment(doc, c.id, member) ? (
                    <button type="button" className="ws-comment__action" onClick={() => resolve(c.id, !c.value.resolved)}>
                      {c.value.resolved ? "heropenen" : "afhandelen"}
                      <span className="visually-hidden"> (opmerking van {people.author}, {formatInstant(c.value.createdAt)})</span>
                    </button>
                  ) : null}
                  {c.value.authorId === user.id ? (
                    <button type="button" className="ws-comment__delete" onClick={() => remove(c.id)}>
                      verwijderen<span className="visually-hidden"> (uw opmerking van {formatInstant(c.value.createdAt)})</span>
                    </button>
                  ) : null}
                </span>
              </p>
              <p className="ws-comment__text">{c.value.text}</p>
              {c.value.resolved ? (
                <p className="ws-comment__resolved">
                  Afgehandeld{people.resolvedBy ? ` door ${people.resolvedBy}` : ""}
                  {c.value.resolvedAt ? (
                    <>
                      {" · "}
                      <time dateTime={c.value.resolvedAt}>{formatInstant(c.value.resolvedAt)}</time>
                    </>
                  ) : null}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      {p.canComment ? (
        <form onSubmit={submit} noValidate className="ws-form ws-comments__form">
          <Field id={`${uid}-text`} label="Uw opmerking" hint={`Informeel; iedereen in het onderzoek ziet dit. Hoogstens ${COMMENT_MAX_LENGTH} tekens.`} error={error ?? undefined}>
            {(a) => (
              <textarea
                {...a}
                rows={3}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  if (error) setError(null);
                }}
              />
            )}
          </Field>
          <button type="submit" className="button button--small">
            Opmerking plaatsen
          </button>
        </form>
      ) : null}
    </section>
  );
}

function datePreview(text: string): string | undefined {
  if (!text.trim()) return undefined;
  const r = parseDutchDate(text);
  if (!r.ok) return undefined;
  const warning = futureWarning(r.value);
  return `Wordt: ${formatDutchPartialDate(r.value, { approximate: r.approximate })}${r.note ? ` (${r.note})` : ""}${warning ? `. ${warning}` : ""}`;
}

/** A fact in the future is allowed (a planned step) but usually a typing error: say so. */
function futureWarning(value: string): string | undefined {
  return value && isPartialDateAfter(value, todayInAmsterdam(new Date()))
    ? "Let op: deze datum ligt in de toekomst. Klopt het jaartal?"
    : undefined;
}

const instantFormat = new Intl.DateTimeFormat("nl-NL", {
  timeZone: "Europe/Amsterdam",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : instantFormat.format(d);
}

interface ControlAttrs {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  "aria-required"?: true;
}

function Field(p: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  note?: boolean;
  preview?: string;
  required?: boolean;
  children: (attrs: ControlAttrs) => ReactNode;
}) {
  const describedBy = [p.hint ? `${p.id}-hint` : null, p.error ? `${p.id}-error` : null, p.note ? `${p.id}-note` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`field ws-field${p.error ? " field--error" : ""}`}>
      <label htmlFor={p.id}>
        {p.label}
        {p.required ? <span aria-hidden="true"> *</span> : null}
      </label>
      {p.children({
        id: p.id,
        ...(p.error ? { "aria-invalid": true as const } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(p.required ? { "aria-required": true as const } : {}),
      })}
      {p.hint ? (
        <p className="field__hint" id={`${p.id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.preview && !p.error ? <p className="ws-preview">{p.preview}</p> : null}
      {p.error ? (
        <p className="field__error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
      {p.note ? (
        <p className="ws-conflict" id={`${p.id}-note`}>
          Intussen door iemand anders gewijzigd; bij opslaan geldt uw versie.
        </p>
      ) : null}
    </div>
  );
}

function ReadOnlyEvent({ values, partyName }: { values: FormValues; partyName?: string }) {
  const start = parseDutchDate(values.start);
  const end = values.end ? parseDutchDate(values.end) : null;
  const when = start.ok
    ? eventWhen({ start: start.value, end: end?.ok ? end.value : undefined, approximate: values.approximate })
    : values.start || "—";
  const flags = EVENT_FLAGS.filter((f) => values.flags[f.key]).map((f) => f.label);
  return (
    <dl className="ws-readonly">
      <dt>Titel</dt>
      <dd>{values.title || "—"}</dd>
      <dt>Organisatie</dt>
      <dd>{partyName ?? "—"}</dd>
      <dt>Datum</dt>
      <dd>{when}</dd>
      <dt>Wie</dt>
      <dd>{eventActor(values) || "—"}</dd>
      <dt>Soort</dt>
      <dd>{eventKindLabel(values.kind)}</dd>
      <dt>Omschrijving</dt>
      <dd className="ws-pre">{values.description || "—"}</dd>
      <dt>Markeringen</dt>
      <dd>{flags.length ? flags.join(", ") : "—"}</dd>
      <dt>Leefgebieden</dt>
      <dd>{values.lifeDomains.length ? values.lifeDomains.map(lifeDomainLabel).join(", ") : "—"}</dd>
      <dt>Bronnen</dt>
      <dd>
        {values.sources.length ? (
          <ul className="ws-plainlist">
            {values.sources.map((s, i) => (
              <li key={i}>
                {sourceTypeLabel(s.type)}: {s.reference}
              </li>
            ))}
          </ul>
        ) : (
          "—"
        )}
      </dd>
      <dt>Status</dt>
      <dd>
        {eventStatusLabel(values.status)}
        {values.status === "betwist" && values.statusReason ? ` — ${values.statusReason}` : null}
      </dd>
    </dl>
  );
}
