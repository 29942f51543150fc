// Who has the investigation open right now, each with their colour and, where the page can say it,
// what they are working on (from awareness `editing`). Pages pass their own `describe`.
import { useId } from "react";
import type { PresencePeer } from "./types.ts";

export function PresenceChips({ people, title, describe }: { people: readonly PresencePeer[]; title: string; describe: (editing: string | null) => string | null }) {
  const titleId = useId();
  if (!people.length) return null;
  return (
    <div className="presence-bar">
      <span className="presence-bar__title" id={titleId}>
        {title}
      </span>
      <ul aria-labelledby={titleId}>
        {people.map((p) => {
          const what = describe(p.editing);
          return (
            <li key={p.userId} className="presence-chip" data-presence-user={p.name}>
              <span className="presence-dot" style={{ background: p.color }} aria-hidden="true" />
              {p.name}
              {p.self ? " (u)" : ""}
              {what ? <span className="presence-chip__what"> {what}</span> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
