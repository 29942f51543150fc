import { Form, useNavigation } from "react-router";
import { FormError, SelectField, TextArea, TextField } from "./Field.tsx";
import { ANALYSIS_METHODS, KINDS, LEGAL_FRAMES, PHASES, REPORTING_CRITERIA, SUPERVISORS } from "~/domain/investigation-fields.ts";

export type InvestigationFormValues = Partial<Record<string, string | null>>;

/** One form for creating and editing an investigation's metadata; keeps what was typed on errors. */
export function InvestigationForm({
  values,
  errors,
  submitLabel,
}: {
  values: InvestigationFormValues;
  errors: Record<string, string>;
  submitLabel: string;
}) {
  const busy = useNavigation().state === "submitting";
  const v = (k: string) => values[k] ?? "";
  return (
    <Form method="post" noValidate className="panel">
      <FormError message={Object.keys(errors).length ? "Het formulier bevat fouten. Ze staan bij de velden hieronder." : undefined} />
      <TextField name="title" label="Titel" defaultValue={v("title")} error={errors.title} required maxLength={200}
        hint="Zonder naam van de cliënt, bijvoorbeeld: 'Overlijden jongere, wijk Oost, oktober 2026'." />
      <div className="form-grid">
        <SelectField name="kind" label="Soort voorval" options={KINDS} defaultValue={v("kind") || "calamiteit"} error={errors.kind} required />
        <SelectField name="legalFrame" label="Wettelijk kader" options={LEGAL_FRAMES} defaultValue={v("legalFrame") || "wmo"} error={errors.legalFrame} required />
        <SelectField name="reportingCriterion" label="Meldcriterium" options={REPORTING_CRITERIA} placeholder="Kies een meldcriterium" defaultValue={v("reportingCriterion")} error={errors.reportingCriterion} required />
        <SelectField name="phase" label="Fase" options={PHASES} defaultValue={v("phase") || "melden"} error={errors.phase} required />
        <TextField name="calamityDate" label="Datum calamiteit" type="date" defaultValue={v("calamityDate")} error={errors.calamityDate} />
        <TextField name="reportedDate" label="Datum melding bij toezichthouder" type="date" defaultValue={v("reportedDate")} error={errors.reportedDate}
          hint="Leeg laten zolang er nog niet gemeld is." />
        <SelectField name="supervisor" label="Toezichthouder" options={SUPERVISORS} defaultValue={v("supervisor") || "toezicht_wmo"} error={errors.supervisor} required />
        <TextField name="supervisorMunicipality" label="Gemeente (bij Toezicht Wmo)" defaultValue={v("supervisorMunicipality")} error={errors.supervisorMunicipality} />
        <SelectField name="analysisMethod" label="Analysemethode" options={ANALYSIS_METHODS} defaultValue={v("analysisMethod") || "prisma"} error={errors.analysisMethod} required />
      </div>
      <TextArea name="providers" label="Betrokken aanbieder(s)" defaultValue={v("providers")} error={errors.providers} hint="Eén of meer organisaties, gescheiden door een puntkomma." rows={2} />
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Bezig met opslaan…" : submitLabel}
        </button>
      </div>
    </Form>
  );
}
