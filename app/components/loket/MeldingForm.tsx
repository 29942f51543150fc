import { Form, useNavigation } from "react-router";
import { CheckboxField, FormError, SelectField, TextArea, TextField } from "../Field.tsx";
import { CHANNELS, CRITERIA, IMPACTS, LOKET_FRAMES, URGENCIES } from "~/domain/loket/fields.ts";

/** Register a melding (loket) or submit one (ketenpartner: no channel, it comes in through the form). */
export function MeldingForm({
  values,
  errors,
  organisations,
  registering,
}: {
  values: Record<string, string>;
  errors: Record<string, string>;
  organisations: string[];
  registering: boolean;
}) {
  const busy = useNavigation().state === "submitting";
  const v = (k: string) => values[k] ?? "";
  const count = Object.keys(errors).length;
  return (
    <Form method="post" noValidate className="panel">
      <FormError
        message={count ? (count === 1 ? "Het formulier bevat één fout. Die staat bij het veld hieronder." : `Het formulier bevat ${count} fouten. Ze staan bij de velden hieronder.`) : undefined}
      />
      <div className="form-grid">
        <TextField name="receivedOn" label="Ontvangen op" type="date" defaultValue={v("receivedOn")} error={errors.receivedOn} required />
        {registering ? (
          <SelectField name="channel" label="Hoe binnengekomen" options={CHANNELS} placeholder="Kies hoe" defaultValue={v("channel")} error={errors.channel} required />
        ) : (
          <input type="hidden" name="channel" value="formulier" />
        )}
        <div className={`field${errors.reportingOrganisation ? " field--error" : ""}`}>
          <label htmlFor="f-reportingOrganisation">
            Meldende organisatie<span aria-hidden="true"> *</span>
          </label>
          <p className="field__hint" id="f-reportingOrganisation-hint">Kies uit de lijst of typ een nieuwe organisatie.</p>
          <input
            id="f-reportingOrganisation"
            name="reportingOrganisation"
            list="loket-organisaties"
            defaultValue={v("reportingOrganisation")}
            maxLength={120}
            required
            aria-invalid={errors.reportingOrganisation ? true : undefined}
            aria-describedby={["f-reportingOrganisation-hint", errors.reportingOrganisation ? "f-reportingOrganisation-error" : ""].filter(Boolean).join(" ")}
          />
          <datalist id="loket-organisaties">
            {organisations.map((o) => (
              <option key={o} value={o} />
            ))}
          </datalist>
          {errors.reportingOrganisation ? (
            <p className="field__error" id="f-reportingOrganisation-error">
              {errors.reportingOrganisation}
            </p>
          ) : null}
        </div>
        <SelectField name="legalFrame" label="Wettelijk kader" options={LOKET_FRAMES} placeholder="Kies het kader" defaultValue={v("legalFrame")} error={errors.legalFrame} required />
        <div className={`field${errors.category ? " field--error" : ""}`}>
          <label htmlFor="f-category">
            Meldcriterium en categorie<span aria-hidden="true"> *</span>
          </label>
          <select
            id="f-category"
            name="category"
            defaultValue={v("category")}
            required
            aria-invalid={errors.category ? true : undefined}
            aria-describedby={errors.category ? "f-category-error" : undefined}
          >
            <option value="">Kies een categorie</option>
            {CRITERIA.map((c) => (
              <optgroup key={c.id} label={`${c.id}. ${c.label}`}>
                {c.categories.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {errors.category ? (
            <p className="field__error" id="f-category-error">
              {errors.category}
            </p>
          ) : null}
        </div>
        <SelectField name="urgency" label="Urgentie" options={URGENCIES} defaultValue={v("urgency") || "normaal"} error={errors.urgency} required />
        <TextField name="eventDate" label="Datum voorval" type="date" defaultValue={v("eventDate")} error={errors.eventDate} hint="Leeg laten als die niet bekend is." />
      </div>
      <CheckboxField name="meldplicht" label="Calamiteit onder de wettelijke meldplicht (Toezicht Wmo / IGJ)" defaultChecked={v("meldplicht") === "aan"} error={errors.meldplicht} />
      <fieldset className="loket-impacts">
        <legend>Impact volgens de 4 P’s</legend>
        {Object.entries(IMPACTS).map(([k, label]) => (
          <CheckboxField key={k} name={`impact_${k}`} label={label} defaultChecked={v(`impact_${k}`) === "aan"} />
        ))}
      </fieldset>
      <TextArea
        name="description"
        label="Korte omschrijving"
        required
        rows={4}
        defaultValue={v("description")}
        error={errors.description}
        hint="Wat is er gebeurd, zonder naam of andere gegevens waaraan de cliënt te herkennen is (bijvoorbeeld: ‘jongere, 15 jaar, vermist uit gesloten groep’)."
      />
      <fieldset className="restricted">
        <legend>Cliënt (afgeschermd)</legend>
        <p className="muted">Alleen als het nodig is. Deze gegevens ziet alleen het incidentenloket; elke inzage wordt vastgelegd.</p>
        <div className="form-grid">
          <TextField name="clientName" label="Naam cliënt" defaultValue={v("clientName")} error={errors.clientName} maxLength={200} />
          <TextField name="clientBirthDate" label="Geboortedatum cliënt" type="date" defaultValue={v("clientBirthDate")} error={errors.clientBirthDate} />
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Bezig met opslaan…" : registering ? "Melding registreren" : "Melding versturen"}
        </button>
      </div>
    </Form>
  );
}
