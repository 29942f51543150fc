import { OPEN_FACTS_FILTER } from "~/domain/report/where.ts";
import { EVENT_FLAGS, EVENT_STATUSES, lifeDomainLabel } from "~/domain/timeline/vocabulary.ts";
import { NO_FILTER, isFiltering, type TimelineFilter } from "./filters.ts";
import type { PartyEntry, PeriodEntry } from "./types.ts";

interface Props {
  value: TimelineFilter;
  onChange: (f: TimelineFilter) => void;
  parties: PartyEntry[];
  periods: PeriodEntry[];
  lifeDomains: string[];
  shown: number;
  total: number;
}

/** The filter form of the feitenrelaas: every control labelled, applied as you choose. */
export function TimelineFilters({ value, onChange, parties, periods, lifeDomains, shown, total }: Props) {
  const set = <K extends keyof TimelineFilter>(key: K, v: TimelineFilter[K]) => onChange({ ...value, [key]: v });
  return (
    <form className="ws-filters" role="search" aria-label="Feiten filteren" onSubmit={(e) => e.preventDefault()}>
      <div className="ws-filters__field ws-filters__field--text">
        <label htmlFor="flt-text">Zoeken</label>
        <input
          id="flt-text"
          type="search"
          value={value.text}
          placeholder="titel, omschrijving, functie, bron…"
          onChange={(e) => set("text", e.target.value)}
        />
      </div>
      <div className="ws-filters__field">
        <label htmlFor="flt-party">Partij</label>
        <select id="flt-party" value={value.party} onChange={(e) => set("party", e.target.value)}>
          <option value="">Alle partijen</option>
          {parties.map((p) => (
            <option key={p.id} value={p.id}>
              {p.value.name}
            </option>
          ))}
        </select>
      </div>
      <div className="ws-filters__field">
        <label htmlFor="flt-period">Periode</label>
        <select id="flt-period" value={value.period} onChange={(e) => set("period", e.target.value)}>
          <option value="">Alle perioden</option>
          {periods.map((p) => (
            <option key={p.id} value={p.id}>
              {p.value.label}
            </option>
          ))}
        </select>
      </div>
      <div className="ws-filters__field">
        <label htmlFor="flt-flag">Markering</label>
        <select id="flt-flag" value={value.flag} onChange={(e) => set("flag", e.target.value as TimelineFilter["flag"])}>
          <option value="">Alle feiten</option>
          {EVENT_FLAGS.map((f) => (
            <option key={f.key} value={f.key}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      <div className="ws-filters__field">
        <label htmlFor="flt-status">Status</label>
        <select id="flt-status" value={value.status} onChange={(e) => set("status", e.target.value as TimelineFilter["status"])}>
          <option value="">Alle statussen</option>
          <option value={OPEN_FACTS_FILTER}>Niet bevestigd (concept of betwist)</option>
          {EVENT_STATUSES.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </div>
      <div className="ws-filters__field">
        <label htmlFor="flt-domain">Leefgebied</label>
        <select id="flt-domain" value={value.lifeDomain} onChange={(e) => set("lifeDomain", e.target.value)}>
          <option value="">Alle leefgebieden</option>
          {lifeDomains.map((d) => (
            <option key={d} value={d}>
              {lifeDomainLabel(d)}
            </option>
          ))}
        </select>
      </div>
      <div className="ws-filters__summary">
        <output aria-live="polite" htmlFor="flt-text flt-party flt-period flt-flag flt-status flt-domain">
          {isFiltering(value) ? `${shown} van ${total} feiten` : `${total} ${total === 1 ? "feit" : "feiten"}`}
        </output>
        {isFiltering(value) ? (
          <button type="button" className="button--link" onClick={() => onChange(NO_FILTER)}>
            Filters wissen
          </button>
        ) : null}
      </div>
    </form>
  );
}
