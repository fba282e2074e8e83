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

// How the search box understands Dutch as readers type it. Pagefind gets the reader's query only after
// this script has looked at each word (kbZoekhulp below), with two lists the build writes:
// pagefind/zoekwoorden.json (every indexed word and on how many pages it stands, generator/zoekindex.py) and
// assets/zoeksynoniemen.json (the synoniemen of begrippen and thema's, generator/render.py).
// - Word forms: the index is not stemmed (zoekindex.PAGEFIND says why) and Pagefind matches the start of
//   words, so a query word is taken back to the indexed form that starts the others: schulden -> schuld.
// - Synonyms: a word (or phrase) from a synonym group is also searched as each other word of its group.
// - Typos: a word that starts no indexed word is replaced by the nearest indexed word (edit distance,
//   frequent words first); the dialog says so. A word with nothing near is never sent to Pagefind, which
//   would split it into fragments ("eenoudergezin" -> "een"): there are no results, with suggestions.
// Each variant is a Pagefind search; the results are merged, the reader's own words first.
var kbZoekhulp = (function () {
  var MAX_VARIANTS = 6;
  var SYNONYM_WEIGHT = 0.8;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function Lists(words, groups) {
    this.freq = new Map();
    for (var w in words) this.freq.set(w, words[w]);
    this.sorted = Array.from(this.freq.keys()).sort();
    this.groups = (groups || []).map(function (g) { return g.map(fold); });
  }

  // An indexed word starts with w (Pagefind would find it).
  Lists.prototype.starts = function (w) {
    var lo = 0, hi = this.sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.sorted[mid] < w) lo = mid + 1; else hi = mid;
    }
    return lo < this.sorted.length && this.sorted[lo].lastIndexOf(w, 0) === 0;
  };

  Lists.prototype.has = function (w) { return this.freq.has(w); };

  // A word on more than half as many pages as the most frequent word ("een", "alleen"): no suggestion.
  Lists.prototype.common = function (w) {
    if (this.top === undefined) this.top = Math.max.apply(null, Array.from(this.freq.values()).concat([1]));
    return (this.freq.get(w) || 0) * 2 > this.top;
  };

  // Dutch forms of a word a reader may have typed: plural, -e, -s, -end, doubled consonants and vowels.
  function baseForms(w) {
    var out = [];
    function add(f) { if (f.length >= 3 && f !== w && out.indexOf(f) < 0) out.push(f); }
    var m;
    if (/eren$/.test(w)) add(w.slice(0, -4));                       // kinderen -> kind
    if (/end(e|en)?$/.test(w)) add(w.replace(/d(e|en)?$/, ""));      // wantrouwend -> wantrouwen
    if (/[^aeiou]en$/.test(w) || /[aeiou]{2}en$/.test(w)) {
      var stem = w.slice(0, -2);
      add(stem);                                                     // schulden -> schuld
      if (/([bdfgklmnprst])\1$/.test(stem)) add(stem.slice(0, -1)); // gesprekken -> gesprek
      if ((m = /^(.*[^aeiou])([aeou])([^aeiou])$/.exec(stem))) add(m[1] + m[2] + m[2] + m[3]); // personen -> persoon
      add(stem.replace(/z$/, "s").replace(/v$/, "f"));               // huizen -> huis
      if ((m = /^(.*[^aeiou])([aeou])([zv])$/.exec(stem))) add(m[1] + m[2] + m[2] + (m[3] === "z" ? "s" : "f"));
    }
    if (/[^s']s$/.test(w)) add(w.slice(0, -1));                       // klantmanagers -> klantmanager
    if (/'s$/.test(w)) add(w.slice(0, -2));
    if (/[^aeiou]e$/.test(w)) {
      var base = w.slice(0, -1);
      add(base);                                                     // wantrouwende -> wantrouwend
      if ((m = /^(.*[^aeiou])([aeou])([^aeiou])$/.exec(base))) {
        var last = m[3] === "z" ? "s" : m[3] === "v" ? "f" : m[3];
        add(m[1] + m[2] + m[2] + last);                              // dakloze -> dakloos
      }
      if (/([bdfgklmnprst])\1$/.test(base)) add(base.slice(0, -1));
    }
    return out;
  }

  // Forms that are longer than the word: the plural of a word with a long vowel or a final s/f
  // (persoon -> personen, huis -> huizen, dakloos -> dakloze); the others start with the word itself.
  function fullForms(w) {
    var out = [], m = /^(.*[^aeiou])([aeou])\2([^aeiou])$/.exec(w);
    if (m) {
      var soft = m[3] === "s" ? "z" : m[3] === "f" ? "v" : m[3];
      out.push(m[1] + m[2] + soft + "en", m[1] + m[2] + soft + "e");
    }
    if ((m = /^(.*[^aeiou][aeiou]{1,2})([sf])$/.exec(w))) out.push(m[1] + (m[2] === "s" ? "z" : "v") + "en");
    return out.filter(function (f) { return f !== w; });
  }

  // Two words of a synonym group that are forms of one word (vertrouwenspersoon, vertrouwenspersonen).
  function sameWord(a, b) {
    var x = a.replace(/[^\p{L}\p{N}]/gu, ""), y = b.replace(/[^\p{L}\p{N}]/gu, "");
    return x === y || baseForms(x).concat(fullForms(x)).indexOf(y) >= 0 ||
      baseForms(y).concat(fullForms(y)).indexOf(x) >= 0;
  }

  // Optimal string alignment distance, given up above max.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur;
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
        cur[j] = d;
        if (d < best) best = d;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  function maxEdits(w) { return w.length <= 4 ? 0 : w.length <= 7 ? 1 : 2; }

  // The indexed words nearest to w, best first: fewer edits, then more pages.
  Lists.prototype.nearest = function (w, max, n) {
    var found = [];
    this.freq.forEach(function (count, word) {
      if (word.length < 3) return;
      var d = distance(w, word, max);
      if (d <= max) found.push({word: word, cost: d - 0.1 * Math.log(1 + count)});
    });
    found.sort(function (a, b) { return a.cost - b.cost || (a.word < b.word ? -1 : 1); });
    return found.slice(0, n).map(function (f) { return f.word; });
  };

  // What to send Pagefind for one word: {send, extra, corrected, unknown}.
  Lists.prototype.word = function (w) {
    var parts = w.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (parts.length > 1) {
      var self = this;
      return parts.every(function (p) { return self.starts(p) || p.length <= 2; })
        ? {send: w, extra: []} : {send: w, extra: [], unknown: true};
    }
    if (w.length <= 2) return {send: w, extra: []};
    var forms = baseForms(w).concat(fullForms(w)).filter(this.has, this);
    var prefix = forms.filter(function (f) { return f.length >= 4 && w.lastIndexOf(f, 0) === 0; });
    var other = forms.filter(function (f) { return prefix.indexOf(f) < 0 && w.lastIndexOf(f, 0) !== 0; });
    if (prefix.length) {
      prefix.sort(function (a, b) { return a.length - b.length; });
      return {send: prefix[0], extra: other};
    }
    if (this.starts(w)) return {send: w, extra: other};
    if (other.length) return {send: other[0], extra: other.slice(1)};
    var near = this.nearest(w, maxEdits(w), 1);
    if (near.length) return Object.assign(this.word(near[0]), {corrected: near[0]});
    return {send: w, extra: [], unknown: true};
  };

  function words(query) {
    return fold(query).split(/\s+/).map(function (w) {
      return w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    }).filter(Boolean);
  }

  // The query with each synonym phrase replaced by each other word of its group (the query itself first).
  Lists.prototype.synonymVariants = function (tokens) {
    var variants = [tokens], used = [], forms = [true];
    this.groups.forEach(function (group) {
      group.forEach(function (phrase) {
        var p = phrase.split(/\s+/);
        for (var i = 0; i + p.length <= tokens.length; i++) {
          if (p.every(function (x, k) { return tokens[i + k] === x; })) {
            group.forEach(function (other) {
              if (other === phrase || variants.length >= MAX_VARIANTS) return;
              variants.push(tokens.slice(0, i).concat(other.split(/\s+/), tokens.slice(i + p.length)));
              var form = sameWord(phrase, other);
              forms.push(form);
              if (!form) used.push(other);
            });
          }
        }
      });
    });
    return {variants: variants, used: used, forms: forms};
  };

  // The plan for one query: the Pagefind searches to run and what to tell the reader.
  Lists.prototype.plan = function (query) {
    if (/"/.test(query)) {
      return {searches: [{term: query, weight: 1}], corrected: null, synonyms: [], unknown: [], words: words(query)};
    }
    var tokens = words(query);
    var syn = this.synonymVariants(tokens);
    var searches = [], corrected = null, unknown = [], self = this;
    syn.variants.forEach(function (variant, index) {
      var sends = [], fixed = [], changed = false, bad = [];
      var extras = [];
      variant.forEach(function (w, k) {
        var r = self.word(w);
        if (r.unknown) bad.push(w);
        if (r.corrected) changed = true;
        sends.push(r.send);
        fixed.push(r.corrected || w);
        r.extra.forEach(function (e) { extras.push([k, e]); });
      });
      if (index === 0) {
        unknown = bad;
        if (changed && !bad.length) corrected = fixed.join(" ");
      }
      if (bad.length) return;
      var weight = index === 0 || syn.forms[index] ? 1 : SYNONYM_WEIGHT;
      searches.push({term: sends.join(" "), weight: weight});
      extras.forEach(function (x) {
        var other = sends.slice();
        other[x[0]] = x[1];
        searches.push({term: other.join(" "), weight: weight});
      });
    });
    var seen = {};
    searches = searches.filter(function (s) { return seen[s.term] ? false : (seen[s.term] = true); })
      .slice(0, MAX_VARIANTS + 2);
    return {searches: searches, corrected: corrected, synonyms: syn.used, unknown: unknown,
            words: corrected ? corrected.split(" ") : tokens};
  };

  // Suggestions when nothing is found: the nearest words, and the known parts of a long word.
  Lists.prototype.suggestions = function (unknown) {
    var out = [], self = this;
    unknown.forEach(function (w) {
      self.nearest(w, Math.min(4, Math.max(2, Math.floor(w.length / 3))), 3).forEach(function (s) {
        if (out.indexOf(s) < 0) out.push(s);
      });
      var parts = [];
      for (var i = 0; i < w.length;) {
        var best = "";
        for (var j = w.length; j >= i + 4; j--) {
          if ((self.freq.get(w.slice(i, j)) || 0) > 0 && !self.common(w.slice(i, j))) { best = w.slice(i, j); break; }
        }
        if (best) { parts.push(best); i += best.length; } else i++;
      }
      // The known parts of a compound, each on its own: together they may stand on no page.
      if (parts.length > 1) {
        parts.sort(function (a, b) { return b.length - a.length; }).reverse().forEach(function (part) {
          if (out.indexOf(part) < 0) out.unshift(part);
        });
      }
    });
    return out.slice(0, 4);
  };

  // Among the first TITLE_CHECK results, a page whose title is the query comes first, then one with a
  // heading that is the query (the begrip "Co-creatie" on the begrippen page). Pagefind loads these
  // results' data for the list anyway, so this costs no extra download.
  var TITLE_CHECK = 12;
  async function titlesFirst(entries, queryWords) {
    var query = queryWords.join(" ");
    var datas = await Promise.all(entries.map(function (e) { return e.result.data().catch(function () { return null; }); }));
    function bare(text) { return words(text).join("").replace(/[^\p{L}\p{N}]/gu, ""); }
    var wanted = bare(query);
    function same(text) { return !!text && bare(text) === wanted; }
    entries.forEach(function (e, i) {
      var d = datas[i];
      e.boost = !d ? 0 : same(d.meta && d.meta.title) ? 2 :
        (d.sub_results || []).some(function (r) { return same(r.title); }) ? 1 : 0;
    });
    return entries.map(function (e, i) { return [e, i]; })
      .sort(function (a, b) { return b[0].boost - a[0].boost || a[1] - b[1]; })
      .map(function (x) { return x[0]; });
  }

  // A result's data is fetched once: the list shows the data titlesFirst already has, without asking again.
  function once(load) {
    var loaded = null;
    return function () { return loaded || (loaded = load()); };
  }

  async function merged(pf, plan, options) {
    var responses = await Promise.all(plan.searches.map(function (s) { return pf.search(s.term, options); }));
    var byId = new Map();
    responses.forEach(function (response, i) {
      if (!response) return;
      response.results.forEach(function (result) {
        // The best score of a page over the searches: a form of a word is the same word, not a second one.
        var score = result.score * plan.searches[i].weight;
        var known = byId.get(result.id);
        if (!known || known.score < score) byId.set(result.id, {result: result, score: score});
      });
    });
    var ranked = Array.from(byId.values()).sort(function (a, b) { return b.score - a.score; });
    ranked.slice(0, TITLE_CHECK).forEach(function (e) { e.result.data = once(e.result.data); });
    var results = (await titlesFirst(ranked.slice(0, TITLE_CHECK), plan.words)).concat(ranked.slice(TITLE_CHECK))
      .map(function (e) { return e.result; });
    var first = responses.find(function (r) { return r && r.results.length; }) || responses[0] || {};
    return Object.assign({}, first, {results: results, unfilteredResultCount: results.length});
  }

  return {fold: fold, words: words, Lists: Lists, baseForms: baseForms, fullForms: fullForms, sameWord: sameWord,
          distance: distance, merged: merged};
})();

// The search dialog: Pagefind's component UI, with kbZoekhulp in front of its search, cards with type, id and
// themes, a type filter, "Meer resultaten" and a way on when nothing is found.
(function () {
  var FIRST = 30, MORE = 30, DEBOUNCE_MS = "100";
  var TYPES = [["", "Alles"], ["Casus", "Casussen"], ["Stelling", "Stellingen"], ["Verslag", "Verslagen"],
               ["Onderzoek", "Onderzoek"], ["Les", "Lessen"], ["Thema", "Thema's"]];
  var TRANSLATIONS = {input_hint: "Resultaten verschijnen terwijl je typt", clear_search: "Wissen",
                      keyboard_clear: "sluiten", keyboard_close: "sluiten"};
  if (!window.customElements) return;
  var config = document.querySelector("pagefind-config[bundle-path]");
  if (!config) return;
  var bundle = config.getAttribute("bundle-path");
  var site = bundle.replace(/pagefind\/$/, "");
  var lists = null, listsReady = null;
  var state = {plan: null, shown: FIRST, result: null, list: null};

  function loadLists() {
    function get(url) {
      return fetch(url).then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; });
    }
    return Promise.all([get(bundle + "zoekwoorden.json"), get(site + "assets/zoeksynoniemen.json")])
      .then(function (both) { lists = new kbZoekhulp.Lists(both[0], both[1].groepen); });
  }

  // A large site has its index in parts (generator/search_index.py, PART_PAGES): Pagefind's search time grows
  // with the square of the pages a word is on, so eight parts of a site search about three times faster.
  // The parts are merged into the one search before the first filter or search reaches Pagefind.
  function mergeParts(pf) {
    var options = {baseUrl: site, excerptLength: Number(config.getAttribute("excerpt-length")) || 24};
    return fetch(bundle + "zoekdelen.json").then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (found) {
        return Promise.all((found.delen || []).map(function (part) { return pf.mergeIndex(bundle + part, options); }));
      }).catch(function () { return null; });
  }

  // A search the reader has typed past while it waited (for the parts, the word lists) is not sent: Pagefind
  // searches one at a time, and the dialog shows only the latest anyway.
  // A query of one to three letters is the start of a word still being typed, and the costliest search there
  // is (it matches thousands of words): it waits a little longer, and is dropped when the reader types on.
  function nothing() { return {results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {}}; }
  var SHORT = 4, SHORT_WAIT_MS = 400;

  function pause(ms) { return new Promise(function (done) { setTimeout(done, ms); }); }

  // One search at a time reaches Pagefind (its worker does them one after another anyway): a search that was
  // typed past while the one before ran is dropped instead of queueing behind it.
  function wrap(pf) {
    var merged = mergeParts(pf), latest = 0, busy = Promise.resolve();
    return {
      filters: function () { return merged.then(function () { return pf.filters(); }); },
      preload: function (term) { return merged.then(function () { return pf.preload(term); }); },
      search: async function (term, options) {
        var mine = ++latest;
        if (term && term.trim().length < SHORT) await pause(SHORT_WAIT_MS);
        await merged;
        if (term) await (listsReady || (listsReady = loadLists()));
        if (mine !== latest) return nothing();
        var before = busy, finished = null;
        busy = new Promise(function (done) { finished = done; });
        try {
          await before;
          if (mine !== latest) return nothing();
          if (!term || !lists) return await pf.search(term, options);
          var plan = lists.plan(term);
          state.plan = plan;
          state.shown = FIRST;
          if (state.list) state.list.maxResults = FIRST;
          if (!plan.searches.length) return nothing();
          return await kbZoekhulp.merged(pf, plan, options);
        } finally {
          finished();
        }
      }
    };
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function typeFilter(instance) {
    var box = el("fieldset", {"class": "kb-zoek-soorten"});
    box.appendChild(el("legend", {"class": "kb-zoek-soorten__kop"}, "Soort"));
    TYPES.forEach(function (t, i) {
      var label = el("label", {"class": "kb-zoek-soort"});
      var input = el("input", {type: "radio", name: "kb-zoek-soort", value: t[0]});
      if (i === 0) input.checked = true;
      input.addEventListener("change", function () {
        instance.triggerFilters(t[0] ? {soort: [t[0]]} : {});
      });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + t[1]));
      box.appendChild(label);
    });
    return box;
  }

  function notice(instance, body) {
    var box = el("div", {"class": "kb-zoek-melding", "aria-live": "polite"});
    body.insertBefore(box, body.querySelector("pagefind-summary"));
    return box;
  }

  function showNotice(box, instance, result) {
    box.textContent = "";
    var plan = state.plan;
    if (!plan || !instance.searchTerm) return;
    if (plan.corrected && result.results.length) {
      var p = el("p", {"class": "kb-zoek-correctie"}, "Resultaten voor ");
      p.appendChild(el("em", {}, plan.corrected));
      box.appendChild(p);
    }
    if (plan.synonyms.length && result.results.length) {
      box.appendChild(el("p", {"class": "kb-zoek-synoniemen"}, "Ook gezocht op: " + plan.synonyms.join(", ")));
    }
    if (!result.results.length) {
      var way = el("div", {"class": "kb-zoek-verder"});
      var tips = lists ? lists.suggestions(plan.unknown.length ? plan.unknown : kbZoekhulp.fold(instance.searchTerm).split(/\s+/)) : [];
      if (tips.length) {
        way.appendChild(el("p", {}, "Bedoel je:"));
        var ul = el("ul", {"class": "kb-zoek-suggesties"});
        tips.forEach(function (tip) {
          var li = el("li");
          var b = el("button", {type: "button", "class": "kb-zoek-suggestie"}, tip);
          b.addEventListener("click", function () { search(instance, tip); });
          li.appendChild(b);
          ul.appendChild(li);
        });
        way.appendChild(ul);
      }
      var more = el("p", {}, "Of kijk bij ");
      more.appendChild(el("a", {href: site + "themas/"}, "de thema's"));
      more.appendChild(document.createTextNode(" of in "));
      more.appendChild(el("a", {href: site + "verkenner/"}, "de casusverkenner"));
      more.appendChild(document.createTextNode("."));
      way.appendChild(more);
      box.appendChild(way);
    }
  }

  function search(instance, term) {
    var input = document.querySelector("pagefind-modal input.pf-input");
    if (input) {
      input.value = term;
      input.focus();
      input.dispatchEvent(new Event("input", {bubbles: true}));
    }
  }

  // "Meer resultaten": the list shows the first FIRST; the button adds MORE at a time until all are shown.
  function moreButton(instance, results) {
    var button = el("button", {type: "button", "class": "kb-zoek-meer", hidden: ""});
    results.after(button);
    button.addEventListener("click", function () {
      var from = state.shown;
      state.shown += MORE;
      results.maxResults = state.shown;
      instance.__dispatch__("results", state.result);
      var first = results.querySelector('[data-pf-result-index="' + from + '"]');
      if (first) {
        first.scrollIntoView({block: "nearest"});
        waitForLink(results, from);
      }
    });
    return button;
  }

  function waitForLink(results, index) {
    var tries = 0;
    (function look() {
      var link = results.querySelector('li.pf-result[data-pf-result-index="' + index + '"] a.pf-result-link');
      if (link) { link.focus(); return; }
      if (++tries < 100) setTimeout(look, 20);
    })();
  }

  function updateMore(button, result) {
    var total = result.results.length;
    var shown = Math.min(total, state.shown);
    if (shown < total) {
      button.hidden = false;
      button.textContent = "Meer resultaten (" + shown + " van " + total + " getoond)";
    } else {
      button.hidden = true;
    }
  }

  // A result card: its type and id (Casus C04) and themes above the title, from the lean page's metadata.
  function cards(results) {
    var plain = results.getResultRenderer();
    results.resultTemplate = function (data) {
      var html = plain(data, {showImages: results.showImages, showSubResults: !results.hideSubResults,
                              maxSubResults: results.maxSubResults, linkTarget: results.linkTarget});
      var holder = pagefindMarkup(html);
      var meta = data.meta || {};
      var content = holder.querySelector(".pf-result-content");
      if (content && meta.soort) {
        var line = el("p", {"class": "kb-zoek-kaart"});
        line.appendChild(el("span", {"class": "kb-zoek-kaart__soort"}, meta.soort + (meta.id ? " " + meta.id : "")));
        if (meta.themas) line.appendChild(el("span", {"class": "kb-zoek-kaart__themas"}, meta.themas));
        content.insertBefore(line, content.firstChild);
      }
      return Array.from(holder.childNodes);
    };
  }

  // The one place markup is parsed: the card Pagefind's own renderer made (it escapes the page's data). The
  // parsed document is inert (no script runs, nothing loads); tests/test_escaping.py allows this and nothing else.
  function pagefindMarkup(html) {
    var parsed = new DOMParser().parseFromString(typeof html === "string" ? html : "", "text/html");
    return parsed.body;
  }

  // The dialog's parts are made by Pagefind and made again when it renders again: ours are added when missing.
  function setUp(modal, instance) {
    var body = modal.querySelector("pagefind-modal-body");
    var results = modal.querySelector("pagefind-results");
    if (!body || !results) return;
    if (state.list !== results) {
      state.list = results;
      results.maxResults = state.shown;
      cards(results);
    }
    if (!body.querySelector(".kb-zoek-soorten")) body.insertBefore(typeFilter(instance), body.firstChild);
    if (!body.querySelector(".kb-zoek-melding")) notice(instance, body);
    if (!body.querySelector(".kb-zoek-meer")) moreButton(instance, results);
  }

  // Texts Pagefind rendered before our translations were in place.
  function translateRendered(modal) {
    modal.querySelectorAll("[id^='pf-input-hint']").forEach(function (hint) {
      if (hint.textContent !== TRANSLATIONS.input_hint) hint.textContent = TRANSLATIONS.input_hint;
    });
    modal.querySelectorAll("button.pf-input-clear").forEach(function (button) {
      if (button.textContent !== TRANSLATIONS.clear_search) button.textContent = TRANSLATIONS.clear_search;
    });
  }

  // While the reader types, the index chunks of the words so far are fetched (Pagefind's preload: no search),
  // so the search after the last key only computes. A chunk holds a range of words: the one for "wijkverp"
  // is mostly the one for "wijkverpleegkundige". Each chunk is fetched once.
  var PRELOAD_FROM = 3;
  function preloadWhileTyping(modal, instance) {
    var last = "";
    modal.addEventListener("input", function (event) {
      if (!event.target.matches || !event.target.matches("input.pf-input")) return;
      var term = kbZoekhulp.words(event.target.value).join(" ");
      var pf = instance.__pagefind__;
      if (!pf || !pf.preload || term === last || term.replace(/\s/g, "").length < PRELOAD_FROM) return;
      last = term;
      pf.preload(term).catch(function () { return null; });
    }, true);
  }

  function listen(modal, instance) {
    preloadWhileTyping(modal, instance);
    instance.on("results", function (result) {
      state.result = result;
      var box = modal.querySelector(".kb-zoek-melding"), button = modal.querySelector(".kb-zoek-meer");
      if (box) showNotice(box, instance, result);
      if (button) updateMore(button, result);
    });
    instance.on("loading", function () {
      var button = modal.querySelector(".kb-zoek-meer");
      if (button) button.hidden = true;
    });
  }

  customElements.whenDefined("pagefind-modal").then(function () {
    var modal = document.querySelector("pagefind-modal");
    if (!modal || !window.PagefindComponents) return;
    var instance = window.PagefindComponents.getInstanceManager().getInstance("default");
    // Not setTranslations: its "translations" event makes the modal render a second dialog inside the first.
    instance._userTranslations = Object.assign({}, instance._userTranslations, TRANSLATIONS);
    // Pagefind's search object is wrapped the moment the component UI stores it: a search that starts
    // while the bundle is still loading must not reach Pagefind unwrapped. The word lists load meanwhile.
    var wrapped = instance.__pagefind__ ? wrap(instance.__pagefind__) : null;
    Object.defineProperty(instance, "__pagefind__", {
      configurable: true,
      get: function () { return wrapped; },
      set: function (pf) {
        if (pf && !listsReady) listsReady = loadLists();
        wrapped = pf ? wrap(pf) : pf;
      }
    });
    listen(modal, instance);
    function ready() {
      modal.querySelectorAll("pagefind-input:not([debounce])").forEach(function (input) {
        input.setAttribute("debounce", DEBOUNCE_MS);
      });
      setUp(modal, instance);
      translateRendered(modal);
    }
    ready();
    new MutationObserver(ready).observe(modal, {childList: true, subtree: true});
  });
})();
