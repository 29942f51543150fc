// Brings the element a link points at (`…/analyse#analyse-maatregelen`) into view and gives it
// focus, also when that element only renders after the page has loaded (the live workspace pages
// render their content once the document has synced, long after the browser tried the fragment).
// Waits for the element for a while, keeps it in view while the content above it settles, and
// stops as soon as the user scrolls, clicks or types themselves.
import { useEffect } from "react";
import { useLocation } from "react-router";

/** How long to wait for the element to appear. */
const WAIT_MS = 15_000;
/** After it appeared: keep it in view this long while content above it is still rendering. */
const SETTLE_MS = 2_500;
/** The user taking over: from then on the page is theirs. */
const USER_EVENTS = ["wheel", "touchstart", "pointerdown", "keydown"] as const;

function targetOf(hash: string): HTMLElement | null {
  if (hash.length < 2) return null;
  let id: string;
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    return null;
  }
  return document.getElementById(id);
}

function bring(el: HTMLElement) {
  // Headings and sections are not focusable by themselves: focusable by script only.
  if (el.tabIndex < 0 && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.scrollIntoView({ block: "start" });
  if (document.activeElement !== el) el.focus({ preventScroll: true });
}

function inView(el: HTMLElement): boolean {
  const r = el.getBoundingClientRect();
  return r.top >= -2 && r.top < window.innerHeight;
}

export function useHashTarget() {
  const { pathname, search, hash, key } = useLocation();
  useEffect(() => {
    if (!hash) return;
    let stopped = false;
    let found: HTMLElement | null = null;
    const timers: ReturnType<typeof setTimeout>[] = [];
    const stop = () => {
      if (stopped) return;
      stopped = true;
      observer.disconnect();
      for (const t of timers) clearTimeout(t);
      for (const type of USER_EVENTS) window.removeEventListener(type, stop, true);
    };
    const check = () => {
      if (stopped) return;
      const el = targetOf(hash);
      if (!el) return;
      if (!found) {
        found = el;
        bring(el);
        timers.push(setTimeout(stop, SETTLE_MS));
      } else if (el !== found || !inView(el)) {
        // Re-rendered, or pushed down by content that arrived above it.
        found = el;
        bring(el);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["hidden", "style", "class"] });
    for (const type of USER_EVENTS) window.addEventListener(type, stop, { capture: true, passive: true });
    timers.push(setTimeout(stop, WAIT_MS));
    // After this render's effects (and the router's scroll restoration) have run.
    timers.push(setTimeout(check, 0));
    return stop;
  }, [pathname, search, hash, key]);
}

/** Rendered once in a layout: see useHashTarget. */
export function HashTarget() {
  useHashTarget();
  return null;
}
