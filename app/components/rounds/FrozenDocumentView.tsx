import type { FrozenDocument, FrozenSection } from "~/domain/rounds/frozen.ts";
import { shortHash } from "~/domain/rounds/frozen.ts";

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
}

function Count({ n }: { n?: number }) {
  if (!n) return null;
  return <span className="frozen-doc__count">{n === 1 ? "1 reactie" : `${n} reacties`}</span>;
}

/** The frozen version of a round's document: exactly what reactants see, nothing else. */
export function FrozenDocumentView({ doc, versionHash, level = 2, onPick, picked, counts }: Props) {
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
    const empty = s.blocks.length === 0 && !(s.events && s.events.length) && !s.note;
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
