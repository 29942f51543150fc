// Persons in the ketenpartners' version of the report are named by function and initials, never by
// full name (domain.md §4 item 2; issue 16): a next of kin's full name identifies the client.
// Pure and browser-safe.

/** Dutch name particles (tussenvoegsels): written in lower case in initials ("J. de Vries" → "J.d.V."). */
const PARTICLES = new Set(["de", "der", "den", "van", "het", "ten", "ter", "te", "'t", "in", "op", "la", "le", "du", "d'", "von", "zu", "vd", "v/d"]);

/**
 * The initials of a name: the first letter of every part, a dot after each, particles lower case.
 * Parts that already are initials ("J.", "A.B.") keep their letters. "" for an empty name.
 */
export function initialsOf(name: string): string {
  const parts = name
    .normalize("NFC")
    .replace(/[()[\]{}"]/g, " ")
    .split(/[\s-]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  let out = "";
  for (const part of parts) {
    if (PARTICLES.has(part.toLowerCase())) {
      out += `${part[0]!.toLowerCase()}.`;
      continue;
    }
    // "A.B." or "J." → every letter before a dot; otherwise the first letter.
    const dotted = /^(\p{L}\.)+$/u.test(part) ? part.replace(/\./g, "") : null;
    const letters = dotted ?? [...part].find((c) => /\p{L}/u.test(c)) ?? "";
    for (const c of letters) out += `${c.toUpperCase()}.`;
  }
  return out;
}

/** "nabestaande (J.d.V.)", or one of the two when the other is missing. */
export function functionAndInitials(fn: string, name: string): string {
  const initials = initialsOf(name);
  const f = fn.trim();
  if (f && initials) return `${f} (${initials})`;
  return f || initials || "Onbekend";
}
