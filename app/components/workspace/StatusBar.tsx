import type { CollabState } from "~/components/collab/useCollabDoc.ts";
import type { PresencePeer } from "~/components/collab/types.ts";

/** The connection state in plain Dutch; a live region, so changes are announced. */
export function ConnectionBanner({ state }: { state: CollabState }) {
  let text: string;
  let tone: "ok" | "busy" | "offline" | "error";
  if (state.closed?.code === 4403) {
    text = "U heeft geen toegang meer tot dit onderzoek";
    tone = "error";
  } else if (state.closed?.code === 4409) {
    text = "Uw laatste wijziging is geweigerd en niet opgeslagen. Laad de pagina opnieuw om verder te werken.";
    tone = "error";
  } else if (state.closed) {
    text = `De verbinding is verbroken${state.closed.reason ? `: ${state.closed.reason.replace(/\.$/, "")}` : ""}. Laad de pagina opnieuw.`;
    tone = "error";
  } else if (state.offline) {
    text = state.readOnly
      ? "Offline — de tijdlijn wordt bijgewerkt zodra er weer verbinding is"
      : "Offline — uw wijzigingen worden op dit apparaat bewaard en verstuurd zodra er weer verbinding is";
    tone = "offline";
  } else if (state.status === "connected" && state.synced) {
    text = "Verbonden";
    tone = "ok";
  } else if (state.lost) {
    text = state.readOnly
      ? "Geen verbinding — de tijdlijn wordt bijgewerkt zodra er weer verbinding is"
      : "Geen verbinding — uw wijzigingen worden bewaard en verstuurd zodra er weer verbinding is";
    tone = "offline";
  } else {
    text = "Verbinding maken…";
    tone = "busy";
  }
  return (
    <div className={`ws-conn ws-conn--${tone}`} role="status" data-connection={tone}>
      <span className="ws-conn__dot" aria-hidden="true" />
      <span className="ws-conn__text">{text}</span>
      {state.readOnly && !state.closed ? <span className="ws-conn__ro">Alleen lezen</span> : null}
      {state.closed ? (
        <button type="button" className="button--link ws-conn__link" onClick={() => location.reload()}>
          Pagina opnieuw laden
        </button>
      ) : null}
    </div>
  );
}

/** Who has this investigation open now. */
export function PresenceList({ people }: { people: PresencePeer[] }) {
  return (
    <div className="ws-presence">
      <span className="ws-presence__label" id="ws-presence-label">
        Nu aanwezig:
      </span>
      <ul aria-labelledby="ws-presence-label">
        {people.map((p) => (
          <li key={p.userId} data-presence-user={p.name}>
            <span className="ws-dot" style={{ background: p.color }} aria-hidden="true" />
            {p.name}
            {p.self ? <span className="muted"> (u)</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface ToastMessage {
  id: number;
  text: string;
  tone?: "ok" | "error";
  action?: { label: string; run: () => void };
}

/** Short confirmations with an optional action ("Ongedaan maken"); stays until closed or replaced. */
export function Toast({ toast, onClose }: { toast: ToastMessage | null; onClose: () => void }) {
  return (
    <div className="ws-toast-region" role="status" aria-live="polite">
      {toast ? (
        <div className={`ws-toast${toast.tone === "error" ? " ws-toast--error" : ""}`} key={toast.id}>
          <span>{toast.text}</span>
          {toast.action ? (
            <button
              type="button"
              className="ws-toast__action"
              onClick={() => {
                toast.action!.run();
                onClose();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button type="button" className="ws-toast__close" onClick={onClose} aria-label="Melding sluiten">
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
