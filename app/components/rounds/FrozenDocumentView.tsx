import type { FrozenDocument, FrozenSection } from "~/domain/rounds/frozen.ts";
import { shortHash } from "~/domain/rounds/frozen.ts";
import type { CausalTreeFigure, ReportBlock } from "~/domain/report/model.ts";

interface Props {
  doc: FrozenDocument;
  versionHash: string;
  /** Heading level of the document title (the sections get the next ones). */
  level?: 2 | 3;
  /** When given (client only), every part gets a "Reageer hierop" button. */
  onPick?: (pointer: string) => void;
  picked?: string;
  /** Number of signed reactions per pointer (manager's view). */
  counts?: Record<string, number>;
  /** Download of this version as the report's .docx (conceptrapport rounds). */
  docxHref?: string;
}

type TreeNode = CausalTreeFigure["nodes"][number];

/** The causal tree as a nested list: the same nodes the report's figure draws, readable without the picture. */
function TreeList({ nodes, parentId }: { nodes: TreeNode[]; parentId: string | null }) {
  const children = nodes.filter((n) => n.parentId === parentId);
  if (!children.length) return null;
  return (
    <ul className="frozen-doc__tree">
      {children.map((n) => (
        <li key={n.id}>
          {n.label || "(zonder omschrijving)"}
          {n.rootCause ? <span className="muted"> · basisoorzaak{n.ecmCode ? ` ${n.ecmCode}` : ""}</span> : null}
          <TreeList nodes={nodes} parentId={n.id} />
        </li>
      ))}
    </ul>
  );
}

