import { useEffect, useRef } from "react";
import { useRevalidator } from "react-router";
import type * as Y from "yjs";

/** Top-level entries whose changes never alter a structured item's status (texts are live already). */
const TEXT_ROOTS = /^(section|interview):/;

/**
 * The statuses of items filled from the timeline, the analysis or the measures are the server's
 * (they also need data the browser does not have). A moment after anyone changes those parts of
 * the document, this asks the server for the page's data again, so those statuses follow too.
 * Typing in a section does not trigger it: narrative statuses follow the text in the browser.
 */
export function useRefreshOnDataChange(doc: Y.Doc | null, delayMs = 1500): void {
  const revalidator = useRevalidator();
  const latest = useRef(revalidator);
  latest.current = revalidator;
  useEffect(() => {
    if (!doc) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const rootNames = () => new Map<unknown, string>([...doc.share].map(([name, type]) => [type, name]));
    const onTransaction = (tr: Y.Transaction) => {
      const names = rootNames();
      const touchesData = [...tr.changed.keys()].some((type) => {
        const name = names.get(rootOf(type));
        return name !== undefined && !TEXT_ROOTS.test(name);
      });
      if (!touchesData) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void latest.current.revalidate();
      }, delayMs);
    };
    doc.on("afterTransaction", onTransaction);
    return () => {
      doc.off("afterTransaction", onTransaction);
      if (timer) clearTimeout(timer);
    };
  }, [doc, delayMs]);
}

/** The top-level type a (nested) shared type lives in. */
function rootOf(type: { _item: Y.Item | null }): unknown {
  let root = type;
  while (root._item?.parent) root = root._item.parent as { _item: Y.Item | null };
  return root;
}
