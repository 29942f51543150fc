// Downloading the .docx export with fetch(): progress while the server composes the report and
// while the bytes arrive (from Content-Length when the server sends it), a clear Dutch message
// when it fails, and saving the file through a temporary <a download>. Browser only.
import { UserError } from "~/domain/errors.ts";
import type { ReportAudience } from "~/domain/report/model.ts";

export interface DownloadProgress {
  /** Since the request started. */
  elapsedMs: number;
  /** "waiting": the server is still composing; "receiving": bytes are arriving. */
  phase: "waiting" | "receiving";
  received: number;
  /** From Content-Length; null when the server does not say. */
  total: number | null;
}

export function reportDownloadUrl(investigationId: string, audience: ReportAudience): string {
  return `/onderzoeken/${encodeURIComponent(investigationId)}/rapport.docx?voor=${audience}`;
}

const FALLBACK_BY_STATUS: Record<number, string> = {
  401: "U bent niet meer ingelogd. Log opnieuw in en probeer het nog eens.",
  403: "U heeft geen toestemming om deze versie van het rapport te downloaden.",
  404: "Het rapport is niet gevonden. Laad de pagina opnieuw en probeer het nog eens.",
  413: "Het rapport is te groot om samen te stellen.",
  429: "Er worden te veel rapporten tegelijk samengesteld. Probeer het over een minuut opnieuw.",
};

/** The server's own explanation, when it gives a short plain one (JSON {message} or plain text). */
async function serverMessage(response: Response): Promise<string | null> {
  const type = response.headers.get("Content-Type") ?? "";
  try {
    if (type.includes("json")) {
      const body = (await response.json()) as { message?: unknown; error?: unknown } | null;
      const text = typeof body?.message === "string" ? body.message : typeof body?.error === "string" ? body.error : null;
      return text && text.trim() ? text.trim().slice(0, 400) : null;
    }
    if (type.startsWith("text/plain")) {
      const text = (await response.text()).trim();
      return text && text.length <= 400 ? text : null;
    }
  } catch {
    // an unreadable body: fall back to the status
  }
  return null;
}

export async function failureMessage(response: Response): Promise<string> {
  const own = await serverMessage(response);
  if (own) return own;
  const fallback =
    FALLBACK_BY_STATUS[response.status] ?? (response.status >= 500 ? "Het rapport kon niet worden samengesteld door een fout op de server. Probeer het later opnieuw." : null);
  const status = `(${response.status}${response.statusText ? ` ${response.statusText}` : ""})`;
  return `${fallback ?? "Het rapport kon niet worden gedownload."} ${status}`;
}

/** "rapport.docx" from Content-Disposition (RFC 6266, also filename*=UTF-8''…). */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  let name: string | null = null;
  if (star) {
    try {
      name = decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
    name = plain ? (plain[2] ?? plain[1]).trim() : null;
  }
  // Only a file name, never a path.
  const clean = name
    ?.replace(/[/\\]/g, "_")
    .split("")
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join("")
    .trim();
  return clean ? clean.slice(0, 200) : fallback;
}

/** Fetches the export; calls onProgress at least every `tickMs` while it runs. */
export async function fetchReport(
  url: string,
  opts: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void; tickMs?: number; fallbackName?: string } = {},
): Promise<{ blob: Blob; filename: string }> {
  const started = Date.now();
  let progress: DownloadProgress = { elapsedMs: 0, phase: "waiting", received: 0, total: null };
  const report = (p: Partial<DownloadProgress>) => {
    progress = { ...progress, ...p, elapsedMs: Date.now() - started };
    opts.onProgress?.(progress);
  };
  const timer = setInterval(() => report({}), opts.tickMs ?? 250);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        credentials: "same-origin",
        signal: opts.signal,
        headers: { Accept: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
      });
    } catch (err) {
      if ((err as Error)?.name === "AbortError") throw new UserError("Het downloaden is afgebroken.", "download");
      throw new UserError("Er is geen verbinding met de server. Controleer uw verbinding en probeer het opnieuw.", "download");
    }
    if (!response.ok) throw new UserError(await failureMessage(response), "download");
    const length = Number(response.headers.get("Content-Length"));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    report({ phase: "receiving", total });
    const chunks: Uint8Array<ArrayBuffer>[] = [];
    let received = 0;
    try {
      if (response.body) {
        const reader = response.body.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          received += value.byteLength;
          report({ received });
        }
      } else {
        const buf = new Uint8Array(await response.arrayBuffer());
        chunks.push(buf);
        received = buf.byteLength;
      }
    } catch (err) {
      if ((err as Error)?.name === "AbortError") throw new UserError("Het downloaden is afgebroken.", "download");
      throw new UserError("De verbinding werd verbroken tijdens het downloaden. Probeer het opnieuw.", "download");
    }
    if (received === 0) throw new UserError("De server stuurde een leeg bestand. Probeer het opnieuw.", "download");
    const type = response.headers.get("Content-Type") ?? "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    return { blob: new Blob(chunks, { type }), filename: filenameFrom(response.headers.get("Content-Disposition"), opts.fallbackName ?? "rapport.docx") };
  } finally {
    clearInterval(timer);
  }
}

/** Hands the file to the browser's downloads. */
export function saveBlob(blob: Blob, filename: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes.
  window.setTimeout(() => URL.revokeObjectURL(href), 30_000);
}
