// The causal tree (PRISMA / DAM) and the SIRE why-chains as one SVG diagram: automatic tidy
// layout, zoom and pan (buttons, Ctrl+wheel or pinch, drag, keys), and full keyboard operation as
// an ARIA tree with a roving tabindex (arrows move focus, Enter edits, "a"/Insert adds a cause
// beneath, Shift+Enter one beside, Alt+arrows reorder and move, Delete deletes with undo).
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import {
  addChild,
  addRecovery,
  addSibling,
  addTop,
  deleteNode,
  moveDown,
  moveNode,
  moveUp,
  setLabel,
  siblingsOf,
  type TreeNode,
} from "~/domain/analysis/index.ts";
import type { AnalysisApi } from "./api.ts";
import { downloadPng, downloadSvg, EXPORT_TITLE_BAND, exportFilename, treeToSvg } from "./export.ts";
import { approximateMeasure, autoOrientation, layoutTree, type Orientation, type PlacedNode, type TreeLayout } from "~/domain/analysis/layout.ts";
import { MoveDialog } from "./MoveDialog.tsx";
import type { AnalysisSnapshot, AnalysisUndo } from "./useAnalysis.ts";
import { canvasMeasure, FOOTER_INSET, KIND_FONT_SIZE, LABEL_FONT_SIZE, LABEL_Y, LINE_HEIGHT, nodeAccessibleName, nodeVisual, type NodeVisual } from "~/domain/analysis/visual.ts";

export interface Editor {
  name: string;
  color: string;
}

interface Props {
  api: AnalysisApi;
  snap: AnalysisSnapshot;
  title: string;
  selectedId: string | null;
  onSelect(id: string | null): void;
  editorsByNode: Readonly<Record<string, readonly Editor[]>>;
  focusRequest: { id: string; n: number } | null;
  undo: AnalysisUndo | null;
  onDeleted(message: string): void;
  /** Which kind of analysis the empty state invites: a causal tree or SIRE critical moments. */
  mode: "tree" | "sire";
}

interface View {
  k: number;
  x: number;
  y: number;
}

const MIN_ZOOM = 0.2;
const MAX_ZOOM = 2;
const PAD = 24;

export const nodeDomId = (prefix: string, id: string) => `${prefix}-n-${id}`;

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]![0] ?? "") : "")).toUpperCase();
}

