// Report files: their names and the HTTP response that serves them.

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * A file name that is safe on every system: no path separators, no characters Windows refuses, no
 * control characters, no leading or trailing dots or spaces, not too long. Keeps letters with
 * accents (the header carries them as RFC 5987 `filename*`).
 */
export function safeFilename(name: string, extension = ".docx", maxLength = 150): string {
  let base = name.endsWith(extension) ? name.slice(0, -extension.length) : name;
  base = base
    .normalize("NFC")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, "")
    .replace(/[\\/:*?"<>|]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, "");
  if (base.length > maxLength) base = base.slice(0, maxLength).trim();
  return `${base || "Rapport"}${extension}`;
}

/** "Zelfonderzoek <title> v3 (toezichthouder).docx" / "… werkversie (ketenpartners).docx". */
export function reportFilename(title: string, versionLabel: string, audience: "toezichthouder" | "ketenpartners"): string {
  const number = /^versie\s+(\d+)$/i.exec(versionLabel.trim());
  const version = number ? `v${number[1]}` : versionLabel.trim().toLowerCase();
  return safeFilename(`Zelfonderzoek ${title} ${version} (${audience})`);
}

/** `attachment` with an ASCII fallback and the exact name as RFC 5987 `filename*` (UTF-8). */
export function contentDisposition(filename: string): string {
  const ascii = filename
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === filename ? `attachment; filename="${ascii}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The download: exactly these bytes, never cached by shared caches, never sniffed. */
export function docxResponse(bytes: Uint8Array, filename: string, sha256?: string): Response {
  const headers: Record<string, string> = {
    "Content-Type": DOCX_MIME,
    "Content-Length": String(bytes.byteLength),
    "Content-Disposition": contentDisposition(filename),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (sha256) headers["Repr-Digest"] = `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`;
  return new Response(new Blob([new Uint8Array(bytes)]), { headers });
}

/** An attachment (4e): its own type (only PDF, DOCX or ODT are stored), always as a download, never sniffed. */
export function fileResponse(bytes: Uint8Array, filename: string, contentType: string, sha256?: string): Response {
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    "Content-Length": String(bytes.byteLength),
    "Content-Disposition": contentDisposition(filename),
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox; default-src 'none'",
  };
  if (sha256) headers["Repr-Digest"] = `sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`;
  return new Response(new Blob([new Uint8Array(bytes)]), { headers });
}
