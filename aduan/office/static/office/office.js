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

  // A filter request swaps the queue and, out of band, the notes beside the filter fields
  // (office/_filter_error.html), never the fields: one being typed in would lose its place
  // (a date field sends "change" at each digit of the year). Mark them here instead, as a
  // full page load does.
  function markFilterErrors() {
    var notes = document.querySelectorAll(".filters-card .errorlist[id$='_error']");
    Array.prototype.forEach.call(notes, function (note) {
      var field = document.getElementById(note.id.slice(0, -"_error".length));
      if (!field) return;
      if (note.textContent.trim()) {
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("aria-describedby", note.id);
      } else {
        field.removeAttribute("aria-invalid");
        if (field.getAttribute("aria-describedby") === note.id) field.removeAttribute("aria-describedby");
      }
    });
  }

  // When a swap replaces the very control the user activated (a button in the complaint
  // panel, "Halaman berikutnya" in a queue), focus falls to <body>: move it to the result,
  // which htmx leaves where the old scroll position puts it (on a phone, thousands of px
  // away). Swaps started from outside (the queue filters) leave focus where the user is.
  document.addEventListener("htmx:afterSwap", function (event) {
    var land = window.aduan.land; // web/static/aduan/focus.js, loaded first by web/base.html
    var swapped = event.target;
    if (swapped.id === "queue") markFilterErrors();
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
