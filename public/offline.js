// The offline page tries again by itself as soon as the browser is back online.
window.addEventListener("online", () => location.reload());
document.getElementById("retry")?.addEventListener("click", () => location.reload());
// The "online" event can come a moment before requests get through again, and then the reload lands
// here once more with no second event: so while the browser says it is online, ask the server
// (a HEAD request, which the service worker leaves to the network) every 2 s and reload once it answers.
setInterval(() => {
  if (!navigator.onLine) return;
  fetch(location.href, { method: "HEAD", cache: "no-store" }).then(
    (res) => {
      if (res.status < 500) location.reload();
    },
    () => {},
  );
}, 2000);
