/* The search page: "may the community stamp / do this?" — offline, no framework.

   This is qingdan's one matching engine (qingdan.text: query_keys, grade, is_typo; qingdan.admission.find:
   score, the answer) written a second time for the browser. The index (assets/search-index.js) carries the
   engine's word lists and thresholds, every item's comparison keys and derived keys (core names, covered
   variants) as qingdan computed them, the common names (俗称) and a traditional → simplified map; only the typed
   text is folded here. The test suite asks the same questions of `qingdan find` and of this page and requires
   the same answers. */
(function () {
  "use strict";
  var data = window.QINGDAN_SEARCH || {engine: {}, places: [], t2s: {}, synonyms: {}, kinds: [], sharded: []};
  var E = data.engine;
  var places = {};
  data.places.forEach(function (p) { places[p.code] = p; });

  /* The items live in one small file per jurisdiction (assets/search/<code>.js): only the chain of the chosen
     place is loaded, by script tags (a page opened from file:// may not fetch). */
  var shards = window.QINGDAN_SEARCH_SHARDS = window.QINGDAN_SEARCH_SHARDS || {};
  var loading = {};
  function missing(chain) {
    return chain.filter(function (code) { return data.sharded.indexOf(code) >= 0 && !shards[code]; });
  }
  function load(chain, done) {
    var wanted = missing(chain);
    if (!wanted.length) { done(); return; }
    var left = wanted.length;
    wanted.forEach(function (code) {
      var finish = function () { left -= 1; if (left === 0) { done(); } };
      if (loading[code]) { loading[code].push(finish); return; }
      loading[code] = [finish];
      var s = document.createElement("script");
      s.src = "assets/search/" + code + ".js";
      s.onload = s.onerror = function () { var w = loading[code]; delete loading[code]; w.forEach(function (f) { f(); }); };
      document.head.appendChild(s);
    });
  }
  function chainItems(chain) {
    var out = [];
    chain.forEach(function (code) {
      var shard = shards[code];
      if (!shard) { return; }
      shard.items.forEach(function (item) {
        if (!item.meta) {
          var l = shard.lists[item.list];
          item.l = l.l; item.t = l.t; item.d = l.d; item.place = l.place;
          item.a = item.a || []; item.alt = item.alt || ""; item.basis = item.basis || "";
          item.since = item.since || ""; item.until = item.until || ""; item.meta = true;
        }
        out.push(item);
      });
    });
    return out;
  }
  window.QINGDAN_READY = function (code) { return !!places[code] && !missing(places[code].chain).length; };

  /* ---- text: the same folding as qingdan.text.key ---- */
  function simplify(text) {
    var s = text.normalize("NFKC"), out = "";
    for (var i = 0; i < s.length; i++) { var c = s.charAt(i); out += data.t2s[c] || c; }
    return out;
  }
  function key(text) { return simplify(text).replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase(); }
  function chars(s) { return Array.from(s); }
  function startsWithAny(s, words) { return words.some(function (w) { return s.indexOf(w) === 0; }); }
  function endsWithAny(s, words) {
    return words.some(function (w) { return s.length >= w.length && s.slice(s.length - w.length) === w; });
  }

  /* ---- the name model: qingdan.text.parse_name / derived_keys ---- */
  var BRACKET = /[（(【〔[]([^（()）【】〔〕[\]]*)[）)】〕\]]/g;
  var PIECE_SEP = /[、，,；;／/]/;
  var ETC = /(等等|等|……|…|\.\.\.)$/;
  var CLAUSE = /^证明(?:居民|本人|申请人|当事人|其)?(.{2,}?)(?:的)?(情况)?$/u;

  function isCertificate(name) { return endsWithAny(simplify(name), E.endings); }
  function nameLike(piece, core) {
    if (chars(piece).length < 2) { return false; }
    if (isCertificate(core) || isCertificate(piece)) { return isCertificate(piece); }
    var c = chars(simplify(core));
    return c.length >= 2 && endsWithAny(simplify(piece), [c.slice(-2).join("")]);
  }
  function parseName(text) {
    var variants = [], core = text.replace(BRACKET, " ").trim();
    core = /[\u3400-\u9fff]/.test(core) ? core.replace(/\s+/g, "") : core.replace(/\s+/g, " ");
    if (!core) { return {core: text.trim(), variants: []}; }
    var m, re = new RegExp(BRACKET.source, "g");
    while ((m = re.exec(text)) !== null) {
      var inner = m[1].trim();
      if (!inner || startsWithAny(simplify(inner), E.qualifier_cues)) { continue; }
      var cover = "";
      E.cover_cues.some(function (c) { if (inner.indexOf(c) === 0) { cover = c; return true; } return false; });
      var pieces = inner.slice(cover.length).split(PIECE_SEP).map(function (p) { return p.trim().replace(ETC, "").trim(); })
        .filter(function (p) { return p; });
      var named = pieces.filter(function (p) { return nameLike(p, core); });
      if ((cover && named.length === pieces.length) || (named.length && named.length === pieces.length)) {
        pieces.forEach(function (p) { if (variants.indexOf(p) < 0 && p !== core) { variants.push(p); } });
      }
    }
    return {core: core, variants: variants};
  }
  function stripWords(text) {
    var original = text, changed = true, i;
    while (changed && chars(text).length > 2) {
      changed = false;
      for (i = 0; i < E.leading.length; i++) {
        var verb = E.leading[i];
        if (text.indexOf(verb) === 0 && chars(text).length - chars(verb).length >= 2) {
          text = text.slice(verb.length); changed = true; break;
        }
      }
      for (i = 0; i < E.trailing.length; i++) {
        var word = E.trailing[i];
        if (endsWithAny(text, [word]) && chars(text).length - chars(word).length >= 2) {
          text = text.slice(0, text.length - word.length); changed = true; break;
        }
      }
    }
    return isCertificate(text) ? text : original;
  }
  function derivedKeys(text) {
    var name = parseName(text), out = [], own = key(text);
    [name.core].concat(name.variants).forEach(function (candidate) {
      var k = key(candidate);
      [k, stripWords(k)].forEach(function (form) {
        var clause = CLAUSE.exec(form);
        var named = clause ? [clause[1] + "证明", clause[1] + (clause[2] || "") + "证明"] : [];
        [form].concat(named).forEach(function (found) {
          if (found && found !== own && out.indexOf(found) < 0 && chars(found).length >= E.min_derived &&
              E.generic.indexOf(found) < 0) { out.push(found); }
        });
      });
    });
    return out;
  }
  function queryKeys(text) { var own = key(text); return own ? [own].concat(derivedKeys(text)) : []; }

  /* ---- similarity (rapidfuzz's Indel ratio) and typos (Levenshtein) ---- */
  function ratio(a, b) {
    var x = chars(a), y = chars(b);
    if (!x.length && !y.length) { return 100; }
    var prev = new Array(y.length + 1).fill(0), cur, i, j;
    for (i = 1; i <= x.length; i++) {
      cur = [0];
      for (j = 1; j <= y.length; j++) {
        cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      prev = cur;
    }
    return 100 * 2 * prev[y.length] / (x.length + y.length);
  }
  function round1(v) { return Math.round(v * 10) / 10; }
  function levenshtein(a, b) {
    var x = chars(a), y = chars(b), prev = [], cur, i, j;
    for (j = 0; j <= y.length; j++) { prev[j] = j; }
    for (i = 1; i <= x.length; i++) {
      cur = [i];
      for (j = 1; j <= y.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[y.length];
  }
  function isAbbreviation(a, b) {
    var x = chars(a), y = chars(b);
    var short = x.length <= y.length ? x : y, long = x.length <= y.length ? y : x;
    if (short.length < E.typo_min || short.length === long.length ||
        short.slice(-2).join("") !== long.slice(-2).join("")) { return false; }
    var at = 0;
    for (var i = 0; i < long.length && at < short.length; i++) { if (long[i] === short[at]) { at++; } }
    return at === short.length;
  }
  function typoLimit(length) { return length < E.typo_min ? 0 : length <= 8 ? 1 : 2; }
  function isTypo(a, b) {
    var limit = typoLimit(Math.min(chars(a).length, chars(b).length));
    return limit > 0 && a !== b && levenshtein(a, b) <= limit;
  }

  /* ---- grades: qingdan.text.grade and qingdan.admission.find.score ---- */
  var G = {};
  E.grades.forEach(function (g, i) { G[g] = i; });
  function decides(g) { return E.verdict_grades.indexOf(E.grades[g]) >= 0; }

  function grade(query, keys, cores) {
    var every = keys.concat(cores), n, q;
    for (n = 0; n < every.length; n++) {
      if (every[n] && query.indexOf(every[n]) >= 0) { return [n === 0 ? 0 : n < keys.length ? 1 : 2, 100, n]; }
    }
    var best = null;
    for (var qi = 0; qi < query.length; qi++) {
      q = query[qi];
      for (n = 0; n < every.length; n++) {
        var k = every[n];
        if (!k) { continue; }
        var score = round1(ratio(q, k)), found;
        if ((chars(q).length >= E.min_contained && k.indexOf(q) >= 0) ||
            (chars(k).length >= E.min_containing && q.indexOf(k) >= 0)) { found = [G.contains, score, n]; }
        else if (isTypo(q, k)) { found = [G.typo, score, n]; }
        else if (score >= data.threshold || isAbbreviation(q, k)) { found = [G.similar, score, n]; }
        else { continue; }
        if (best === null || found[0] < best[0] || (found[0] === best[0] && found[1] > best[1])) { best = found; }
      }
    }
    return best;
  }
  function score(query, item) {
    var found = grade(query, item.k, item.c);
    if (found !== null && decides(found[0])) { return found.concat([""]); }
    for (var i = 0; i < query.length; i++) {
      var pairs = data.synonyms[query[i]] || [];
      for (var p = 0; p < pairs.length; p++) {
        var hit = grade(pairs[p][2], item.k, item.c);
        if (hit !== null && decides(hit[0])) { return [G.synonym, 100, hit[2], pairs[p][0]]; }
      }
    }
    return found === null ? null : found.concat([""]);
  }
  function today() {
    var d = new Date(), m = String(d.getMonth() + 1), day = String(d.getDate());
    return d.getFullYear() + "-" + (m.length < 2 ? "0" + m : m) + "-" + (day.length < 2 ? "0" + day : day);
  }
  function cmp(a, b) {
    for (var i = 0; i < a.length; i++) {
      if (a[i] < b[i]) { return -1; }
      if (a[i] > b[i]) { return 1; }
    }
    return 0;
  }

  /* The answer to one question, as `qingdan find TEXT --in PLACE --format json` gives it. */
  function find(text, place) {
    var query = queryKeys(text);
    if (!query.length) { return null; }
    var chain = place.chain, day = today(), scored = [];
    chainItems(chain).forEach(function (item) {
      var at = chain.indexOf(item.j);
      if (at < 0) { return; }
      var hit = score(query, item);
      if (hit === null) { return; }
      scored.push({order: [hit[0], -hit[1], chain.length - 1 - at, data.kinds.indexOf(item.kind), item.id], item: item,
        hit: hit});
    });
    scored.sort(function (a, b) { return cmp(a.order, b.order); });
    var matches = scored.slice(0, 12).map(function (s) {
      var names = [s.item.n].concat(s.item.a);
      return {item: s.item, how: E.grades[s.hit[0]], decides: decides(s.hit[0]), similarity: round1(s.hit[1]),
        matched: s.hit[2] < names.length ? names[s.hit[2]] : s.item.n, via: s.hit[3],
        since: s.item.since > day ? s.item.since : "", until: s.item.until};
    });
    var deciding = matches.filter(function (m) { return m.decides; });
    var out = {answer: matches.length ? "unknown" : "unlisted", since: "", until: "", matches: matches};
    if (!deciding.length) { return out; }
    if (deciding.some(function (m) { return m.item.s === "forbidden"; })) { out.answer = "forbidden"; return out; }
    out.answer = "allowed";
    var now = deciding.filter(function (m) { return !m.since; });
    if (now.length) {
      var ends = now.map(function (m) { return m.until; }).filter(function (u) { return u; }).sort();
      out.until = ends.length ? ends[0] : "";
    } else {
      out.since = deciding.map(function (m) { return m.since; }).sort()[0];
    }
    return out;
  }
  window.QINGDAN_FIND = find;

  /* ---- the page ---- */
  var input = document.getElementById("q");
  var select = document.getElementById("place");
  var verdictBox = document.getElementById("verdict");
  var results = document.getElementById("results");
  if (!input || !select) { return; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  var KIND = {certificates: "证明事项", negative: "负面清单", duties: "职责清单", seal: "用章范围"};
  function stanceWord(item) {
    if (item.kind === "certificates") { return item.s === "forbidden" ? "不得出具" : "可以出具"; }
    if (item.kind === "negative") { return "不得交给社区"; }
    return "社区职责";
  }
  function source(item) {
    return item.place + "《" + item.t + "》" + (item.d ? "（" + item.d + "）" : "");
  }
  function who(place) { return place.level === "community" ? place.name : place.name + "的社区"; }
  function how(m) {
    if (m.how === "alias") { return "（别名“" + m.matched + "”）"; }
    if (m.how === "core") { return "（按清单名称及其括号中列出的名称判断；括号中的用途、条件不影响判断）"; }
    if (m.how === "synonym") { return "（“" + m.via + "”即清单中的“" + m.matched + "”）"; }
    if (m.how === "contains") { return "（名称与所查文字互相包含，相似度 " + m.similarity + "）"; }
    if (m.how === "typo") { return "（名称只差一两个字，相似度 " + m.similarity + "，是否写错？）"; }
    if (m.how === "similar") { return "（名称相似，相似度 " + m.similarity + "）"; }
    return "";
  }

  function verdict(found, place, text) {
    var box = el("div", "answer " + found.answer);
    box.dataset.answer = found.answer;
    var first = found.matches.filter(function (m) { return m.decides; })[0];
    if (first) { box.dataset.id = first.item.id; box.dataset.how = first.how; }
    if (found.answer === "forbidden") {
      var f = found.matches.filter(function (m) { return m.decides && m.item.s === "forbidden"; })[0];
      box.dataset.id = f.item.id; box.dataset.how = f.how;
      box.appendChild(el("strong", null, f.item.kind === "certificates" ? "不得出具" : "不得交给社区"));
      box.appendChild(el("p", null, "“" + f.item.n + "”" + how(f) + "：" + who(place) +
        (f.item.kind === "certificates" ? "不得出具此证明。" : "不得承担此项工作。")));
      if (f.item.alt) { box.appendChild(el("p", "route", "替代方式：" + f.item.alt)); }
      box.appendChild(el("p", "source", "依据：" + source(f.item)));
    } else if (found.answer === "allowed") {
      var word = found.since ? "自 " + found.since + " 起可以" : "可以";
      box.appendChild(el("strong", null, word + (first.item.kind === "certificates" ? "出具" : "")));
      box.appendChild(el("p", null, "“" + first.item.n + "”" + how(first) + "：列在" + KIND[first.item.kind] + "中" +
        (found.until ? "，准入有效期至 " + found.until : "") + "。"));
      if (first.item.basis) { box.appendChild(el("p", "route", "设定依据：" + first.item.basis)); }
      box.appendChild(el("p", "source", "依据：" + source(first.item)));
    } else if (found.answer === "unknown") {
      box.appendChild(el("strong", null, "没有同名事项"));
      box.appendChild(el("p", null, "清单中没有“" + text + "”，不能据此答复。下面的相关事项名称不同，请核对后再答复，或咨询街道。"));
    } else {
      box.appendChild(el("strong", null, "未列入清单"));
      box.appendChild(el("p", null, "“" + text + "”不在" + place.name +
        "适用的清单中。未列入清单的证明事项，社区原则上不予出具；请向要求提供证明的单位确认是否确需此证明，或咨询社区。"));
    }
    return box;
  }

  function resultItem(m) {
    var li = el("li");
    li.dataset.id = m.item.id;
    li.dataset.how = m.how;
    li.appendChild(el("span", "badge " + m.item.s, m.decides ? stanceWord(m.item) : "请核对"));
    var a = el("a", "name", m.item.n);
    a.href = "list/" + m.item.l + ".html#item-" + m.item.id;
    li.appendChild(a);
    li.appendChild(el("span", "how", how(m)));
    if (m.item.a.length) { li.appendChild(el("div", "aliases", "包含：" + m.item.a.join("、"))); }
    if (m.decides && m.item.alt) { li.appendChild(el("p", "route", "替代方式：" + m.item.alt)); }
    li.appendChild(el("div", "source", stanceWord(m.item) + " · " + source(m.item)));
    return li;
  }

  function render() {
    var text = input.value.trim();
    var place = places[select.value] || {name: "", chain: []};
    verdictBox.textContent = "";
    results.textContent = "";
    if (missing(place.chain).length) { load(place.chain, render); return; }
    var found = text ? find(text, place) : null;
    if (!found) { return; }
    verdictBox.appendChild(verdict(found, place, text));
    var related = found.matches.filter(function (m) { return !m.decides; });
    var also = found.matches.filter(function (m) { return m.decides; }).slice(1);
    also.forEach(function (m) { results.appendChild(resultItem(m)); });
    if (related.length) {
      var head = el("li", "related-head", "相关事项，请核对（名称不同，不作为答复）：");
      results.appendChild(head);
      related.forEach(function (m) { results.appendChild(resultItem(m)); });
    }
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
