import * as Y from "yjs";

/**
 * The entities a Yjs transaction touched, as "<top-level name>:<key>" (e.g. "events:<uuid>"), or
 * just "<top-level name>" for a top-level type that is not a map (a Y.Text or Y.Array).
 *
 * `transaction.changed` holds every type whose content changed, with the map keys that changed
 * (null for list/text content). A change deep inside an entry (an event's description Y.Text)
 * is walked up to the top-level map entry that holds it. Types created in the same transaction
 * are not listed by Yjs; their creation shows up at their parent, which is what we want.
 */
export function touchedEntities(tr: Y.Transaction): string[] {
  const out = new Set<string>();
  for (const [type, keys] of tr.changed) {
    if (type._item === null) {
      const name = rootName(tr.doc, type);
      for (const key of keys) out.add(key === null ? name : `${name}:${key}`);
      continue;
    }
    // Walk up to the item that sits directly in a top-level type.
    let item: Y.Item = type._item;
    let parent = item.parent;
    while (parent instanceof Y.AbstractType && parent._item !== null) {
      item = parent._item;
      parent = item.parent;
    }
    if (!(parent instanceof Y.AbstractType)) continue; // not attached to the document (cannot happen after integration)
    const name = rootName(tr.doc, parent);
    out.add(item.parentSub === null ? name : `${name}:${item.parentSub}`);
  }
  return [...out].sort();
}

function rootName(doc: Y.Doc, type: Y.AbstractType<any>): string { // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const [name, t] of doc.share) if (t === type) return name;
  return "?";
}
