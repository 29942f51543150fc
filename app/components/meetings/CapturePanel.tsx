// "Vastleggen tijdens de bijeenkomst": findings and questions beside the presented timeline, with
// themes and the facts of the current period; the record of the meeting (onderzoekers only);
// a finding becomes a cause under the top of the tree (analysis.write). The server's write check
// enforces the same rules (ADR 0008, meetingNotes).
import { useEffect, useState } from "react";
import type * as Y from "yjs";
import { themeCatalog } from "~/domain/analysis/catalog.ts";
import { readTree } from "~/domain/analysis/tree.ts";
import { addNote, deleteNote, findingToCause, meetingCitation, MEETING_KINDS, NOTE_KINDS, readMeetings, readNotes, recordMeeting, type MeetingKind, type NoteKind } from "~/domain/meetings/notes.ts";
import type { Slide } from "~/domain/timeline/presentation.ts";

interface Props {
  doc: Y.Doc;
  slide: Slide | undefined;
  user: { id: string; name: string };
  canWrite: boolean;
  canAnalyse: boolean;
  today: string;
}

const message = (err: unknown) => (err instanceof Error ? err.message : "Dit is niet gelukt. Probeer het opnieuw.");

export function CapturePanel({ doc, slide, user, canWrite, canAnalyse, today }: Props) {
  const [, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    doc.on("update", bump);
    return () => doc.off("update", bump);
  }, [doc]);
  const [kind, setKind] = useState<NoteKind>("bevinding");
  const [text, setText] = useState("");
  const [themes, setThemes] = useState<string[]>([]);
  const [facts, setFacts] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [meetingKind, setMeetingKind] = useState<MeetingKind>("professionals");
  const [meetingDate, setMeetingDate] = useState(today);
  const [attendees, setAttendees] = useState("");
  const [meetingError, setMeetingError] = useState<string | null>(null);

  const notes = readNotes(doc);
  const meetings = readMeetings(doc);
  const slideFacts = slide ? slide.lanes.flatMap((l) => l.facts.map((f) => ({ ...f, lane: l.name }))) : [];
  const titles = new Map(slide ? slide.lanes.flatMap((l) => l.facts.map((f) => [f.id, f.title] as const)) : []);
  const top = canAnalyse ? readTree(doc).top : null;
  const toggle = (list: string[], v: string) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  return (
    <section className="capture" aria-labelledby="capture-h">
      <h2 id="capture-h">Vastleggen tijdens de bijeenkomst</h2>
      {canWrite ? (
        <form
          className="capture__form"
          onSubmit={(e) => {
            e.preventDefault();
            try {
              addNote(doc, { kind, text, themes, eventIds: facts, meetingId: meetings.at(-1)?.id ?? null }, { userId: user.id, userName: user.name });
              setText("");
              setThemes([]);
              setFacts([]);
              setError(null);
            } catch (err) {
              setError(message(err));
            }
          }}
        >
          <div className="field">
            <label htmlFor="cap-kind">Soort</label>
            <select id="cap-kind" value={kind} onChange={(e) => setKind(e.target.value as NoteKind)}>
              {NOTE_KINDS.map((k) => (
                <option key={k.key} value={k.key}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cap-text">Wat is er gezegd of gevraagd?</label>
            <textarea id="cap-text" rows={3} value={text} onChange={(e) => setText(e.target.value)} aria-describedby={error ? "cap-error" : undefined} />
          </div>
          <fieldset>
            <legend>Thema's</legend>
            {themeCatalog.themes.map((t) => (
              <label key={t.id} className="capture__check">
                <input type="checkbox" checked={themes.includes(t.id)} onChange={() => setThemes(toggle(themes, t.id))} /> {t.label}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Over welke feiten (deze periode)?</legend>
            {slideFacts.length === 0 ? <p>In deze periode staan geen feiten.</p> : null}
            {slideFacts.map((f) => (
              <label key={f.id} className="capture__check">
                <input type="checkbox" checked={facts.includes(f.id)} onChange={() => setFacts(toggle(facts, f.id))} /> {f.date}: {f.title} ({f.lane})
              </label>
            ))}
          </fieldset>
          {error ? (
            <p id="cap-error" className="capture__error" role="alert">
              {error}
            </p>
          ) : null}
          <button type="submit" className="button">
            Vastleggen
          </button>
        </form>
      ) : (
        <p>U kunt de bevindingen lezen; vastleggen kunnen de deelnemers die de tijdlijn mogen bewerken.</p>
      )}

      <h3>Vastgelegd ({notes.length})</h3>
      {notes.length === 0 ? <p>Nog geen bevindingen of vragen.</p> : null}
      <ul className="capture__notes">
        {notes.map((n) => (
          <li key={n.id}>
            <strong>{n.value.kind === "vraag" ? "Vraag" : "Bevinding"}:</strong> {n.value.text}
            <span className="capture__meta">
              {" "}
              — {n.value.authorName}
              {n.value.themes.length ? `; thema's: ${n.value.themes.map((t) => themeCatalog.byId.get(t)?.label ?? t).join(", ")}` : ""}
              {n.value.eventIds.length ? `; feiten: ${n.value.eventIds.map((id) => titles.get(id) ?? "(andere periode)").join(", ")}` : ""}
              {n.value.causeNodeId ? "; staat als oorzaak in de analyse" : ""}
            </span>
            {canAnalyse && n.value.kind === "bevinding" && !n.value.causeNodeId ? (
              <button
                type="button"
                className="button button--link"
                onClick={() => {
                  if (!top) return setError("Maak in de analyse eerst de topgebeurtenis; daaronder komt de oorzaak.");
                  try {
                    findingToCause(doc, { userId: user.id }, n.id, top.id);
                  } catch (err) {
                    setError(message(err));
                  }
                }}
              >
                Maak er een oorzaak van
              </button>
            ) : null}
            {n.value.authorId === user.id && canWrite ? (
              <button type="button" className="button button--link" onClick={() => deleteNote(doc, n.id)}>
                Verwijderen
              </button>
            ) : null}
          </li>
        ))}
      </ul>

      <h3>De bijeenkomst</h3>
      {meetings.length === 0 ? <p>Nog geen bijeenkomst vastgelegd.</p> : null}
      <ul>
        {meetings.map((m) => (
          <li key={m.id}>{meetingCitation(m.value)}</li>
        ))}
      </ul>
      {canAnalyse ? (
        <form
          className="capture__form"
          onSubmit={(e) => {
            e.preventDefault();
            try {
              recordMeeting(doc, { kind: meetingKind, date: meetingDate, attendees: attendees.split(/\n|,/) }, { userId: user.id });
              setAttendees("");
              setMeetingError(null);
            } catch (err) {
              setMeetingError(message(err));
            }
          }}
        >
          <div className="field">
            <label htmlFor="meet-kind">Soort bijeenkomst</label>
            <select id="meet-kind" value={meetingKind} onChange={(e) => setMeetingKind(e.target.value as MeetingKind)}>
              {MEETING_KINDS.map((k) => (
                <option key={k.key} value={k.key}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="meet-date">Datum</label>
            <input id="meet-date" type="date" value={meetingDate} onChange={(e) => setMeetingDate(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="meet-att">Aanwezigen, bij hun functie (één per regel, geen namen)</label>
            <textarea id="meet-att" rows={3} value={attendees} onChange={(e) => setAttendees(e.target.value)} />
          </div>
          {meetingError ? (
            <p className="capture__error" role="alert">
              {meetingError}
            </p>
          ) : null}
          <button type="submit" className="button button--secondary">
            Bijeenkomst vastleggen
          </button>
        </form>
      ) : null}
    </section>
  );
}
