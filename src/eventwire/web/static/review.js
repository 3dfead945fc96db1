// The review loop: posts corrections as JSON to /api/corrections and reloads.
// Written for eventwire; no libraries, so the page works offline.
(function () {
  "use strict";
  var statusBox = document.getElementById("review-status");
  var reviewer = document.getElementById("reviewer");
  var tokenInput = document.getElementById("token");
  if (reviewer) {
    reviewer.value = localStorage.getItem("eventwire.reviewer") || "";
    reviewer.addEventListener("change", function () { localStorage.setItem("eventwire.reviewer", reviewer.value); });
  }
  if (tokenInput) {
    tokenInput.value = sessionStorage.getItem("eventwire.token") || "";
    tokenInput.addEventListener("change", function () { sessionStorage.setItem("eventwire.token", tokenInput.value); });
  }

  function say(text, isError) {
    if (!statusBox) { return; }
    statusBox.textContent = text;
    statusBox.className = "review-status" + (isError ? " error" : "");
  }

  function post(url, payload) {
    var headers = { "Content-Type": "application/json" };
    if (tokenInput && tokenInput.value) { headers.Authorization = "Bearer " + tokenInput.value; }
    return fetch(url, { method: "POST", headers: headers, body: JSON.stringify(payload), credentials: "same-origin" })
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (body) {
          if (!r.ok) { throw new Error(body.error || body.detail && JSON.stringify(body.detail) || r.statusText); }
          return body;
        });
      });
  }

  function correct(payload) {
    var name = reviewer ? reviewer.value.trim() : "";
    if (!name) { say("Enter your name as reviewer first.", true); if (reviewer) { reviewer.focus(); } return; }
    payload.reviewer = name;
    say("Saving…");
    post("/api/corrections", payload)
      .then(function (saved) { say("Saved correction " + saved.id + "."); window.location.reload(); })
      .catch(function (err) { say("Not saved: " + err.message, true); });
  }

  // Only fields the reviewer actually changed are sent, so the audit trail stays exact.
  function changedFields(form, onlyChanged) {
    var changes = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name) { return; }
      var initial = el.tagName === "SELECT"
        ? (Array.prototype.find.call(el.options, function (o) { return o.defaultSelected; }) || {}).value
        : el.defaultValue;
      var value = el.value.trim();
      if (onlyChanged && value === (initial || "").trim()) { return; }
      if (value !== "") { changes[el.name] = value; }
    });
    return changes;
  }

  document.querySelectorAll("button[data-reject]").forEach(function (button) {
    button.addEventListener("click", function () {
      correct({ action: "reject", event_id: button.getAttribute("data-reject") });
    });
  });

  // The undo of "Mark wrong": a restore correction, kept in the audit trail like the reject.
  document.querySelectorAll("button[data-restore]").forEach(function (button) {
    button.addEventListener("click", function () {
      correct({ action: "restore", event_id: button.getAttribute("data-restore") });
    });
  });

  document.querySelectorAll("form.correction").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var action = form.getAttribute("data-action");
      var payload = { action: action, changes: changedFields(form, action === "modify") };
      if (action === "modify") {
        if (Object.keys(payload.changes).length === 0) { say("Nothing changed.", true); return; }
        payload.event_id = form.getAttribute("data-event-id");
      } else {
        payload.article_id = form.getAttribute("data-article-id");
      }
      correct(payload);
    });
  });

  var override = document.getElementById("override");
  if (override) {
    override.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var f = override.elements;
      var aliases = f.aliases.value.split(";").map(function (s) { return s.trim(); }).filter(Boolean);
      say("Saving…");
      post("/api/actor-overrides", {
        name: f.name.value.trim(), country: f.country.value.trim().toUpperCase() || null,
        sector: f.sector.value.trim().toUpperCase() || null, aliases: aliases
      }).then(function (r) { say("Saved to " + r.file + "; applies to the next ingest."); })
        .catch(function (err) { say("Not saved: " + err.message, true); });
    });
  }

  // Clicking an event card lights up its evidence in the text.
  document.querySelectorAll("li.event").forEach(function (li) {
    li.addEventListener("mouseenter", function () {
      document.querySelectorAll('mark.ev[data-events~="' + li.getAttribute("data-event-id") + '"]')
        .forEach(function (m) { m.classList.add("flash"); });
    });
    li.addEventListener("mouseleave", function () {
      document.querySelectorAll("mark.ev.flash").forEach(function (m) { m.classList.remove("flash"); });
    });
  });
})();