export function TreeEditor({ api, snap, title, selectedId, onSelect, editorsByNode, focusRequest, undo, onDeleted, mode }: Props) {
  const tree = snap.tree;
  const prefix = useId().replace(/[^a-zA-Z0-9_-]/g, "");
  const canvasRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ w: 900, h: 560 });
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [orientationPref, setOrientationPref] = useState<"auto" | Orientation>("auto");
  const [view, setView] = useState<View>({ k: 1, x: 0, y: 0 });
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [moveId, setMoveId] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const pendingFocus = useRef<string | null>(null);
  const viewRef = useRef(view);
  viewRef.current = view;

  // Collapsed ids that no longer exist are dropped lazily (they simply match nothing).
  const orientation: Orientation = useMemo(
    () => (orientationPref === "auto" ? autoOrientation(tree, collapsed, viewport.w) : orientationPref),
    [orientationPref, tree, collapsed, viewport.w],
  );
  // PRISMA's bottom row of root causes in the top-down picture; left-to-right keeps them at their own depth (compact).
  const layout: TreeLayout = useMemo(
    () => layoutTree(tree, { orientation, collapsed, leavesToBottom: orientation === "vertical" }),
    [tree, orientation, collapsed],
  );
  const measure = useMemo(() => canvasMeasure(LABEL_FONT_SIZE) ?? approximateMeasure(LABEL_FONT_SIZE), []);
  const visuals = useMemo(() => {
    const m = new Map<string, NodeVisual>();
    for (const p of layout.nodes) m.set(p.id, nodeVisual(p, p.id === tree.top?.id, measure));
    return m;
  }, [layout, measure, tree.top?.id]);
  const order = layout.nodes;
  const activeId = selectedId && layout.byId.has(selectedId) ? selectedId : (order[0]?.id ?? null);

  // ------------------------------------------------------------------ viewport and view
  useLayoutEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setViewport({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    setViewport({ w: el.clientWidth, h: el.clientHeight });
    return () => ro.disconnect();
  }, []);

  const clampK = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

  const fitView = useCallback(
    (mode: "fit" | "start") => {
      if (!layout.nodes.length) return;
      const fit = clampK(Math.min((viewport.w - 2 * PAD) / layout.width, (viewport.h - 2 * PAD) / layout.height, 1));
      if (mode === "fit" || fit >= 0.7) {
        setView({ k: fit, x: (viewport.w - layout.width * fit) / 2, y: Math.max(PAD / 2, (viewport.h - layout.height * fit) / 2) });
        return;
      }
      // Large tree: start readable, at the first root (top event), and let the minimap show the rest.
      const k = 0.85;
      const first = layout.nodes[0]!;
      if (layout.orientation === "vertical") {
        setView({ k, x: viewport.w / 2 - (first.x + first.w / 2) * k, y: PAD / 2 });
      } else {
        setView({ k, x: PAD / 2, y: viewport.h / 2 - (first.y + first.h / 2) * k });
      }
    },
    [layout, viewport.w, viewport.h],
  );

  // A fresh view when the tree first appears and when the orientation changes.
  const viewKey = `${layout.nodes.length > 0}:${layout.orientation}`;
  const lastViewKey = useRef("");
  useEffect(() => {
    if (lastViewKey.current === viewKey || viewport.w < 50) return;
    lastViewKey.current = viewKey;
    fitView("start");
  }, [viewKey, fitView, viewport.w]);

  const zoomAt = useCallback((factor: number, cx?: number, cy?: number) => {
    setView((v) => {
      const k = clampK(v.k * factor);
      const px = cx ?? viewport.w / 2;
      const py = cy ?? viewport.h / 2;
      return { k, x: px - ((px - v.x) * k) / v.k, y: py - ((py - v.y) * k) / v.k };
    });
  }, [viewport.w, viewport.h]);

  const panBy = (dx: number, dy: number) => setView((v) => ({ ...v, x: v.x + dx, y: v.y + dy }));

  const ensureVisible = useCallback(
    (id: string) => {
      const p = layout.byId.get(id);
      if (!p) return;
      setView((v) => {
        let { x, y } = v;
        const left = p.x * v.k + x;
        const top = p.y * v.k + y;
        const right = left + p.w * v.k;
        const bottom = top + p.h * v.k;
        if (left < PAD) x += PAD - left;
        else if (right > viewport.w - PAD) x -= Math.min(right - (viewport.w - PAD), left - PAD);
        if (top < PAD) y += PAD - top;
        else if (bottom > viewport.h - PAD) y -= Math.min(bottom - (viewport.h - PAD), top - PAD);
        return x === v.x && y === v.y ? v : { ...v, x, y };
      });
    },
    [layout, viewport.w, viewport.h],
  );

  // Ctrl/⌘ + wheel (and trackpad pinch) zooms at the pointer; a plain wheel scrolls the page.
  useEffect(() => {
    const el = canvasRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0025), e.clientX - r.left, e.clientY - r.top);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [zoomAt]);

  // Drag to pan: starts on the background only, and captures the pointer once it really moves, so
  // clicks on buttons and nodes inside the canvas stay clicks.
  const drag = useRef<{ x: number; y: number; vx: number; vy: number; captured: boolean } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || (e.target as Element).closest("[data-node], .tree-toggle, .tree-minimap, .tree-inline-editor, .tree-empty, button, a, input, select, textarea")) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: viewRef.current.x, vy: viewRef.current.y, captured: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || !(e.buttons & 1)) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.captured) {
      if (Math.abs(dx) + Math.abs(dy) < 4) return;
      d.captured = true;
      e.currentTarget.setPointerCapture(e.pointerId);
    }
    setView((v) => ({ ...v, x: d.vx + dx, y: d.vy + dy }));
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (d?.captured && e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
  };

  // ------------------------------------------------------------------ focus
  // Set when a node is brought into view from elsewhere on the page: at a tiny zoom, zoom in too.
  const readableNext = useRef(false);
  const focusItem = useCallback(
    (id: string) => {
      const el = document.getElementById(nodeDomId(prefix, id)) as SVGGElement | null;
      if (!el) return false;
      el.focus({ preventScroll: true });
      const p = layout.byId.get(id);
      if (readableNext.current && p && viewRef.current.k < 0.6) {
        const k = 0.85;
        setView({ k, x: viewport.w / 2 - (p.x + p.w / 2) * k, y: viewport.h / 2 - (p.y + p.h / 2) * k });
      } else ensureVisible(id);
      readableNext.current = false;
      return true;
    },
    [prefix, ensureVisible, layout, viewport.w, viewport.h],
  );

  const moveFocus = (id: string | null | undefined) => {
    if (!id) return;
    onSelect(id);
    pendingFocus.current = id;
    focusItem(id);
  };

  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (id && layout.byId.has(id) && focusItem(id)) pendingFocus.current = null;
  });

  // Requests from elsewhere on the page ("Toon in de boom"): expand the path, select, focus.
  useEffect(() => {
    if (!focusRequest) return;
    const { id } = focusRequest;
    const path: string[] = [];
    let cur = tree.byId.get(id)?.viewParent ?? null;
    while (cur) {
      path.push(cur);
      cur = tree.byId.get(cur)?.viewParent ?? null;
    }
    if (path.some((p) => collapsed.has(p))) {
      setCollapsed((c) => {
        const next = new Set(c);
        for (const p of path) next.delete(p);
        return next;
      });
    }
    onSelect(id);
    pendingFocus.current = id;
    readableNext.current = true;
    canvasRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
    // focus happens in the layout effect once the node is rendered
  }, [focusRequest]);

  // Someone else deleted the node being edited here: say so instead of silently dropping the text.
  useEffect(() => {
    if (editingId && snap.version > 0 && !tree.byId.has(editingId) && !pendingFocus.current) {
      setEditingId(null);
      api.announce("Deze knoop is intussen door iemand anders verwijderd; uw tekst is niet bewaard.");
    }
  }, [editingId, tree, snap.version, api]);

  // A selected node hidden by collapsing an ancestor: select that ancestor instead.
  useEffect(() => {
    if (!selectedId || layout.byId.has(selectedId) || !tree.byId.has(selectedId)) return;
    let cur = tree.byId.get(selectedId)?.viewParent ?? null;
    while (cur && !layout.byId.has(cur)) cur = tree.byId.get(cur)?.viewParent ?? null;
    if (cur) onSelect(cur);
  }, [layout, selectedId, tree, onSelect]);

  // ------------------------------------------------------------------ edits
  const expand = (id: string) =>
    setCollapsed((c) => {
      if (!c.has(id)) return c;
      const next = new Set(c);
      next.delete(id);
      return next;
    });

  const startEdit = (id: string) => {
    if (!api.canEdit) return;
    onSelect(id);
    setEditingId(id);
  };

  const addChildOf = (id: string) => {
    const node = tree.byId.get(id);
    if (!node) return;
    const newId = api.run((doc, ctx) => addChild(doc, ctx, id), node.kind === "recovery" ? "Herstelfactor toegevoegd." : "Oorzaak toegevoegd.");
    if (newId) {
      expand(id);
      onSelect(newId);
      pendingFocus.current = newId;
      setEditingId(newId);
    }
  };

  const addSiblingOf = (id: string) => {
    const newId = api.run((doc, ctx) => addSibling(doc, ctx, id), "Knoop op hetzelfde niveau toegevoegd.");
    if (newId) {
      onSelect(newId);
      pendingFocus.current = newId;
      setEditingId(newId);
    }
  };

  const reorder = (id: string, dir: -1 | 1) => {
    const moved = api.run((doc, ctx) => (dir < 0 ? moveUp(doc, ctx, id) : moveDown(doc, ctx, id)));
    if (moved === false) api.announce(dir < 0 ? "Deze knoop staat al als eerste." : "Deze knoop staat al als laatste.");
    else if (moved) api.announce(dir < 0 ? "Eén plek naar voren gezet." : "Eén plek naar achteren gezet.");
    pendingFocus.current = id;
  };

  const outdent = (node: TreeNode) => {
    const parent = node.viewParent ? tree.byId.get(node.viewParent) : undefined;
    if (!parent) {
      api.announce("Deze knoop staat al bovenaan.");
      return;
    }
    const grand = parent.viewParent;
    const siblings = grand ? tree.byId.get(grand)!.children : siblingsOf(tree, parent);
    const index = siblings.indexOf(parent) + 1;
    const ok = api.run((doc, ctx) => {
      moveNode(doc, ctx, node.id, grand, index);
      return true;
    }, `Een niveau hoger gezet, na "${parent.label.trim() || "nog geen omschrijving"}".`);
    if (ok) pendingFocus.current = node.id;
  };

  const indent = (node: TreeNode) => {
    const siblings = siblingsOf(tree, node);
    const i = siblings.indexOf(node);
    const prev = i > 0 ? siblings[i - 1] : undefined;
    if (!prev) {
      api.announce("Er staat geen knoop vóór deze; kies 'Verplaats naar…' (toets M).");
      return;
    }
    const ok = api.run((doc, ctx) => {
      moveNode(doc, ctx, node.id, prev.id);
      return true;
    }, `Onder "${prev.label.trim() || "nog geen omschrijving"}" gezet.`);
    if (ok) {
      expand(prev.id);
      pendingFocus.current = node.id;
    }
  };

  const remove = (node: TreeNode) => {
    const p = layout.byId.get(node.id);
    const idx = order.findIndex((n) => n.id === node.id);
    const siblings = siblingsOf(tree, node);
    const si = siblings.indexOf(node);
    const next = siblings[si + 1]?.id ?? siblings[si - 1]?.id ?? node.viewParent ?? order[idx + 1]?.id ?? order[idx - 1]?.id ?? null;
    const ids = api.run((doc, ctx) => deleteNode(doc, ctx, node.id));
    if (!ids) return;
    const what = p?.isRootCause || node.kind === "cause" ? "Oorzaak" : node.kind === "recovery" ? "Herstelfactor" : node.kind === "top" ? "Topgebeurtenis" : "Kritiek moment";
    onDeleted(ids.length > 1 ? `${what} en ${ids.length - 1} onderliggende verwijderd` : `${what} verwijderd`);
    if (next) {
      onSelect(next);
      pendingFocus.current = next;
    } else onSelect(null);
  };

  const addTopEvent = () => {
    const newId = api.run((doc, ctx) => addTop(doc, ctx), "Topgebeurtenis toegevoegd.");
    if (newId) {
      onSelect(newId);
      pendingFocus.current = newId;
      setEditingId(newId);
    }
  };

  const addRecoveryRoot = () => {
    const newId = api.run((doc, ctx) => addRecovery(doc, ctx), "Herstelfactor toegevoegd.");
    if (newId) {
      onSelect(newId);
      pendingFocus.current = newId;
      setEditingId(newId);
    }
  };

  const toggle = (id: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };

  // ------------------------------------------------------------------ keyboard
  const onItemKeyDown = (e: KeyboardEvent<SVGGElement>, p: PlacedNode) => {
    const node = p.node;
    const i = order.findIndex((n) => n.id === p.id);
    const key = e.key;
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    if (e.altKey && !e.ctrlKey && !e.metaKey) {
      if (!api.canEdit) return;
      if (key === "ArrowUp") return handled(), reorder(node.id, -1);
      if (key === "ArrowDown") return handled(), reorder(node.id, 1);
      if (key === "ArrowLeft") return handled(), outdent(node);
      if (key === "ArrowRight") return handled(), indent(node);
      return;
    }
    if (e.shiftKey && key.startsWith("Arrow")) {
      handled();
      const step = 80;
      if (key === "ArrowLeft") panBy(step, 0);
      if (key === "ArrowRight") panBy(-step, 0);
      if (key === "ArrowUp") panBy(0, step);
      if (key === "ArrowDown") panBy(0, -step);
      return;
    }
    if (e.ctrlKey || e.metaKey) return; // undo/redo and browser shortcuts are handled elsewhere
    switch (key) {
      case "ArrowDown":
        handled();
        return moveFocus(order[i + 1]?.id);
      case "ArrowUp":
        handled();
        return moveFocus(order[i - 1]?.id);
      case "ArrowRight":
        handled();
        if (node.children.length && collapsed.has(node.id)) return toggle(node.id);
        return moveFocus(p.childIds[0]);
      case "ArrowLeft":
        handled();
        if (p.childIds.length) return toggle(node.id);
        return moveFocus(p.parentId);
      case "Home":
        handled();
        return moveFocus(order[0]?.id);
      case "End":
        handled();
        return moveFocus(order[order.length - 1]?.id);
      case "+":
      case "=":
        handled();
        return zoomAt(1.2);
      case "-":
        handled();
        return zoomAt(1 / 1.2);
      case "0":
        handled();
        return fitView("fit");
    }
    if (!api.canEdit) return;
    if (key === "Enter" && e.shiftKey) return handled(), addSiblingOf(node.id);
    if (key === "Enter" || key === "F2") return handled(), startEdit(node.id);
    if (key === "Insert" || key === "a" || key === "A") return handled(), addChildOf(node.id);
    if (key === "Delete" || key === "Backspace") return handled(), remove(node);
    if (key === "m" || key === "M") return handled(), setMoveId(node.id);
  };

  // ------------------------------------------------------------------ export
  const exportAs = async (kind: "svg" | "png") => {
    setExporting(true);
    try {
      const full = layoutTree(tree, { orientation, collapsed: new Set(), leavesToBottom: orientation === "vertical" });
      const svg = treeToSvg(full, { title: `Oorzakenboom – ${title}`, topId: tree.top?.id ?? null, measure });
      const name = exportFilename(title, kind);
      if (kind === "svg") downloadSvg(svg, name);
      else await downloadPng(svg, Math.max(full.width, 320), full.height + EXPORT_TITLE_BAND, name);
      api.announce(kind === "svg" ? "De oorzakenboom is als SVG gedownload." : "De oorzakenboom is als PNG gedownload.");
    } catch {
      api.announce("Het exporteren is mislukt. Probeer het opnieuw.");
    } finally {
      setExporting(false);
    }
  };

  // ------------------------------------------------------------------ render
  const editingNode = editingId ? layout.byId.get(editingId) : undefined;
  const selectedNode = selectedId ? (tree.byId.get(selectedId) ?? null) : null;
  const moveNodeData = moveId ? tree.byId.get(moveId) : undefined;
  const pct = Math.round(view.k * 100);
  const helpId = `${prefix}-help`;

  return (
    <div className="tree-editor">
      <div className="tree-toolbar" role="group" aria-label="Weergave van de boom">
        <div className="tree-toolbar__group">
          <button type="button" className="icon-button" onClick={() => zoomAt(1 / 1.2)} aria-label="Uitzoomen" title="Uitzoomen (−)">
            −
          </button>
          <span className="tree-zoom" aria-live="off">
            {pct}%
          </span>
          <button type="button" className="icon-button" onClick={() => zoomAt(1.2)} aria-label="Inzoomen" title="Inzoomen (+)">
            +
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => fitView("fit")}>
            Passend
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => zoomAt(1 / view.k)}>
            100%
          </button>
        </div>
        <div className="tree-toolbar__group">
          <label className="tree-toolbar__label" htmlFor={`${prefix}-orient`}>
            Richting
          </label>
          <select id={`${prefix}-orient`} value={orientationPref} onChange={(e) => setOrientationPref(e.currentTarget.value as "auto" | Orientation)}>
            <option value="auto">Automatisch</option>
            <option value="vertical">Boven → onder</option>
            <option value="horizontal">Links → rechts</option>
          </select>
          {collapsed.size > 0 ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setCollapsed(new Set())}>
              Alles uitklappen
            </button>
          ) : null}
        </div>
        <div className="tree-toolbar__group" role="group" aria-label="Exporteren voor het rapport">
          <span className="tree-toolbar__label" aria-hidden="true">
            Exporteer
          </span>
          <button type="button" className="button button--secondary button--small" disabled={!order.length || exporting} onClick={() => void exportAs("svg")} aria-label="Exporteer als SVG">
            SVG
          </button>
          <button type="button" className="button button--secondary button--small" disabled={!order.length || exporting} onClick={() => void exportAs("png")} aria-label="Exporteer als PNG">
            PNG
          </button>
        </div>
      </div>

      {api.canEdit && order.length > 0 ? (
        <div className="tree-actions" role="group" aria-label="Bewerken van de gekozen knoop">
          {selectedNode ? (
            <>
              <button type="button" className="button button--small" onClick={() => addChildOf(selectedNode.id)}>
                {selectedNode.kind === "recovery" ? "Herstelfactor eronder" : "Oorzaak eronder"}
              </button>
              <button type="button" className="button button--secondary button--small" disabled={selectedNode.id === tree.top?.id || selectedNode.kind === "critical_moment"} onClick={() => addSiblingOf(selectedNode.id)}>
                Ernaast
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => reorder(selectedNode.id, -1)} aria-label="Naar voren" title="Alt+↑">
                ↑
              </button>
              <button type="button" className="button button--secondary button--small" onClick={() => reorder(selectedNode.id, 1)} aria-label="Naar achteren" title="Alt+↓">
                ↓
              </button>
              <button type="button" className="button button--secondary button--small" disabled={selectedNode.id === tree.top?.id} onClick={() => setMoveId(selectedNode.id)}>
                Verplaats naar…
              </button>
              <button type="button" className="button button--danger button--small" onClick={() => remove(selectedNode)}>
                Verwijderen
              </button>
            </>
          ) : (
            <span className="tree-actions__label">Kies een knoop in de boom.</span>
          )}
          <span className="tree-actions__spacer" />
          <button type="button" className="button button--secondary button--small" disabled={!undo?.canUndo} onClick={() => undo?.undoManager.undo()} title="Ctrl+Z">
            Ongedaan maken
          </button>
          <button type="button" className="button button--secondary button--small" disabled={!undo?.canRedo} onClick={() => undo?.undoManager.redo()} title="Ctrl+Shift+Z">
            Opnieuw
          </button>
          {!tree.top && mode !== "sire" ? (
            <button type="button" className="button button--secondary button--small" onClick={addTopEvent}>
              Topgebeurtenis toevoegen
            </button>
          ) : null}
          {tree.recovery.length === 0 ? (
            <button type="button" className="button button--secondary button--small" onClick={addRecoveryRoot}>
              Herstelfactor toevoegen
            </button>
          ) : null}
        </div>
      ) : null}

      <div
        ref={canvasRef}
        className="tree-canvas"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
      >
        {order.length === 0 ? (
          <div className="tree-empty">
            {mode === "sire" ? (
              <p>
                Nog geen kritieke momenten. Markeer <a href="#analyse-kritieke-momenten">hieronder</a> een feit op de tijdlijn als kritiek
                moment; vraag daarna hier door met "waarom?".
              </p>
            ) : (
              <p>Nog geen oorzakenboom. Begin met de topgebeurtenis: wat is er gebeurd?</p>
            )}
            {api.canEdit ? (
              <div className="actions">
                {mode !== "sire" ? (
                  <button type="button" className="button" onClick={addTopEvent}>
                    Topgebeurtenis toevoegen
                  </button>
                ) : null}
                <button type="button" className="button button--secondary" onClick={addRecoveryRoot}>
                  Herstelfactor toevoegen
                </button>
              </div>
            ) : null}
          </div>
        ) : (
          <svg className="tree-svg" width="100%" height="100%" role="none">
            <g transform={`translate(${view.x},${view.y}) scale(${view.k})`} role="none">
              <g aria-hidden="true">
                {layout.labels.map((l) => (
                  <text key={l.text} x={l.x} y={l.y} className="tree-side-label">
                    {l.text}
                  </text>
                ))}
                {layout.edges.map((e) => (
                  <path key={`${e.from}-${e.to}`} d={e.d} className="tree-edge" />
                ))}
              </g>
              {/* Pictures only: the tree items below carry names and keyboard; visible text stays out of them. */}
              <g aria-hidden="true">
                {order.map((p) => (
                  <g key={p.id} transform={`translate(${p.x},${p.y})`}>
                    <NodeShape
                      p={p}
                      v={visuals.get(p.id)!}
                      selected={p.id === selectedId}
                      focused={p.id === focusedId}
                      editors={editorsByNode[p.id] ?? []}
                    />
                  </g>
                ))}
              </g>
              <g role="tree" aria-label="Oorzakenboom" aria-describedby={helpId}>
                {order.map((p) => {
                  const editors = editorsByNode[p.id] ?? [];
                  const selected = p.id === selectedId;
                  return (
                    <g
                      key={p.id}
                      id={nodeDomId(prefix, p.id)}
                      data-node={p.id}
                      role="treeitem"
                      tabIndex={p.id === activeId ? 0 : -1}
                      aria-level={p.level}
                      aria-setsize={p.setSize}
                      aria-posinset={p.posInSet}
                      aria-expanded={p.node.children.length ? !collapsed.has(p.id) : undefined}
                      aria-selected={selected}
                      aria-label={nodeAccessibleName(p, p.id === tree.top?.id, editors.map((x) => x.name))}
                      transform={`translate(${p.x},${p.y})`}
                      className="tree-node"
                      onKeyDown={(e) => onItemKeyDown(e, p)}
                      onFocus={() => {
                        setFocusedId(p.id);
                        if (p.id !== selectedId) onSelect(p.id);
                        else if (api.canEdit) api.setEditing(`node:${p.id}`);
                      }}
                      onBlur={() => setFocusedId((f) => (f === p.id ? null : f))}
                      onClick={(e) => {
                        onSelect(p.id);
                        (e.currentTarget as SVGGElement).focus({ preventScroll: true });
                      }}
                      onDoubleClick={() => startEdit(p.id)}
                    >
                      <rect width={p.w} height={p.h} rx={6} className="tree-hit" />
                    </g>
                  );
                })}
              </g>
              <g aria-hidden="true">
                {order
                  .filter((p) => p.node.children.length > 0)
                  .map((p) => (
                    <g
                      key={p.id}
                      className="tree-toggle"
                      transform={layout.orientation === "vertical" ? `translate(${p.x + p.w / 2},${p.y + p.h})` : `translate(${p.x + p.w},${p.y + p.h / 2})`}
                      onClick={(e) => {
                        e.stopPropagation();
                        toggle(p.id);
                      }}
                    >
                      <circle r={8} fill="#fff" stroke="#4a5561" />
                      <text y={4} fontSize={12} fontWeight={700} fill="#1b1f24" textAnchor="middle">
                        {collapsed.has(p.id) ? "+" : "−"}
                      </text>
                    </g>
                  ))}
              </g>
            </g>
          </svg>
        )}
        {editingNode && api.canEdit ? (
          <InlineEditor
            key={editingNode.id}
            node={editingNode}
            view={view}
            onDone={(label) => {
              const id = editingNode.id;
              setEditingId(null);
              pendingFocus.current = id;
              if (label !== null && label !== editingNode.node.label) api.run((doc, ctx) => setLabel(doc, ctx, id, label), "Omschrijving opgeslagen.");
              setTimeout(() => focusItem(id), 0);
            }}
          />
        ) : null}
        {order.length > 0 ? <Minimap layout={layout} view={view} viewport={viewport} onCenter={(x, y) => setView((v) => ({ ...v, x: viewport.w / 2 - x * v.k, y: viewport.h / 2 - y * v.k }))} /> : null}
      </div>

      <details className="tree-help">
        <summary>Bediening met het toetsenbord en de muis</summary>
        <div id={helpId}>
          <p className="visually-hidden">Pijltoetsen verplaatsen de focus{api.canEdit ? "; Enter bewerkt; A voegt een oorzaak eronder toe; Shift+Enter voegt er een naast toe; Delete verwijdert" : ""}.</p>
          <ul>
            <li>
              <kbd>↑</kbd> <kbd>↓</kbd> vorige / volgende knoop, <kbd>→</kbd> uitklappen of naar de eerste onderliggende, <kbd>←</kbd> inklappen of naar de bovenliggende, <kbd>Home</kbd> / <kbd>End</kbd> eerste / laatste.
            </li>
            {api.canEdit ? (
              <>
                <li>
                  <kbd>Enter</kbd> of <kbd>F2</kbd> omschrijving bewerken (<kbd>Enter</kbd> bewaart, <kbd>Esc</kbd> annuleert).
                </li>
                <li>
                  <kbd>A</kbd> of <kbd>Insert</kbd> oorzaak eronder toevoegen, <kbd>Shift</kbd>+<kbd>Enter</kbd> knoop op hetzelfde niveau.
                </li>
                <li>
                  <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> volgorde wijzigen, <kbd>Alt</kbd>+<kbd>←</kbd> een niveau hoger, <kbd>Alt</kbd>+<kbd>→</kbd> onder de vorige knoop, <kbd>M</kbd> verplaats naar…
                </li>
                <li>
                  <kbd>Delete</kbd> verwijderen (met ongedaan maken), <kbd>Ctrl</kbd>+<kbd>Z</kbd> ongedaan maken, <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>Z</kbd> opnieuw.
                </li>
              </>
            ) : null}
            <li>
              <kbd>+</kbd> / <kbd>−</kbd> zoomen, <kbd>0</kbd> passend, <kbd>Shift</kbd>+pijltoetsen schuiven. Met de muis: slepen schuift, <kbd>Ctrl</kbd>+scrollwiel (of knijpen) zoomt, dubbelklik bewerkt.
            </li>
          </ul>
        </div>
      </details>

      {moveNodeData ? (
        <MoveDialog
          tree={tree}
          node={moveNodeData}
          onClose={() => {
            const id = moveNodeData.id;
            setMoveId(null);
            pendingFocus.current = id;
            setTimeout(() => focusItem(id), 0);
          }}
          onMove={(target) => {
            const id = moveNodeData.id;
            const targetNode = target ? tree.byId.get(target) : null;
            api.run(
              (doc, ctx) => moveNode(doc, ctx, id, target),
              targetNode ? `Verplaatst naar onder "${targetNode.label.trim() || "nog geen omschrijving"}".` : "Verplaatst.",
            );
            if (target) expand(target);
            setMoveId(null);
            pendingFocus.current = id;
          }}
        />
      ) : null}
    </div>
  );
}

