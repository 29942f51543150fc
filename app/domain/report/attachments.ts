// Item 4e's attachments: the protocols and guidelines consulted, as files (issue 15). What may be
// uploaded: PDF, DOCX or ODT, recognised by their content (not by the name or the browser's type),
// at most 10 MB, with a clean file name. Pure and browser-safe.

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Where files are posted (the body limit lets only this path past 1 MiB). */
export const ATTACHMENT_UPLOAD_PATH = /^\/onderzoeken\/[^/]+\/rapport\/bijlagen$/;
export const ATTACHMENT_ACCEPT = ".pdf,.docx,.odt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.oasis.opendocument.text";

export type AttachmentKind = "pdf" | "docx" | "odt";
export const ATTACHMENT_TYPES: Record<AttachmentKind, { contentType: string; extension: string; label: string }> = {
  pdf: { contentType: "application/pdf", extension: ".pdf", label: "PDF" },
  docx: { contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: ".docx", label: "Word (DOCX)" },
  odt: { contentType: "application/vnd.oasis.opendocument.text", extension: ".odt", label: "OpenDocument-tekst (ODT)" },
};

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

/** Whether the zip (a .docx or .odt is one) holds an entry of this name, from the local file headers. */
function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  let at = 0;
  const max = Math.min(bytes.length, 4 * 1024 * 1024);
  while (at + 30 <= max) {
    if (!(bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 0x03 && bytes[at + 3] === 0x04)) return false;
    const nameLength = bytes[at + 26]! | (bytes[at + 27]! << 8);
    const extraLength = bytes[at + 28]! | (bytes[at + 29]! << 8);
    const compressed = bytes[at + 18]! | (bytes[at + 19]! << 8) | (bytes[at + 20]! << 16) | (bytes[at + 21]! << 24);
    if (ascii(bytes, at + 30, at + 30 + nameLength) === name) return true;
    const flags = bytes[at + 6]! | (bytes[at + 7]! << 8);
    if (flags & 0x08) return false; // sizes after the data: stop (the first entries were checked)
    at += 30 + nameLength + extraLength + (compressed >>> 0);
  }
  return false;
}

/** The kind of document by its content, or null: a renamed program or script is never accepted. */
export function sniffAttachment(bytes: Uint8Array): AttachmentKind | null {
  if (bytes.length >= 5 && ascii(bytes, 0, 5) === "%PDF-") return "pdf";
  if (bytes.length < 30 || !(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) return null;
  // ODF: the first entry is "mimetype", stored, holding the type.
  if (ascii(bytes, 30, 38) === "mimetype" && ascii(bytes, 38, 38 + 39) === "application/vnd.oasis.opendocument.text") return "odt";
  if (zipHasEntry(bytes, "[Content_Types].xml") && (zipHasEntry(bytes, "word/document.xml") || zipHasEntry(bytes, "_rels/.rels"))) return "docx";
  return null;
}

/** A file name safe on every system, with the extension of the type the content has. */
export function attachmentFilename(name: string, kind: AttachmentKind): string {
  const extension = ATTACHMENT_TYPES[kind].extension;
  let base = name.replace(/\.[A-Za-z0-9]{1,5}$/, "");
  base = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[\\/:*?"<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "")
    .slice(0, 120)
    .trim();
  return `${base || "Protocol"}${extension}`;
}

export type AttachmentCheck = { ok: true; kind: AttachmentKind; filename: string; contentType: string } | { ok: false; message: string };

/** Checks an upload: present, not too large, a PDF, DOCX or ODT by its content. Dutch messages. */
export function checkAttachment(name: string, bytes: Uint8Array): AttachmentCheck {
  if (!name.trim() || bytes.length === 0) return { ok: false, message: "Kies een bestand om toe te voegen." };
  if (bytes.length > ATTACHMENT_MAX_BYTES) return { ok: false, message: `Dit bestand is te groot: een bijlage mag hooguit ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB zijn.` };
  const kind = sniffAttachment(bytes);
  if (!kind) return { ok: false, message: "Dit bestand is geen PDF-, Word- (DOCX) of OpenDocument-bestand (ODT). Alleen die soorten kunnen als bijlage worden toegevoegd." };
  return { ok: true, kind, filename: attachmentFilename(name, kind), contentType: ATTACHMENT_TYPES[kind].contentType };
}
