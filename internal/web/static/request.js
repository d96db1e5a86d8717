// Applications for information: progressive enhancement only; every form works without it.
// 1. The application form's proof: solve the signed hashcash puzzle in the background, so that
//    the arithmetic question becomes optional. Needs nothing from the applicant.
// 2. The reply form: offer only the sub-reasons of the chosen reply type.
(function () {
  var pow = document.querySelector("input[name=pow]");
  var out = document.querySelector("input[name=pow_nonce]");
  if (pow && out && window.crypto && crypto.subtle && window.TextEncoder && window.Promise) {
    var bits = parseInt(pow.getAttribute("data-bits"), 10) || 16;
    var enc = new TextEncoder();
    var zeroBits = function (h) {
      var n = 0;
      for (var i = 0; i < h.length; i++) {
        if (h[i] === 0) { n += 8; continue; }
        for (var b = h[i]; (b & 0x80) === 0; b <<= 1) n++;
        break;
      }
      return n;
    };
    var next = 0;
    var step = function () {
      var batch = [];
      for (var i = 0; i < 512; i++) batch.push(crypto.subtle.digest("SHA-256", enc.encode(pow.value + ":" + (next + i))));
      Promise.all(batch).then(function (hashes) {
        for (var i = 0; i < hashes.length; i++) {
          if (zeroBits(new Uint8Array(hashes[i])) >= bits) {
            out.value = String(next + i);
            var answer = document.getElementById("answer");
            if (answer) answer.required = false;
            var done = document.querySelector(".pow-done");
            if (done) done.hidden = false;
            return;
          }
        }
        next += hashes.length;
        if (next < 1 << 26) setTimeout(step, 0);
      }).catch(function () {});
    };
    step();
  }

  var reason = document.querySelector("select[data-type-select]");
  var type = reason && document.getElementById(reason.getAttribute("data-type-select"));
  if (reason && type) {
    var sync = function () {
      var groups = reason.querySelectorAll("optgroup");
      for (var i = 0; i < groups.length; i++) {
        var on = groups[i].getAttribute("data-type") === type.value;
        groups[i].hidden = !on;
        groups[i].disabled = !on;
      }
      var sel = reason.options[reason.selectedIndex];
      if (sel && sel.parentNode.disabled) reason.value = "";
    };
    type.addEventListener("change", sync);
    sync();
  }
})();
