// SIRE: mark facts on the timeline as kritieke momenten (what was expected, what happened
// instead); each moment is a root in the tree editor above, where its "waarom?" chain is built
// down to basisoorzaken.
import { useId, useState } from "react";
import { Link } from "react-router";
import { addCriticalMoment, addWhy, sireSummary, type ResolvedTree } from "~/domain/analysis/index.ts";
import { eventWhen } from "~/components/workspace/format.ts";
import type { AnalysisApi } from "./api.ts";
import { EventPicker, eventText } from "./EventPicker.tsx";
import type { AnalysisSnapshot } from "./useAnalysis.ts";

interface Props {
  api: AnalysisApi;
  snap: AnalysisSnapshot;
  headingId: string;
}

export function CriticalMoments({ api, snap, headingId }: Props) {
  const tree: ResolvedTree = snap.tree;
  const summary = sireSummary(tree, new Set(snap.eventById.keys()));
  const formId = useId();
  const [eventId, setEventId] = useState<string | null>(null);
  const [expected, setExpected] = useState("");
  const [actual, setActual] = useState("");
  const [label, setLabel] = useState("");
  const chosen = eventId ? snap.eventById.get(eventId) : undefined;

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!eventId) {
      api.announce("Kies eerst een feit op de tijdlijn.");
      return;
    }
    const id = api.run(
      (doc, ctx) =>
        addCriticalMoment(doc, ctx, {
          eventId,
          label: label.trim() || chosen?.event.title || "",
          expected: expected.trim(),
          actual: actual.trim(),
        }),
      "Kritiek moment gemarkeerd. Vraag in de boom door met 'waarom?'.",
    );
    if (id) {
      setEventId(null);
      setExpected("");
      setActual("");
      setLabel("");
      api.focusNode(id);
    }
  };

  return (
    <div className="critical-moments">
      <h2 id={headingId}>Kritieke momenten (SIRE)</h2>
      <p className="muted">
        Een kritiek moment is een moment waarop de zorg afweek van wat verwacht werd. Vraag per moment in de boom hierboven door met
        "waarom?" tot u bij de basisoorzaken komt.
      </p>
      {summary.length ? (
        <ol className="moment-list">
          {summary.map(({ moment, eventMissing, rootCauses, causeCount }) => {
            const ev = moment.eventId ? snap.eventById.get(moment.eventId) : undefined;
            return (
              <li key={moment.id} className="moment-card">
                <h3 className="moment-card__title">{moment.label.trim() || ev?.event.title || "Kritiek moment"}</h3>
                <p className="moment-card__event">
                  {ev ? (
                    <Link to={api.eventHref(ev.id)}>{eventText(ev)}</Link>
                  ) : eventMissing ? (
                    <span className="badge badge--overdue">Het feit staat niet (meer) op de tijdlijn</span>
                  ) : null}
                </p>
                <dl className="moment-card__dl">
                  <dt>Verwacht</dt>
                  <dd>{moment.expected?.trim() || <span className="muted">nog niet ingevuld</span>}</dd>
                  <dt>In plaats daarvan</dt>
                  <dd>{moment.actual?.trim() || <span className="muted">nog niet ingevuld</span>}</dd>
                </dl>
                <p className="moment-card__status">
                  {causeCount === 0
                    ? "Nog geen waarom-vragen."
                    : `${causeCount} ${causeCount === 1 ? "oorzaak" : "oorzaken"}, ${rootCauses.length} ${rootCauses.length === 1 ? "basisoorzaak" : "basisoorzaken"}.`}
                </p>
                <div className="actions">
                  <button type="button" className="button button--secondary button--small" onClick={() => api.focusNode(moment.id)}>
                    Toon in de boom
                  </button>
                  {api.canEdit ? (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        const id = api.run((doc, ctx) => addWhy(doc, ctx, moment.id, ""), "Waarom-vraag toegevoegd.");
                        if (id) api.focusNode(id);
                      }}
                    >
                      Waarom? toevoegen
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      ) : (
        <p className="empty">Nog geen kritieke momenten gemarkeerd.</p>
      )}
      {api.canEdit ? (
        <form className="moment-form analysis-subpanel" onSubmit={submit} aria-labelledby={`${formId}-title`}>
          <h3 id={`${formId}-title`}>Kritiek moment markeren</h3>
          {chosen ? (
            <p>
              Gekozen feit: <strong>{eventWhen(chosen.event)} — {chosen.event.title}</strong>{" "}
              <button type="button" className="button--link" onClick={() => setEventId(null)}>
                Ander feit kiezen
              </button>
            </p>
          ) : (
            <EventPicker
              events={snap.events}
              label="Feit op de tijdlijn"
              hint="Feiten die op de tijdlijn als kritiek moment zijn gemarkeerd, staan bovenaan."
              highlight={(e) => (e.event.flags.kritiekMoment ? "kritiek moment op de tijdlijn" : null)}
              onPick={setEventId}
            />
          )}
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${formId}-label`}>Korte omschrijving (optioneel)</label>
              <input id={`${formId}-label`} value={label} maxLength={2000} onChange={(e) => setLabel(e.currentTarget.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-exp`}>Wat werd verwacht?</label>
              <textarea id={`${formId}-exp`} rows={2} value={expected} onChange={(e) => setExpected(e.currentTarget.value)} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-act`}>Wat gebeurde er in plaats daarvan?</label>
              <textarea id={`${formId}-act`} rows={2} value={actual} onChange={(e) => setActual(e.currentTarget.value)} />
            </div>
          </div>
          <button type="submit" className="button">
            Markeer als kritiek moment
          </button>
        </form>
      ) : null}
    </div>
  );
}
