/* The search page: results drawn by the theme with Pagefind's JS API.
   pagefind.js (written by the search plugin under /pagefind/, the newest period's index) is
   imported on the first search, and the older periods' indexes (data-pagefind-merge: each year
   before the newest, each earlier quarter of the newest) are merged into it with mergeIndex;
   each record holds meta.title, meta.date (ISO 8601) and the filters `wilayah`, `rubrik` and
   `periode` (plugins/search). Pagefind orders merged results by each index's own score, and a
   sort's score is a position inside one index: so a listing by date asks for one period at a
   time (the `periode` filter) and puts the periods newest first.
   Every word shown comes from the page's data-text-* attributes (the theme's
   gettext catalog). Nothing is inserted as HTML: results are built with DOM methods, and of
   Pagefind's excerpt only its <mark> elements become elements; everything else stays text. */
(function () {
  "use strict";
  var root = document.getElementById("hasil-cari");
  var form = document.querySelector("[data-search-form]");
  if (!root || !form || !window.Intl || !window.Promise) return;
  var data = root.dataset;
  var input = form.querySelector("input[name=q]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-list]");
  var more = root.querySelector("[data-search-more]");
  var PAGE_SIZE = 10;
  var pagefind = null;
  var results = [];
  var shown = 0;
  var run = 0;
  var timer = null;
  var clock = new Intl.DateTimeFormat(data.locale, {
    timeZone: data.timezone, day: "numeric", month: "long", year: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  });

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values || {}, key) ? String(values[key]) : all;
    });
  }

  /* 10 November 2026 08:05 WITA, on the site's clock whatever the reader's. */
  function when(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    var parts = {};
    clock.formatToParts(date).forEach(function (p) { parts[p.type] = p.value; });
    return parts.day + " " + parts.month + " " + parts.year + " " + parts.hour + ":" + parts.minute +
      (data.zoneAbbr ? " " + data.zoneAbbr : "");
  }

  /* Pagefind's excerpt is text with <mark> around the matched words (and < > as &lt; &gt;). */
  function excerpt(target, text) {
    var marked = false;
    text.split(/(<mark>|<\/mark>)/).forEach(function (piece) {
      if (piece === "<mark>") { marked = true; return; }
      if (piece === "</mark>") { marked = false; return; }
      if (!piece) return;
      var plain = document.createTextNode(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(plain);
        target.appendChild(mark);
      } else {
        target.appendChild(plain);
      }
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function draw(result) {
    var item = element("li", "search-item");
    var title = element("h3", "search-title");
    /* pagefind-ui__result-link: the name the hostile-input test (tests/security) looks for. */
    var link = element("a", "search-link pagefind-ui__result-link", result.meta.title || result.url);
    link.href = result.url;
    title.appendChild(link);
    item.appendChild(title);
    var meta = element("p", "meta search-meta");
    var filters = result.filters || {};
    (filters.wilayah || []).forEach(function (name) { meta.appendChild(element("span", "meta-region", name)); });
    (filters.rubrik || []).forEach(function (name) { meta.appendChild(element("span", "search-rubric", name)); });
    if (result.meta.date) {
      var time = element("time", "", when(result.meta.date));
      time.setAttribute("datetime", result.meta.date);
      meta.appendChild(time);
    }
    item.appendChild(meta);
    var text = element("p", "search-excerpt");
    excerpt(text, result.excerpt || "");
    item.appendChild(text);
    return item;
  }

  function load() {
    if (!pagefind) {
      var merged = (data.pagefindMerge || "").split(" ").filter(Boolean).map(function (path) {
        return new URL(path, location.href).href;
      });
      pagefind = import(data.pagefind).then(function (api) {
        return Promise.resolve(api.options({ excerptLength: 26 })).then(function () {
          return Promise.all(merged.map(function (path) { return api.mergeIndex(path); }));
        }).then(function () { return api; });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  /* Every story that passes the filters, newest first: each period sorted by date on its own
     (only that period's index has pages with its `periode`: "2024", "2026-tw4"; they sort as
     strings), the periods one after another. */
  function newestFirst(api, filters) {
    return Promise.resolve(api.filters()).then(function (all) {
      var periods = Object.keys((all && all.periode) || {}).sort().reverse();
      return Promise.all(periods.map(function (period) {
        var only = Object.assign({}, filters, { periode: period });
        return api.search(null, { filters: only, sort: { date: "desc" } });
      }));
    }).then(function (answers) {
      return { results: [].concat.apply([], answers.map(function (a) { return a.results; })) };
    });
  }

  function query() {
    var filters = {};
    selects.forEach(function (select) { if (select.value) filters[select.dataset.filter] = select.value; });
    return { text: input.value.trim(), filters: filters };
  }

  function remember(q) {
    var params = new URLSearchParams();
    if (q.text) params.set("q", q.text);
    Object.keys(q.filters).forEach(function (key) { params.set(key, q.filters[key]); });
    var search = params.toString();
    history.replaceState(null, "", location.pathname + (search ? "?" + search : ""));
  }

  function showMore(focusFirst) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    var mine = run;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (found) {
      if (mine !== run) return;
      var first = null;
      found.forEach(function (result) {
        var item = draw(result);
        first = first || item;
        list.appendChild(item);
      });
      shown += found.length;
      more.hidden = shown >= results.length;
      if (results.length > PAGE_SIZE) {
        status.textContent = status.dataset.base + " " + say(data.textShown, { shown: shown, count: results.length });
      }
      if (focusFirst && first) first.querySelector("a").focus();
    });
  }

  function search() {
    var q = query();
    var mine = ++run;
    remember(q);
    list.textContent = "";
    more.hidden = true;
    results = [];
    shown = 0;
    if (!q.text && !Object.keys(q.filters).length) {
      status.dataset.base = "";
      status.textContent = data.textStart;
      return Promise.resolve();
    }
    root.setAttribute("aria-busy", "true");
    status.textContent = data.textSearching;
    return load().then(function (api) {
      return q.text ? api.search(q.text, { filters: q.filters }) : newestFirst(api, q.filters);
    }).then(function (found) {
      if (mine !== run || !found) return;
      results = found.results;
      var values = { count: results.length, query: q.text };
      var filtered = Object.keys(q.filters).length > 0;
      var text;
      if (!results.length) text = say(filtered ? data.textNoneFiltered : data.textNone, values);
      else if (!q.text) text = say(data.textFoundAll, values);
      else text = say(results.length === 1 ? data.textFoundOne : data.textFound, values);
      status.dataset.base = text;
      status.textContent = text;
      return showMore(false);
    }).catch(function () {
      if (mine !== run) return;
      status.dataset.base = "";
      status.textContent = data.textError;
    }).then(function () {
      if (mine === run) root.removeAttribute("aria-busy");
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(search, 350);
  }

  var params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  selects.forEach(function (select) {
    var wanted = params.get(select.name);
    if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
      select.value = wanted;
    }
    select.addEventListener("change", function () { clearTimeout(timer); search(); });
  });
  form.querySelector("[data-search-filters]").hidden = false;
  root.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  input.addEventListener("input", later);
  more.addEventListener("click", function () { showMore(true); });
  search();
})();
