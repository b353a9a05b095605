// Failed writes in the side panels (stance, frames, links, mentions, evidence, claim targets) behave
// as a failed span save does: the panel goes back to what the server last confirmed (a pressed
// button that was not saved never stays pressed), the banner says what was not saved, and offers
// Retry, plus "Log in again (new tab)" when the session ended. A retried write is sent again as it
// was, with the new session's CSRF token (annotate_saving.js fetches it before retrying).
(function () {
  "use strict";
  var layers = document.getElementById("layers");
  var page = window.annotator && window.annotator.page;
  if (!layers || !page || !page.addFailure) return;
  var words = JSON.parse(layers.dataset.words || "{}");
  var PANELS = ["stance-panel", "frames-panel", "links-panel", "mentions-panel", "link-choice", "claim-target"];
  var confirmed = {}; // panel id -> its HTML as the server last sent it

  function remember(id) {
    var el = document.getElementById(id);
    if (el) confirmed[id] = el.outerHTML;
  }

  function revert(id) {
    var el = document.getElementById(id);
    if (!el) return;
    if (id === "link-choice") { el.textContent = ""; return; } // a refused link leaves no choice open
    if (!confirmed[id]) return;
    var holder = document.createElement("template");
    holder.innerHTML = confirmed[id];
    var fresh = holder.content.firstElementChild;
    fresh.removeAttribute("hx-swap-oob");
    el.replaceWith(fresh);
    htmx.process(fresh);
    document.dispatchEvent(new CustomEvent("annotator:panel-reverted", { detail: { id: id } }));
  }

  function word(key, values) {
    return (words[key] || key).replace(/\{(\w+)\}/g, function (_m, name) { return values && values[name] ? values[name] : ""; });
  }

  function actorName(id) {
    var row = id && document.querySelector('.stance-row[data-actor="' + CSS.escape(id) + '"] .actor-name');
    return row ? row.textContent.trim() : "";
  }

  // What the write was, in the annotator's words: the banner lists it until it is saved or discarded.
  function describe(verb, path, values) {
    var actor = actorName(values.actor || values.focus);
    if (/\/evidence/.test(path)) return word("js_op_evidence", { actor: actor });
    if (/\/stances/.test(path)) return word(verb === "delete" ? "js_op_stance_clear" : "js_op_stance",
      { actor: actor || values.holder, value: words["js_" + values.value] || "" });
    if (/\/frames/.test(path)) return word("js_op_frame");
    if (/\/links\/choice/.test(path) || /\/links/.test(path)) return word(verb === "delete" ? "js_op_link_delete" : "js_op_link");
    if (/\/mentions|\/actor-proposals/.test(path)) return word("js_op_mention");
    if (/\/target/.test(path)) return word("js_op_target");
    return word("js_op_panel");
  }

  function valuesOf(config) {
    var values = {};
    if (config.formData) config.formData.forEach(function (value, key) { if (key !== "csrf_token") values[key] = value; });
    return values;
  }

  // Retries go out one after another: htmx keeps only the last of several requests from one element.
  var chain = Promise.resolve();
  function resend(verb, path, id, values) {
    chain = chain.then(function () {
      return htmx.ajax(verb, path, { target: "#" + id, swap: "outerHTML", values: values }).then(null, function () {});
    });
  }

  function failed(event, reachable) {
    var detail = event.detail;
    var target = detail.target;
    var id = target && target.id;
    if (PANELS.indexOf(id) < 0) {
      var elt = detail.elt;
      if (!(elt && elt.closest && layers.contains(elt))) return;
      id = (elt.closest("[id]") || {}).id;
    }
    var config = detail.requestConfig || {};
    var verb = config.verb || "get";
    var path = config.path || "";
    var values = valuesOf(config);
    var xhr = detail.xhr;
    var problem = reachable ? page.readProblem(xhr) : { message: "", field: null };
    var login = reachable && (xhr.status === 401 || (xhr.status === 400 && problem.field === "csrf_token"));
    var retry = !reachable || login || xhr.status >= 500;
    var reason = !reachable ? page.msg("unreachable") : login ? page.msg("session_ended")
      : xhr.status >= 500 ? page.msg("server_failed") : problem.message;
    revert(id);
    if (id === "link-choice" || id === "links-panel") {
      var choice = document.getElementById("link-choice");
      if (choice) choice.textContent = "";
      page.say(page.msg("hint_ready")); // the link hint ("choose the type") no longer applies
    }
    page.addFailure({ describe: describe(verb, path, values), reason: reason, login: login,
      retry: retry && PANELS.indexOf(id) >= 0 ? function () { resend(verb, path, id, values); } : null });
  }

  document.body.addEventListener("htmx:responseError", function (event) { failed(event, true); });
  document.body.addEventListener("htmx:sendError", function (event) { failed(event, false); });
  // What the server sent is what a failure goes back to: every swap of a panel, in band or not.
  document.body.addEventListener("htmx:afterSwap", function (event) {
    var id = event.detail.target && event.detail.target.id;
    if (PANELS.indexOf(id) >= 0) remember(id);
  });
  document.body.addEventListener("htmx:oobAfterSwap", function (event) {
    var id = event.detail.target && event.detail.target.id;
    if (PANELS.indexOf(id) >= 0) setTimeout(function () { remember(id); }, 0);
  });
  PANELS.forEach(remember);
})();
