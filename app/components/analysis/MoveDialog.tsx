// "Verplaats naar…": choose a new parent for a node from a list of the places it may go (not
// under itself, not across the cause/recovery sides). A native modal dialog keeps focus inside.
import { useEffect, useId, useRef, useState } from "react";
import { subtree, walk, type ResolvedTree, type TreeNode } from "~/domain/analysis/index.ts";
import { kindLabel } from "~/domain/analysis/visual.ts";

interface Props {
  tree: ResolvedTree;
  node: TreeNode;
  onMove(targetId: string | null): void;
  onClose(): void;
}

const ROOT = "__root__";

export function moveTargets(tree: ResolvedTree, node: TreeNode): { id: string | null; label: string }[] {
  const own = new Set(subtree(node).map((n) => n.id));
  const out: { id: string | null; label: string }[] = [];
  if (node.kind === "recovery") out.push({ id: null, label: "Bovenaan de herstelfactoren" });
  for (const n of walk(tree)) {
    if (own.has(n.id)) continue;
    if (node.kind === "recovery" ? n.kind !== "recovery" : n.side !== "cause") continue;
    const leaf = n.side === "cause" && n.kind === "cause" && n.children.length === 0;
    const text = n.label.trim() || "nog geen omschrijving";
    out.push({ id: n.id, label: `${"— ".repeat(n.depth)}${kindLabel(n, leaf)}: ${text.length > 80 ? `${text.slice(0, 79)}…` : text}` });
  }
  return out;
}

export function MoveDialog({ tree, node, onMove, onClose }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const selectId = useId();
  const targets = moveTargets(tree, node);
  const current = node.viewParent ?? ROOT;
  const [value, setValue] = useState<string>(targets.some((t) => (t.id ?? ROOT) === current) ? current : (targets[0]?.id ?? ROOT));

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  return (
    <dialog ref={ref} className="analysis-dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onMove(value === ROOT ? null : value);
        }}
      >
        <h2 id={titleId}>Verplaats naar…</h2>
        <p className="muted">
          Kies waar "{node.label.trim() || "nog geen omschrijving"}" onder komt te staan. Wat eronder hangt, gaat mee.
        </p>
        {targets.length ? (
          <div className="field">
            <label htmlFor={selectId}>Nieuwe plek</label>
            <select id={selectId} value={value} onChange={(e) => setValue(e.currentTarget.value)} size={Math.min(12, Math.max(4, targets.length))}>
              {targets.map((t) => (
                <option key={t.id ?? ROOT} value={t.id ?? ROOT}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p>Er is geen andere plek waar deze knoop kan staan.</p>
        )}
        <div className="actions">
          {targets.length ? (
            <button type="submit" className="button">
              Verplaatsen
            </button>
          ) : null}
          <button type="button" className="button button--secondary" onClick={onClose}>
            Annuleren
          </button>
        </div>
      </form>
    </dialog>
  );
}
