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
