/* For print: the page's own address on paper, and every link's target as text. */
(function () {
  function fill() {
    document.querySelectorAll(".kb-printadres").forEach(function (el) {
      el.textContent = (el.getAttribute("data-id") || "") + " · " + window.location.href.split("#")[0];
    });
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (!a.classList.contains("headerlink")) a.setAttribute("data-adres", a.href);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fill); else fill();
  window.addEventListener("beforeprint", fill);
})();