function NodeShape({
  p,
  v,
  selected,
  focused,
  editors,
}: {
  p: PlacedNode;
  v: NodeVisual;
  selected: boolean;
  focused: boolean;
  editors: readonly Editor[];
}) {
  const s = v.style;
  return (
    <g>
      {focused ? <rect x={-6} y={-6} width={p.w + 12} height={p.h + 12} rx={10} className="tree-focus-ring" /> : null}
      {editors.length ? (
        <rect x={-3} y={-3} width={p.w + 6} height={p.h + 6} rx={8} fill="none" stroke={editors[0]!.color} strokeWidth={2.5} strokeDasharray="6 3" />
      ) : null}
      <rect
        width={p.w}
        height={p.h}
        rx={6}
        fill={s.fill}
        stroke={selected ? "#0b5cad" : s.stroke}
        strokeWidth={selected ? 3 : s.strokeWidth}
        strokeDasharray={s.dash ?? undefined}
      />
      <rect width={5} height={p.h} rx={2} fill={s.accent} />
      <text x={14} y={18} fontSize={KIND_FONT_SIZE} fontWeight={600} fill={s.kindText}>
        {v.flagged ? "⚠ " : ""}
        {v.kind}
      </text>
      {v.lines.map((line, i) => (
        <text key={i} x={14} y={LABEL_Y + i * LINE_HEIGHT} fontSize={LABEL_FONT_SIZE} fill={s.text}>
          {line}
        </text>
      ))}
      {v.ecm ? (
        "code" in v.ecm ? (
          <g>
            <rect x={p.w - (10 + v.ecm.code.length * 8) - 8} y={6} width={10 + v.ecm.code.length * 8} height={17} rx={8} fill={v.ecm.color} />
            <text x={p.w - 8 - (10 + v.ecm.code.length * 8) / 2} y={18.5} fontSize={11} fontWeight={700} fill="#fff" textAnchor="middle">
              {v.ecm.code}
            </text>
          </g>
        ) : (
          <g>
            <rect x={p.w - 48} y={6} width={40} height={17} rx={8} fill="#fff4d6" stroke="#8a6500" />
            <text x={p.w - 28} y={18.5} fontSize={11} fontWeight={700} fill="#5c4300" textAnchor="middle">
              ECM?
            </text>
          </g>
        )
      ) : null}
      {v.footer ? (
        <text x={14} y={p.h - FOOTER_INSET} fontSize={10.5} fill={s.kindText}>
          {v.footer}
        </text>
      ) : null}
      {editors.length ? (
        <g transform={`translate(${p.w - 14},${-10})`}>
          {editors.slice(0, 3).map((ed, i) => (
            <g key={ed.name} transform={`translate(${-i * 22},0)`}>
              <circle r={10} fill={ed.color} stroke="#fff" strokeWidth={1.5} />
              <text y={3.5} fontSize={9} fontWeight={700} fill="#fff" textAnchor="middle">
                {initials(ed.name)}
              </text>
            </g>
          ))}
        </g>
      ) : null}
    </g>
  );
}

