/* Certificate search: offline, no framework. The index (assets/search-index.js) holds every certificate item with
   the comparison keys of its name and aliases, computed by qingdan.text (NFKC, traditional → simplified, no spaces or
   punctuation, lower case). The typed text is folded the same way here. */
(function () {
  "use strict";
  var data = window.QINGDAN_SEARCH || {items: [], places: [], t2s: {}};
  var places = {};
  data.places.forEach(function (p) { places[p.code] = p; });
  var input = document.getElementById("q");
  var select = document.getElementById("place");
  var verdictBox = document.getElementById("verdict");
  var results = document.getElementById("results");

  function key(text) {
    var s = text.normalize("NFKC");
    var out = "";
    for (var i = 0; i < s.length; i++) { var c = s.charAt(i); out += data.t2s[c] || c; }
    return out.replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function inChain(item, chain) { return chain.indexOf(item.j) >= 0; }

  /* Items in the place's chain grouped by the key of their name: one certificate, possibly listed at several levels. */
  function matches(q, chain) {
    var groups = {}, order = [];
    data.items.forEach(function (item) {
      if (!inChain(item, chain)) { return; }
      var hit = -1, exact = false;
      for (var i = 0; i < item.k.length; i++) {
        if (item.k[i] === q) { hit = i; exact = true; break; }
        if (hit < 0 && item.k[i].indexOf(q) >= 0) { hit = i; }
      }
      if (hit < 0) { return; }
      var g = groups[item.k[0]];
      if (!g) { g = groups[item.k[0]] = {name: item.n, items: [], exact: false, via: ""}; order.push(item.k[0]); }
      g.items.push(item);
      if (exact) { g.exact = true; }
      if (hit > 0 && !g.via) { g.via = item.a[hit - 1]; }
    });
    return order.map(function (k) { return groups[k]; }).sort(function (a, b) {
      return (b.exact - a.exact) || (a.name.length - b.name.length);
    });
  }

  /* Forbidden anywhere in the chain wins; allowed needs a list that allows it; otherwise it is not listed. */
  function verdict(group) {
    var forbidden = group.items.filter(function (i) { return i.s === "forbidden"; });
    if (forbidden.length) { return {stance: "forbidden", items: forbidden}; }
    return {stance: "allowed", items: group.items.filter(function (i) { return i.s === "allowed"; })};
  }

  var WORDS = {forbidden: "不得出具", allowed: "可以出具"};

  function source(item) {
    return "依据：《" + item.t + "》" + (item.d ? "（" + item.d + "）" : "");
  }

  function who(place) { return place.level === "community" ? place.name : place.name + "的社区"; }

  function answer(group, place) {
    var v = verdict(group);
    var box = el("div", "answer " + v.stance);
    box.appendChild(el("strong", null, WORDS[v.stance]));
    var first = v.items[0];
    box.appendChild(el("p", null, "“" + group.name + "”" + (group.via ? "（含“" + group.via + "”）" : "") +
      "：" + who(place) + (v.stance === "forbidden" ? "不得出具此证明。" : "可以出具此证明。")));
    if (v.stance === "forbidden" && first.alt) { box.appendChild(el("p", "route", "替代方式：" + first.alt)); }
    if (v.stance === "allowed" && first.basis) { box.appendChild(el("p", "route", "设定依据：" + first.basis)); }
    box.appendChild(el("p", "source", source(first)));
    return box;
  }

  function resultItem(group, place) {
    var v = verdict(group);
    var li = el("li");
    li.appendChild(el("span", "badge " + v.stance, WORDS[v.stance]));
    var a = el("a", "name", group.name);
    a.href = "list/" + v.items[0].l + ".html#item-" + v.items[0].id;
    li.appendChild(a);
    var aliases = v.items[0].a;
    if (aliases.length) { li.appendChild(el("div", "aliases", "包含：" + aliases.join("、"))); }
    if (v.stance === "forbidden" && v.items[0].alt) { li.appendChild(el("p", "route", "替代方式：" + v.items[0].alt)); }
    li.appendChild(el("div", "source", source(v.items[0])));
    return li;
  }

  function render() {
    var q = key(input.value);
    var place = places[select.value] || {name: "", chain: []};
    verdictBox.textContent = "";
    results.textContent = "";
    if (!q) { return; }
    var found = matches(q, place.chain);
    var exact = found.filter(function (g) { return g.exact; });
    if (exact.length) {
      verdictBox.appendChild(answer(exact[0], place));
    } else if (!found.length) {
      var box = el("div", "answer unlisted");
      box.appendChild(el("strong", null, "未列入清单"));
      box.appendChild(el("p", null, "“" + input.value.trim() + "”不在" + place.name +
        "适用的证明事项清单中。未列入清单的证明事项，社区原则上不予出具；请向要求提供证明的单位确认是否确需此证明，或咨询社区。"));
      verdictBox.appendChild(box);
      return;
    } else {
      verdictBox.appendChild(el("p", "hint", "没有完全一致的名称，以下是名称或别名中包含“" + input.value.trim() + "”的证明事项："));
    }
    found.slice(0, 30).forEach(function (g) { if (g !== exact[0]) { results.appendChild(resultItem(g, place)); } });
  }

  function fromHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    if (params.get("p") && places[params.get("p")]) { select.value = params.get("p"); }
    if (params.get("q")) { input.value = params.get("q"); }
  }

  input.addEventListener("input", render);
  select.addEventListener("change", render);
  fromHash();
  render();
})();
