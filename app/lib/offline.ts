// Offline support in the browser (docs/decisions/0019-offline-app-shell.md): the service worker
// (public/sw.js) keeps the app's code and the Tijdlijn pages a member opened, so a reload without
// a connection shows the workspace from its local copy (y-indexeddb) instead of the browser's error.

/** The cache that holds pages (with the member's data); emptied when nobody is signed in. */
export const PAGE_CACHE = "ketenlijn-pages-v1";

/** A fetch that failed because there is no connection (not a server error). */
export function isOfflineError(error: unknown): boolean {
  if (typeof navigator !== "undefined" && navigator.onLine === false) return true;
  // fetch() rejects with a TypeError when the network is gone ("Failed to fetch", "NetworkError …", "Load failed").
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/**
 * Signed in: register the service worker and hand it what this page already loaded (it was not
 * there yet to see it). Signed out: drop the cached pages, so the next person on this computer
 * never sees them.
 */
export function syncOfflineCopy(signedIn: boolean | undefined): void {
  if (typeof window === "undefined" || !("serviceWorker" in navigator) || signedIn === undefined) return;
  if (!signedIn) {
    void caches?.delete(PAGE_CACHE).catch(() => {});
    void navigator.serviceWorker.getRegistration().then((reg) => reg?.active?.postMessage({ type: "forget-pages" }));
    return;
  }
  if (!import.meta.env.PROD) return; // Vite's dev server serves modules the worker should not keep
  navigator.serviceWorker
    .register("/sw.js", { scope: "/" })
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      const urls = performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((u) => u.startsWith(`${location.origin}/assets/`));
      reg.active?.postMessage({ type: "keep", assets: urls, page: location.pathname + location.search });
    })
    .catch(() => {
      // No service worker (private window, blocked): everything works online as before.
    });
}