function InlineEditor({ node, view, onDone }: { node: PlacedNode; view: View; onDone(label: string | null): void }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.select();
  }, []);
  const finish = (label: string | null) => {
    if (done.current) return;
    done.current = true;
    onDone(label);
  };
  const left = node.x * view.k + view.x;
  const top = node.y * view.k + view.y;
  const width = Math.max(node.w * view.k, 260);
  return (
    <div className="tree-inline-editor" style={{ left, top }}>
      <label className="visually-hidden" htmlFor="tree-inline-label">
        Omschrijving
      </label>
      <textarea
        id="tree-inline-label"
        ref={ref}
        defaultValue={node.node.label}
        rows={3}
        maxLength={2000}
        style={{ width }}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey) {
            e.preventDefault();
            finish(e.currentTarget.value.trim());
          } else if (e.key === "Escape") {
            e.preventDefault();
            finish(null);
          }
          e.stopPropagation();
        }}
        onBlur={(e) => finish(e.currentTarget.value.trim())}
      />
      <p className="tree-inline-editor__hint" aria-hidden="true">
        Enter bewaart · Esc annuleert
      </p>
    </div>
  );
}

function Minimap({
  layout,
  view,
  viewport,
  onCenter,
}: {
  layout: TreeLayout;
  view: View;
  viewport: { w: number; h: number };
  onCenter(x: number, y: number): void;
}) {
  const maxW = 180;
  const maxH = 120;
  const s = Math.min(maxW / layout.width, maxH / layout.height);
  const w = layout.width * s;
  const h = layout.height * s;
  // Hide when everything is in view anyway.
  const fits = layout.width * view.k <= viewport.w && layout.height * view.k <= viewport.h && view.x >= 0 && view.y >= 0;
  if (fits) return null;
  const vx = (-view.x / view.k) * s;
  const vy = (-view.y / view.k) * s;
  const vw = (viewport.w / view.k) * s;
  const vh = (viewport.h / view.k) * s;
  const point = (e: PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onCenter((e.clientX - r.left - 4) / s, (e.clientY - r.top - 4) / s);
  };
  return (
    <svg
      className="tree-minimap"
      width={w + 8}
      height={h + 8}
      aria-hidden="true"
      onPointerDown={(e) => {
        e.stopPropagation();
        e.currentTarget.setPointerCapture(e.pointerId);
        point(e);
      }}
      onPointerMove={(e) => {
        if (e.buttons & 1) point(e);
      }}
    >
      <g transform="translate(4,4)">
        {layout.nodes.map((p) => (
          <rect key={p.id} x={p.x * s} y={p.y * s} width={Math.max(1.5, p.w * s)} height={Math.max(1.5, p.h * s)} className={p.isRootCause ? "mm-node mm-node--root" : "mm-node"} />
        ))}
        <rect x={vx} y={vy} width={vw} height={vh} className="mm-view" />
      </g>
    </svg>
  );
}
