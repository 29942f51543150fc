// The offline page tries again by itself as soon as the browser is back online.
window.addEventListener("online", () => location.reload());
document.getElementById("retry")?.addEventListener("click", () => location.reload());
