import { useEffect, useMemo, useRef, useState } from "react";
import { Form, useFetcher, useNavigation } from "react-router";
import { DECLARATION_TEXT, DISPOSITIONS, type DispositionKind } from "~/domain/rounds/kinds.ts";
import { pointerOptions, type FrozenDocument } from "~/domain/rounds/frozen.ts";
import { FrozenDocumentView } from "./FrozenDocumentView.tsx";

/** Shape of the action result (server/rounds/reaction-form.ts), as the page receives it. */
export interface ReactionResult {
  ok: boolean;
  intent: "save" | "autosave" | "submit" | "send_code";
  message: string | null;
  errors: Record<string, string>;
  values: { reactionId: string; pointer: string; text: string; correctsId: string; signerName: string; signerRole: string; declaration: boolean };
  saved: { reactionId: string; savedAt: string } | null;
  submittedId: string | null;
  codeSent?: boolean;
}

export interface OwnReactionView {
  id: string;
  pointerLabel: string;
  text: string;
  signerName: string | null;
  signerRole: string | null;
  signedOn: string | null;
  submittedAtText: string;
  late: boolean;
  correctsId: string | null;
  disposition: { kind: DispositionKind; note: string } | null;
}

export interface ReactionWorkspaceProps {
  frozen: FrozenDocument;
  versionHash: string;
  canReact: boolean;
  late: boolean;
  closedText: string | null;
  draft: { id: string; pointer: string; text: string; correctsId: string | null } | null;
  submitted: OwnReactionView[];
  invitee: { name: string; relation: string };
  /** A personal link: signing needs the one-time code mailed to the invited address (ADR 0021). */
  needsCode?: boolean;
  todayText: string;
  result: ReactionResult | undefined;
  /** Heading level of the document title. */
  level?: 2 | 3;
  /** The frozen draft is also there as a .docx (conceptrapport rounds). */
  hasDocx?: boolean;
  /** Where that .docx is downloaded. */
  docxHref?: string;
}

const AUTOSAVE_MS = 1500;

/** The frozen document beside the reaction form: the whole of what a reactant can do. */
export function ReactionWorkspace(props: ReactionWorkspaceProps) {
  // A fresh form after a successful submit: the next reaction starts empty.
  return <ReactionWorkspaceInner key={props.result?.submittedId ?? "form"} {...props} />;
}

