// The status of a checklist item: a word and a shape, never colour alone.
import { ITEM_STATUS_LABELS, type ItemStatus } from "~/domain/report/model.ts";

const SHAPES: Record<ItemStatus, string> = { leeg: "○", in_concept: "◐", gereed: "●" };

export function StatusBadge({ status, unknownLabel = "Onbekend" }: { status: ItemStatus | null; unknownLabel?: string }) {
  if (!status) {
    return (
      <span className="status-badge status-badge--onbekend" data-status="onbekend">
        <span className="visually-hidden">Status: </span>
        {unknownLabel}
      </span>
    );
  }
  return (
    <span className={`status-badge status-badge--${status}`} data-status={status}>
      <span aria-hidden="true" className="status-badge__shape">
        {SHAPES[status]}
      </span>
      <span className="visually-hidden">Status: </span>
      {ITEM_STATUS_LABELS[status]}
    </span>
  );
}
