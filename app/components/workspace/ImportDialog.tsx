// Import of facts from pasted Excel rows or a CSV file: column mapping (suggested from the
// headers), a preview with per-row Dutch errors, and nothing written until "Importeren" is
// confirmed. Rows with errors block the import (the UI says so). The import is written in chunks
// (each one update under the server's message limit) that the undo manager merges into one undo
// step, and reported as done only once the server has stored it (server-ack.ts).
import { useEffect, useMemo, useRef, useState } from "react";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import {
  startImport,
  IMPORT_FIELDS,
  parseImportText,
  previewImport,
  suggestMapping,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ParsedTable,
  type PreviewRow,
} from "~/domain/timeline/import.ts";
import { canEditEvent, canManageTimelineStructure } from "~/domain/timeline/mutations.ts";
import { formatDutchPartialDate } from "~/domain/timeline/partial-date.ts";
import { sheetRowsToText } from "~/domain/timeline/spreadsheet-cells.ts";
import { STANDARD_PARTY_DOMAINS } from "~/domain/timeline/vocabulary.ts";
import { errorMessage } from "./format.ts";
import { whenStoredOnServer } from "~/components/collab/server-ack.ts";
import type { PartyEntry, WorkspaceUser } from "./types.ts";

interface Props {
  doc: Y.Doc;
  origin: object;
  provider: WebsocketProvider;
  undoManager: Y.UndoManager;
  user: WorkspaceUser;
  parties: PartyEntry[];
  onClose: () => void;
  onImported: (count: number) => void;
}

const CHUNK = 250;
const PREVIEW_ROWS = 100;
const ERRORS_SHOWN = 100;

