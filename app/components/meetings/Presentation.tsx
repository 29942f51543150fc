// Presentation mode of the timeline (issue 12): full screen, large type, one period per slide,
// lanes by domain, markings highlighted. Keyboard: arrows, PageUp/PageDown (a remote clicker),
// Home/End. "Ik presenteer" puts the current period in this person's presence state; others who
// follow see the same period (follow-the-presenter over the existing awareness channel).
import { useEffect, useMemo, useRef, useState } from "react";
import { currentPresenter, presentationSlides, slideForKey, type Slide } from "~/domain/timeline/presentation.ts";
import { readTimeline } from "~/domain/timeline/schema.ts";
import { userColor } from "../workspace/format.ts";
import { useCollabDoc } from "~/components/collab/useCollabDoc.ts";
import { CapturePanel } from "./CapturePanel.tsx";

interface Props {
  investigationId: string;
  title: string;
  user: { id: string; name: string };
  canWrite: boolean;
  canAnalyse: boolean;
  today: string;
}

/** At most this often a presenter's step goes out (ADR 0009 limits presence messages per second). */
const PRESENCE_THROTTLE_MS = 150;

const FLAG_ICONS: Record<string, string> = { kritiekMoment: "◆", signaal: "!", overdracht: "⇄", opschaling: "▲" };

