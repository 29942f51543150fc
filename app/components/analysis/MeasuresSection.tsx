// 7b Verbetermaatregelen and 7c borging: SMART measures linked to root causes, with the warnings
// the toezichthouder would raise (root cause without measure or reason; measure without owner,
// deadline, measurable result or borging; deadline passed) shown where they apply.
import { useEffect, useId, useState } from "react";
import {
  createMeasure,
  deleteMeasure,
  ecmCatalog,
  MEASURE_STATUS_LABELS,
  MEASURE_STATUSES,
  measureWarnings,
  rootCauses,
  setNoMeasureReason,
  updateMeasure,
  type Measure,
  type MeasureInput,
  type MeasureStatus,
  type MeasureWarning,
  type TreeNode,
} from "~/domain/analysis/index.ts";
import type { AnalysisApi } from "./api.ts";
import { SearchPicker, type PickItem } from "./EventPicker.tsx";
import { LiveField } from "./LiveField.tsx";
import type { AnalysisSnapshot } from "./useAnalysis.ts";

interface Props {
  api: AnalysisApi;
  snap: AnalysisSnapshot;
  today: string;
  headingId: string;
  editorsByKey: Readonly<Record<string, readonly { name: string; color: string }[]>>;
  onDeleted(message: string): void;
}

const nameOf = (n: TreeNode) => n.label.trim() || "Basisoorzaak zonder omschrijving";