/** The structured part of an item (tables, figures, facts) as the report model has it. */
function ContentBlock({ block }: { block: ReportBlock }) {
  switch (block.type) {
    case "paragraph":
      return <p className="frozen-doc__block">{block.text}</p>;
    case "heading":
      return (
        <p className="frozen-doc__block frozen-doc__block--heading">
          <strong>{block.text}</strong>
        </p>
      );
    case "bullets":
      return (
        <ul>
          {block.items.map((t, i) => (
            <li key={i}>{t}</li>
          ))}
        </ul>
      );
    case "quote":
      return <blockquote className="frozen-doc__block frozen-doc__block--quote">{block.text}</blockquote>;
    case "note":
      return <p className="frozen-doc__empty">{block.text}</p>;
    case "facts":
      return (
        <dl className="meta">
          {block.rows.map((r, i) => (
            <div key={i}>
              <dt>{r.label}</dt>
              <dd>{r.value}</dd>
            </div>
          ))}
        </dl>
      );
    case "table":
      return (
        // Focusable so a keyboard can scroll a wide table (axe: scrollable-region-focusable).
        <div className="table-scroll" tabIndex={0} role="region" aria-label={block.caption}>
          <table className="frozen-doc__table">
            <caption>{block.caption}</caption>
            <thead>
              <tr>
                {block.columns.map((c) => (
                  <th key={c.label} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "figure":
      return (
        <figure className="frozen-doc__figure">
          <figcaption>{block.caption}</figcaption>
          {block.figure.kind === "causal_tree" ? <TreeList nodes={block.figure.nodes} parentId={null} /> : <p className="frozen-doc__block">{block.alt}</p>}
        </figure>
      );
  }
}

function Count({ n }: { n?: number }) {
  if (!n) return null;
  return <span className="frozen-doc__count">{n === 1 ? "1 reactie" : `${n} reacties`}</span>;
}

/** The frozen version of a round's document: exactly what reactants see, nothing else. */
export function FrozenDocumentView({ doc, versionHash, level = 2, onPick, picked, counts, docxHref }: Props) {
  const H = level === 2 ? "h2" : "h3";
  const H2 = level === 2 ? "h3" : "h4";
  // Items sit below their Bijlage 1 group heading when there are groups (draft report).
  const H3 = doc.sections.some((s) => s.group) ? (level === 2 ? "h4" : "h5") : H2;
  let lastGroup = "";
  const pick = (pointer: string, label: string) =>
    onPick ? (
      <button type="button" className="button button--link frozen-doc__pick no-print" onClick={() => onPick(pointer)}>
        Reageer hierop<span className="visually-hidden"> ({label})</span>
      </button>
    ) : null;
  const renderSection = (s: FrozenSection) => {
    const title = s.number ? `${s.number} ${s.heading}` : s.heading;
    const group = s.group && s.group !== lastGroup ? s.group : null;
    if (s.group) lastGroup = s.group;
    const empty = s.blocks.length === 0 && !(s.events && s.events.length) && !s.note && !(s.content && s.content.length);
    return (
      <section key={s.id} aria-labelledby={`fd-${s.id}`} data-pointer={`section:${s.id}`} data-picked={picked === `section:${s.id}` ? "true" : undefined}>
        {group ? <H2 className="frozen-doc__group">{group}</H2> : null}
        <H3 className="frozen-doc__heading" id={`fd-${s.id}`}>
          {title}
          <Count n={counts?.[`section:${s.id}`]} />
          {doc.kind === "draft_report" ? pick(`section:${s.id}`, `onderdeel ${title}`) : null}
        </H3>
        {s.note ? <p className="frozen-doc__empty">{s.note}</p> : null}
        {empty ? <p className="frozen-doc__empty">Nog geen tekst in deze versie.</p> : null}
        {s.blocks.map((b, i) => {
          const pointer = `paragraph:${b.id}`;
          const content = (
            <>
              {b.text}
              <Count n={counts?.[pointer]} />
              {pick(pointer, `alinea ${i + 1}${s.number ? ` van ${s.number}` : ""}`)}
            </>
          );
          if (b.type === "heading") {
            return (
              <p key={b.id} className="frozen-doc__block frozen-doc__block--heading" data-pointer={pointer} data-picked={picked === pointer ? "true" : undefined}>
                <strong>{content}</strong>
              </p>
            );
          }
          return (
            <p key={b.id} className={`frozen-doc__block frozen-doc__block--${b.type}`} data-pointer={pointer} data-picked={picked === pointer ? "true" : undefined}>
              {content}
            </p>
          );
        })}
        {s.content?.map((b, i) => <ContentBlock key={`c${i}`} block={b} />)}
        {s.events && s.events.length ? (
          <ol className="frozen-doc__events" aria-label={`Gebeurtenissen in ${title}`}>
            {s.events.map((e) => {
              const pointer = `event:${e.id}`;
              return (
                <li key={e.id} data-pointer={pointer} data-picked={picked === pointer ? "true" : undefined}>
                  <strong>{e.date}</strong> · {e.title}
                  {e.party ? <span className="muted"> · {e.party}</span> : null}
                  {e.actor ? <span className="muted"> · {e.actor}</span> : null}
                  <Count n={counts?.[pointer]} />
                  {pick(pointer, `gebeurtenis ${e.date} ${e.title}`)}
                  {e.description ? <div className="frozen-doc__block">{e.description}</div> : null}
                </li>
              );
            })}
          </ol>
        ) : null}
      </section>
    );
  };
  return (
    <article className="frozen-doc" aria-labelledby="fd-title">
      <H id="fd-title">{doc.title}</H>
      <p className="frozen-doc__version">
        Vastgelegde versie <code>{shortHash(versionHash)}</code>: deze tekst verandert niet meer tijdens de ronde.
      </p>
      {docxHref ? (
        <p className="no-print">
          <a href={docxHref} download>
            Download deze versie als Word-document (.docx)
          </a>
        </p>
      ) : null}
      {doc.facts.length ? (
        <dl className="meta">
          {doc.facts.map((f) => (
            <div key={f.label}>
              <dt>{f.label}</dt>
              <dd>{f.value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {doc.sections.map(renderSection)}
    </article>
  );
}
