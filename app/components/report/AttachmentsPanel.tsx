// Item 4e: the protocols and guidelines consulted, attached as files (PDF, DOCX, ODT, at most
// 10 MB). Listed by name and date; those who write the report add and remove them. They are listed
// in 4e of the report and travel with a submitted version (its own copy).
import { useEffect, useRef } from "react";
import { useFetcher } from "react-router";
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES } from "~/domain/report/attachments.ts";

export interface AttachmentRow {
  id: string;
  filename: string;
  size: number;
  uploadedOn: string; // Dutch date
  uploadedBy: string | null;
}

type Answer = { ok: true; message: string } | { ok: false; error: string };

const kb = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toLocaleString("nl-NL", { maximumFractionDigits: 1 })} MB` : `${Math.max(1, Math.round(n / 1024))} kB`);

export function AttachmentsPanel({ investigationId, attachments, canEdit }: { investigationId: string; attachments: AttachmentRow[]; canEdit: boolean }) {
  const upload = useFetcher<Answer>();
  const remove = useFetcher<Answer>();
  const form = useRef<HTMLFormElement>(null);
  const action = `/onderzoeken/${encodeURIComponent(investigationId)}/rapport/bijlagen`;
  const answer = remove.data ?? upload.data;
  const busy = upload.state !== "idle";

  // Empty the file field once per successful upload (not again when the page revalidates later).
  const handled = useRef<Answer | undefined>(undefined);
  useEffect(() => {
    if (upload.data?.ok && handled.current !== upload.data) {
      handled.current = upload.data;
      form.current?.reset();
    }
  }, [upload.data]);

  return (
    <section className="panel report-attachments" id="bijlagen" aria-labelledby="rapport-bijlagen">
      <h2 id="rapport-bijlagen">Protocollen en richtlijnen als bijlage (4e)</h2>
      <p className="muted">
        Bijlage 1 vraagt de betrokken (interne) richtlijnen en protocollen mee te sturen. Ze staan met naam en datum onder 4e in het rapport en gaan mee met een ingediende versie.
      </p>
      {attachments.length === 0 ? (
        <p>Er zijn nog geen bijlagen toegevoegd.</p>
      ) : (
        <ul className="report-attachments__list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`${action}/${encodeURIComponent(a.id)}`} download>
                {a.filename}
              </a>{" "}
              <span className="muted">
                ({kb(a.size)}, toegevoegd op {a.uploadedOn}
                {a.uploadedBy ? ` door ${a.uploadedBy}` : ""})
              </span>
              {canEdit ? (
                <remove.Form
                  method="post"
                  action={action}
                  className="report-attachments__remove"
                  onSubmit={(e) => {
                    if (!window.confirm(`${a.filename} verwijderen? Een ingediende versie houdt haar eigen exemplaar.`)) e.preventDefault();
                  }}
                >
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="attachmentId" value={a.id} />
                  <button type="submit" className="button button--secondary button--small">
                    Verwijderen<span className="visually-hidden"> {a.filename}</span>
                  </button>
                </remove.Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <upload.Form ref={form} method="post" noValidate action={action} encType="multipart/form-data" className="report-attachments__add">
          <input type="hidden" name="intent" value="upload" />
          <label htmlFor="bijlage-bestand">Bestand toevoegen (PDF, DOCX of ODT, hooguit {ATTACHMENT_MAX_BYTES / 1024 / 1024} MB)</label>
          <input id="bijlage-bestand" type="file" name="file" accept={ATTACHMENT_ACCEPT} aria-describedby={answer && !answer.ok ? "bijlage-fout" : undefined} />
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Bezig met toevoegen…" : "Toevoegen"}
          </button>
        </upload.Form>
      ) : null}
      <div role="status" aria-live="polite">
        {answer?.ok ? <p className="alert alert--ok">{answer.message}</p> : null}
      </div>
      {answer && !answer.ok ? (
        <p id="bijlage-fout" className="alert alert--error" role="alert">
          {answer.error}
        </p>
      ) : null}
    </section>
  );
}
