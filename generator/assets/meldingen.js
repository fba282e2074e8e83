window.kbMeldingen = [];
/* In `kennisbank serve` this file is rewritten with the content errors, so the editor
 * sees them on the page that is open. In a built site the list is always empty. */
(function () {
  function show() {
    var messages = window.kbMeldingen || [];
    if (!messages.length || document.getElementById("kb-meldingen")) return;
    var box = document.createElement("div");
    box.id = "kb-meldingen";
    box.setAttribute("role", "alert");
    box.style.cssText = "position:sticky;top:0;z-index:10;background:#b00020;color:#fff;padding:.8rem 1rem;" +
      "font:14px/1.4 system-ui,sans-serif;white-space:pre-wrap;max-height:40vh;overflow:auto";
    box.textContent = "Fout in de inhoud; de pagina toont de laatste goede versie.\n\n" + messages.join("\n");
    document.body.insertBefore(box, document.body.firstChild);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
