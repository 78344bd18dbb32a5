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
  // After an action swaps the complaint panel, move focus to it so screen readers and
  // keyboard users land on the result (the message, then the new state).
  document.addEventListener("htmx:afterSwap", function (event) {
    var swapped = document.getElementById("complaint");
    if (swapped && event.detail.target && event.detail.target.id === "complaint") {
      swapped.focus();
    }
  });
})();
