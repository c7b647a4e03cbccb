/* Headshot Decision Guide: the script of the snippet other sites paste. It sizes each
   <iframe data-hdt-embed> of the guide's embed page to the height that page reports, so the tool shows
   whole, without a scrollbar of its own. A height counts only from the guide's origin (the origin this
   script comes from) and from that frame's own window. Classic script, no library, no storage. */
(function () {
  "use strict";
  if (window.hdtEmbedHost) return; // the snippet pasted twice: one script serves every frame
  window.hdtEmbedHost = true;
  var guide = new URL(document.currentScript.src).origin, FRAMES = "iframe[data-hdt-embed]";

  // The greeting says nothing; the embed page answers it with heights sent to this page's origin only.
  function hello(frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: "hdt-embed:hello" }, "*");
  }

  addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== guide || !data || data.type !== "hdt-embed:height") return;
    if (!(data.height > 0 && data.height < 100000)) return;
    [].forEach.call(document.querySelectorAll(FRAMES), function (frame) {
      if (frame.contentWindow === event.source) frame.style.height = Math.ceil(data.height) + "px";
    });
  });
  // Frames that load later (lazily, or added by the page's own scripts) are greeted once loaded.
  document.addEventListener("load", function (event) {
    if (event.target.matches && event.target.matches(FRAMES)) hello(event.target);
  }, true);
  [].forEach.call(document.querySelectorAll(FRAMES), hello);
})();
