/* Fold accents out of search queries before they reach Material's search worker.
 * The index holds an accent-free copy of every accented word (see
 * generator/search_index.py), so "casuïstiek" and "casuistiek" find the same pages. */
(function () {
  if (typeof Worker === "undefined") return;
  var post = Worker.prototype.postMessage;
  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === 2 && typeof message.data === "string") {
      message = { type: message.type, data: fold(message.data) };
    }
    return post.apply(this, [message].concat([].slice.call(arguments, 1)));
  };
})();
