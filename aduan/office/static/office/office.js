// Office pages: small helpers, no build step.
(function () {
  "use strict";
  // Answer templates: put the chosen template's text into the answer field.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert-template]");
    if (!button) return;
    var select = document.getElementById(button.dataset.insertTemplate);
    var target = document.getElementById(button.dataset.target);
    var template = select && document.getElementById("answer-template-" + select.value);
    if (!template || !target) return;
    var text = template.content.textContent.trim();
    target.value = target.value.trim() ? target.value.replace(/\s*$/, "\n\n") + text : text;
    target.focus();
  });

  // When a swap replaces the very control the user activated (a button in the complaint
  // panel, "Halaman berikutnya" in a queue), focus falls to <body>: move it to the result,
  // which htmx leaves where the old scroll position puts it (on a phone, thousands of px
  // away). Swaps started from outside (the queue filters) leave focus where the user is.
  document.addEventListener("htmx:afterSwap", function (event) {
    var land = window.aduan.land; // web/static/aduan/focus.js, loaded first by web/base.html
    var swapped = event.target;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (!source || document.body.contains(source)) return;
    if (swapped.id === "complaint") {
      // Rejected: the first invalid field, shown with its label and error (role=alert, and
      // read again with the field through aria-describedby); else a form-wide error; else
      // the outcome message (role=status); else the complaint's title.
      var invalid = swapped.querySelector("[aria-invalid='true']");
      if (invalid) return land(invalid.closest(".field") || invalid, invalid);
      var result =
        swapped.querySelector(".errors") || swapped.querySelector(".messages") || swapped.querySelector("h1");
      if (result) land(result);
    } else if (swapped.id === "queue") {
      // Next page: the first new row's link (or the empty/error note).
      var row = swapped.querySelector(".queue .item");
      if (row) return land(row, row.querySelector("a[href]") || row);
      var note = swapped.querySelector(".errors, .empty");
      if (note) land(note);
    }
  });
})();
