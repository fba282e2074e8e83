// Pagefind wants absolute paths: its bundle is imported as a module (a bare "pagefind/" is not a valid
// specifier) and result links are put under "/" unless told otherwise. Both follow from the bundle's
// relative address in the page, so the site also works in a subfolder (/kennisbank/pagefind/ -> /kennisbank/).
(function () {
  var config = document.querySelector("pagefind-config[bundle-path]");
  if (!config) return;
  var bundle = new URL(config.getAttribute("bundle-path"), location.href).pathname;
  config.setAttribute("bundle-path", bundle);
  config.setAttribute("base-url", bundle.replace(/pagefind\/$/, ""));
})();

// A word that stands in thousands of pages would otherwise get a placeholder per page in the result list:
// at 5,000 casussen that took the browser 4-6 s before the first title showed (docs-dev/benchmark.md).
// The first 30 are what a reader looks at; the summary above the list still gives the full count.
// The search box waits 100 ms after the last keystroke instead of Pagefind's 300 ms before it searches.
(function () {
  var MAX_RESULTS = "30", DEBOUNCE_MS = "100";
  if (!window.customElements) return;
  function limit(root) {
    root.querySelectorAll("pagefind-results:not([max-results])").forEach(function (results) {
      results.setAttribute("max-results", MAX_RESULTS);
    });
    root.querySelectorAll("pagefind-input:not([debounce])").forEach(function (input) {
      input.setAttribute("debounce", DEBOUNCE_MS);
    });
  }
  customElements.whenDefined("pagefind-modal").then(function () {
    var modal = document.querySelector("pagefind-modal");
    if (!modal) return;
    limit(modal);
    new MutationObserver(function () { limit(modal); }).observe(modal, {childList: true, subtree: true});
  });
})();