export default function Presentation({ investigationId, title, user, canWrite, canAnalyse, today }: Props) {
  const presence = useMemo(() => ({ name: user.name, color: userColor(user.id) }), [user.name, user.id]);
  const { session, state } = useCollabDoc({ investigationId, userId: user.id, canWrite, presence });
  const [version, setVersion] = useState(0);
  const [pseudonymise, setPseudonymise] = useState(false);
  const [presenting, setPresenting] = useState(false);
  const [follow, setFollow] = useState(true);
  const [slideId, setSlideId] = useState<string | null>(null);
  const [presenter, setPresenter] = useState<ReturnType<typeof currentPresenter>>(null);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!session) return;
    const bump = () => setVersion((v) => v + 1);
    session.doc.on("update", bump);
    return () => session.doc.off("update", bump);
  }, [session]);

  const slides: Slide[] = useMemo(
    () => (session ? presentationSlides(readTimeline(session.doc), { pseudonymise }) : []),
    [session, version, pseudonymise],
  );
  const index = Math.max(0, slideId ? slides.findIndex((s) => s.id === slideId) : 0);
  const slide = slides[index];

  // Whom to follow: read from the presence states on every change.
  useEffect(() => {
    if (!session) return;
    const awareness = session.awareness;
    const update = () => setPresenter(currentPresenter(awareness.getStates().entries(), awareness.clientID));
    update();
    awareness.on("change", update);
    return () => awareness.off("change", update);
  }, [session]);
  useEffect(() => {
    if (follow && !presenting && presenter && slides.some((s) => s.id === presenter.slide)) setSlideId(presenter.slide);
  }, [follow, presenting, presenter, slides]);

  // A presenter's current slide into their presence state (trailing throttle).
  const since = useRef(0);
  useEffect(() => {
    if (!session) return;
    if (!presenting) {
      session.awareness.setLocalStateField("presenting", null);
      return;
    }
    if (!since.current) since.current = Date.now();
    const t = setTimeout(() => {
      if (slide) session.awareness.setLocalStateField("presenting", { slide: slide.id, since: since.current });
    }, PRESENCE_THROTTLE_MS);
    return () => clearTimeout(t);
  }, [session, presenting, slide]);
  useEffect(() => {
    if (!presenting) since.current = 0;
  }, [presenting]);
  useEffect(() => () => session?.awareness.setLocalStateField("presenting", null), [session]);

  // Keyboard: anywhere on the page except in a form control that uses the keys itself.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === "SELECT" || target.tagName === "TEXTAREA" || (target.tagName === "INPUT" && (target as HTMLInputElement).type !== "checkbox"))) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const next = slideForKey(e.key, index, slides.length);
      if (next === null) return;
      e.preventDefault();
      setSlideId(slides[next]?.id ?? null);
      // Stepping yourself stops following (until "Volg de presentator" is ticked again).
      if (!presenting && presenter) setFollow(false);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [index, slides, presenting, presenter]);

  const fullScreen = () => {
    const el = rootRef.current;
    if (el && document.fullscreenEnabled) el.requestFullscreen().catch(() => {});
  };

  return (
    <div className="presentation" ref={rootRef}>
      <div className="presentation__bar">
        <a href={`/onderzoeken/${investigationId}/tijdlijn`}>Terug naar de tijdlijn</a>
        <button type="button" className="button button--secondary" onClick={fullScreen}>
          Volledig scherm
        </button>
        <label>
          <input type="checkbox" checked={pseudonymise} onChange={(e) => setPseudonymise(e.target.checked)} /> Alleen functies (voor bestuurders)
        </label>
        <label>
          <input type="checkbox" checked={presenting} onChange={(e) => setPresenting(e.target.checked)} /> Ik presenteer (anderen kunnen mij volgen)
        </label>
        {!presenting ? (
          <label>
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} disabled={!presenter} /> Volg de presentator
            {presenter ? ` (${presenter.name})` : " (niemand presenteert)"}
          </label>
        ) : null}
        <span className="presentation__status">
          {state.ready ? "" : state.lost ? "Geen verbinding; de tijdlijn wordt opnieuw geladen zodra die er is." : "Tijdlijn laden…"}
        </span>
      </div>
      <p className="presentation__help">Volgende periode: pijl rechts of Page Down. Vorige: pijl links of Page Up. Eerste en laatste: Home en End.</p>
      {slide ? (
        <section className="presentation__slide" aria-labelledby="slide-title">
          <p className="presentation__count" aria-live="polite">
            Periode {index + 1} van {slides.length}
          </p>
          <h1 id="slide-title">
            {slide.label}
            {slide.when ? <span className="presentation__when"> {slide.when}</span> : null}
          </h1>
          <p className="presentation__case">{title}</p>
          <ol className="presentation__bands" aria-label="Perioden">
            {slides.map((s, i) => (
              <li key={s.id} className={i === index ? "is-current" : i < index ? "is-past" : undefined} aria-current={i === index ? "step" : undefined}>
                {s.label}
              </li>
            ))}
          </ol>
          {slide.count === 0 ? <p className="presentation__empty">In deze periode staan geen feiten.</p> : null}
          <div className="presentation__lanes">
            {groupByDomain(slide).map((g) => (
              <section key={g.domain} className="presentation__domain" aria-label={g.domain}>
                <h2>{g.domain}</h2>
                {g.lanes.map((l) => (
                  <div key={l.id} className="presentation__lane">
                    <h3>{l.name}</h3>
                    {l.facts.length === 0 ? (
                      <p className="presentation__none">—</p>
                    ) : (
                      <ul>
                        {l.facts.map((f) => (
                          <li key={f.id} className={f.flags.map((x) => `flag-${x.key}`).join(" ")}>
                            <span className="presentation__date">{f.date}</span> <span className="presentation__title">{f.title}</span>
                            {f.actor ? <span className="presentation__actor"> · {f.actor}</span> : null}
                            {f.flags.map((x) => (
                              <span key={x.key} className={`presentation__flag presentation__flag--${x.key}`}>
                                <span aria-hidden="true">{FLAG_ICONS[x.key]} </span>
                                {x.label}
                              </span>
                            ))}
                          </li>
                        ))}
                      </ul>
                    )}
                  </div>
                ))}
              </section>
            ))}
          </div>
        </section>
      ) : (
        <h1>Tijdlijn laden…</h1>
      )}
      {session && state.ready ? <CapturePanel doc={session.doc} slide={slide} user={user} canWrite={canWrite && !state.readOnly} canAnalyse={canAnalyse && !state.readOnly} today={today} /> : null}
    </div>
  );
}

function groupByDomain(slide: Slide) {
  const groups: { domain: string; lanes: Slide["lanes"] }[] = [];
  for (const l of slide.lanes) {
    const g = groups.at(-1);
    if (g && g.domain === l.domain) g.lanes.push(l);
    else groups.push({ domain: l.domain, lanes: [l] });
  }
  return groups;
}
