// Lanes (parties) and periods: the structure of the timeline, managed by the procesbegeleider
// and onderzoekers (canManageTimelineStructure). Each action is one transaction with the page's
// origin, so it can be undone like any other change.
import { forwardRef, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { parseDutchDate } from "~/domain/timeline/dutch-dates.ts";
import { createParty, createPeriod, deletePeriod, movePartyWithinDomain, updateParty } from "~/domain/timeline/mutations.ts";
import { formatDutchPartialDate, isEndNotBeforeStart } from "~/domain/timeline/partial-date.ts";
import { getTimelineMaps, groupPartiesByDomain } from "~/domain/timeline/schema.ts";
import { STANDARD_PARTY_DOMAINS } from "~/domain/timeline/vocabulary.ts";
import { errorMessage } from "./format.ts";
import { PartyEditForm, PartyRemoveForm, PeriodEditForm } from "./StructureEdit.tsx";
import type { Organisation, PartyEntry, PeriodEntry } from "./types.ts";

interface Props {
  doc: Y.Doc;
  origin: object;
  parties: PartyEntry[];
  periods: PeriodEntry[];
  organisations: Organisation[];
  /** Recorded as who changed the facts a removed lane hands over. */
  userId: string;
  open: boolean;
  onToggle: (open: boolean) => void;
  onDone: (message: string) => void;
}

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? "" : "."}`;

export const StructurePanel = forwardRef<HTMLInputElement, Props>(function StructurePanel(
  { doc, origin, parties, periods, organisations, userId, open, onToggle, onDone },
  partyNameRef,
) {
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  const groups = groupPartiesByDomain(parties);
  const [editing, setEditing] = useState<{ kind: "party" | "remove" | "period"; id: string } | null>(null);
  const factCount = new Map<string, number>();
  for (const item of getTimelineMaps(doc).events.values()) {
    const party = (item as Y.Map<unknown>).get?.("party");
    if (typeof party === "string") factCount.set(party, (factCount.get(party) ?? 0) + 1);
  }
  const finish = (message: string) => {
    setEditing(null);
    onDone(message);
  };
  const move = (p: PartyEntry, direction: "up" | "down") => {
    try {
      if (movePartyWithinDomain(doc, p.id, direction, { origin }))
        onDone(`${p.value.name} staat nu een plaats ${direction === "up" ? "hoger" : "lager"}.`);
    } catch (error) {
      onDone(errorMessage(error));
    }
  };
  const editingParty = editing && editing.kind !== "period" ? parties.find((p) => p.id === editing.id) : undefined;
  const editingPeriod = editing?.kind === "period" ? periods.find((p) => p.id === editing.id) : undefined;

  // --- add party
  const [pName, setPName] = useState("");
  const [pDomain, setPDomain] = useState<string>(STANDARD_PARTY_DOMAINS[0]);
  const [pOrg, setPOrg] = useState("");
  const [pErrors, setPErrors] = useState<Record<string, string>>({});
  const addParty = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!pName.trim()) errs.name = "Vul de naam van de organisatie in.";
    else if (parties.some((p) => p.value.name.trim().toLowerCase() === pName.trim().toLowerCase()))
      errs.name = "Er is al een partij met deze naam.";
    if (!pDomain.trim()) errs.domain = "Kies of typ een domein.";
    setPErrors(errs);
    if (Object.keys(errs).length) {
      document.getElementById(errs.name ? "sp-name" : "sp-domain")?.focus();
      return;
    }
    try {
      createParty(doc, { name: pName.trim(), domain: pDomain.trim(), ...(pOrg ? { organisationId: pOrg } : {}) }, { origin });
      onDone(`Partij ‘${pName.trim()}’ toegevoegd.`);
      setPName("");
      setPOrg("");
    } catch (err) {
      setPErrors({ form: errorMessage(err) });
    }
  };

  // --- add period
  const [lLabel, setLLabel] = useState("");
  const [lStart, setLStart] = useState("");
  const [lEnd, setLEnd] = useState("");
  const [lErrors, setLErrors] = useState<Record<string, string>>({});
  const addPeriod = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!lLabel.trim()) errs.label = "Geef de periode een naam, bijvoorbeeld ‘Verblijf vrouwenopvang’.";
    const start = parseDutchDate(lStart, undefined, { label: "begindatum" });
    const end = parseDutchDate(lEnd, undefined, { label: "einddatum" });
    if (!start.ok) errs.start = lStart.trim() ? sentence(start.error) : "Vul de begindatum in, bijvoorbeeld oktober 2012.";
    if (!end.ok) errs.end = lEnd.trim() ? sentence(end.error) : "Vul de einddatum in, bijvoorbeeld mei 2013.";
    if (start.ok && end.ok && !isEndNotBeforeStart(start.value, end.value)) errs.end = "De einddatum ligt vóór de begindatum.";
    setLErrors(errs);
    if (Object.keys(errs).length || !start.ok || !end.ok) {
      document.getElementById(errs.label ? "sp-label" : errs.start ? "sp-start" : "sp-end")?.focus();
      return;
    }
    try {
      createPeriod(doc, { label: lLabel.trim(), start: start.value, end: end.value }, { origin });
      onDone(`Periode ‘${lLabel.trim()}’ toegevoegd.`);
      setLLabel("");
      setLStart("");
      setLEnd("");
    } catch (err) {
      setLErrors({ form: errorMessage(err) });
    }
  };

  const err = (id: string, message?: string) =>
    message ? (
      <p className="field__error" id={`${id}-error`}>
        {message}
      </p>
    ) : null;
  const aria = (id: string, message?: string) => (message ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {});

  return (
    <details className="ws-structure" open={open} onToggle={(e) => onToggle((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>
        Partijen en perioden{" "}
        <span className="muted">
          ({parties.length} partijen, {periods.length} perioden)
        </span>
      </summary>
      <div className="ws-structure__body">
        <section aria-labelledby="sp-h-parties">
          <h3 id="sp-h-parties">Partijen (tijdlijnbanen)</h3>
          {parties.length === 0 ? (
            <p className="muted ws-small">Nog geen partijen. Voeg per betrokken organisatie een partij toe.</p>
          ) : (
            <table className="ws-mini">
              <thead>
                <tr>
                  <th scope="col">Naam</th>
                  <th scope="col">Domein</th>
                  <th scope="col">Gekoppelde organisatie</th>
                  <th scope="col">Feiten</th>
                  <th scope="col">Wijzigen</th>
                </tr>
              </thead>
              <tbody>
                {groups.flatMap((g) =>
                  g.parties.map((p, i) => (
                    <tr key={p.id}>
                      <td>{p.value.name}</td>
                      <td>{g.domain}</td>
                      <td>
                        <label className="visually-hidden" htmlFor={`sp-org-${p.id}`}>
                          Gekoppelde organisatie van {p.value.name}
                        </label>
                        <select
                          id={`sp-org-${p.id}`}
                          value={p.value.organisationId ?? ""}
                          onChange={(e) => {
                            try {
                              updateParty(doc, p.id, { organisationId: e.target.value || null }, { origin });
                              onDone(
                                e.target.value
                                  ? `${p.value.name} is gekoppeld aan ${orgName.get(e.target.value) ?? "de organisatie"}.`
                                  : `${p.value.name} is ontkoppeld.`,
                              );
                            } catch (error) {
                              onDone(errorMessage(error));
                            }
                          }}
                        >
                          <option value="">Niet gekoppeld</option>
                          {p.value.organisationId && !orgName.has(p.value.organisationId) ? (
                            <option value={p.value.organisationId}>Organisatie (geen deelnemer meer)</option>
                          ) : null}
                          {organisations.map((o) => (
                            <option key={o.id} value={o.id}>
                              {o.name}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>{factCount.get(p.id) ?? 0}</td>
                      <td>
                        <div className="ws-structure__actions">
                        <button type="button" className="button button--secondary button--small" disabled={i === 0} onClick={() => move(p, "up")}>
                          Omhoog<span className="visually-hidden"> {p.value.name}</span>
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          disabled={i === g.parties.length - 1}
                          onClick={() => move(p, "down")}
                        >
                          Omlaag<span className="visually-hidden"> {p.value.name}</span>
                        </button>
                        <button type="button" className="button button--secondary button--small" onClick={() => setEditing({ kind: "party", id: p.id })}>
                          Wijzigen<span className="visually-hidden"> partij {p.value.name}</span>
                        </button>
                        <button type="button" className="button button--secondary button--small" onClick={() => setEditing({ kind: "remove", id: p.id })}>
                          Verwijderen<span className="visually-hidden"> partij {p.value.name}</span>
                        </button>
                        </div>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          )}
          {editingParty && editing?.kind === "party" ? (
            <PartyEditForm key={editingParty.id} doc={doc} origin={origin} party={editingParty} parties={parties} onDone={finish} onCancel={() => setEditing(null)} />
          ) : null}
          {editingParty && editing?.kind === "remove" ? (
            <PartyRemoveForm
              key={editingParty.id}
              doc={doc}
              origin={origin}
              userId={userId}
              party={editingParty}
              parties={parties}
              factCount={factCount.get(editingParty.id) ?? 0}
              onDone={finish}
              onCancel={() => setEditing(null)}
            />
          ) : null}
          <form className="ws-form ws-addform" onSubmit={addParty} noValidate aria-labelledby="sp-h-addparty">
            <h4 id="sp-h-addparty">Partij toevoegen</h4>
            {pErrors.form ? (
              <div className="alert alert--error" role="alert">
                {pErrors.form}
              </div>
            ) : null}
            <div className="ws-form__row ws-form__row--3">
              <div className={`field ws-field${pErrors.name ? " field--error" : ""}`}>
                <label htmlFor="sp-name">Naam organisatie</label>
                <input
                  ref={partyNameRef}
                  id="sp-name"
                  type="text"
                  maxLength={120}
                  value={pName}
                  onChange={(e) => setPName(e.target.value)}
                  {...aria("sp-name", pErrors.name)}
                />
                {err("sp-name", pErrors.name)}
              </div>
              <div className={`field ws-field${pErrors.domain ? " field--error" : ""}`}>
                <label htmlFor="sp-domain">Domein</label>
                <input
                  id="sp-domain"
                  type="text"
                  list="sp-domains"
                  maxLength={60}
                  value={pDomain}
                  onChange={(e) => setPDomain(e.target.value)}
                  {...aria("sp-domain", pErrors.domain)}
                />
                <datalist id="sp-domains">
                  {STANDARD_PARTY_DOMAINS.map((d) => (
                    <option key={d} value={d} />
                  ))}
                </datalist>
                {err("sp-domain", pErrors.domain)}
              </div>
              <div className="field ws-field">
                <label htmlFor="sp-org">Gekoppelde organisatie</label>
                <select id="sp-org" value={pOrg} onChange={(e) => setPOrg(e.target.value)} aria-describedby="sp-org-hint">
                  <option value="">Niet gekoppeld</option>
                  {organisations.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
                <p className="field__hint" id="sp-org-hint">
                  De ketenpartner van die organisatie bewerkt deze baan.
                </p>
              </div>
            </div>
            <button type="submit" className="button button--small">
              Partij toevoegen
            </button>
          </form>
        </section>

        <section aria-labelledby="sp-h-periods">
          <h3 id="sp-h-periods">Perioden</h3>
          {periods.length === 0 ? (
            <p className="muted ws-small">Nog geen perioden. Deel de tijdlijn op in fasen uit het leven van het gezin.</p>
          ) : (
            <ul className="ws-periods">
              {periods.map((p) => (
                <li key={p.id}>
                  <span>
                    <strong>{p.value.label}</strong>{" "}
                    <span className="muted">
                      {formatDutchPartialDate(p.value.start)} – {formatDutchPartialDate(p.value.end)}
                    </span>
                  </span>
                  <span className="ws-structure__actions">
                  <button type="button" className="button button--secondary button--small" onClick={() => setEditing({ kind: "period", id: p.id })}>
                    Wijzigen<span className="visually-hidden"> periode {p.value.label}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => {
                      deletePeriod(doc, p.id, { origin });
                      onDone(`Periode ‘${p.value.label}’ verwijderd. U kunt dit ongedaan maken.`);
                    }}
                  >
                    Verwijderen<span className="visually-hidden"> periode {p.value.label}</span>
                  </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
          {editingPeriod ? (
            <PeriodEditForm key={editingPeriod.id} doc={doc} origin={origin} period={editingPeriod} onDone={finish} onCancel={() => setEditing(null)} />
          ) : null}
          <form className="ws-form ws-addform" onSubmit={addPeriod} noValidate aria-labelledby="sp-h-addperiod">
            <h4 id="sp-h-addperiod">Periode toevoegen</h4>
            {lErrors.form ? (
              <div className="alert alert--error" role="alert">
                {lErrors.form}
              </div>
            ) : null}
            <div className={`field ws-field${lErrors.label ? " field--error" : ""}`}>
              <label htmlFor="sp-label">Naam van de periode</label>
              <input
                id="sp-label"
                type="text"
                maxLength={120}
                value={lLabel}
                onChange={(e) => setLLabel(e.target.value)}
                {...aria("sp-label", lErrors.label)}
              />
              {err("sp-label", lErrors.label)}
            </div>
            <div className="ws-form__row">
              <div className={`field ws-field${lErrors.start ? " field--error" : ""}`}>
                <label htmlFor="sp-start">Van</label>
                <input
                  id="sp-start"
                  type="text"
                  placeholder="bijv. oktober 2012"
                  value={lStart}
                  onChange={(e) => setLStart(e.target.value)}
                  {...aria("sp-start", lErrors.start)}
                />
                {err("sp-start", lErrors.start)}
              </div>
              <div className={`field ws-field${lErrors.end ? " field--error" : ""}`}>
                <label htmlFor="sp-end">Tot en met</label>
                <input
                  id="sp-end"
                  type="text"
                  placeholder="bijv. mei 2013"
                  value={lEnd}
                  onChange={(e) => setLEnd(e.target.value)}
                  {...aria("sp-end", lErrors.end)}
                />
                {err("sp-end", lErrors.end)}
              </div>
            </div>
            <button type="submit" className="button button--small">
              Periode toevoegen
            </button>
          </form>
        </section>
      </div>
    </details>
  );
});
