// hotline web chat. Everything stays in this tab's memory: no cookies, no
// storage. Text from the server is only ever set as text, never as HTML.
"use strict";
(function () {
  const exitURL = document.body.dataset.exit || "https://www.google.com/";
  const log = document.getElementById("log");
  const form = document.getElementById("form");
  const input = document.getElementById("text");
  const send = document.getElementById("send");
  const session = randomID();
  const hint = (navigator.language || "en").slice(0, 2);

  // Quick exit: wipe the page and replace it in history with a neutral site,
  // so Back does not return here.
  function quickExit() {
    log.textContent = "";
    input.value = "";
    document.title = "Weather";
    window.location.replace(exitURL);
  }
  document.getElementById("exit").addEventListener("click", quickExit);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { e.preventDefault(); quickExit(); }
  });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    addMine(text);
    ask({ text: text });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  document.getElementById("privacy").addEventListener("click", function (e) {
    e.preventDefault();
    ask({ action: "privacy" });
  });

  ask({ action: "start" });
  input.focus();

  function randomID() {
    const b = new Uint8Array(16);
    crypto.getRandomValues(b);
    return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  }

  function addMine(text) {
    const li = el("li", "me");
    li.textContent = text;
    log.appendChild(li);
    li.scrollIntoView({ block: "end" });
  }

  async function ask(body) {
    body.session = session;
    body.lang = hint;
    send.disabled = true;
    try {
      const res = await fetch("/api/v1/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "omit",
        cache: "no-store",
      });
      const data = await res.json();
      if (data.error) { showError(data.error); } else { showReply(data); }
    } catch (err) {
      showError(document.body.dataset.offline || "I couldn't reach the server. If you are in danger now, call 911 (US, Canada and Mexico), 999 (UK), 000 (Australia) or 112 (EU).");
    } finally {
      send.disabled = false;
    }
  }

  function showError(msg) {
    const li = el("li", "bot");
    li.textContent = msg;
    log.appendChild(li);
  }

  function showReply(r) {
    if (r.intent === "forget") {
      // "Forget me" forgets here too: the transcript leaves the screen.
      log.textContent = "";
    }
    const li = el("li", "bot");
    li.lang = r.language;
    if (r.urgent && r.lead) {
      for (const line of r.lead) { const p = el("p", "lead"); p.textContent = line; li.appendChild(p); }
    }
    if ((r.dial || []).length) {
      // The numbers to call or text now, each one tap away.
      const div = el("div", "dial");
      for (const d of r.dial) {
        const href = safeHref(d.href);
        if (!href) continue;
        const a = el("a");
        a.href = href;
        a.textContent = d.label;
        div.appendChild(a);
      }
      if (r.urgent) { li.appendChild(div); } else { li.dataset.dial = "1"; li._dial = div; }
    }
    for (const b of r.blocks || []) { const p = el("p"); p.textContent = b; li.appendChild(p); }
    for (const res of r.resources || []) li.appendChild(card(res));
    for (const f of r.footer || []) { const p = el("p"); p.textContent = f; li.appendChild(p); }
    if (li._dial) li.appendChild(li._dial);
    if ((r.actions || []).length) {
      const div = el("div", "actions");
      for (const a of r.actions) {
        const btn = el("button");
        btn.type = "button";
        btn.textContent = a.label;
        btn.addEventListener("click", function () { addMine(a.label); ask({ action: a.id }); });
        div.appendChild(btn);
      }
      li.appendChild(div);
    }
    log.appendChild(li);
    li.scrollIntoView({ block: "start" });
  }

  function card(res) {
    const c = el("article", "card");
    const h = el("h2");
    h.textContent = res.name;
    c.appendChild(h);
    if (res.summary) { const p = el("p"); p.textContent = res.summary; c.appendChild(p); }
    if (res.body) { const p = el("p"); p.textContent = res.body; c.appendChild(p); }
    const ul = el("ul", "contacts");
    for (const ct of res.contacts || []) {
      const li = el("li");
      const href = safeHref(ct.href);
      const a = href ? el("a") : el("span");
      if (href) a.href = href;
      if (href && href.startsWith("https:")) { a.target = "_blank"; a.rel = "noopener noreferrer"; }
      const shown = ct.keyword || (ct.label || "").includes(ct.display) ? ct.label : (ct.label + ": " + ct.display);
      a.textContent = shown;
      li.appendChild(a);
      if (ct.hours) { const s = el("span", "meta"); s.textContent = " (" + ct.hours + ")"; li.appendChild(s); }
      ul.appendChild(li);
    }
    if (ul.children.length) c.appendChild(ul);
    if (res.distance_km !== null && res.distance_km !== undefined) {
      const p = el("p", "meta");
      p.textContent = Math.round(res.distance_km) + " km";
      c.appendChild(p);
    }
    return c;
  }

  function safeHref(h) {
    if (!h) return "";
    return /^(tel:|sms:|mailto:|https:)/.test(h) ? h : "";
  }

  function el(tag, cls) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  }
})();
