// Details of the selected node beside the tree: description, ECM code (root causes), themes,
// evidence (timeline facts, each a link to the fact on the Tijdlijn page), notes, the SIRE fields
// of a critical moment, the kind of a recovery factor, and the notices of conflict resolution.
import { useId } from "react";
import { Link } from "react-router";
import {
  addEvidence,
  ecmCatalog,
  moveNode,
  removeEvidence,
  setEcm,
  setLabel,
  setRecoveryType,
  setThemes,
  setWhyNote,
  themeCatalog,
  updateCriticalMoment,
  walk,
  type Measure,
  type RecoveryType,
  type ResolvedTree,
  type TreeNode,
} from "~/domain/analysis/index.ts";
import { eventWhen } from "~/components/workspace/format.ts";
import type { AnalysisApi } from "./api.ts";
import { EcmPicker } from "./EcmPicker.tsx";
import { EventPicker } from "./EventPicker.tsx";
import { LiveField } from "./LiveField.tsx";
import type { AnalysisSnapshot } from "./useAnalysis.ts";
import { kindLabel } from "~/domain/analysis/visual.ts";

interface Props {
  api: AnalysisApi;
  snap: AnalysisSnapshot;
  node: TreeNode | null;
  measures: readonly Measure[];
  editors: readonly { name: string; color: string }[];
}

export function isRootCauseNode(tree: ResolvedTree, n: TreeNode): boolean {
  return n.side === "cause" && n.kind === "cause" && n !== tree.top && n.children.length === 0;
}

