// The live session page: renders the session's state and sends the user's actions over
// Socket.IO. It holds no truth of its own: every change comes back from the server as
// "state" (parts of it), and a reconnect fetches everything again.
(function () {
  "use strict";
  var root = document.getElementById("live");
  if (!root || typeof window.io === "undefined") { return; }
  var sessionId = parseInt(root.getAttribute("data-session"), 10);
  var T = JSON.parse(document.getElementById("live-strings").textContent);
  var S = JSON.parse(document.getElementById("live-state").textContent);
  // What this person may do (S.may) comes from the server's policy, computed for them and re-sent
  // when it changes: the page shows a control only where the server would accept it.
  var me = { user: null, motion: null, vote: null };
  var socket = window.io("/live", { transports: ["websocket", "polling"] });

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function fmt(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, k) { return values[k]; });
  }
  // Counted phrases come from the server's ngettext as [one, other] (see sessions/labels.py).
  function plural(key, n, values) {
    var v = { num: n };
    Object.keys(values || {}).forEach(function (k) { v[k] = values[k]; });
    return fmt(T.plurals[key][n === 1 ? 0 : 1], v);
  }
  function moment(iso) {  // in the platform's zone and the page's language, the zone named, as the server writes it
    return new Date(iso).toLocaleString(document.documentElement.lang || undefined,
                                        { timeZone: T.zone, dateStyle: "medium", timeStyle: "short" }) +
      " (" + T.zone_name + ")";
  }
  function optionLabel(motion, option) { return motion.yes_no ? (T.options[option] || option) : option; }
  function myRow() {
    return (S.attendance.members || []).filter(function (m) { return m.user === me.user; })[0] || null;
  }

  function send(event, payload, done) {
    payload = payload || {};
    payload.session = sessionId;
    socket.emit(event, payload, function (ack) {
      if (ack && ack.ok) { clearError(event); }
      if (done) { done(ack); }
    });
  }

  // A refusal shows next to the control that asked, until that control succeeds.
  function slotFor(event) {
    return (event && document.querySelector('[data-error-for~="' + event + '"]')) || $("errors");
  }
  function showError(message, event) {
    var box = slotFor(event);
    box.textContent = message;
    box.hidden = false;
  }
  function clearError(event) {
    var box = slotFor(event);
    if (box.id !== "errors") { box.hidden = true; box.textContent = ""; }
  }

  function renderHeader() {
    var h = S.header;
    var badge = $("status");
    badge.textContent = T.status[h.status] || h.status;
    badge.className = "badge st-" + h.status;
    document.querySelectorAll("#agenda li").forEach(function (li) {
      var current = parseInt(li.getAttribute("data-position"), 10) === h.current_item && h.status === "live";
      li.classList.toggle("current", current);
      if (current) { li.setAttribute("aria-current", "step"); } else { li.removeAttribute("aria-current"); }
    });
    document.querySelectorAll("[data-show]").forEach(function (node) {
      var wanted = node.getAttribute("data-show") === h.status;
      if (node.classList.contains("member-controls")) { wanted = wanted && S.may.take_part; }
      node.hidden = !wanted;
    });
    document.querySelectorAll("[data-cancel]").forEach(function (b) { $(b.getAttribute("data-cancel")).hidden = true; });
    var started = $("started");
    if (h.started_at) {
      started.textContent = fmt(T.started, { when: moment(h.started_at) }) +
        (h.start_reason ? " " + T.reason + " " + h.start_reason : "");
      started.hidden = false;
    }
  }

  function renderAttendance() {
    var a = S.attendance, q = a.quorum, list = $("members");
    $("quorum").textContent = (q.met ? T.quorum_met : T.quorum_missing) + " — " + plural("quorum_detail", q.members, {
      present: q.present, needed: q.needed, state: q.state_present, civil: q.civil_present });
    $("quorum").className = "quorum " + (q.met ? "met" : "missing");
    renderOverrides();
    list.textContent = "";
    a.members.forEach(function (m) {
      var li = el("li", { "class": m.present ? "present" : "absent", "data-user": m.user });
      li.appendChild(el("span", { "class": "dot" }, m.present ? "●" : "○"));
      li.appendChild(document.createTextNode(" " + m.name + " "));
      li.appendChild(el("span", { "class": "muted" }, "(" + m.organisation + ", " + (T.groups[m.group] || m.group) +
        (T.roles[m.role] ? ", " + T.roles[m.role] : "") + ") — " + (m.present ? T.present : T.absent)));
      if (S.may.chair && S.header.status === "live") {
        var b = el("button", { type: "button", "class": "small secondary" }, m.present ? "✕" : "✓");
        b.setAttribute("aria-label", (m.present ? T.absent : T.present) + ": " + m.name);
        b.addEventListener("click", function () { send("record_presence", { user: m.user, present: !m.present }); });
        li.appendChild(document.createTextNode(" "));
        li.appendChild(b);
      }
      list.appendChild(li);
    });
    var mine = myRow(), button = $("checkin");
    if (button && mine) {
      button.textContent = mine.present ? button.getAttribute("data-out") : button.getAttribute("data-in");
      button.setAttribute("data-present", mine.present ? "false" : "true");
    }
    renderHand();
  }

  function renderOverrides() {
    var a = S.attendance, list = $("overrides"), live = S.header.status === "live";
    var keys = a.overrides || [], both = keys.length >= 2;
    list.textContent = "";
    keys.forEach(function (o) {
      list.appendChild(el("li", { "class": "override" }, T.override_key + " " + (T.roles[o.side] || o.side) + ": " + o.reason));
    });
    if (keys.length) { list.appendChild(el("li", { "class": "muted" }, both ? T.override_done : T.override_waiting)); }
    var form = $("override-form");
    if (form) {
      var mine = keys.some(function (o) { return o.user === me.user; });
      form.hidden = !(S.may.chair && live && !a.quorum.met && !mine && !both);
    }
    var blocked = $("motion-blocked");
    if (blocked) {
      var stop = !a.may_decide;
      blocked.textContent = stop ? T.quorum_blocked : "";
      blocked.hidden = !stop;
      $("motion-open").disabled = stop;
      if (stop) { $("motion-open").setAttribute("aria-describedby", "motion-blocked"); }
      else { $("motion-open").removeAttribute("aria-describedby"); }
    }
  }

  function renderHand() {
    var button = $("hand");
    if (!button) { return; }
    var waiting = S.queue.waiting.some(function (w) { return w.user === me.user; });
    button.textContent = waiting ? button.getAttribute("data-lower") : button.getAttribute("data-raise");
    button.setAttribute("data-event", waiting ? "lower_hand" : "raise_hand");
    button.disabled = !S.may.speak_and_vote;
  }

  function renderQueue() {
    var q = S.queue, list = $("queue");
    $("speaking").textContent = q.speaking ? T.speaking + " " + q.speaking.name : T.nobody_speaking;
    list.textContent = "";
    if (!q.waiting.length) { list.appendChild(el("li", { "class": "muted empty" }, T.nobody_waiting)); }
    q.waiting.forEach(function (w) { list.appendChild(el("li", { "data-user": w.user }, w.name)); });
    renderHand();
  }

  function sealedCount(tally) {
    var box = el("p", { "class": "sealed", "data-ballots": String(tally.ballots) }, T.sealed + " ");
    var groups = Object.keys(tally.by_group);
    box.appendChild(document.createTextNode(groups.length ? groups.map(function (g) {
      return (T.groups[g] || g) + " " + tally.by_group[g];
    }).join(" · ") : "0"));
    return box;
  }

  function renderMotion() {
    var box = $("motion"), m = S.motion;
    box.textContent = "";
    var form = $("motion-form");
    if (form) { form.hidden = !!m || S.header.status !== "live"; }
    if (!m && $("confirm-withdraw")) { $("confirm-withdraw").hidden = true; }
    if (!m) { box.appendChild(el("p", { "class": "muted" }, T.no_motion)); return; }
    box.appendChild(el("p", { "class": "motion-text", "data-motion": m.id }, m.text));
    if (S.may.speak_and_vote) {  // the buttons first: on a phone they are what a member came for
      var votes = el("p", { "class": "vote-buttons" });
      m.options.forEach(function (o) {
        var chosen = me.motion === m.id && me.vote === o;
        var b = el("button", { type: "button", "class": chosen ? "chosen" : "secondary", "data-option": o,
                              "aria-pressed": chosen ? "true" : "false" }, optionLabel(m, o));
        b.addEventListener("click", function () { send("vote", { motion: m.id, option: o }); });
        votes.appendChild(b);
      });
      box.appendChild(votes);
      if (me.motion === m.id && me.vote) {
        box.appendChild(el("p", { "class": "my-vote" }, T.your_vote + " " + optionLabel(m, me.vote)));
      }
    }
    box.appendChild(el("p", { "class": "muted" }, T.rules[m.rule] + " · " + plural("votes_cast", m.tally.ballots)));
    box.appendChild(sealedCount(m.tally));
    if (S.may.chair) {
      var close = el("button", { type: "button", id: "close-motion" }, $("motion-form").getAttribute("data-close"));
      close.addEventListener("click", function () { send("close_motion", { motion: m.id }); });
      box.appendChild(close);
      // Withdrawing declares no result and discards the ballots: it asks first (#confirm-withdraw).
      var withdraw = el("button", { type: "button", id: "withdraw-motion", "class": "secondary" },
                        $("motion-form").getAttribute("data-withdraw"));
      withdraw.addEventListener("click", function () {
        $("confirm-withdraw").hidden = false;
        $("confirm-withdraw").querySelector("button[data-confirmed]").focus();
      });
      box.appendChild(document.createTextNode(" "));
      box.appendChild(withdraw);
    }
  }

  function renderDecisions() {
    // The record is rendered by the server (templates/sessions/_decisions.html): fetch it.
    var box = $("decisions");
    fetch(box.getAttribute("data-src"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { showError(T.offline); });
  }

  var editor = $("minutes-editor"), dirty = false, saving = false, timer = null;
  function renderMinutes() {
    // The draft (S.draft) reaches only those who may write it; everyone else has the text
    // once it is published.
    var mn = S.minutes, draft = S.draft, box = $("minutes-writer");
    if (box) { box.hidden = !draft || !S.may.write_minutes; }
    // Sanitised by the server (core/markdown.py: CommonMark without raw HTML, then nh3).
    $("minutes").innerHTML = editor && !$("minutes-writer").hidden ? "" : (mn.html || "");
    if (editor && draft) {
      editor.disabled = !!mn.published_at || S.header.status === "scheduled";
      if (!dirty && !saving && document.activeElement !== editor) { editor.value = draft.text; }
    }
    $("approvals").textContent = mn.published_at ? T.published : (mn.approved_by.length ?
      T.approved_by + " " + mn.approved_by.map(function (r) { return T.roles[r]; }).join(", ") : "");
    var approve = $("approve");
    if (approve) {  // empty minutes are not offered for approval: the button says why
      approve.disabled = !!mn.empty || !!mn.published_at;
      $("approve-why").hidden = !mn.empty;
      if (mn.empty) { approve.setAttribute("aria-describedby", "approve-why"); $("confirm-approve").hidden = true; }
      else { approve.removeAttribute("aria-describedby"); }
    }
  }
  function saveMinutes() {
    if (saving || !dirty) { return; }
    saving = true; dirty = false;
    $("minutes-status").textContent = T.saving;
    send("minutes", { text: editor.value, revision: S.minutes.revision }, function (reply) {
      saving = false;
      if (reply && reply.ok) {
        $("minutes-status").textContent = T.saved;
        if (dirty) { saveMinutes(); }
      } else if (reply) {
        $("minutes-status").textContent = "";
      }
    });
  }
  if (editor) {
    editor.addEventListener("input", function () {
      dirty = true;
      window.clearTimeout(timer);
      timer = window.setTimeout(saveMinutes, 600);
    });
  }

  var renderers = { header: function () { renderHeader(); renderAttendance(); renderMotion(); renderMinutes(); },
                    attendance: function () { renderAttendance(); renderMotion(); },
                    queue: renderQueue, motion: renderMotion, decisions: renderDecisions, minutes: renderMinutes,
                    draft: renderMinutes, may: function () { renderers.header(); },
                    seat: function () { if (S.seat && S.seat.ended) { showError(T.seat_ended); } } };
  function apply(parts) {
    Object.keys(parts).forEach(function (k) { S[k] = parts[k]; });
    Object.keys(parts).forEach(function (k) { if (renderers[k]) { renderers[k](); } });
  }
  function renderAll() {  // the decisions came with the page; they change only when a vote closes
    Object.keys(renderers).forEach(function (k) { if (k !== "decisions") { renderers[k](); } });
  }

  document.querySelectorAll("button[data-event]").forEach(function (b) {
    b.addEventListener("click", function () {
      var event = b.getAttribute("data-event"), payload = {};
      if (event === "advance") { payload.position = (S.header.current_item || 0) + parseInt(b.getAttribute("data-step"), 10); }
      if (event === "check_in") { payload.present = b.getAttribute("data-present") !== "false"; }
      if (event === "start") { payload.reason = $("start-reason").value; }
      if (event === "withdraw_motion") { payload.motion = S.motion ? S.motion.id : null; }
      if (b.hasAttribute("data-confirmed")) { payload.confirm = true; b.parentNode.hidden = true; }
      send(event, payload);
    });
  });
  // What cannot be undone asks first, in place: the first button shows the question.
  document.querySelectorAll("button[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function () {
      var box = $(b.getAttribute("data-confirm"));
      box.hidden = false;
      box.querySelector("button[data-confirmed]").focus();
    });
  });
  document.querySelectorAll("button[data-cancel]").forEach(function (b) {
    b.addEventListener("click", function () { $(b.getAttribute("data-cancel")).hidden = true; });
  });
  var overrideForm = $("override-form");
  if (overrideForm) {
    overrideForm.addEventListener("submit", function (e) {
      e.preventDefault();
      send("override_quorum", { reason: overrideForm.elements.reason.value }, function (reply) {
        if (reply && reply.ok) { overrideForm.reset(); }
      });
    });
  }
  var motionForm = $("motion-form");
  if (motionForm) {
    motionForm.addEventListener("submit", function (e) {
      e.preventDefault();
      var lines = motionForm.elements.choices.value.split("\n").map(function (x) { return x.trim(); })
        .filter(function (x) { return x; });
      send("open_motion", { text: motionForm.elements.text.value, choices: lines.length ? lines : null,
                            rule: motionForm.elements.rule.value, secret: motionForm.elements.secret.checked },
           function (reply) {
        if (reply && reply.ok) { motionForm.reset(); }
      });
    });
  }
  var writer = $("writer");
  if (writer) {
    writer.addEventListener("change", function () {
      send("designate_writer", { user: writer.value ? parseInt(writer.value, 10) : null });
    });
  }

  socket.on("connect", function () {
    $("conn").textContent = T.online;
    $("conn").className = "conn online";
    send("join", {});
  });
  socket.on("disconnect", function () { $("conn").textContent = T.offline; $("conn").className = "conn offline"; });
  socket.on("connect_error", function () { $("conn").textContent = T.offline; $("conn").className = "conn offline"; });
  socket.on("state", apply);
  socket.on("you", function (you) {
    Object.keys(you).forEach(function (k) { me[k] = you[k]; });
    renderAll();
  });
  socket.on("error", function (err) { showError(err.message, err.event); });
  renderAll();
}());
