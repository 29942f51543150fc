// Changing a lane (name, domain), removing it (its facts moved to another lane) and changing a
// period: the forms the structure panel opens for one row. Every change is one transaction with
// the page's origin (undoable); the server's write check lets only the procesbegeleider and
// onderzoekers change the structure (ADR 0008/0009).
import { useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { parseDutchDate } from "~/domain/timeline/dutch-dates.ts";
import { deleteParty, updateParty, updatePeriod } from "~/domain/timeline/mutations.ts";
import { formatDutchEditablePartialDate, isEndNotBeforeStart } from "~/domain/timeline/partial-date.ts";
import { STANDARD_PARTY_DOMAINS } from "~/domain/timeline/vocabulary.ts";
import { errorMessage } from "./format.ts";
import type { PartyEntry, PeriodEntry } from "./types.ts";

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${/[.!?]$/.test(s) ? "" : "."}`;

function Input(props: { id: string; label: string; value: string; onChange: (v: string) => void; error?: string; list?: string; autoFocus?: boolean }) {
  return (
    <div className={`field ws-field${props.error ? " field--error" : ""}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        maxLength={120}
        list={props.list}
        value={props.value}
        autoFocus={props.autoFocus}
        onChange={(e) => props.onChange(e.target.value)}
        {...(props.error ? { "aria-invalid": true as const, "aria-describedby": `${props.id}-error` } : {})}
      />
      {props.error ? (
        <p className="field__error" id={`${props.id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

interface Common {
  doc: Y.Doc;
  origin: object;
  onDone: (message: string) => void;
  onCancel: () => void;
}

export function PartyEditForm({ doc, origin, party, parties, onDone, onCancel }: Common & { party: PartyEntry; parties: PartyEntry[] }) {
  const [name, setName] = useState(party.value.name);
  const [domain, setDomain] = useState(party.value.domain);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!name.trim()) errs.name = "Vul de naam van de organisatie in.";
    else if (parties.some((p) => p.id !== party.id && p.value.name.trim().toLowerCase() === name.trim().toLowerCase()))
      errs.name = "Er is al een partij met deze naam.";
    if (!domain.trim()) errs.domain = "Kies of typ een domein.";
    setErrors(errs);
    if (Object.keys(errs).length) return;
    try {
      updateParty(doc, party.id, { name: name.trim(), domain: domain.trim() }, { origin });
      onDone(`Partij ‘${name.trim()}’ opgeslagen.`);
    } catch (err) {
      setErrors({ form: errorMessage(err) });
    }
  };
  return (
    <form className="ws-form ws-addform" onSubmit={save} noValidate aria-labelledby="sp-h-editparty" data-edit-party={party.id}>
      <h4 id="sp-h-editparty">Partij ‘{party.value.name}’ wijzigen</h4>
      {errors.form ? (
        <div className="alert alert--error" role="alert">
          {errors.form}
        </div>
      ) : null}
      <div className="ws-form__row">
        <Input id="sp-edit-name" label="Nieuwe naam" value={name} onChange={setName} error={errors.name} autoFocus />
        <Input id="sp-edit-domain" label="Nieuw domein" value={domain} onChange={setDomain} error={errors.domain} list="sp-edit-domains" />
        <datalist id="sp-edit-domains">
          {STANDARD_PARTY_DOMAINS.map((d) => (
            <option key={d} value={d} />
          ))}
        </datalist>
      </div>
      <div className="actions">
        <button type="submit" className="button button--small">
          Partij opslaan
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}

export function PartyRemoveForm({
  doc,
  origin,
  userId,
  party,
  parties,
  factCount,
  onDone,
  onCancel,
}: Common & { userId: string; party: PartyEntry; parties: PartyEntry[]; factCount: number }) {
  const others = parties.filter((p) => p.id !== party.id);
  const [target, setTarget] = useState("");
  const [error, setError] = useState<string | null>(null);
  const remove = (e: FormEvent) => {
    e.preventDefault();
    if (factCount > 0 && !target) {
      setError("Kies de partij die de feiten overneemt.");
      document.getElementById("sp-remove-target")?.focus();
      return;
    }
    try {
      deleteParty(doc, party.id, { userId, origin, ...(factCount > 0 ? { moveEventsTo: target } : {}) });
      const to = others.find((p) => p.id === target)?.value.name;
      onDone(
        factCount > 0
          ? `Partij ‘${party.value.name}’ verwijderd; ${factCount === 1 ? "het feit staat" : `de ${factCount} feiten staan`} nu bij ${to}. U kunt dit ongedaan maken.`
          : `Partij ‘${party.value.name}’ verwijderd. U kunt dit ongedaan maken.`,
      );
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <form className="ws-form ws-addform" onSubmit={remove} noValidate aria-labelledby="sp-h-removeparty" data-remove-party={party.id}>
      <h4 id="sp-h-removeparty">Partij ‘{party.value.name}’ verwijderen</h4>
      {factCount === 0 ? (
        <p className="ws-small">Op deze baan staan geen feiten.</p>
      ) : others.length === 0 ? (
        <p className="ws-small">
          Op deze baan staan {factCount === 1 ? "1 feit" : `${factCount} feiten`}. Voeg eerst een andere partij toe om ze naartoe te verplaatsen.
        </p>
      ) : (
        <div className={`field ws-field${error ? " field--error" : ""}`}>
          <label htmlFor="sp-remove-target">
            Op deze baan staan {factCount === 1 ? "1 feit" : `${factCount} feiten`}. Verplaatsen naar
          </label>
          <select
            id="sp-remove-target"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            {...(error ? { "aria-invalid": true as const, "aria-describedby": "sp-remove-target-error" } : {})}
          >
            <option value="">Kies een partij</option>
            {others.map((p) => (
              <option key={p.id} value={p.id}>
                {p.value.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {error ? (
        <p className="field__error" id="sp-remove-target-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button button--danger button--small" disabled={factCount > 0 && others.length === 0}>
          Partij verwijderen
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}

export function PeriodEditForm({ doc, origin, period, onDone, onCancel }: Common & { period: PeriodEntry }) {
  const [label, setLabel] = useState(period.value.label);
  const [start, setStart] = useState(formatDutchEditablePartialDate(period.value.start));
  const [end, setEnd] = useState(formatDutchEditablePartialDate(period.value.end));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = (e: FormEvent) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!label.trim()) errs.label = "Geef de periode een naam, bijvoorbeeld ‘Verblijf vrouwenopvang’.";
    const s = parseDutchDate(start, undefined, { label: "begindatum" });
    const t = parseDutchDate(end, undefined, { label: "einddatum" });
    if (!s.ok) errs.start = start.trim() ? sentence(s.error) : "Vul de begindatum in, bijvoorbeeld oktober 2012.";
    if (!t.ok) errs.end = end.trim() ? sentence(t.error) : "Vul de einddatum in, bijvoorbeeld mei 2013.";
    if (s.ok && t.ok && !isEndNotBeforeStart(s.value, t.value)) errs.end = "De einddatum ligt vóór de begindatum.";
    setErrors(errs);
    if (Object.keys(errs).length || !s.ok || !t.ok) return;
    try {
      updatePeriod(doc, period.id, { label: label.trim(), start: s.value, end: t.value }, { origin });
      onDone(`Periode ‘${label.trim()}’ opgeslagen.`);
    } catch (err) {
      setErrors({ form: errorMessage(err) });
    }
  };
  return (
    <form className="ws-form ws-addform" onSubmit={save} noValidate aria-labelledby="sp-h-editperiod" data-edit-period={period.id}>
      <h4 id="sp-h-editperiod">Periode ‘{period.value.label}’ wijzigen</h4>
      {errors.form ? (
        <div className="alert alert--error" role="alert">
          {errors.form}
        </div>
      ) : null}
      <Input id="sp-edit-label" label="Nieuwe naam van de periode" value={label} onChange={setLabel} error={errors.label} autoFocus />
      <div className="ws-form__row">
        <Input id="sp-edit-start" label="Nieuw begin" value={start} onChange={setStart} error={errors.start} />
        <Input id="sp-edit-end" label="Nieuw einde (tot en met)" value={end} onChange={setEnd} error={errors.end} />
      </div>
      <div className="actions">
        <button type="submit" className="button button--small">
          Periode opslaan
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          Annuleren
        </button>
      </div>
    </form>
  );
}