/** Excel on Dutch Windows still writes CSV in Windows-1252; everything else is UTF-8. */
function decodeFile(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

export function ImportDialog({ doc, origin, provider, undoManager, user, parties, onClose, onImported }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const manager = canManageTimelineStructure(user.role);
  const ownLanes = useMemo(() => parties.filter((p) => canEditEvent(user.role, user.organisationId, p.value)), [parties, user]);
  const allowed = useMemo(() => new Set(ownLanes.map((p) => p.id)), [ownLanes]);

  const [text, setText] = useState("");
  const [settled, setSettled] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [header, setHeader] = useState<"auto" | "yes" | "no">("auto");
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [defaultParty, setDefaultParty] = useState<string>(manager ? "" : (ownLanes[0]?.id ?? ""));
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  /** Writing rows into the document, then waiting for the server to have stored them. */
  const [saving, setSaving] = useState<{ phase: "writing" | "storing"; done: number; total: number } | null>(null);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    const d = dialogRef.current;
    if (d && !d.open) d.showModal();
  }, []);

  // Parse after typing pauses, so a large paste is not re-read on every key.
  useEffect(() => {
    const t = setTimeout(() => setSettled(text), text.length > 20_000 ? 400 : 150);
    return () => clearTimeout(t);
  }, [text]);

  const parsed: ParsedTable | null = useMemo(() => {
    if (!settled.trim()) return null;
    return parseImportText(settled, header === "auto" ? {} : { hasHeader: header === "yes" });
  }, [settled, header]);

  // A new set of columns gets a fresh suggested mapping; a user's own choices for the same columns stay.
  const headerKey = parsed ? `${parsed.hasHeader}|${parsed.headers.join("\u0001")}` : "";
  useEffect(() => {
    setMapping(parsed ? (parsed.hasHeader ? suggestMapping(parsed.headers) : {}) : {});
  }, [headerKey]); // parsed is read through headerKey on purpose

  const partyList = useMemo(() => parties.map((p) => ({ id: p.id, name: p.value.name })), [parties]);

  useEffect(() => {
    setPreview(null);
    setFailure(null);
    if (!parsed || parsed.rows.length === 0) {
      setProgress(null);
      return;
    }
    let cancelled = false;
    const partyAliases: Record<string, string> = {};
    const newParties: Record<string, string> = {};
    for (const [name, choice] of Object.entries(choices)) {
      if (choice.startsWith("bestaand:")) partyAliases[name] = choice.slice("bestaand:".length);
      else if (choice.startsWith("nieuw:") && manager) newParties[name] = choice.slice("nieuw:".length);
    }
    const options = {
      partyAliases,
      newParties,
      ...(defaultParty ? { defaultPartyId: defaultParty } : {}),
    };
    const rows = parsed.rows;
    void (async () => {
      const acc: ImportPreview = { problems: [], rows: [], drafts: [], unknownParties: [], errorCount: 0 };
      const seenUnknown = new Set<string>();
      for (let i = 0; i < rows.length; i += CHUNK) {
        const part = previewImport(rows.slice(i, i + CHUNK), mapping, partyList, { ...options, firstRowNumber: parsed.firstRowNumber + i });
        if (i === 0) acc.problems = part.problems;
        acc.rows.push(...part.rows);
        for (const n of part.unknownParties) {
          if (!seenUnknown.has(n.toLowerCase())) {
            seenUnknown.add(n.toLowerCase());
            acc.unknownParties.push(n);
          }
        }
        if (rows.length > CHUNK) {
          setProgress({ done: Math.min(rows.length, i + CHUNK), total: rows.length });
          await new Promise((r) => setTimeout(r, 0));
          if (cancelled) return;
        }
      }
      // A ketenpartner imports onto their own organisation's lane(s) only.
      acc.rows = acc.rows.map((r): PreviewRow => {
        if (!r.ok) return r;
        const ref = r.draft.party;
        const ok = ref.kind === "existing" ? manager || allowed.has(ref.id) : manager;
        return ok
          ? r
          : {
              ok: false,
              rowNumber: r.rowNumber,
              warnings: r.warnings,
              errors: [`Rij ${r.rowNumber}: u kunt alleen feiten op de tijdlijn van uw eigen organisatie importeren`],
            };
      });
      acc.errorCount = acc.rows.filter((r) => !r.ok).length;
      acc.drafts = acc.problems.length === 0 ? acc.rows.flatMap((r) => (r.ok ? [r.draft] : [])) : [];
      if (!cancelled) {
        setPreview(acc);
        setProgress(null);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [parsed, mapping, partyList, choices, defaultParty, manager, allowed]);

  const canImport = !!preview && preview.problems.length === 0 && preview.errorCount === 0 && preview.drafts.length > 0 && !importing;

  const doImport = () => {
    if (!preview || !canImport) return;
    setImporting(true);
    setFailure(null);
    let run: ReturnType<typeof startImport>;
    try {
      run = startImport(doc, preview.drafts, { id: user.id }, origin);
    } catch (err) {
      setFailure(errorMessage(err, "De import is mislukt; er is niets opgeslagen."));
      setImporting(false);
      return;
    }
    setSaving({ phase: "writing", done: 0, total: run.total });
    void (async () => {
      // One undo step for all chunks: merge every transaction of the import, then stop.
      const timeout = undoManager.captureTimeout;
      undoManager.stopCapturing();
      undoManager.captureTimeout = Number.POSITIVE_INFINITY;
      try {
        // A chunk at a time, letting the progress paint between them.
        while (run.step()) {
          if (mounted.current) setSaving({ phase: "writing", done: run.written, total: run.total });
          await new Promise((r) => setTimeout(r, 0));
        }
      } finally {
        undoManager.captureTimeout = timeout;
        undoManager.stopCapturing();
      }
      if (mounted.current) setSaving({ phase: "storing", done: run.total, total: run.total });
      await whenStoredOnServer(provider);
      if (mounted.current) onImported(run.result.eventIds.length);
    })();
  };

  const errorMessages = preview ? preview.rows.flatMap((r) => (r.ok ? [] : r.errors)) : [];
  const warningMessages = preview ? preview.rows.flatMap((r) => r.warnings) : [];
  const partyName = (r: PreviewRow) => {
    if (!r.ok) return "";
    const ref = r.draft.party;
    return ref.kind === "existing" ? (parties.find((p) => p.id === ref.id)?.value.name ?? "") : `${ref.name} (nieuw)`;
  };

  return (
    <dialog ref={dialogRef} className="ws-dialog" aria-labelledby="imp-h" onClose={onClose}>
      <div className="ws-dialog__head">
        <h2 id="imp-h">Feiten importeren</h2>
        <button type="button" className="button button--secondary button--small" onClick={() => dialogRef.current?.close()}>
          Sluiten
        </button>
      </div>
      <p className="ws-small">
        Plak rijen uit Excel (met of zonder kolomnamen) of kies een CSV-bestand. U ziet eerst een voorbeeld; er wordt niets opgeslagen
        voordat u op <strong>Importeren</strong> klikt. <strong>Rijen met fouten blokkeren de import:</strong> herstel ze hieronder in het
        geplakte of in uw bestand. Eén import maakt u in één keer ongedaan.
      </p>

      <div className="ws-import__source">
        <div className="field ws-field">
          <label htmlFor="imp-text">Geplakte rijen</label>
          <textarea
            id="imp-text"
            rows={6}
            value={text}
            spellCheck={false}
            onChange={(e) => {
              setText(e.target.value);
              setFileName(null);
            }}
            placeholder={
              "Datum\tOrganisatie\tFunctie\tWat\tBron\n12-03-2014\tWijkteam Noord\tWijkcoach J.B.\tHuisbezoek moeder\tDossier wijkteam"
            }
          />
        </div>
        <div className="ws-import__side">
          <div className="field ws-field">
            <label htmlFor="imp-file">Of kies een CSV-bestand of Excel-bestand (.xlsx)</label>
            <input
              id="imp-file"
              type="file"
              accept=".csv,.tsv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                if (file.size > 10 * 1024 * 1024) {
                  setFailure("Dit bestand is groter dan 10 MB. Splits het in kleinere delen.");
                  return;
                }
                let content: string;
                if (/\.xlsx$/i.test(file.name)) {
                  try {
                    const { readSheet } = await import("read-excel-file/browser");
                    content = sheetRowsToText(await readSheet(file));
                  } catch {
                    setFailure("Dit Excel-bestand kon niet worden gelezen. Sla het op als .xlsx of als CSV en probeer het opnieuw.");
                    return;
                  }
                } else content = decodeFile(await file.arrayBuffer());
                setFileName(file.name);
                setText(content);
              }}
            />
            {fileName ? <p className="field__hint">Ingelezen: {fileName}</p> : null}
          </div>
          <div className="field ws-field">
            <label htmlFor="imp-header">Eerste rij</label>
            <select id="imp-header" value={header} onChange={(e) => setHeader(e.target.value as typeof header)}>
              <option value="auto">Automatisch herkennen{parsed ? (parsed.hasHeader ? " (kolomnamen)" : " (gegevens)") : ""}</option>
              <option value="yes">Bevat kolomnamen</option>
              <option value="no">Bevat al gegevens</option>
            </select>
          </div>
        </div>
      </div>

      {parsed && parsed.rows.length > 0 ? (
        <>
          <fieldset className="ws-fieldset">
            <legend>Welke kolom bevat wat?</legend>
            <div className="ws-mapping">
              {IMPORT_FIELDS.map((f) => (
                <div className="field ws-field" key={f.key}>
                  <label htmlFor={`imp-map-${f.key}`}>
                    {f.label}
                    {f.required && !(f.key === "party" && defaultParty) ? <span aria-hidden="true"> *</span> : null}
                  </label>
                  <select
                    id={`imp-map-${f.key}`}
                    value={mapping[f.key] ?? ""}
                    onChange={(e) => {
                      const v = e.target.value;
                      setMapping((m) => {
                        const next: ImportMapping = { ...m };
                        if (v === "") delete next[f.key];
                        else next[f.key as ImportField] = Number(v);
                        return next;
                      });
                    }}
                  >
                    <option value="">— niet gebruiken —</option>
                    {parsed.headers.map((h, i) => (
                      <option key={i} value={i}>
                        {h}
                        {parsed.hasHeader ? "" : ` (bijv. ${(parsed.rows[0]?.[i] ?? "").slice(0, 24)})`}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
            <div className="field ws-field ws-import__default">
              <label htmlFor="imp-default-party">{manager ? "Partij voor rijen zonder organisatie" : "Tijdlijn van uw organisatie"}</label>
              <select id="imp-default-party" value={defaultParty} onChange={(e) => setDefaultParty(e.target.value)}>
                {manager ? <option value="">Geen: de organisatie is verplicht</option> : null}
                {(manager ? parties : ownLanes).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.value.name}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>

          {preview && preview.unknownParties.length > 0 ? (
            <fieldset className="ws-fieldset">
              <legend>Onbekende organisaties</legend>
              <p className="ws-small">
                {manager
                  ? "Koppel elke naam aan een bestaande partij, of laat een nieuwe partij aanmaken."
                  : "Koppel elke naam aan de tijdlijn van uw organisatie; andere organisaties kunt u niet importeren."}
              </p>
              {preview.unknownParties.map((name, i) => (
                <div className="ws-import__party" key={name}>
                  <label htmlFor={`imp-party-${i}`}>‘{name}’</label>
                  <select
                    id={`imp-party-${i}`}
                    value={choices[name] ?? ""}
                    onChange={(e) => setChoices((c) => ({ ...c, [name]: e.target.value }))}
                  >
                    <option value="">Kies…</option>
                    <optgroup label="Bestaande partij">
                      {(manager ? parties : ownLanes).map((p) => (
                        <option key={p.id} value={`bestaand:${p.id}`}>
                          {p.value.name}
                        </option>
                      ))}
                    </optgroup>
                    {manager ? (
                      <optgroup label="Nieuwe partij aanmaken in domein">
                        {STANDARD_PARTY_DOMAINS.map((d) => (
                          <option key={d} value={`nieuw:${d}`}>
                            Nieuw: {d}
                          </option>
                        ))}
                      </optgroup>
                    ) : null}
                  </select>
                </div>
              ))}
            </fieldset>
          ) : null}

          <section aria-labelledby="imp-h-preview" className="ws-import__preview">
            <h3 id="imp-h-preview">Voorbeeld</h3>
            {progress ? (
              <div className="ws-progress">
                <label htmlFor="imp-progress">
                  Rijen controleren: {progress.done} van {progress.total}
                </label>
                <progress id="imp-progress" max={progress.total} value={progress.done} />
              </div>
            ) : null}
            {preview ? (
              <>
                <p className="ws-import__summary" role="status">
                  {preview.problems.length > 0
                    ? "De kolomindeling is nog niet compleet."
                    : preview.errorCount > 0
                      ? `${preview.rows.length - preview.errorCount} van ${preview.rows.length} rijen zijn in orde; ${preview.errorCount} ${preview.errorCount === 1 ? "rij heeft" : "rijen hebben"} een fout. Er wordt niets geïmporteerd zolang er fouten zijn.`
                      : `Alle ${preview.rows.length} rijen zijn in orde.`}
                </p>
                {preview.problems.length > 0 ? (
                  <ul className="ws-errors">
                    {preview.problems.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ) : null}
                {errorMessages.length > 0 ? (
                  <ul className="ws-errors" aria-label="Fouten per rij">
                    {errorMessages.slice(0, ERRORS_SHOWN).map((m, i) => (
                      <li key={i}>{m}</li>
                    ))}
                    {errorMessages.length > ERRORS_SHOWN ? <li>…en nog {errorMessages.length - ERRORS_SHOWN} fouten.</li> : null}
                  </ul>
                ) : null}
                {warningMessages.length > 0 ? (
                  <details className="ws-warnings">
                    <summary>{warningMessages.length === 1 ? "1 opmerking (wordt wel geïmporteerd)" : `${warningMessages.length} opmerkingen (worden wel geïmporteerd)`}</summary>
                    <ul>
                      {warningMessages.slice(0, ERRORS_SHOWN).map((m, i) => (
                        <li key={i}>{m}</li>
                      ))}
                    </ul>
                  </details>
                ) : null}
                <div className="ws-import__tablewrap" tabIndex={0} role="region" aria-label="Voorbeeld van de rijen">
                  <table className="ws-mini">
                    <thead>
                      <tr>
                        <th scope="col">Rij</th>
                        <th scope="col">Datum</th>
                        <th scope="col">Organisatie</th>
                        <th scope="col">Wat</th>
                        <th scope="col">Oordeel</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.rows.slice(0, PREVIEW_ROWS).map((r) => (
                        <tr key={r.rowNumber} className={r.ok ? undefined : "is-error"}>
                          <td>{r.rowNumber}</td>
                          <td>{r.ok ? formatDutchPartialDate(r.draft.event.start, { approximate: r.draft.event.approximate }) : ""}</td>
                          <td>{partyName(r)}</td>
                          <td>{r.ok ? r.draft.event.title : ""}</td>
                          <td>{r.ok ? "In orde" : r.errors.map((m) => m.replace(/^Rij \d+: /, "")).join("; ")}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {preview.rows.length > PREVIEW_ROWS ? (
                    <p className="muted ws-small">
                      De eerste {PREVIEW_ROWS} van {preview.rows.length} rijen worden getoond.
                    </p>
                  ) : null}
                </div>
              </>
            ) : null}
          </section>
        </>
      ) : (
        <p className="muted ws-small">Nog niets geplakt of gekozen.</p>
      )}

      {saving ? (
        <div className="ws-progress" role="status">
          <label htmlFor="imp-saving">
            {saving.phase === "writing"
              ? `Feiten toevoegen: ${saving.done} van ${saving.total}`
              : "Wachten tot de server alles heeft opgeslagen…"}
          </label>
          <progress id="imp-saving" max={saving.total} value={saving.phase === "writing" ? saving.done : undefined} />
          {saving.phase === "storing" ? (
            <p className="ws-small muted">
              U kunt dit venster sluiten: de feiten staan op uw computer en worden opgeslagen zodra de server ze ontvangt.
            </p>
          ) : null}
        </div>
      ) : null}
      {failure ? (
        <div className="alert alert--error" role="alert">
          {failure}
        </div>
      ) : null}
      <div className="ws-dialog__actions">
        <button type="button" className="button" onClick={doImport} disabled={!canImport} aria-describedby="imp-blocked">
          {importing
            ? saving?.phase === "storing"
              ? "Bezig met opslaan…"
              : "Bezig met importeren…"
            : canImport && preview
              ? `Importeren (${preview.drafts.length} ${preview.drafts.length === 1 ? "feit" : "feiten"})`
              : "Importeren"}
        </button>
        <button type="button" className="button button--secondary" onClick={() => dialogRef.current?.close()}>
          Annuleren
        </button>
        <p id="imp-blocked" className="ws-small muted">
          {preview && !canImport && !importing
            ? preview.errorCount > 0 || preview.problems.length > 0
              ? "Importeren kan pas als er geen fouten meer zijn."
              : preview.drafts.length === 0
                ? "Er is niets om te importeren."
                : ""
            : ""}
        </p>
      </div>
    </dialog>
  );
}
