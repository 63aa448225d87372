// Titles and table headings break between words, never inside one (工|作, 清|单), on a phone too: the browser's
// own Chinese word breaker (Intl.Segmenter, ICU's dictionary) puts a <wbr> between words, and the element gets
// word-break: keep-all. Place names were marked whole when the site was built (<span class="name">); without
// this script a title still breaks anywhere but inside a place name.
(function () {
  "use strict";
  if (!window.Intl || !Intl.Segmenter) return;
  var words = new Intl.Segmenter("zh", {granularity: "word"});
  function split(node) {
    var parts = Array.from(words.segment(node.nodeValue), function (s) { return s.segment; });
    if (parts.length < 2) return;
    var out = document.createDocumentFragment();
    parts.forEach(function (part, i) {
      if (i) out.appendChild(document.createElement("wbr"));
      out.appendChild(document.createTextNode(part));
    });
    node.parentNode.replaceChild(out, node);
  }
  function walk(el) {
    Array.from(el.childNodes).forEach(function (child) {
      if (child.nodeType === 3) split(child);
      else if (child.nodeType === 1 && !child.classList.contains("name")) walk(child);
    });
  }
  document.querySelectorAll("h1, h2, h3, .matrix th").forEach(function (el) {
    walk(el);
    el.classList.add("by-words");
  });
})();
