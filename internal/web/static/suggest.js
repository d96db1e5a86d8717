// Title suggestions while typing in the search box: progressive enhancement; the form works
// without it.
(function () {
  var input = document.querySelector("input[data-suggest]");
  if (!input || !window.fetch) return;
  var list = document.getElementById(input.getAttribute("list"));
  var timer = null, last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      last = q;
      fetch(input.getAttribute("data-suggest") + "?q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) {
          while (list.firstChild) list.removeChild(list.firstChild);
          data.suggestions.forEach(function (s) {
            var o = document.createElement("option");
            o.value = s.title;
            list.appendChild(o);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();