function listNl(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} en ${items[items.length - 1]}`;
}

/** The warning without the measure's own name (it is the card's heading). */
function shortWarning(w: MeasureWarning, m: Measure): string {
  switch (w.code) {
    case "maatregel_zonder_oorzaak":
      return "Niet gekoppeld aan een basisoorzaak.";
    case "maatregel_zonder_eigenaar": {
      const missing = [!m.ownerOrganisation.trim() && "organisatie", !m.ownerFunction.trim() && "functie"].filter((x): x is string => !!x);
      return `Eigenaar ontbreekt: ${listNl(missing)}.`;
    }
    case "maatregel_zonder_deadline":
      return "Geen deadline.";
    case "maatregel_zonder_meetbaar_resultaat":
      return "Geen meetbaar resultaat.";
    case "maatregel_zonder_borging": {
      const missing = [!m.borgingHow.trim() && "hoe", !m.borgingWho.trim() && "wie controleert", !m.borgingWhen && "wanneer"].filter((x): x is string => !!x);
      return `Borging ontbreekt: ${listNl(missing)}.`;
    }
    default:
      return w.message;
  }
}

export function MeasuresSection({ api, snap, today, headingId, editorsByKey, onDeleted }: Props) {
  const tree = snap.tree;
  const causes = rootCauses(tree);
  const warnings = measureWarnings(tree, snap.measures, null, today);
  const byMeasure = new Map<string, MeasureWarning[]>();
  const byNode = new Map<string, MeasureWarning[]>();
  for (const w of warnings) {
    if (w.measureId) byMeasure.set(w.measureId, [...(byMeasure.get(w.measureId) ?? []), w]);
    if (w.nodeId) byNode.set(w.nodeId, [...(byNode.get(w.nodeId) ?? []), w]);
  }
  const [prefill, setPrefill] = useState<{ rootCause: string; n: number } | null>(null);
  const attention = causes.filter((n) => (byNode.get(n.id) ?? []).length > 0);
  const orgListId = useId();
  const organisations = [...new Set(snap.parties.map((p) => p.value.name))].sort((a, b) => a.localeCompare(b, "nl"));

  return (
    <div className="measures">
      <h2 id={headingId}>Verbetermaatregelen en borging</h2>
      <p className="muted">
        Koppel aan elke basisoorzaak een SMART verbetermaatregel (wat, eigenaar, deadline, meetbaar resultaat) met borging, of leg uit
        waarom er geen maatregel komt.
      </p>
      <p
        className={warnings.length ? "measures-summary measures-summary--warn" : causes.length ? "measures-summary measures-summary--ok" : "measures-summary muted"}
        role="status"
      >
        {warnings.length === 0
          ? causes.length
            ? "Alle basisoorzaken hebben een maatregel of een reden, en alle maatregelen zijn volledig."
            : "Nog geen basisoorzaken."
          : warnings.length === 1
            ? "1 aandachtspunt."
            : `${warnings.length} aandachtspunten.`}
      </p>
      <datalist id={orgListId}>
        {organisations.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>

      <h3>Basisoorzaken</h3>
      {causes.length ? (
        <>
          {attention.length ? (
            <RootCauseTable
              caption="Basisoorzaken die aandacht nodig hebben"
              api={api}
              causes={attention}
              measures={snap.measures}
              byNode={byNode}
              onAddMeasure={(id) => setPrefill({ rootCause: id, n: Date.now() })}
            />
          ) : (
            <p className="measure-ok">
              <span aria-hidden="true">✓ </span>Elke basisoorzaak heeft een maatregel of een reden waarom niet.
            </p>
          )}
          <details className="rootcause-all">
            <summary>Alle basisoorzaken met hun maatregelen ({causes.length})</summary>
            <RootCauseTable
              caption="Alle basisoorzaken met hun ECM-code en verbetermaatregelen"
              api={api}
              causes={causes}
              measures={snap.measures}
              byNode={byNode}
              onAddMeasure={(id) => setPrefill({ rootCause: id, n: Date.now() })}
            />
          </details>
        </>
      ) : (
        <p className="empty">Nog geen basisoorzaken. Basisoorzaken zijn de onderste oorzaken in de boom.</p>
      )}

      <h3>Maatregelen</h3>
      {snap.measures.length ? (
        <ol className="measure-list">
          {snap.measures.map((m, i) => (
            <MeasureCard
              key={m.id}
              index={i + 1}
              api={api}
              measure={m}
              rootCauses={causes}
              warnings={byMeasure.get(m.id) ?? []}
              orgListId={orgListId}
              editors={editorsByKey[`measure:${m.id}`] ?? []}
              onDelete={() => {
                api.run((doc, ctx) => deleteMeasure(doc, ctx, m.id));
                onDeleted("Maatregel verwijderd");
              }}
            />
          ))}
        </ol>
      ) : (
        <p className="empty">Nog geen verbetermaatregelen.</p>
      )}
      {snap.invalidMeasures.length ? (
        <div className="alert alert--warn" role="note">
          {snap.invalidMeasures.map((m) => (
            <p key={m.id}>{m.reason}</p>
          ))}
        </div>
      ) : null}
      {api.canEdit ? <NewMeasureForm api={api} rootCauses={causes} prefill={prefill} /> : null}
    </div>
  );
}

function RootCauseTable({
  caption,
  api,
  causes,
  measures,
  byNode,
  onAddMeasure,
}: {
  caption: string;
  api: AnalysisApi;
  causes: readonly TreeNode[];
  measures: readonly Measure[];
  byNode: ReadonlyMap<string, MeasureWarning[]>;
  onAddMeasure(id: string): void;
}) {
  return (
    <table className="rootcause-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Basisoorzaak</th>
          <th scope="col">ECM</th>
          <th scope="col">Maatregelen</th>
        </tr>
      </thead>
      <tbody>
        {causes.map((n) => (
          <RootCauseRow
            key={n.id}
            api={api}
            node={n}
            measures={measures.filter((m) => m.rootCauses.includes(n.id))}
            warnings={byNode.get(n.id) ?? []}
            onAddMeasure={() => onAddMeasure(n.id)}
          />
        ))}
      </tbody>
    </table>
  );
}

function RootCauseRow({
  api,
  node,
  measures,
  warnings,
  onAddMeasure,
}: {
  api: AnalysisApi;
  node: TreeNode;
  measures: readonly Measure[];
  warnings: readonly MeasureWarning[];
  onAddMeasure(): void;
}) {
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState(node.noMeasureReason ?? "");
  const id = useId();
  const code = node.ecm ? ecmCatalog.byCode.get(node.ecm) : undefined;
  return (
    <tr className={warnings.length ? "row--warn" : undefined}>
      <td>
        <button type="button" className="button--link" id={`${id}-name`} onClick={() => api.focusNode(node.id)}>
          {nameOf(node)}
        </button>
        {warnings.map((w) => (
          <p key={w.code} className="inline-warning">
            <span aria-hidden="true">⚠ </span>
            {w.code === "basisoorzaak_zonder_maatregel" ? "Geen maatregel en geen reden waarom niet." : w.message}
          </p>
        ))}
      </td>
      <td>{code ? <abbr title={code.label}>{code.code}</abbr> : <span className="muted">geen</span>}</td>
      <td>
        {measures.length ? (
          <ul className="plain-list">
            {measures.map((m) => (
              <li key={m.id}>
                <a href={`#maatregel-${m.id}`}>{m.title.trim() || "Maatregel zonder omschrijving"}</a>
              </li>
            ))}
          </ul>
        ) : node.noMeasureReason && !reasonOpen ? (
          <p>
            Geen maatregel: {node.noMeasureReason}{" "}
            {api.canEdit ? (
              <button
                type="button"
                className="button--link"
                onClick={() => {
                  setReason(node.noMeasureReason ?? "");
                  setReasonOpen(true);
                }}
              >
                Reden wijzigen
              </button>
            ) : null}
          </p>
        ) : null}
        {api.canEdit && !measures.length ? (
          reasonOpen ? (
            <form
              className="reason-form"
              onSubmit={(e) => {
                e.preventDefault();
                api.run((doc, ctx) => setNoMeasureReason(doc, ctx, node.id, reason.trim() || null), reason.trim() ? "Reden vastgelegd." : "Reden weggehaald.");
                setReasonOpen(false);
              }}
            >
              <label htmlFor={`${id}-reason`}>Waarom geen maatregel?</label>
              <textarea id={`${id}-reason`} rows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} autoFocus />
              <div className="actions">
                <button type="submit" className="button button--small">
                  Reden opslaan
                </button>
                <button type="button" className="button button--secondary button--small" onClick={() => setReasonOpen(false)}>
                  Annuleren
                </button>
              </div>
            </form>
          ) : (
            <div className="actions">
              <button type="button" className="button button--secondary button--small" onClick={onAddMeasure} aria-describedby={`${id}-name`}>
                Maatregel toevoegen
              </button>
              {!node.noMeasureReason ? (
                <button type="button" className="button button--secondary button--small" onClick={() => setReasonOpen(true)} aria-describedby={`${id}-name`}>
                  Reden opgeven
                </button>
              ) : null}
            </div>
          )
        ) : null}
      </td>
    </tr>
  );
}

