/** What the server renders, and the client shows until the document has synced. */
export function WorkspaceSkeleton({ label = "Tijdlijn laden…" }: { label?: string }) {
  return (
    <div className="ws-skeleton" aria-busy="true">
      {label ? (
        <p className="ws-skeleton__label" role="status">
          {label}
        </p>
      ) : null}
      <div className="ws-skeleton__chart" />
      <div className="ws-skeleton__rows">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="ws-skeleton__row" />
        ))}
      </div>
    </div>
  );
}
