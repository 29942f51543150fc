// The toezichthouder's assessment of a submitted version (domain.md §5): onderzoeksopzet,
// navolgbaarheid and verbetermaatregelen, each voldoende / onvoldoende with a remark (required when
// onvoldoende), plus a short verslag. Works without JavaScript; errors sit next to their fields and
// the typed values stay.
import { Form } from "react-router";
import { ASPECT_LABELS, ASSESSMENT_ASPECTS, VERDICT_LABELS, VERDICTS } from "~/domain/report/version-labels.ts";

interface Props {
  versions: { id: string; number: number; statusLabel: string }[];
  errors: Record<string, string>;
  values: Record<string, string>;
  busy: boolean;
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p className="field__error" id={id}>
      {message}
    </p>
  ) : null;
}

export function AssessmentForm({ versions, errors, values, busy }: Props) {
  const count = Object.keys(errors).length;
  const selected = values.versionId ?? versions[0]?.id ?? "";
  return (
    <Form method="post" noValidate className="panel" aria-labelledby="h-beoordelen">
      <h3 id="h-beoordelen">Beoordeling vastleggen</h3>
      <input type="hidden" name="intent" value="assess" />
      {count > 0 ? (
        <div className="alert alert--error" role="alert">
          {errors._form ?? (count === 1 ? "De beoordeling is nog niet compleet: zie de melding bij het veld." : `De beoordeling is nog niet compleet: zie de ${count} meldingen bij de velden.`)}
        </div>
      ) : null}
      <div className={`field${errors.versionId ? " field--error" : ""}`}>
        <label htmlFor="f-assess-version">Versie</label>
        <select
          id="f-assess-version"
          name="versionId"
          defaultValue={selected}
          aria-invalid={errors.versionId ? true : undefined}
          aria-describedby={errors.versionId ? "f-assess-version-error" : undefined}
        >
          {versions.map((v) => (
            <option key={v.id} value={v.id}>
              {`Versie ${v.number} (${v.statusLabel.toLowerCase()})`}
            </option>
          ))}
        </select>
        <FieldError id="f-assess-version-error" message={errors.versionId} />
      </div>
      {ASSESSMENT_ASPECTS.map((aspect) => {
        const remark = `${aspect}Remark`;
        const verdictError = errors[aspect];
        const remarkError = errors[remark];
        return (
          <fieldset
            key={aspect}
            className={`rv-fieldset${verdictError || remarkError ? " rv-fieldset--error" : ""}`}
            aria-describedby={[`f-${aspect}-hint`, verdictError ? `f-${aspect}-error` : null].filter(Boolean).join(" ")}
          >
            <legend>{ASPECT_LABELS[aspect].label}</legend>
            <p className="field__hint" id={`f-${aspect}-hint`}>
              {ASPECT_LABELS[aspect].hint}
            </p>
            <div className="rv-choices">
              {VERDICTS.map((v) => (
                <div className="rv-check" key={v}>
                  <input
                    type="radio"
                    id={`f-${aspect}-${v}`}
                    name={aspect}
                    value={v}
                    defaultChecked={values[aspect] === v}
                    aria-invalid={verdictError ? true : undefined}
                  />
                  <label htmlFor={`f-${aspect}-${v}`}>{VERDICT_LABELS[v]}</label>
                </div>
              ))}
            </div>
            <FieldError id={`f-${aspect}-error`} message={verdictError} />
            <div className={`field${remarkError ? " field--error" : ""}`}>
              <label htmlFor={`f-${remark}`}>Toelichting bij {ASPECT_LABELS[aspect].label.toLowerCase()}</label>
              <p className="field__hint" id={`f-${remark}-hint`}>
                Verplicht bij onvoldoende.
              </p>
              <textarea
                id={`f-${remark}`}
                name={remark}
                rows={2}
                defaultValue={values[remark] ?? ""}
                aria-invalid={remarkError ? true : undefined}
                aria-describedby={[`f-${remark}-hint`, remarkError ? `f-${remark}-error` : null].filter(Boolean).join(" ")}
              />
              <FieldError id={`f-${remark}-error`} message={remarkError} />
            </div>
          </fieldset>
        );
      })}
      <div className={`field${errors.verslag ? " field--error" : ""}`}>
        <label htmlFor="f-verslag">
          Verslag van de beoordeling<span aria-hidden="true"> *</span>
        </label>
        <p className="field__hint" id="f-verslag-hint">
          Kort: wat is goed, wat ontbreekt, wat verwacht u nog van de aanbieder.
        </p>
        <textarea
          id="f-verslag"
          name="verslag"
          rows={5}
          required
          defaultValue={values.verslag ?? ""}
          aria-invalid={errors.verslag ? true : undefined}
          aria-describedby={["f-verslag-hint", errors.verslag ? "f-verslag-error" : null].filter(Boolean).join(" ")}
        />
        <FieldError id="f-verslag-error" message={errors.verslag} />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Beoordeling vastleggen
      </button>
    </Form>
  );
}
