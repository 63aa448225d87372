// The index's place finder: a community, street or district by name or pinyin (full or initials), offline.
// window.QINGDAN_PLACES rows: [code, name, level, names above, pinyin, initials]. Results are links, as text.
(function () {
  "use strict";
  var box = document.getElementById("place-q"), hits = document.getElementById("place-hits");
  var status = document.getElementById("place-status");
  var places = window.QINGDAN_PLACES || [];
  if (!box || !hits) return;
  var LIMIT = 20;
  function norm(s) { return (s || "").toLowerCase().replace(/[\s\u3000·・]/g, ""); }
  function rank(p, q) {
    var name = norm(p[1]);
    if (name === q) return 0;
    if (name.indexOf(q) === 0) return 1;
    if (name.indexOf(q) > 0) return 2;
    if (p[5].indexOf(q) === 0) return 3;
    if (p[4].indexOf(q) === 0) return 4;
    if (p[5].indexOf(q) > 0 || p[4].indexOf(q) > 0) return 5;
    return -1;
  }
  function find(text) {
    var q = norm(text), found = [];
    if (!q) return found;
    for (var i = 0; i < places.length; i++) {
      var r = rank(places[i], q);
      if (r >= 0) found.push([r, i]);
    }
    found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    return found.map(function (f) { return places[f[1]]; });
  }
  function show() {
    var found = find(box.value);
    hits.textContent = "";
    found.slice(0, LIMIT).forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "place/" + p[0] + ".html";
      a.textContent = p[1];
      li.appendChild(a);
      var where = document.createElement("span");
      where.className = "level";
      where.textContent = " " + p[2] + (p[3] ? " · " + p[3] : "");
      li.appendChild(where);
      hits.appendChild(li);
    });
    // said by a screen reader (role="status"): how many, and which one Enter opens
    if (status) {
      status.textContent = !box.value ? "" : !found.length ? "没有找到名称或拼音为“" + box.value + "”的区划" :
        "找到 " + found.length + " 个区划，第一个是" + found[0][1] + "（" + found[0][2] + (found[0][3] ? "，" + found[0][3] : "") + "），按回车键打开";
    }
    if (box.value && !found.length) {
      var none = document.createElement("li");
      none.textContent = "没有找到名称或拼音为“" + box.value + "”的区划";
      hits.appendChild(none);
    } else if (found.length > LIMIT) {
      var more = document.createElement("li");
      more.textContent = "另有 " + (found.length - LIMIT) + " 个，请多输入几个字";
      hits.appendChild(more);
    }
  }
  box.addEventListener("input", show);
  box.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var first = hits.querySelector("a");
      if (first) window.location.href = first.getAttribute("href");
    }
  });
  window.QINGDAN_FIND_PLACE = find;  // for tests
  if (box.value) show();
})();
