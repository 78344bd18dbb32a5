// The submit form's draft and its place pickers. No build step, no library: plain JS and the
// htmx already on the page. Without JS the form works as before; this only saves typing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-draft]");
  if (!form) return;
  // sessionStorage, not localStorage: the draft (name, phone, what happened) lives in this
  // tab only and is gone when the tab closes, so it does not linger on a shared device.
  var KEY = "aduan-draft:" + location.pathname;
  // Never stored: the CSRF token and the form's one-time token (hidden), passwords, and files
  // (a browser cannot put a chosen file back into an input).
  var SKIP = /^(hidden|file|password|submit|button|reset|image)$/;
  // A draft older than this is dropped: on a shared device the next person in the same tab
  // should not meet the last one's report.
  var MAX_AGE_MS = 60 * 60 * 1000;

  function storage() {
    try {
      return window.sessionStorage;
    } catch (e) {
      return null; // storage blocked: no draft, the form still works
    }
  }

  function stored() {
    try {
      return JSON.parse(storage().getItem(KEY)) || {};
    } catch (e) {
      return {};
    }
  }

  function read() {
    var draft = stored();
    return draft.fields && Date.now() - (draft.at || 0) < MAX_AGE_MS ? draft : null;
  }

  function save() {
    var fields = {};
    var files = false;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) return;
      if (el.type === "file") files = files || el.files.length > 0;
      if (SKIP.test(el.type)) return;
      if (el.type === "checkbox") {
        // Kept as the list of ticked values, so an unticked box is restored unticked too.
        fields[el.name] = (fields[el.name] || []).concat(el.checked ? [el.value] : []);
      } else if (el.type === "radio") {
        if (el.checked || !(el.name in fields)) fields[el.name] = el.checked ? el.value : "";
      } else {
        fields[el.name] = el.value;
      }
    });
    try {
      storage().setItem(KEY, JSON.stringify({ fields: fields, files: files, at: Date.now() }));
    } catch (e) {
      /* full or blocked: the draft is a convenience */
    }
  }

  // Sent: a mark instead of the draft. A Back from the confirmation has the browser fill the
  // sent report in again; it must not become the draft a later visit restores and sends twice.
  function markSent() {
    try {
      storage().setItem(KEY, JSON.stringify({ sent: true }));
    } catch (e) {
      /* storage blocked: there is no draft to keep either */
    }
  }

  // Set a select only to a value it offers: an unknown value would blank it (selectedIndex -1).
  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) {
        select.value = value;
        return;
      }
    }
  }

  // Nothing typed or chosen yet: every control as the server rendered it. A Back or a reload
  // has the browser put the citizen's values back; those are newer than any draft.
  function pristine() {
    return Array.prototype.every.call(form.elements, function (el) {
      if (!el.name || SKIP.test(el.type)) return true;
      if (el.type === "checkbox" || el.type === "radio") return el.checked === el.defaultChecked;
      if (el.tagName === "SELECT") {
        return Array.prototype.every.call(el.options, function (o, i) {
          var byDefault = o.defaultSelected || (i === 0 && !el.querySelector("option[selected]"));
          return o.selected === byDefault;
        });
      }
      return el.value === el.defaultValue;
    });
  }

  function restore(draft) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP.test(el.type) || !(el.name in draft.fields)) return;
      var value = draft.fields[el.name];
      if (el.type === "checkbox") el.checked = value.indexOf(el.value) >= 0;
      else if (el.type === "radio") el.checked = el.value === value;
      else if (el.tagName === "SELECT") choose(el, value);
      else el.value = value;
    });
  }

  // Ask htmx for a picker's next level the way a pick does (its own hx-get, hx-vals and
  // hx-sync), and wait for the answer. afterRequest comes after the swap, and also after an
  // error or abort, so the chain stops rather than waits forever.
  function load(select) {
    return new Promise(function (resolve) {
      select.addEventListener("htmx:afterRequest", resolve, { once: true });
      window.htmx.trigger(select, "change", { draftRefill: true });
    });
  }

  // The pickers are chained: a level's options arrive (htmx) only after the level above is
  // chosen. After a Back, a reload or a draft restore, a level can show a value while the
  // next holds only its placeholder, and choosing the same value again fires no change: the
  // citizen would be stuck. So walk down the chain, load each missing level, and put back the
  // value it should have: what it shows now, else the draft's if the draft is the same place
  // above it (the browser cannot restore a value its list did not have yet).
  function refillRegions(draft) {
    var selects = form.querySelectorAll("select.region-select");
    var wanted = [];
    var sameAsDraft = !!draft;
    Array.prototype.forEach.call(selects, function (s) {
      var saved = sameAsDraft ? draft.fields[s.name] || "" : "";
      wanted.push(s.value || saved);
      sameAsDraft = sameAsDraft && saved === (s.value || saved);
    });
    var step = Promise.resolve();
    Array.prototype.forEach.call(selects, function (select, i) {
      var next = selects[i + 1];
      if (!next || !window.htmx || !select.hasAttribute("hx-get")) return;
      step = step.then(function (more) {
        if (more === false || !select.value) return false;
        var ready = next.options.length > 1 ? null : load(select);
        return Promise.resolve(ready).then(function () {
          if (!next.value && wanted[i + 1]) choose(next, wanted[i + 1]);
        });
      });
    });
    return step;
  }

  var hint = form.querySelector("[data-draft-files]");
  function start(draft, mayRestore) {
    if (mayRestore && draft && pristine()) restore(draft);
    // Files cannot come back: say so when the citizen had chosen some.
    var chosen = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (f) {
      return f.files.length > 0;
    });
    if (hint && draft && draft.files && !chosen) hint.hidden = false;
    refillRegions(draft).then(function () {
      // The draft now matches the screen, including a form the server sent back with errors;
      // but not a sent report the browser filled in again (only what the citizen types next).
      if (form.dataset.draft !== "fresh" || !(pristine() || wasSent)) save();
    });
  }

  form.addEventListener("input", save);
  form.addEventListener("change", function (event) {
    if (!(event.detail && event.detail.draftRefill)) save();
  });
  // If the server finds errors it renders the fields again and start() saves them anew.
  form.addEventListener("submit", markSent);

  // Restore only into the form of a plain GET (data-draft="fresh"), and only when nothing is
  // in it: a form the server sent back after an error shows what was posted, and after a
  // Back or a reload the browser's own restored values are the citizen's latest.
  var draft = read();
  var wasSent = !!stored().sent;
  var started = false;
  function go() {
    if (started) return;
    started = true;
    start(draft, form.dataset.draft === "fresh");
  }
  // Chromium puts a Back's or a reload's values back only after "load", just before
  // "pageshow": start there, or pristine() would be wrong and the pickers look empty. On a
  // plain navigation there is nothing to wait for: start at DOMContentLoaded, so the draft is
  // back before the page shows. Both come after htmx has wired the pickers (its handler for
  // DOMContentLoaded was added first: its script comes earlier in the page).
  var nav = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")[0]
    : null;
  if (!nav || (nav.type !== "back_forward" && nav.type !== "reload")) {
    document.addEventListener("DOMContentLoaded", go);
  }
  window.addEventListener("pageshow", function (event) {
    // A page kept whole in the back/forward cache runs no script again: only the chain may
    // need loading.
    if (event.persisted) refillRegions(read());
    else go();
  });
})();
