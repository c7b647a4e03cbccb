/* The embed page's own script (overrides/hdt-embed.html), run before its content is drawn:
   - the theme the snippet asks for, #theme=light or #theme=dark in the address; otherwise (auto) the
     reader's light or dark system setting, followed as it changes;
   - the page's height, sent to the host's page whenever it changes (whole pixels), once the host's
     script (overrides/assets/hdt/embed.js) has greeted this page. A greeting counts only from the
     parent window and from a site allowed to frame this page (its hdt-frame-ancestors meta tag, from
     site.yaml); the heights then go to that origin alone. The height is the content's, never the
     window's.
   Classic script, no storage, no cookies. */
(function () {
  "use strict";
  var body = document.body, sites = document.querySelector("meta[name=hdt-frame-ancestors]");
  var allowed = sites ? sites.content.split(" ") : [];
  var system = window.matchMedia ? matchMedia("(prefers-color-scheme: dark)") : null, host = null, last = 0;

  function theme() {
    var asked = /(?:^#|&)theme=(light|dark)(?:&|$)/.exec(location.hash);
    var dark = asked ? asked[1] === "dark" : !!(system && system.matches);
    body.setAttribute("data-md-color-scheme", dark ? "slate" : "default");
  }

  function report(always) {
    var height = Math.ceil(body.getBoundingClientRect().height);
    if (!host || (height === last && !always)) return;
    last = height;
    parent.postMessage({ type: "hdt-embed:height", height: height }, host);
  }

  function welcome(origin) {
    return origin !== "null" && (allowed.indexOf("*") >= 0 || allowed.indexOf(origin) >= 0 || origin === location.origin);
  }

  document.documentElement.classList.add("hdt-js"); // embed-frame.css: the no-script notice goes
  theme();
  addEventListener("hashchange", theme);
  if (system && system.addEventListener) system.addEventListener("change", theme);
  addEventListener("message", function (event) {
    var data = event.data;
    if (parent === window || event.source !== parent || !data || data.type !== "hdt-embed:hello") return;
    if (!welcome(event.origin)) return;
    host = event.origin;
    report(true);
  });
  document.addEventListener("DOMContentLoaded", function () {
    if (window.ResizeObserver) new ResizeObserver(function () { report(false); }).observe(body);
  });
})();