export function NodeDetails({ api, snap, node, measures, editors }: Props) {
  const headingId = useId();
  if (!node) return <TreeSummary api={api} snap={snap} />;
  const tree = snap.tree;
  const rootCause = isRootCauseNode(tree, node);
  const edit = api.canEdit;
  const linked = measures.filter((m) => m.rootCauses.includes(node.id));
  const cited = new Set(node.evidence);
  const momentEvent = node.eventId ? snap.eventById.get(node.eventId) : undefined;

  return (
    <aside className="node-details" aria-labelledby={headingId}>
      <h3 id={headingId} className="node-details__title">
        {kindLabel(node, rootCause)}
        {node.id === tree.top?.id ? null : <span className="node-details__path"> · niveau {node.depth + 1}</span>}
      </h3>
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

      {node.flags.map((f) => (
        <div key={f.code} className="alert alert--warn node-flag" role="note">
          <p>{f.message}</p>
          {edit && (f.code !== "dubbele_top" ? node.viewParent !== null || node.kind === "recovery" : true) ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() =>
                api.run(
                  (doc, ctx) => moveNode(doc, ctx, node.id, node.viewParent),
                  f.code === "dubbele_top" ? "De tweede topgebeurtenis is nu een oorzaak." : "De knoop staat nu vast op deze plek.",
                )
              }
            >
              {f.code === "dubbele_top" ? "Maak er een oorzaak van" : "Laat hier staan"}
            </button>
          ) : null}
        </div>
      ))}

      <LiveField
        label="Omschrijving"
        value={node.label}
        multiline
        rows={3}
        maxLength={2000}
        readOnly={!edit}
        emptyText="Nog geen omschrijving"
        onCommit={(v) => api.run((doc, ctx) => setLabel(doc, ctx, node.id, v.trim()))}
      />

      {node.kind === "critical_moment" ? (
        <div className="node-details__group">
          <p className="live-field__label">Feit op de tijdlijn</p>
          {momentEvent ? (
            <p>
              <Link to={api.eventHref(momentEvent.id)}>
                {eventWhen(momentEvent.event)} — {momentEvent.event.title}
              </Link>
            </p>
          ) : (
            <p className="alert alert--warn">Het feit van dit kritieke moment staat niet (meer) op de tijdlijn.</p>
          )}
          {edit ? (
            <EventPicker
              events={snap.events}
              label="Ander feit kiezen"
              onPick={(eventId) => api.run((doc, ctx) => updateCriticalMoment(doc, ctx, node.id, { eventId }), "Het kritieke moment verwijst nu naar een ander feit.")}
            />
          ) : null}
          <LiveField
            label="Wat werd verwacht?"
            value={node.expected ?? ""}
            multiline
            readOnly={!edit}
            onCommit={(v) => api.run((doc, ctx) => updateCriticalMoment(doc, ctx, node.id, { expected: v }))}
          />
          <LiveField
            label="Wat gebeurde er in plaats daarvan?"
            value={node.actual ?? ""}
            multiline
            readOnly={!edit}
            onCommit={(v) => api.run((doc, ctx) => updateCriticalMoment(doc, ctx, node.id, { actual: v }))}
          />
        </div>
      ) : null}

      {node.kind === "recovery" ? <RecoveryTypeField api={api} node={node} /> : null}

      {rootCause ? (
        <div className="node-details__group">
          <p className="live-field__label" id={`${headingId}-ecm`}>
            ECM-code (Eindhoven Classificatie Model)
          </p>
          {edit ? (
            <EcmPicker
              label="ECM-code"
              value={node.ecm}
              onChange={(code) =>
                api.run(
                  (doc, ctx) => setEcm(doc, ctx, node.id, code),
                  code ? `Geclassificeerd als ${code}: ${ecmCatalog.byCode.get(code)?.label ?? ""}.` : "ECM-code weggehaald.",
                )
              }
            />
          ) : node.ecm ? (
            <p>
              <strong>{node.ecm}</strong> {ecmCatalog.byCode.get(node.ecm)?.label ?? "(onbekende code)"}
            </p>
          ) : (
            <p className="muted">Nog niet geclassificeerd.</p>
          )}
          {node.ecm && !ecmCatalog.byCode.has(node.ecm) ? (
            <p className="alert alert--warn">De code "{node.ecm}" staat niet in de lijst; kies een code uit de lijst.</p>
          ) : null}
          <p className="node-details__measures">
            {linked.length
              ? `Verbetermaatregelen: ${linked.map((m) => m.title.trim() || "zonder omschrijving").join("; ")}.`
              : node.noMeasureReason
                ? `Geen maatregel: ${node.noMeasureReason}`
                : "Nog geen verbetermaatregel."}{" "}
            <a href="#analyse-maatregelen">Naar de maatregelen</a>
          </p>
        </div>
      ) : node.ecm && node.side === "cause" ? (
        <p className="muted small">
          De ECM-code {node.ecm} blijft bewaard, maar telt niet mee zolang er oorzaken onder deze knoop staan.
        </p>
      ) : null}

      {node.kind !== "top" ? <ThemesField api={api} node={node} /> : null}

      <div className="node-details__group">
        <p className="live-field__label">Onderbouwing (feiten op de tijdlijn)</p>
        {node.evidence.length ? (
          <ul className="evidence-list">
            {node.evidence.map((eid) => {
              const ev = snap.eventById.get(eid);
              return (
                <li key={eid}>
                  {ev ? (
                    <Link to={api.eventHref(eid)}>
                      {eventWhen(ev.event)} — {ev.event.title}
                    </Link>
                  ) : (
                    <span className="muted">Feit niet (meer) op de tijdlijn</span>
                  )}
                  {edit ? (
                    <button
                      type="button"
                      className="button--link evidence-remove"
                      onClick={() => api.run((doc, ctx) => removeEvidence(doc, ctx, node.id, eid), "Verwijzing weggehaald.")}
                      aria-label={`Verwijzing weghalen: ${ev ? ev.event.title : "onbekend feit"}`}
                    >
                      Weghalen
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="muted">Nog geen feiten als onderbouwing.</p>
        )}
        {edit ? (
          <EventPicker
            events={snap.events}
            exclude={cited}
            label="Feit als onderbouwing toevoegen"
            onPick={(eventId) => {
              const ev = snap.eventById.get(eventId);
              api.run((doc, ctx) => addEvidence(doc, ctx, node.id, eventId), `Onderbouwing toegevoegd: ${ev?.event.title ?? "feit"}.`);
            }}
          />
        ) : null}
      </div>

      <LiveField
        label="Toelichting"
        value={node.whyNote ?? ""}
        multiline
        rows={2}
        readOnly={!edit}
        onCommit={(v) => api.run((doc, ctx) => setWhyNote(doc, ctx, node.id, v.trim() ? v : null))}
      />
      {node.issues.length ? (
        <div className="alert alert--warn" role="note">
          {node.issues.map((i) => (
            <p key={i.field}>{i.message}</p>
          ))}
        </div>
      ) : null}
    </aside>
  );
}

function RecoveryTypeField({ api, node }: { api: AnalysisApi; node: TreeNode }) {
  const name = useId();
  const options: { value: RecoveryType | null; label: string }[] = [
    { value: "gepland", label: "Gepland (een bestaande barrière werkte)" },
    { value: "ongepland", label: "Ongepland (toevallig of geïmproviseerd)" },
    { value: null, label: "Nog niet bepaald" },
  ];
  if (!api.canEdit) {
    return (
      <p>
        <span className="live-field__label">Soort herstelfactor: </span>
        {node.recoveryType ?? "nog niet bepaald"}
      </p>
    );
  }
  return (
    <fieldset className="node-details__group fieldset">
      <legend>Soort herstelfactor</legend>
      {options.map((o) => (
        <label key={String(o.value)} className="choice">
          <input
            type="radio"
            name={name}
            checked={node.recoveryType === o.value}
            onChange={() => api.run((doc, ctx) => setRecoveryType(doc, ctx, node.id, o.value))}
          />{" "}
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function ThemesField({ api, node }: { api: AnalysisApi; node: TreeNode }) {
  const hintPrefix = useId();
  if (!api.canEdit) {
    return (
      <div className="node-details__group">
        <p className="live-field__label">Thema's</p>
        <p>{node.themes.length ? node.themes.map((t) => themeCatalog.byId.get(t)?.label ?? t).join(", ") : <span className="muted">Geen thema's.</span>}</p>
      </div>
    );
  }
  return (
    <fieldset className="node-details__group fieldset">
      <legend>Thema's (leren over onderzoeken heen)</legend>
      {themeCatalog.themes.map((t) => (
        <label key={t.id} className="choice choice--described">
          <input
            type="checkbox"
            checked={node.themes.includes(t.id)}
            aria-describedby={`${hintPrefix}-${t.id}`}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              const next = on ? [...node.themes, t.id] : node.themes.filter((x) => x !== t.id);
              api.run((doc, ctx) => setThemes(doc, ctx, node.id, next), on ? `Thema ${t.label} toegevoegd.` : `Thema ${t.label} weggehaald.`);
            }}
          />{" "}
          <span>
            {t.label}
            <span id={`${hintPrefix}-${t.id}`} className="choice__hint">
              {t.explanation}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** Shown while no node is chosen: what is in the tree, and what the shapes and colours mean. */
function TreeSummary({ api, snap }: { api: AnalysisApi; snap: AnalysisSnapshot }) {
  const tree = snap.tree;
  const all = [...walk(tree)];
  const causes = all.filter((n) => n.side === "cause" && n.kind === "cause");
  const roots = causes.filter((n) => n.children.length === 0 && n !== tree.top);
  const unclassified = roots.filter((n) => !n.ecm || !ecmCatalog.byCode.has(n.ecm)).length;
  const recovery = all.filter((n) => n.side === "recovery").length;
  return (
    <aside className="node-details node-details--summary" aria-label="Overzicht van de boom">
      <p className="muted">Kies een knoop in de boom om de details te zien{api.canEdit ? " en te bewerken" : ""}.</p>
      <dl className="tree-stats">
        <dt>Oorzaken</dt>
        <dd>{causes.length}</dd>
        <dt>Basisoorzaken</dt>
        <dd>{roots.length}</dd>
        <dt>Zonder ECM-code</dt>
        <dd>{unclassified}</dd>
        <dt>Herstelfactoren</dt>
        <dd>{recovery}</dd>
        {tree.criticalMoments.length ? (
          <>
            <dt>Kritieke momenten</dt>
            <dd>{tree.criticalMoments.length}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="legend-title">Legenda</h3>
      <ul className="legend">
        <li>
          <span className="legend__swatch legend__swatch--top" aria-hidden="true" /> Topgebeurtenis
        </li>
        <li>
          <span className="legend__swatch legend__swatch--cause" aria-hidden="true" /> Oorzaak
        </li>
        <li>
          <span className="legend__swatch legend__swatch--root" aria-hidden="true" /> Basisoorzaak, met ECM-code rechtsboven (ECM? = nog kiezen)
        </li>
        <li>
          <span className="legend__swatch legend__swatch--recovery" aria-hidden="true" /> Herstelfactor; gestippeld = ongepland
        </li>
        <li>
          <span className="legend__swatch legend__swatch--moment" aria-hidden="true" /> Kritiek moment (SIRE)
        </li>
        <li>
          <span className="legend__swatch legend__swatch--flag" aria-hidden="true" /> ⚠ Let op: verplaatst door gelijktijdige wijzigingen
        </li>
      </ul>
    </aside>
  );
}
