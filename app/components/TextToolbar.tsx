// The formatting toolbar of the TipTap editors (interview verslag, report sections): the marks and
// blocks the report export understands, as toggle buttons (aria-pressed) that keep the editor's focus.
import { useEditorState, type Editor } from "@tiptap/react";

export function TextToolbar({ editor, label, className, small = false }: { editor: Editor; label: string; className: string; small?: boolean }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      heading: e.isActive("heading", { level: 3 }),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
    }),
  });
  const button = (text: string, pressed: boolean, run: () => void) => (
    <button
      type="button"
      className={`button button--secondary${small ? " button--small" : ""}`}
      aria-pressed={pressed}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {text}
    </button>
  );
  return (
    <div className={className} role="toolbar" aria-label={label}>
      {button("Tussenkop", active.heading, () => editor.chain().focus().toggleHeading({ level: 3 }).run())}
      {button("Vet", active.bold, () => editor.chain().focus().toggleBold().run())}
      {button("Cursief", active.italic, () => editor.chain().focus().toggleItalic().run())}
      {button("Opsomming", active.bullet, () => editor.chain().focus().toggleBulletList().run())}
      {button("Genummerde lijst", active.ordered, () => editor.chain().focus().toggleOrderedList().run())}
    </div>
  );
}
