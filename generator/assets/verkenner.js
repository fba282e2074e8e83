/* Casusverkenner: faceted filtering of everything published, on the static site.
 * No framework and no server: it loads data/verkenner.json (written by the generator),
 * keeps its state in the URL (?thema=wantrouwen&fase=nazorg) and announces the count. */
(function () {
  "use strict";
  var FACETS = [
    ["t", "Soort item"], ["thema", "Thema"], ["fase", "Fase"], ["rol", "Rol"],
    ["werkvorm", "Werkvorm"], ["soort", "Soort bijeenkomst"], ["jaar", "Jaar"]
  ];
  var LIMIT = 200;

  function fold(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { q: params.get("q") || "", volgorde: params.get("volgorde") || "", selected: {}, unknown: [] };
    FACETS.forEach(function (f) {
      var values = [];
      params.getAll(f[0]).forEach(function (v) { values = values.concat(v.split(",").filter(Boolean)); });
      state.selected[f[0]] = new Set(values);
    });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.volgorde) params.set("volgorde", state.volgorde);
    FACETS.forEach(function (f) {
      var values = Array.from(state.selected[f[0]]);
      if (values.length) params.set(f[0], values.join(","));
    });
    var query = params.toString();
    history.replaceState(null, "", window.location.pathname + (query ? "?" + query : ""));
  }

  function matchesText(item, words) {
    for (var i = 0; i < words.length; i++) if (item._text.indexOf(words[i]) < 0) return false;
    return true;
  }

  function matchesFacet(item, key, selected) {
    if (!selected.size) return true;
    var values = key === "t" ? [item.t] : item[key];
    for (var i = 0; i < values.length; i++) if (selected.has(values[i])) return true;
    return false;
  }

  /* One pass: an item that passes every facet counts for all facets; an item that
   * fails exactly one facet counts only for that facet. That gives each value the
   * number of items left if it is added (OR within a facet, AND across facets). */
  function compute(items, state) {
    var words = fold(state.q).split(/\s+/).filter(Boolean);
    var active = FACETS.filter(function (f) { return state.selected[f[0]].size; }).map(function (f) { return f[0]; });
    var counts = {};
    FACETS.forEach(function (f) { counts[f[0]] = {}; });
    var result = [];
    function tally(item, key) {
      var values = key === "t" ? [item.t] : item[key];
      for (var i = 0; i < values.length; i++) counts[key][values[i]] = (counts[key][values[i]] || 0) + 1;
    }
    for (var n = 0; n < items.length; n++) {
      var item = items[n];
      if (words.length && !matchesText(item, words)) continue;
      var failed = null, failures = 0;
      for (var a = 0; a < active.length && failures < 2; a++) {
        if (!matchesFacet(item, active[a], state.selected[active[a]])) { failed = active[a]; failures++; }
      }
      if (failures === 0) {
        result.push(item);
        for (var k = 0; k < FACETS.length; k++) tally(item, FACETS[k][0]);
      } else if (failures === 1) {
        tally(item, failed);
      }
    }
    return { result: result, counts: counts };
  }

  function label(data, key, value) {
    return (data.labels[key] && data.labels[key][value]) || value;
  }

  // One collator for every sort: localeCompare with a locale argument builds a new one per comparison.
  var DUTCH = new Intl.Collator("nl");

  /* The checkboxes are made once; an update only changes their counts and checked state, so that
   * the box the reader just clicked stays where it is (and keeps focus). */
  function renderFacets(root, data, state, counts, onChange) {
    var box = root.querySelector(".kb-verkenner__groepen");
    box.textContent = "";
    data.boxes = [];
    FACETS.forEach(function (f) {
      var key = f[0];
      var values = data.values[key].slice();
      if (!values.length) return;
      values.sort(function (a, b) { return key === "jaar" ? b.localeCompare(a) : DUTCH.compare(label(data, key, a), label(data, key, b)); });
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = f[1];
      fieldset.appendChild(legend);
      values.forEach(function (value) {
        var id = "kb-f-" + key + "-" + value;
        var wrap = document.createElement("div");
        var input = document.createElement("input");
        input.type = "checkbox"; input.id = id; input.name = key; input.value = value;
        input.checked = state.selected[key].has(value);
        input.addEventListener("change", function () {
          if (input.checked) state.selected[key].add(value); else state.selected[key].delete(value);
          onChange(id);
        });
        var lab = document.createElement("label");
        lab.htmlFor = id;
        data.boxes.push({ key: key, value: value, input: input, label: lab, text: label(data, key, value) });
        wrap.appendChild(input); wrap.appendChild(lab);
        fieldset.appendChild(wrap);
      });
      box.appendChild(fieldset);
    });
    updateFacets(data, state, counts);
  }

  /* An option that would leave nothing is greyed and skipped by Tab (disabled), unless it is ticked. */
  function updateFacets(data, state, counts) {
    data.boxes.forEach(function (b) {
      var n = counts[b.key][b.value] || 0;
      var text = b.text + " (" + n + ")";
      if (b.label.textContent !== text) b.label.textContent = text;
      var checked = state.selected[b.key].has(b.value);
      b.input.checked = checked;
      var off = n === 0 && !checked;
      if (b.input.disabled !== off) b.input.disabled = off;
    });
  }

  function countText(n) {
    return n === 1 ? "1 item gevonden" : n + " items gevonden";
  }

  function resultItem(data, item, basis) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = basis + item.url;
    a.textContent = item.id + " · " + item.titel;
    var kind = document.createElement("span");
    kind.className = "kb-verkenner__soort";
    kind.textContent = label(data, "t", item.t);
    var text = document.createElement("p");
    text.textContent = item.tekst;
    li.appendChild(kind); li.appendChild(document.createTextNode(" ")); li.appendChild(a); li.appendChild(text);
    return li;
  }

  function renderResults(root, data, result, basis) {
    var list = root.querySelector("#kb-resultaten");
    list.textContent = "";
    var fragment = document.createDocumentFragment();
    result.slice(0, LIMIT).forEach(function (item) {
      // An item's list entry never changes: made once, then moved (a click re-renders up to LIMIT entries).
      if (!item._li) item._li = resultItem(data, item, basis);
      fragment.appendChild(item._li);
    });
    list.appendChild(fragment);
    var count = countText(result.length);
    if (result.length > LIMIT) count += "; de eerste " + LIMIT + " staan hieronder";
    root.querySelector("#kb-aantal").textContent = count + ".";
    root.querySelector(".kb-verkenner__lade-aantal").textContent = countText(result.length);
  }

  /* The active filters as buttons at the top of the results: they tell a reader of a shared link what
   * it shows, and a click takes one away. */
  function renderChips(root, data, state, onRemove) {
    var list = root.querySelector(".kb-verkenner__chips");
    list.textContent = "";
    var chips = [];
    if (state.q) chips.push({ key: "q", value: state.q, text: "Tekst: " + state.q });
    FACETS.forEach(function (f) {
      state.selected[f[0]].forEach(function (v) {
        chips.push({ key: f[0], value: v, text: f[1] + ": " + label(data, f[0], v) });
      });
    });
    chips.forEach(function (chip, index) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-verkenner__chip";
      button.textContent = chip.text + " ×";
      button.setAttribute("aria-label", chip.text + ", filter weghalen");
      button.addEventListener("click", function () { onRemove(chip, index); });
      li.appendChild(button);
      list.appendChild(li);
    });
    list.hidden = !chips.length;
    var n = chips.length;
    root.querySelector(".kb-verkenner__filterknop").textContent = "Filters (" + n + ")";
  }

  /* A value in the link that the data does not know (a typo, a renamed thema) is named, not ticked. */
  function dropUnknown(data, state) {
    var unknown = [];
    FACETS.forEach(function (f) {
      state.selected[f[0]].forEach(function (v) {
        if (data.values[f[0]].indexOf(v) < 0 && !(data.labels[f[0]] && data.labels[f[0]][v])) {
          unknown.push(f[1].toLowerCase() + " ‘" + v + "’");
          state.selected[f[0]].delete(v);
        }
      });
    });
    if (["", "nieuw", "titel"].indexOf(state.volgorde) < 0) {
      unknown.push("volgorde ‘" + state.volgorde + "’");
      state.volgorde = "";
    }
    return unknown;
  }

  /* The three orders, each made once: filtering keeps the order of the list it walks. */
  function orders(data) {
    var rank = {};
    (data.soorten || []).forEach(function (t, i) { rank[t] = i; });
    function byTypeAndId(a, b) {
      var ra = rank[a.t] === undefined ? 99 : rank[a.t], rb = rank[b.t] === undefined ? 99 : rank[b.t];
      return ra - rb || DUTCH.compare(a.id, b.id);
    }
    var standard = data.items.slice().sort(byTypeAndId);
    var made = { "": standard };
    return function (name) {
      if (!made[name]) {
        made[name] = standard.slice().sort(name === "nieuw"
          ? function (a, b) { return String(b.datum || "").localeCompare(String(a.datum || "")) || byTypeAndId(a, b); }
          : function (a, b) { return DUTCH.compare(a.titel, b.titel) || byTypeAndId(a, b); });
      }
      return made[name];
    };
  }

  /* On a narrow screen the filters are a drawer over the results, opened by "Filters (n)". */
  function drawer(root) {
    var button = root.querySelector(".kb-verkenner__filterknop");
    var form = root.querySelector("form");
    function set(open, focus) {
      root.classList.toggle("kb-verkenner--open", open);
      button.setAttribute("aria-expanded", String(open));
      if (open && focus) root.querySelector("#kb-zoek").focus();
      if (!open && focus) button.focus();
    }
    button.addEventListener("click", function () { set(!root.classList.contains("kb-verkenner--open"), true); });
    root.querySelector(".kb-verkenner__sluit").addEventListener("click", function () { set(false, true); });
    form.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && root.classList.contains("kb-verkenner--open")) { e.preventDefault(); set(false, true); }
    });
  }

  function start(root, data) {
    var basis = root.getAttribute("data-basis");
    data.values = {};
    FACETS.forEach(function (f) { data.values[f[0]] = []; });
    var seen = {};
    data.items.forEach(function (item) {
      item._text = fold(item.id + " " + item.titel + " " + item.tekst + " " + (item.alles || ""));
      FACETS.forEach(function (f) {
        (f[0] === "t" ? [item.t] : item[f[0]]).forEach(function (v) {
          if (!seen[f[0] + "=" + v]) { seen[f[0] + "=" + v] = 1; data.values[f[0]].push(v); }
        });
      });
    });
    var ordered = orders(data);
    var state = readState();
    var unknown = dropUnknown(data, state);
    var message = root.querySelector("#kb-melding");
    if (unknown.length) {
      message.textContent = "De link noemt " + (unknown.length === 1 ? "een filter" : "filters") +
        " die de verkenner niet kent: " + unknown.join(", ") + ". Die " + (unknown.length === 1 ? "is" : "zijn") +
        " niet gebruikt.";
      message.hidden = false;
    }
    var search = root.querySelector("#kb-zoek");
    var sort = root.querySelector("#kb-sorteer");
    search.value = state.q;
    sort.value = state.volgorde;
    function update(focusId) {
      var started = performance.now();
      var computed = compute(ordered(state.volgorde), state);
      if (data.boxes) updateFacets(data, state, computed.counts);
      else renderFacets(root, data, state, computed.counts, update);
      renderResults(root, data, computed.result, basis);
      renderChips(root, data, state, remove);
      writeState(state);
      root.setAttribute("data-ms", String(performance.now() - started));
      if (focusId) { var el = document.getElementById(focusId); if (el) el.focus(); }
    }
    function remove(chip, index) {
      if (chip.key === "q") { state.q = ""; search.value = ""; } else state.selected[chip.key].delete(chip.value);
      update();
      var chips = root.querySelectorAll(".kb-verkenner__chip");
      if (chips.length) chips[Math.min(index, chips.length - 1)].focus();
      else root.querySelector("#kb-resultaten-kop").focus();
    }
    search.addEventListener("input", function () { state.q = search.value; update(); });
    sort.addEventListener("change", function () { state.volgorde = sort.value; update(); });
    root.querySelector("form").addEventListener("reset", function () {
      state.q = ""; state.volgorde = ""; FACETS.forEach(function (f) { state.selected[f[0]].clear(); });
      setTimeout(function () { search.value = ""; sort.value = ""; update(); }, 0);
    });
    root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });
    drawer(root);
    update();
    window.kbVerkenner = { data: data, state: state, update: update };
  }

  function init() {
    var root = document.getElementById("kb-verkenner");
    if (!root || root.getAttribute("data-klaar")) return;
    root.setAttribute("data-klaar", "1");
    fetch(root.getAttribute("data-bron"))
      .then(function (r) { return r.json(); })
      .then(function (data) { start(root, data); })
      .catch(function () { root.querySelector("#kb-aantal").textContent = "De gegevens konden niet geladen worden."; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
