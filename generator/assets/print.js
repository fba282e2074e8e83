/* For print: the page's own address on paper; the address of a link to another site as text after it
 * (a link inside the site, such as a glossary term, prints as its words only); an "Afdrukken" button. */
(function () {
  function fill() {
    document.querySelectorAll(".kb-printadres").forEach(function (el) {
      el.textContent = (el.getAttribute("data-id") || "") + " · " + window.location.href.split("#")[0];
    });
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      var external = /^https?:$/.test(a.protocol) && a.host !== window.location.host;
      if (external && !a.classList.contains("headerlink")) a.setAttribute("data-adres", a.href);
      else a.removeAttribute("data-adres");
    });
    document.querySelectorAll(".kb-afdrukken").forEach(function (button) {
      if (button.getAttribute("data-klaar")) return;
      button.setAttribute("data-klaar", "1");
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill); else fill();
  window.addEventListener("beforeprint", fill);
})();