function ReactionWorkspaceInner({ frozen, versionHash, canReact, late, closedText, draft, submitted, invitee, needsCode, todayText, result, level = 2, hasDocx, docxHref }: ReactionWorkspaceProps) {
  // After "Stuur mij een code" the form comes back as it was sent (also without JavaScript).
  const posted = result && (!result.ok || result.intent === "send_code") ? result.values : null;
  const [pointer, setPointer] = useState(posted?.pointer ?? draft?.pointer ?? "general");
  const [text, setText] = useState(posted?.text ?? draft?.text ?? "");
  const [correctsId, setCorrectsId] = useState(posted?.correctsId ?? draft?.correctsId ?? "");
  const [reactionId, setReactionId] = useState(result?.saved?.reactionId ?? (result?.submittedId ? "" : (posted?.reactionId ?? draft?.id ?? "")));
  const [hydrated, setHydrated] = useState(false);
  const [dirty, setDirty] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const fetcher = useFetcher<ReactionResult>();
  const busy = useNavigation().state === "submitting";
  const options = useMemo(() => pointerOptions(frozen), [frozen]);
  const errors = result && !result.ok ? result.errors : {};

  useEffect(() => setHydrated(true), []);
  // After a signed submit the form starts empty for a next reaction (a correction is a new one).
  const submittedId = result?.ok ? result.submittedId : null;
  useEffect(() => {
    if (!submittedId) return;
    setText("");
    setPointer("general");
    setCorrectsId("");
    setReactionId("");
    setDirty(false);
  }, [submittedId]);
  useEffect(() => {
    if (fetcher.data?.saved) setReactionId(fetcher.data.saved.reactionId);
  }, [fetcher.data]);
  // After "Stuur mij een code" (or a wrong code) the code field is where the person continues.
  const codeFocus = result?.codeSent || (result && !result.ok && !!result.errors.code);
  useEffect(() => {
    if (codeFocus) codeRef.current?.focus();
  }, [result, codeFocus]);

  // Autosave: a moment after the last change, the draft goes to the server.
  useEffect(() => {
    if (!dirty || !canReact) return;
    const t = window.setTimeout(() => {
      setDirty(false);
      fetcher.submit({ intent: "autosave", reactionId, pointer, text, correctsId, versionHash }, { method: "post" });
    }, AUTOSAVE_MS);
    return () => window.clearTimeout(t);
    // Re-armed on each change: only the last one within AUTOSAVE_MS is sent.
  }, [dirty, text, pointer, correctsId]);

  const pick = (p: string) => {
    setPointer(p);
    setDirty(true);
    textRef.current?.focus();
  };

  const groups = useMemo(() => {
    const bySection = new Map<string, typeof options>();
    for (const o of options.slice(1)) {
      const list = bySection.get(o.section) ?? [];
      list.push(o);
      bySection.set(o.section, list);
    }
    return [...bySection].map(([id, list]) => {
      const s = frozen.sections.find((x) => x.id === id);
      return { id, label: s ? (s.number ? `${s.number} ${s.heading}` : s.heading) : id, list };
    });
  }, [options, frozen]);

  const autosaveText =
    fetcher.state !== "idle" ? "Concept opslaan…" : fetcher.data ? (fetcher.data.ok ? fetcher.data.message?.replace("Uw concept is opgeslagen", "Concept automatisch opgeslagen") : fetcher.data.message) : "";

  return (
    <div className="rounds-split">
      <FrozenDocumentView doc={frozen} versionHash={versionHash} level={level} docxHref={hasDocx ? docxHref : undefined} onPick={hydrated && canReact ? pick : undefined} picked={pointer} />
      <div className="reaction-panel">
        {result?.message ? (
          result.ok ? (
            <div className="alert alert--ok" role="status">
              {result.message}
            </div>
          ) : (
            <div className="alert alert--error" role="alert">
              {result.message}
            </div>
          )
        ) : null}

        {canReact ? (
          <Form method="post" noValidate aria-labelledby="h-react">
            <h2 id="h-react">{submitted.length ? "Nog een reactie schrijven" : "Uw reactie"}</h2>
            {late ? <p className="alert alert--warn">De termijn is verstreken; de procesbegeleider staat uw reactie toe. Zij wordt gemarkeerd als &quot;na de termijn&quot;.</p> : null}
            <input type="hidden" name="reactionId" value={reactionId} />
            <input type="hidden" name="versionHash" value={versionHash} />
            <div className={`field${errors.pointer ? " field--error" : ""}`}>
              <label htmlFor="f-pointer">Waarop reageert u?</label>
              <select
                id="f-pointer"
                name="pointer"
                value={pointer}
                onChange={(e) => {
                  setPointer(e.target.value);
                  setDirty(true);
                }}
                aria-invalid={errors.pointer ? true : undefined}
                aria-describedby={errors.pointer ? "f-pointer-error" : undefined}
              >
                <option value="general">{options[0].label}</option>
                {groups.map((g) => (
                  <optgroup key={g.id} label={g.label}>
                    {g.list.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
              {errors.pointer ? (
                <p className="field__error" id="f-pointer-error">
                  {errors.pointer}
                </p>
              ) : null}
            </div>
            {submitted.length ? (
              <div className="field">
                <label htmlFor="f-correctsId">Corrigeert deze reactie een eerdere reactie van u?</label>
                <select
                  id="f-correctsId"
                  name="correctsId"
                  value={correctsId}
                  onChange={(e) => {
                    setCorrectsId(e.target.value);
                    setDirty(true);
                  }}
                >
                  <option value="">Nee, het is een nieuwe reactie</option>
                  {submitted.map((r, i) => (
                    <option key={r.id} value={r.id}>
                      Ja, reactie {i + 1} ({r.pointerLabel})
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <div className={`field${errors.text ? " field--error" : ""}`}>
              <label htmlFor="f-text">Uw reactie</label>
              <p className="field__hint" id="f-text-hint">
                Uw concept wordt tijdens het schrijven bewaard. Pas bij ondertekenen wordt de reactie verstuurd.
              </p>
              <textarea
                id="f-text"
                name="text"
                ref={textRef}
                rows={10}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setDirty(true);
                }}
                aria-invalid={errors.text ? true : undefined}
                aria-describedby={errors.text ? "f-text-hint f-text-error" : "f-text-hint"}
              />
              {errors.text ? (
                <p className="field__error" id="f-text-error">
                  {errors.text}
                </p>
              ) : null}
            </div>
            <p className="autosave-status" role="status">
              {autosaveText}
            </p>
            <div className="actions">
              <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>
                Concept opslaan
              </button>
            </div>

            <fieldset>
              <legend>Ondertekenen</legend>
              <SignField
                name="signerName"
                label="Uw volledige naam"
                defaultValue={invitee.name}
                readOnly
                error={errors.signerName}
                hint="De naam waarop u bent uitgenodigd. Klopt die niet? Neem contact op met de procesbegeleider."
              />
              <SignField
                name="signerRole"
                label="Uw functie of relatie tot de casus"
                defaultValue={posted?.signerRole ?? invitee.relation}
                error={errors.signerRole}
                hint="Bijvoorbeeld: nabestaande, wijkverpleegkundige."
              />
              <div className={`check-field${errors.declaration ? " field--error" : ""}`}>
                <input
                  type="checkbox"
                  id="f-declaration"
                  name="declaration"
                  defaultChecked={posted?.declaration ?? false}
                  aria-invalid={errors.declaration ? true : undefined}
                  aria-describedby={errors.declaration ? "f-declaration-error" : undefined}
                />
                <label htmlFor="f-declaration">{DECLARATION_TEXT}</label>
              </div>
              {errors.declaration ? (
                <p className="field__error" id="f-declaration-error">
                  {errors.declaration}
                </p>
              ) : null}
              {needsCode ? (
                <div className={`field${errors.code ? " field--error" : ""}`}>
                  <label htmlFor="f-code">Code uit de e-mail</label>
                  <p className="field__hint" id="f-code-hint">
                    Om te bevestigen dat u het bent, mailen wij een code van 6 cijfers naar het adres waarop u bent uitgenodigd. De code is 10 minuten geldig.
                  </p>
                  <div className="code-row">
                    <input
                      id="f-code"
                      name="code"
                      ref={codeRef}
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      maxLength={9}
                      size={9}
                      aria-invalid={errors.code ? true : undefined}
                      aria-describedby={errors.code ? "f-code-hint f-code-error" : "f-code-hint"}
                    />
                    <button type="submit" name="intent" value="send_code" className="button button--secondary" disabled={busy}>
                      Stuur mij een code
                    </button>
                  </div>
                  {errors.code ? (
                    <p className="field__error" id="f-code-error">
                      {errors.code}
                    </p>
                  ) : null}
                </div>
              ) : null}
              <p>
                Datum van ondertekening: <strong>{todayText}</strong>
              </p>
              <p className="muted">Een ondertekende reactie kunt u niet meer wijzigen. Wilt u later iets corrigeren, dan schrijft u een nieuwe reactie.</p>
              <button type="submit" name="intent" value="submit" className="button" disabled={busy}>
                Ondertekenen en versturen
              </button>
            </fieldset>
          </Form>
        ) : (
          <section aria-labelledby="h-closed">
            <h2 id="h-closed">Reageren is gesloten</h2>
            <p>{closedText}</p>
            {draft && draft.text.trim() ? (
              <div className="field">
                <label htmlFor="f-kept">Uw niet verstuurde concept</label>
                <textarea id="f-kept" readOnly rows={6} value={draft.text} />
              </div>
            ) : null}
          </section>
        )}

        {submitted.length ? (
          <section aria-labelledby="h-own">
            <h2 id="h-own">Uw ondertekende reacties</h2>
            {submitted.map((r, i) => (
              <article key={r.id} className="reaction-item" aria-labelledby={`own-${r.id}`}>
                <h3 id={`own-${r.id}`}>
                  Reactie {i + 1}: {r.pointerLabel}
                </h3>
                {r.late ? <span className="badge badge--late">na de termijn</span> : null}
                {r.correctsId ? <p className="muted">Correctie op een eerdere reactie.</p> : null}
                <p className="reaction-item__text">{r.text}</p>
                <p className="reaction-item__meta">
                  Ondertekend door {r.signerName} ({r.signerRole}), verstuurd op {r.submittedAtText}.
                </p>
                <p>
                  {r.disposition ? (
                    <>
                      <strong>{DISPOSITIONS[r.disposition.kind]}</strong>: {r.disposition.note}
                    </>
                  ) : (
                    <span className="muted">Nog niet afgehandeld.</span>
                  )}
                </p>
              </article>
            ))}
          </section>
        ) : null}
      </div>
    </div>
  );
}

function SignField(p: { name: string; label: string; defaultValue: string; error?: string; hint?: string; autoComplete?: string; readOnly?: boolean }) {
  const describedBy = [p.hint ? `f-${p.name}-hint` : null, p.error ? `f-${p.name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${p.error ? " field--error" : ""}`}>
      <label htmlFor={`f-${p.name}`}>{p.label}</label>
      {p.hint ? (
        <p className="field__hint" id={`f-${p.name}-hint`}>
          {p.hint}
        </p>
      ) : null}
      <input id={`f-${p.name}`} name={p.name} defaultValue={p.defaultValue} autoComplete={p.autoComplete} readOnly={p.readOnly} aria-invalid={p.error ? true : undefined} aria-describedby={describedBy} />
      {p.error ? (
        <p className="field__error" id={`f-${p.name}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  );
}
