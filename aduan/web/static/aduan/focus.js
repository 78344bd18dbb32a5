// Full page loads: take the reader to what the server just said. No build step, no library.
(function () {
  "use strict";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]";

  // Bring `show` into view and focus `focus` (default: the same element); office.js uses it
  // after htmx swaps too. Focus with preventScroll so our "start" alignment wins; tabindex=-1
  // lets script focus an element that is not a control without adding a Tab stop.
  function land(show, focus) {
    focus = focus || show;
    var details = show.closest("details"); // e.g. the feed's filter box
    if (details) details.open = true;
    show.scrollIntoView({ block: "start" });
    if (!focus.matches(FOCUSABLE)) focus.setAttribute("tabindex", "-1");
    focus.focus({ preventScroll: true });
  }
  window.aduan = { land: land };

  // A rejected form renders the whole page again, scrolled to the top with focus on <body>:
  // on a phone the error can be a thousand px below the fold, and a role=alert or role=status
  // already in the page at load is not announced. The templates mark such places data-land:
  // errors (data-land="error": an error summary, else an invalid field) before the outcome
  // message of a post/redirect/get. Focusing the first is what gets it seen and read.
  // Without JS nothing moves; the message is still first in <main>, where the skip link goes.
  var target = document.querySelector("[data-land='error']") || document.querySelector("[data-land]");
  if (target) {
    var control = target.classList.contains("field") && target.querySelector("[aria-invalid='true']");
    land(target, control || target);
  }

  // Error summary links: a plain #id jump scrolls the control to the very top, hiding its label
  // (on a phone also the legend of a radio group), and does not focus it. Show the whole field
  // and focus the control, so its label and error are read with it.
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".error-summary a[href^='#']");
    var control = link && document.getElementById(link.hash.slice(1));
    if (!control) return;
    event.preventDefault();
    land(control.closest(".field") || control, control);
  });
})();
