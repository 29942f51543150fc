// Export of the report as .docx: the version (ketenpartners, or for the procesbegeleider also the
// toezichthouder's, with the client's identity), the download with visible and announced progress
// once it takes longer than a second, and a clear message when it fails.
import { useEffect, useRef, useState } from "react";
import { AUDIENCE_LABELS, type ReportAudience } from "~/domain/report/model.ts";
import { fetchReport, reportDownloadUrl, saveBlob, type DownloadProgress } from "./download.ts";
import { UserError } from "~/domain/errors.ts";

interface Props {
  investigationId: string;
  audiences: readonly ReportAudience[];
}

/** Progress shows only after this long: a quick download needs no progress bar. */
const SHOW_PROGRESS_AFTER_MS = 1000;

type Phase = { kind: "idle" } | { kind: "busy"; progress: DownloadProgress } | { kind: "done"; filename: string } | { kind: "error"; message: string };

function kilobytes(n: number): string {
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString("nl-NL")} kB`;
}

function progressText(p: DownloadProgress): string {
  const seconds = Math.floor(p.elapsedMs / 1000);
  if (p.phase === "waiting") return `Rapport wordt samengesteld… ${seconds} s`;
  if (p.total) return `Rapport wordt gedownload… ${Math.min(100, Math.round((p.received / p.total) * 100))}% (${kilobytes(p.received)} van ${kilobytes(p.total)})`;
  return `Rapport wordt gedownload… ${kilobytes(p.received)}`;
}

export function ExportPanel({ investigationId, audiences }: Props) {
  const [audience, setAudience] = useState<ReportAudience>(audiences[0] ?? "ketenpartners");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const abortRef = useRef<AbortController | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  const start = async () => {
    if (phase.kind === "busy") return;
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ kind: "busy", progress: { elapsedMs: 0, phase: "waiting", received: 0, total: null } });
    try {
      const { blob, filename } = await fetchReport(reportDownloadUrl(investigationId, audience), {
        signal: controller.signal,
        onProgress: (progress) => setPhase((p) => (p.kind === "busy" ? { kind: "busy", progress } : p)),
        fallbackName: audience === "toezichthouder" ? "rapport-toezichthouder.docx" : "rapport-ketenpartners.docx",
      });
      saveBlob(blob, filename);
      setPhase({ kind: "done", filename });
    } catch (err) {
      setPhase({ kind: "error", message: err instanceof UserError ? err.message : "Het rapport kon niet worden gedownload. Probeer het opnieuw." });
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  };

  const cancel = () => {
    abortRef.current?.abort();
    buttonRef.current?.focus();
  };

  const busy = phase.kind === "busy";
  const showProgress = busy && phase.progress.elapsedMs >= SHOW_PROGRESS_AFTER_MS;
  const determinate = busy && phase.progress.phase === "receiving" && phase.progress.total !== null;

  return (
    <section className="panel report-export" aria-labelledby="rapport-export">
      <h2 id="rapport-export">Rapport downloaden</h2>
      {audiences.length > 1 ? (
        <fieldset className="report-export__choice" disabled={busy}>
          <legend>Welke versie?</legend>
          {audiences.map((a) => (
            <label key={a} className="report-export__option">
              <input type="radio" name="rapport-voor" value={a} checked={audience === a} onChange={() => setAudience(a)} />
              <span>
                {AUDIENCE_LABELS[a]}
                {a === "toezichthouder" ? <span className="report-export__hint">Met de gegevens van de cliënt (onderdeel 1a); alleen bestemd voor de toezichthouder.</span> : null}
              </span>
            </label>
          ))}
        </fieldset>
      ) : (
        <p>{AUDIENCE_LABELS[audience]}.</p>
      )}
      <p className="muted report-export__note">Het rapport bevat de huidige stand van het onderzoek (werkversie, concept).</p>
      <div className="actions">
        <button ref={buttonRef} type="button" className="button" onClick={() => void start()} aria-disabled={busy}>
          Rapport downloaden (.docx)
        </button>
        {busy ? (
          <button type="button" className="button button--secondary" onClick={cancel}>
            Annuleren
          </button>
        ) : null}
      </div>
      <div className="report-export__status" role="status" aria-live="polite">
        {showProgress ? (
          <>
            <span>{progressText(phase.progress)}</span>
            {determinate ? (
              <progress className="report-export__progress" aria-label="Voortgang van het downloaden" max={phase.progress.total ?? 1} value={phase.progress.received} />
            ) : (
              <progress className="report-export__progress" aria-label="Het rapport wordt samengesteld" />
            )}
          </>
        ) : null}
        {phase.kind === "done" ? <span>Het rapport is gedownload: {phase.filename}</span> : null}
      </div>
      {phase.kind === "error" ? (
        <p className="alert alert--error report-export__error" role="alert">
          {phase.message}
        </p>
      ) : null}
    </section>
  );
}
