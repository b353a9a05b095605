// Saving on the annotation page: changes are queued and sent one at a time, in order, through
// htmx; each answer is the paragraph it touched, swapped in place. A change that fails is never
// dropped: it stays listed in the banner until the annotator retries it, logs in again (in a new
// tab, without leaving the page) or discards it.
(function () {
  "use strict";
  window.annotator = window.annotator || {};

  // hooks: msg(key, values) for words in the interface language; swapped(index) after a paragraph
  // is redrawn; saved() after a change is saved; focus() to give the text its focus back.
  window.annotator.createSaver = function (root, hooks) {
    var msg = hooks.msg;
    var banner = document.getElementById("banner");
    var doc = document.getElementById("doc"); // the source of every request: it is never swapped
    var queue = [];
    var inFlight = null;
    var failures = []; // {describe, reason, op?, retry?, login?}

    // --- changes: queued, sent one by one, never dropped ---------------------------------------
    function enqueue(op) { queue.push(op); pump(); }

    function pump() {
      if (inFlight || !queue.length) return;
      var op = inFlight = queue.shift();
      var xhr = null;
      htmx.ajax(op.method, op.url, {
        source: doc, target: doc, swap: "none", values: op.values,
        handler: function (_elt, info) { xhr = info.xhr; }
      }).then(function () { settle(op, xhr); }, function () { settle(op, null); });
    }

    function settle(op, xhr) {
      inFlight = null;
      if (!xhr || xhr.status === 0) {
        fail(op, msg("unreachable"), { retry: true });
      } else if (xhr.status >= 200 && xhr.status < 300) {
        swapParagraph(op.paragraph, xhr.responseText);
        if (op.done) op.done(xhr);
        hooks.saved();
      } else {
        var problem = readProblem(xhr);
        if (xhr.status === 401 || (xhr.status === 400 && problem.field === "csrf_token")) {
          fail(op, msg("session_ended"), { retry: true, login: true });
          while (queue.length) fail(queue.shift(), msg("not_sent"), { retry: true, login: true });
        } else if (xhr.status === 409 && /class="para\b/.test(xhr.responseText)) {
          swapParagraph(op.paragraph, xhr.responseText);
          fail(op, problem.message + " " + msg("fresh_paragraph"), {});
        } else if (xhr.status >= 500) {
          fail(op, msg("server_failed"), { retry: true });
        } else {
          fail(op, problem.message, {});
        }
      }
      pump();
    }

    function readProblem(xhr) {
      var header = xhr.getResponseHeader("X-Problem");
      try {
        if (header) { var parsed = JSON.parse(header); return { message: parsed.error, field: parsed.field }; }
        if (/json/.test(xhr.getResponseHeader("Content-Type") || "")) {
          var body = JSON.parse(xhr.responseText);
          return { message: body.error, field: body.field };
        }
      } catch (e) { /* fall through to the HTML problem */ }
      var box = new DOMParser().parseFromString(xhr.responseText || "", "text/html").querySelector(".problem");
      if (box) return { message: box.textContent.replace(/\s+/g, " ").trim(), field: box.dataset.field || null };
      return { message: msg("server_failed"), field: null };
    }

    function swapParagraph(index, html) {
      var old = document.getElementById("p-" + index);
      var holder = document.createElement("template");
      holder.innerHTML = html;
      var fresh = holder.content.querySelector(".para");
      if (!old || !fresh) return;
      old.replaceWith(fresh);
      htmx.process(fresh);
      hooks.swapped(index);
    }

    function refreshParagraph(index) {
      return fetch(root.dataset.paragraphUrl.replace(/\/0$/, "/" + index), { headers: { "HX-Request": "true" }, credentials: "same-origin" })
        .then(function (response) { if (response.ok) return response.text().then(function (html) { swapParagraph(index, html); }); });
    }

    // --- the banner: what was not saved, until the annotator acts --------------------------------
    function fail(op, reason, how) {
      failures.push({ describe: op.describe, reason: reason, op: how.retry ? op : null, login: !!how.login });
      renderBanner();
    }

    function showBanner(message, retryFn) {
      failures.push({ describe: message, reason: "", retry: retryFn || null });
      renderBanner();
    }

    function button(text, action, cls) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = text; b.dataset.bannerAction = action;
      if (cls) b.className = cls;
      return b;
    }

    function renderBanner() {
      banner.textContent = "";
      if (!failures.length) { banner.hidden = true; return; }
      var retryable = failures.some(function (f) { return f.op || f.retry; });
      var title = document.createElement("strong");
      title.textContent = failures.length === 1 ? msg("not_saved") : msg("n_not_saved", { n: failures.length });
      var list = document.createElement("ul");
      failures.forEach(function (f) {
        var item = document.createElement("li");
        item.textContent = f.describe + (f.reason ? " — " + f.reason : "");
        list.appendChild(item);
      });
      var actions = document.createElement("p");
      actions.className = "banner-actions";
      if (failures.some(function (f) { return f.login; })) {
        var login = document.createElement("a");
        login.href = root.dataset.loginUrl; login.target = "_blank"; login.rel = "opener";
        login.className = "button"; login.textContent = msg("login_again"); login.dataset.bannerAction = "login";
        actions.appendChild(login);
      }
      if (retryable) actions.appendChild(button(msg("retry"), "retry", "primary"));
      actions.appendChild(button(retryable ? msg("discard") : msg("dismiss"), "dismiss"));
      banner.append(title, list, actions);
      banner.hidden = false;
    }

    banner.addEventListener("click", function (event) {
      var action = event.target.dataset && event.target.dataset.bannerAction;
      if (action === "dismiss") { failures = []; renderBanner(); hooks.focus(); }
      if (action === "retry") retryAll();
    });

    function retryAll() {
      var again = failures.filter(function (f) { return f.op || f.retry; });
      failures = failures.filter(function (f) { return !(f.op || f.retry); });
      renderBanner();
      // The page's CSRF token died with the old session: fetch the new session's token first.
      fetch(root.dataset.tokenUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.json();
        })
        .then(function (body) {
          document.querySelector('meta[name="csrf-token"]').setAttribute("content", body.csrf_token);
          again.forEach(function (f) { if (f.op) enqueue(f.op); else f.retry(); });
        }, function () {
          again.forEach(function (f) { failures.push({ describe: f.describe, reason: msg("still_logged_out"),
            op: f.op, retry: f.retry, login: true }); });
          renderBanner();
        });
    }

    window.addEventListener("beforeunload", function (event) {
      if (failures.some(function (f) { return f.op || f.retry; }) || queue.length || inFlight) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    return {
      enqueue: enqueue,
      showBanner: showBanner,
      refreshParagraph: refreshParagraph,
      readProblem: readProblem,
      addFailure: function (failure) { failures.push(failure); renderBanner(); }
    };
  };
})();
