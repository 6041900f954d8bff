// app.js: small progressive enhancements. Every page works without it;
// the site's CSP forbids inline scripts, so everything lives here.
"use strict";

// With scripts on, the buttons that only serve pages without them (such
// as the region picker's) are hidden by the stylesheet.
document.documentElement.classList.add("js");

document.addEventListener("DOMContentLoaded", () => {
  // Reply templates fill the reply box, without overwriting what the
  // handler already wrote unless they confirm.
  for (const sel of document.querySelectorAll("select[data-fill]")) {
    sel.closest("[hidden]")?.removeAttribute("hidden");
    sel.addEventListener("change", () => {
      const box = document.getElementById(sel.dataset.fill);
      if (!box || !sel.value) return;
      if (box.value.trim() === "" || window.confirm(sel.dataset.confirm || "")) {
        box.value = sel.value;
        box.focus();
      }
    });
  }

  // Character counters beside limited fields.
  for (const field of document.querySelectorAll("[data-max]")) {
    const out = document.getElementById(field.id + "-count");
    if (!out) continue;
    const max = Number(field.dataset.max);
    const update = () => {
      const n = [...field.value].length;
      out.textContent = n + " / " + max;
      out.classList.toggle("over", n > max);
    };
    field.addEventListener("input", update);
    update();
  }

  // Messages written from the installed app are recorded as such.
  if (window.matchMedia("(display-mode: standalone)").matches) {
    for (const ch of document.querySelectorAll("input[name=channel]")) ch.value = "app";
  }
});

if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {});
  });
}
