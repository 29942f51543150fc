// What changed between two submitted versions, per checklist item (issue 15): the status, the text
// (removed and added words marked, with words for screen readers too), the label/value facts, and
// the rows added to or removed from the item's tables (facts, root causes, measures, …).
import { useState } from "react";
import type { ItemDiff, Segment, TableDiff, TextLine, VersionComparison } from "~/domain/report/compare.ts";
import { StatusBadge } from "../StatusBadge.tsx";

function Words({ segments }: { segments: Segment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        s.change === "added" ? (
          <ins key={i} className="vc-ins">
            <span className="visually-hidden">[toegevoegd: </span>
            {s.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : s.change === "removed" ? (
          <del key={i} className="vc-del">
            <span className="visually-hidden">[verwijderd: </span>
            {s.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function Line({ line }: { line: TextLine }) {
  if (line.kind === "same") return <li className="vc-line vc-line--same">{line.text}</li>;
  if (line.kind === "added")
    return (
      <li className="vc-line vc-line--added" data-change="added">
        <span className="vc-mark">Toegevoegd: </span>
        <ins className="vc-ins">{line.text}</ins>
      </li>
    );
  if (line.kind === "removed")
    return (
      <li className="vc-line vc-line--removed" data-change="removed">
        <span className="vc-mark">Verwijderd: </span>
        <del className="vc-del">{line.text}</del>
      </li>
    );
  return (
    <li className="vc-line vc-line--changed" data-change="changed">
      <span className="vc-mark">Gewijzigd: </span>
      <Words segments={line.words} />
    </li>
  );
}

function Rows({ table, rows, kind }: { table: TableDiff; rows: string[][]; kind: "added" | "removed" }) {
  if (!rows.length) return null;
  const title = `${kind === "added" ? "Toegevoegd" : "Vervallen"} in ${table.caption.charAt(0).toLowerCase()}${table.caption.slice(1)} (${rows.length})`;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
      <table className={`vc-table vc-table--${kind}`} data-change={kind}>
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) => (
                <td key={j}>{kind === "added" ? <ins className="vc-ins">{cell}</ins> : <del className="vc-del">{cell}</del>}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Item({ item }: { item: ItemDiff }) {
  return (
    <li className={`vc-item${item.changed ? " vc-item--changed" : ""}`} id={`vergelijk-${item.id}`} data-item={item.id} data-changed={item.changed}>
      <div className="vc-item__head">
        <h4>
          <span className="report-item__number">{item.id}</span> {item.heading}
        </h4>
        <span className="vc-status">
          {item.statusBefore === item.statusAfter ? (
            <StatusBadge status={item.statusAfter} unknownLabel="Niet in deze versie" />
          ) : (
            <>
              <StatusBadge status={item.statusBefore} unknownLabel="Niet in de eerdere versie" />
              <span aria-hidden="true"> → </span>
              <span className="visually-hidden"> werd </span>
              <StatusBadge status={item.statusAfter} unknownLabel="Niet in de latere versie" />
            </>
          )}
        </span>
      </div>
      {item.withheld ? (
        <p className="muted">
          {item.changed ? "Gewijzigd. " : "Niet gewijzigd. "}
          De gegevens van de cliënt worden hier niet getoond; ze staan in de gedownloade versies.
        </p>
      ) : !item.changed ? (
        <p className="muted">Niet gewijzigd.</p>
      ) : (
        <>
          {item.text.length ? (
            <ul className="vc-lines" aria-label={`Tekst van ${item.id}`}>
              {item.text.map((l, i) => (
                <Line key={i} line={l} />
              ))}
            </ul>
          ) : null}
          {item.facts.length ? (
            <dl className="meta vc-facts">
              {item.facts.map((f) => (
                <div key={f.label} style={{ display: "contents" }}>
                  <dt>{f.label}</dt>
                  <dd>
                    {f.before !== null ? <del className="vc-del">{f.before}</del> : null}
                    {f.before !== null && f.after !== null ? <span aria-hidden="true"> → </span> : null}
                    {f.before !== null && f.after !== null ? <span className="visually-hidden"> werd </span> : null}
                    {f.after !== null ? <ins className="vc-ins">{f.after}</ins> : null}
                  </dd>
                </div>
              ))}
            </dl>
          ) : null}
          {item.tables.map((t) => (
            <div key={t.caption} className="vc-tables">
              <p className="muted">
                {`${t.caption}: ${t.added.length} toegevoegd, ${t.removed.length} vervallen, ${t.unchanged} ongewijzigd.`}
              </p>
              <Rows table={t} rows={t.removed} kind="removed" />
              <Rows table={t} rows={t.added} kind="added" />
            </div>
          ))}
          {!item.text.length && !item.facts.length && !item.tables.length ? <p className="muted">Alleen de status is veranderd.</p> : null}
        </>
      )}
    </li>
  );
}

export function VersionComparisonView({ comparison }: { comparison: VersionComparison }) {
  const [all, setAll] = useState(false);
  return (
    <>
      <p className="vc-summary" data-testid="vergelijk-samenvatting">
        <strong>{`${comparison.changedCount} van ${comparison.total} onderdelen gewijzigd`}</strong>
      </p>
      <div className="rv-check">
        <input type="checkbox" id="vc-all" checked={all} onChange={(e) => setAll(e.target.checked)} />
        <label htmlFor="vc-all">Ook de ongewijzigde onderdelen tonen</label>
      </div>
      {comparison.changedCount === 0 ? <p className="alert alert--ok">De twee versies zijn inhoudelijk gelijk.</p> : null}
      {comparison.chapters.map((ch) => {
        const items = all ? ch.items : ch.items.filter((i) => i.changed);
        if (!items.length) return null;
        return (
          <section key={ch.number} aria-labelledby={`vc-hoofdstuk-${ch.number}`} className="vc-chapter">
            <h3 id={`vc-hoofdstuk-${ch.number}`}>
              {ch.number}. {ch.heading}
            </h3>
            <ol className="vc-items" role="list">
              {items.map((i) => (
                <Item key={i.id} item={i} />
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}
