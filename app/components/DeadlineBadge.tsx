const LABELS = { overdue: "Te laat", due_soon: "Binnenkort", open: "Open", done: "Afgerond", unknown: "Datum onbekend" } as const;

export function DeadlineBadge({ status }: { status: keyof typeof LABELS }) {
  return <span className={`badge badge--${status}`}>{LABELS[status]}</span>;
}
