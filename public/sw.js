// Ketenlijn's service worker (docs/decisions/0019-offline-app-shell.md). Online it changes nothing:
// pages and data always come from the server. Offline it serves the app's code (/assets, content-
// hashed) and the last copy of a Tijdlijn page this browser opened, so the workspace starts from its
// local copy (IndexedDB); any other page gets a plain Dutch offline page instead of the browser's error.
const SHELL = "ketenlijn-shell-v1";
const ASSETS = "ketenlijn-assets-v1";
const PAGES = "ketenlijn-pages-v1"; // keep in step with app/lib/offline.ts
const OFFLINE_PAGE = "/offline.html";
const KEPT_PAGE = /^\/onderzoeken\/[^/]+\/tijdlijn$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll([OFFLINE_PAGE, "/offline.js", "/favicon.svg"]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  const current = new Set([SHELL, ASSETS, PAGES]);
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("ketenlijn-") && !current.has(k)).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const pageKey = (url) => new URL(url, self.location.origin).pathname;

async function keepPage(pathname, response) {
  if (!KEPT_PAGE.test(pathname) || !response.ok || response.redirected || response.type !== "basic") return;
  const cache = await caches.open(PAGES);
  await cache.put(pathname, response);
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "forget-pages") {
    event.waitUntil(caches.delete(PAGES));
  } else if (data.type === "keep") {
    const assets = (Array.isArray(data.assets) ? data.assets : []).filter((u) => pageKey(u).startsWith("/assets/"));
    const work = [caches.open(ASSETS).then((cache) => cache.addAll(assets)).catch(() => {})];
    if (typeof data.page === "string" && KEPT_PAGE.test(pageKey(data.page))) {
      work.push(
        fetch(data.page, { credentials: "same-origin" })
          .then((res) => keepPage(pageKey(data.page), res))
          .catch(() => {}),
      );
    }
    event.waitUntil(Promise.all(work));
  }
});

async function navigate(request) {
  const pathname = pageKey(request.url);
  try {
    const response = await fetch(request);
    if (KEPT_PAGE.test(pathname)) await keepPage(pathname, response.clone()).catch(() => {});
    return response;
  } catch {
    const kept = await caches.match(pathname, { cacheName: PAGES });
    if (kept) return kept;
    return (await caches.match(OFFLINE_PAGE, { cacheName: SHELL })) || Response.error();
  }
}

async function asset(request) {
  const cached = await caches.match(request, { cacheName: ASSETS });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(ASSETS).then((cache) => cache.put(request, copy)).catch(() => {});
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(request));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(asset(request));
  } else if (url.pathname === "/offline.js" || url.pathname === "/favicon.svg") {
    event.respondWith(fetch(request).catch(() => caches.match(url.pathname, { cacheName: SHELL })));
  }
});
