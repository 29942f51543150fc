// The confirm step before a "definitief" version is submitted (with the open rounds it warns
// about), and sending the definitief version to the reactants who reacted (seed 002 stap 6).
import { useEffect, useRef } from "react";
import { Form } from "react-router";

export function ConfirmFinal({ values, warnings, busy }: { values: Record<string, string>; warnings: string[]; busy: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel panel--confirm" role="region" aria-labelledby="h-confirm-final">
      <h4 id="h-confirm-final" tabIndex={-1} ref={heading}>
        Definitief indienen bevestigen
      </h4>
      <p>
        Een definitieve versie ligt vast en gaat naar de toezichthouder. Daarna staan de rapporttermijnen in Termijnen op gehaald, gaat het onderzoek naar de fase
        Afronding en kunnen afhandelingen van reacties niet meer worden gecorrigeerd.
      </p>
      {warnings.length ? (
        <div className="alert alert--warn">
          <p>
            <strong>Let op: er {warnings.length === 1 ? "is een reactieronde" : `zijn ${warnings.length} reactierondes`} nog niet klaar.</strong>
          </p>
          <ul>
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p>Alle reactierondes zijn afgerond en elke reactie is afgehandeld.</p>
      )}
      <Form method="post" className="actions">
        {Object.entries(values)
          .filter(([k]) => k !== "intent" && k !== "confirmed")
          .map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
        <input type="hidden" name="confirmed" value="1" />
        <button type="submit" name="intent" value="submit" className="button" disabled={busy}>
          {warnings.length ? "Toch definitief indienen" : "Bevestigen: definitief indienen"}
        </button>
        <button type="submit" name="intent" value="submit-edit" className="button button--secondary" disabled={busy}>
          Terug
        </button>
      </Form>
    </section>
  );
}

export interface FinalSendView {
  versionId: string;
  number: number;
  recipients: { name: string; sentAt: string | null }[];
}

export function SendFinal({ final, busy, error }: { final: FinalSendView; busy: boolean; error?: string }) {
  const missing = final.recipients.filter((r) => !r.sentAt);
  return (
    <section aria-labelledby="h-naar-indieners">
      <h3 id="h-naar-indieners">Definitief rapport naar de indieners van reacties</h3>
      {final.recipients.length === 0 ? (
        <div className="empty">In de reactierondes heeft niemand een ondertekende reactie ingediend.</div>
      ) : (
        <div className="panel">
          <p>
            Wie in een reactieronde heeft gereageerd, krijgt het definitieve rapport (versie {final.number}, de versie voor de ketenpartners: functie en initialen, zonder
            gegevens van de cliënt) per e-mail, met een persoonlijke downloadlink.
          </p>
          <ul>
            {final.recipients.map((r) => (
              <li key={r.name + (r.sentAt ?? "")}>
                {r.name}: {r.sentAt ? `verstuurd op ${r.sentAt}` : "nog niet verstuurd"}
              </li>
            ))}
          </ul>
          {error ? (
            <div className="alert alert--error" role="alert">
              {error}
            </div>
          ) : null}
          {missing.length ? (
            <Form method="post">
              <input type="hidden" name="intent" value="send-final" />
              <input type="hidden" name="versionId" value={final.versionId} />
              <button type="submit" className="button" disabled={busy}>
                {`Definitief rapport mailen aan ${missing.length === 1 ? "1 indiener" : `${missing.length} indieners`}`}
              </button>
            </Form>
          ) : (
            <p className="muted">Iedereen die heeft gereageerd heeft het definitieve rapport ontvangen.</p>
          )}
        </div>
      )}
    </section>
  );
}
