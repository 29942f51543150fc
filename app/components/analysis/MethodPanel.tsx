// The chosen method (Bijlage 1 item 4g) and its steps with guidance and done/open. The method is
// relational metadata: the procesbegeleider changes it with a small form posted to the route.
import { useEffect, useId, useRef } from "react";
import { useFetcher } from "react-router";
import { methodCatalog, markStep, type MethodProgress } from "~/domain/analysis/index.ts";
import { ANALYSIS_METHODS, type AnalysisMethod } from "~/domain/investigation-fields.ts";
import type { AnalysisApi } from "./api.ts";

interface Props {
  api: AnalysisApi;
  method: AnalysisMethod | null;
  progress: MethodProgress;
  canChangeMethod: boolean;
  /** Called after the server stored a new method (to mirror it for the peers' pages). */
  onMethodSaved(method: AnalysisMethod): void;
}

const EDITOR_NOTE: Partial<Record<AnalysisMethod, string>> = {
  tripod_beta:
    "Tripod Beta heeft nog geen eigen barrière-editor. Leg de oorzaken voorlopig vast in de oorzakenboom hieronder en vink de stappen af wanneer ze klaar zijn.",
  other: "Beschrijf de methode in het rapport. De oorzakenboom en de kritieke momenten hieronder kunt u naar behoefte gebruiken.",
  dam: "DAM gebruikt de tijdlijn en een oorzakenboom met herstelfactoren, zoals hieronder.",
};

export function MethodPanel({ api, method, progress, canChangeMethod, onMethodSaved }: Props) {
  const fetcher = useFetcher<{ ok: boolean; error?: string; method?: AnalysisMethod }>();
  const selectId = useId();
  const errorId = useId();
  const savedRef = useRef<unknown>(null);
  const m = method ? methodCatalog.byId.get(method) : undefined;

  useEffect(() => {
    const d = fetcher.data;
    if (fetcher.state !== "idle" || !d || savedRef.current === d) return;
    savedRef.current = d;
    if (d.ok && d.method) {
      onMethodSaved(d.method);
      api.announce(`De analysemethode is nu ${ANALYSIS_METHODS[d.method]}.`);
    }
  }, [fetcher.state, fetcher.data, onMethodSaved, api]);

  const error = fetcher.data && !fetcher.data.ok ? fetcher.data.error : null;
  const pct = progress.total ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <section className="analysis-panel method-panel" aria-labelledby="analyse-methode">
      <div className="method-panel__head">
        <div>
          <h2 id="analyse-methode">Methode: {m ? m.name : "nog niet gekozen"}</h2>
          {m ? (
            <p className="muted method-panel__desc">
              {m.fullName ? <span className="method-panel__full">{m.fullName}. </span> : null}
              {m.description}
            </p>
          ) : (
            <p className="muted">Kies een analysemethode om de stappen te zien.</p>
          )}
        </div>
        {canChangeMethod ? (
          <fetcher.Form method="post" className="method-form">
            <input type="hidden" name="intent" value="method" />
            <label htmlFor={selectId}>Analysemethode</label>
            <div className="method-form__row">
              <select
                id={selectId}
                name="analysisMethod"
                defaultValue={method ?? ""}
                key={method ?? ""}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
              >
                {method ? null : <option value="">Kies…</option>}
                {(Object.keys(ANALYSIS_METHODS) as AnalysisMethod[]).map((k) => (
                  <option key={k} value={k}>
                    {ANALYSIS_METHODS[k]}
                  </option>
                ))}
              </select>
              <button type="submit" className="button button--secondary" disabled={fetcher.state !== "idle"}>
                {fetcher.state !== "idle" ? "Opslaan…" : "Methode opslaan"}
              </button>
            </div>
            {error ? (
              <p className="field__error" id={errorId}>
                {error}
              </p>
            ) : null}
          </fetcher.Form>
        ) : null}
      </div>
      {method && EDITOR_NOTE[method] ? <p className="method-panel__note">{EDITOR_NOTE[method]}</p> : null}
      {progress.method ? (
        <>
          <p className="method-progress">
            <span className="method-progress__text">
              {progress.done} van {progress.total} stappen klaar
            </span>
            <span className="method-progress__bar" aria-hidden="true">
              <span style={{ width: `${pct}%` }} />
            </span>
          </p>
          <ol className="method-steps">
            {progress.steps.map((s, i) => (
              <li key={s.id} className={s.done ? "method-step method-step--done" : "method-step"}>
                <span className={s.done ? "step-status step-status--done" : "step-status"}>
                  <span aria-hidden="true">{s.done ? "✓" : i + 1}</span>
                  <span className="visually-hidden">{s.done ? "Klaar:" : "Open:"}</span>
                </span>
                <div className="method-step__body">
                  <h3 className="method-step__title">{s.title}</h3>
                  <p className="method-step__guidance">{s.guidance}</p>
                  <p className="method-step__detail">{s.detail}</p>
                  {api.canEdit && progress.method && (!s.automatic || s.markedDone || !s.done) ? (
                    <label className="method-step__mark">
                      <input
                        type="checkbox"
                        checked={s.markedDone}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          api.run(
                            (doc, ctx) => markStep(doc, ctx, progress.method!.id, s.id, on),
                            on ? `Stap "${s.title}" afgevinkt.` : `Vinkje bij "${s.title}" weggehaald.`,
                          );
                        }}
                      />{" "}
                      {s.automatic ? "Toch afvinken" : "Afgevinkt"}
                    </label>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
