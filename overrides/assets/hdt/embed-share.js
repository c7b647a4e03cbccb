/* The tool page's "put this tool on your site" (generator/templates/_embed_share.md.j2): the copy
   button, and the preview: the snippet's own frame, pointed at this site's embed page, in the chosen
   theme (the code for each theme is on the page, and CSS shows the chosen one). Classic script, run
   again by Material's instant navigation. */
(function () {
  "use strict";
  if (window.hdtEmbedShare) { window.hdtEmbedShare(); return; }

  var host = document.currentScript && document.currentScript.getAttribute("data-host-script");

  function init() {
    var box = document.getElementById("hdt-embed-box"), link = document.getElementById("hdt-embed-preview");
    if (!box || box.hasAttribute("data-hdt-ready")) return;
    box.setAttribute("data-hdt-ready", "");
    var copy = document.getElementById("hdt-embed-copy"), status = document.getElementById("hdt-embed-copied");
    var theme = function () { return box.querySelector("input[name=hdt-embed-theme]:checked").value; };
    var code = function () { return box.querySelector(".hdt-embed-code[data-theme=" + theme() + "]"); };
    var done = function () { status.textContent = copy.getAttribute("data-copied"); };
    var select = function () { // the code selected, to copy by hand if the browser will not
      var range = document.createRange();
      range.selectNodeContents(code());
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      try { if (document.execCommand("copy")) done(); } catch (e) { /* it stays selected */ }
    };
    copy.hidden = false;
    copy.addEventListener("click", function () {
      status.textContent = "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(code().textContent).then(done, select);
      } else select();
    });
    if (!link) return;
    var model = new DOMParser().parseFromString(code().textContent, "text/html").querySelector("iframe");
    var frame = document.createElement("iframe"), src = function () {
      return link.href.split("#")[0] + "#theme=" + theme();
    };
    [].forEach.call(model.attributes, function (a) { if (a.name !== "src") frame.setAttribute(a.name, a.value); });
    box.addEventListener("change", function () {
      status.textContent = "";
      if (frame.isConnected) frame.src = src();
    });
    // The preview is a whole second page: it is made only when the reader comes near it, so the tool
    // page's own load stays light (a lazy frame this far down still loads on a slow connection).
    var show = function () {
      frame.src = src();
      link.replaceWith(frame);
      if (host && !window.hdtEmbedHost) document.head.append(Object.assign(document.createElement("script"), { src: host }));
    };
    if (!window.IntersectionObserver) return show();
    var seen = new IntersectionObserver(function (entries) {
      if (entries.some(function (e) { return e.isIntersecting; })) { seen.disconnect(); show(); }
    }, { rootMargin: "400px 0px" });
    seen.observe(link);
  }

  window.hdtEmbedShare = init;
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
