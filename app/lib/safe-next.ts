/**
 * Only same-site paths may be redirect targets (no open redirects). Browsers strip tabs and
 * newlines and treat `\` as `/`, so `/%09/evil.example` becomes `//evil.example`: after decoding,
 * the target must start with one `/` followed by a character that is not `/`, `\` or a control
 * or space character; and it must not contain those control characters anywhere.
 */
export function safeNext(next: string | null | undefined, fallback = "/"): string {
  if (!next) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  for (const s of [next, decoded]) {
    // eslint-disable-next-line no-control-regex
    if (!/^\/[^/\\\u0000-\u0020\u007f]/.test(s) && s !== "/") return fallback;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(s)) return fallback;
  }
  return next;
}