function MeasureCard({
  index,
  api,
  measure: m,
  rootCauses: causes,
  warnings,
  orgListId,
  editors,
  onDelete,
}: {
  index: number;
  api: AnalysisApi;
  measure: Measure;
  rootCauses: readonly TreeNode[];
  warnings: readonly MeasureWarning[];
  orgListId: string;
  editors: readonly { name: string; color: string }[];
  onDelete(): void;
}) {
  const id = useId();
  const edit = api.canEdit;
  const save = (patch: MeasureInput, message?: string) => api.run((doc, ctx) => updateMeasure(doc, ctx, m.id, patch), message);
  const gone = m.rootCauses.filter((rid) => !causes.some((c) => c.id === rid));
  return (
    <li
      id={`maatregel-${m.id}`}
      className={warnings.length ? "measure-card measure-card--warn" : "measure-card"}
      aria-labelledby={`${id}-title`}
      onFocus={() => api.setEditing(`measure:${m.id}`)}
    >
      <div className="measure-card__head">
        <h4 id={`${id}-title`}>
          <span className="measure-card__num">Maatregel {index}</span> {m.title.trim() || "zonder omschrijving"}
        </h4>
        <span className={`badge badge--status-${m.status}`}>{MEASURE_STATUS_LABELS[m.status]}</span>
      </div>
      {editors.length ? (
        <p className="node-details__presence">
          {editors.map((e) => (
            <span key={e.name} className="presence-chip">
              <span className="presence-dot" style={{ background: e.color }} aria-hidden="true" /> {e.name}
            </span>
          ))}{" "}
          werkt hier ook aan.
        </p>
      ) : null}
      {warnings.length ? (
        <div className="measure-warnings">
          <p className="measure-warnings__title" id={`${id}-warn`}>
            <span aria-hidden="true">⚠ </span>Nog aan te vullen
          </p>
          <ul aria-labelledby={`${id}-warn`}>
            {warnings.map((w) => (
              <li key={w.code}>{shortWarning(w, m)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="measure-ok">
          <span aria-hidden="true">✓ </span>Volledig: eigenaar, deadline, meetbaar resultaat en borging zijn ingevuld.
        </p>
      )}
      <div className="measure-grid">
        <LiveField className="span-2" label="Wat gaat er gebeuren?" value={m.title} readOnly={!edit} maxLength={500} onCommit={(v) => save({ title: v.trim() })} />
        <LiveField label="Eigenaar: organisatie" value={m.ownerOrganisation} readOnly={!edit} maxLength={200} list={orgListId} onCommit={(v) => save({ ownerOrganisation: v.trim() })} />
        <LiveField label="Eigenaar: functie" value={m.ownerFunction} readOnly={!edit} maxLength={200} onCommit={(v) => save({ ownerFunction: v.trim() })} />
        <LiveField label="Deadline" type="date" value={m.deadline ?? ""} readOnly={!edit} onCommit={(v) => save({ deadline: v || null })} />
        {edit ? (
          <div className="field">
            <label htmlFor={`${id}-status`}>Status</label>
            <select
              id={`${id}-status`}
              value={m.status}
              onChange={(e) => save({ status: e.currentTarget.value as MeasureStatus }, `Status: ${MEASURE_STATUS_LABELS[e.currentTarget.value as MeasureStatus]}.`)}
            >
              {MEASURE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {MEASURE_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <LiveField className="span-2" label="Meetbaar resultaat" value={m.measurableResult} multiline rows={2} readOnly={!edit} maxLength={2000} onCommit={(v) => save({ measurableResult: v.trim() })} />
        <LiveField className="span-2" label="Borging: hoe" value={m.borgingHow} multiline rows={2} readOnly={!edit} maxLength={2000} hint="Hoe wordt gecontroleerd dat de maatregel blijft werken?" onCommit={(v) => save({ borgingHow: v.trim() })} />
        <LiveField label="Borging: wie controleert" value={m.borgingWho} readOnly={!edit} maxLength={200} onCommit={(v) => save({ borgingWho: v.trim() })} />
        <LiveField label="Borging: wanneer geëvalueerd" type="date" value={m.borgingWhen ?? ""} readOnly={!edit} onCommit={(v) => save({ borgingWhen: v || null })} />
      </div>
      <div className="measure-links">
        <RootCauseChips
          label="Gekoppelde basisoorzaken"
          causes={causes}
          linked={m.rootCauses}
          edit={edit}
          onUnlink={(rid) => save({ rootCauses: m.rootCauses.filter((x) => x !== rid) }, "Koppeling weggehaald.")}
          onLink={(rid) => save({ rootCauses: [...m.rootCauses, rid] }, "Basisoorzaak gekoppeld.")}
        />
        {gone.length ? <p className="muted">{gone.length === 1 ? "1 koppeling naar een verwijderde oorzaak." : `${gone.length} koppelingen naar verwijderde oorzaken.`}</p> : null}
      </div>
      {edit ? (
        <div className="actions">
          <button type="button" className="button button--danger button--small" onClick={onDelete}>
            Maatregel verwijderen
          </button>
        </div>
      ) : null}
    </li>
  );
}

function NewMeasureForm({ api, rootCauses: causes, prefill }: { api: AnalysisApi; rootCauses: readonly TreeNode[]; prefill: { rootCause: string; n: number } | null }) {
  const id = useId();
  const [title, setTitle] = useState("");
  const [links, setLinks] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!prefill) return;
    setLinks([prefill.rootCause]);
    const el = document.getElementById(`${id}-title`);
    el?.scrollIntoView({ block: "center" });
    el?.focus();
  }, [prefill, id]);
  return (
    <form
      className="analysis-subpanel new-measure"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) {
          setError("Beschrijf wat er gaat gebeuren.");
          document.getElementById(`${id}-title`)?.focus();
          return;
        }
        const created = api.run(
          (doc, ctx) => createMeasure(doc, ctx, { title: title.trim(), rootCauses: links.filter((l) => causes.some((c) => c.id === l)) }),
          "Maatregel toegevoegd. Vul eigenaar, deadline, meetbaar resultaat en borging aan.",
        );
        if (created) {
          setTitle("");
          setLinks([]);
          setError(null);
          setTimeout(() => document.getElementById(`maatregel-${created}`)?.scrollIntoView({ block: "nearest" }), 0);
        }
      }}
    >
      <h3 id={`${id}-h`}>Nieuwe maatregel</h3>
      <div className={error ? "field field--error" : "field"}>
        <label htmlFor={`${id}-title`}>Wat gaat er gebeuren?</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={500}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-err` : undefined}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        {error ? (
          <p className="field__error" id={`${id}-err`}>
            {error}
          </p>
        ) : null}
      </div>
      {causes.length ? (
        <RootCauseChips
          label="Voor welke basisoorzaken?"
          causes={causes}
          linked={links}
          edit
          onUnlink={(rid) => setLinks((l) => l.filter((x) => x !== rid))}
          onLink={(rid) => setLinks((l) => [...l, rid])}
        />
      ) : null}
      <button type="submit" className="button">
        Maatregel toevoegen
      </button>
    </form>
  );
}

/** Linked root causes as a list with "Ontkoppelen", plus a search field to link another. */
function RootCauseChips({
  label,
  causes,
  linked,
  edit,
  onLink,
  onUnlink,
}: {
  label: string;
  causes: readonly TreeNode[];
  linked: readonly string[];
  edit: boolean;
  onLink(id: string): void;
  onUnlink(id: string): void;
}) {
  const headingId = useId();
  const shown = causes.filter((c) => linked.includes(c.id));
  const items: PickItem[] = causes.filter((c) => !linked.includes(c.id)).map((c) => ({ id: c.id, text: nameOf(c) }));
  return (
    <div className="rc-chips" role="group" aria-labelledby={headingId}>
      <p id={headingId} className="live-field__label">
        {label}
      </p>
      {shown.length ? (
        <ul className="chip-list">
          {shown.map((c) => (
            <li key={c.id} className="chip">
              <span>{nameOf(c)}</span>
              {edit ? (
                <button type="button" className="chip__remove" onClick={() => onUnlink(c.id)} aria-label={`Ontkoppelen: ${nameOf(c)}`}>
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">Nog niet gekoppeld.</p>
      )}
      {edit && items.length ? (
        <SearchPicker
          items={items}
          label="Basisoorzaak koppelen"
          onPick={onLink}
          placeholder="Zoek een basisoorzaak"
          emptyText="Er zijn geen andere basisoorzaken."
          noMatchText="Geen basisoorzaak gevonden met deze zoekterm."
        />
      ) : null}
    </div>
  );
}
