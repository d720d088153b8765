import { createHash } from 'node:crypto';
import type { Router } from 'express';

/*
 * The console's stylesheet and its one script, served from memory at
 * /console/assets/ (the workers image ships dist/ only, so they live in
 * the code rather than beside it). Colours meet WCAG AA contrast: body text
 * 16:1, muted text and buttons at least 4.5:1 on their backgrounds.
 */

const CSS = `
:root { --bg:#f6f7f9; --surface:#fff; --text:#1b1f24; --muted:#4f5a66; --line:#cfd6de;
  --primary:#0a58ca; --danger:#b42318; --ok:#1a7f37; --warn-bg:#fff4d6; --warn-line:#c48a00;
  --focus:#f59e0b; --head:#1f2937; }
* { box-sizing:border-box; }
html { -webkit-text-size-adjust:100%; }
body { margin:0; font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--text); background:var(--bg); }
a { color:var(--primary); }
:focus-visible { outline:3px solid var(--focus); outline-offset:2px; }
.skip { position:absolute; left:-999px; top:0; background:#fff; padding:8px; }
.skip:focus { left:8px; z-index:10; }
header.top { background:var(--head); color:#fff; display:flex; flex-wrap:wrap; align-items:center; gap:8px 20px; padding:10px 16px; }
header.top a { color:#fff; }
.brand { font-weight:700; text-decoration:none; font-size:1.1rem; }
nav ul { list-style:none; display:flex; flex-wrap:wrap; gap:4px 14px; margin:0; padding:0; }
nav a { text-decoration:none; padding:4px 2px; border-bottom:2px solid transparent; }
nav a[aria-current="page"] { border-bottom-color:#fff; font-weight:600; }
.who { margin-left:auto; display:flex; align-items:center; gap:10px; flex-wrap:wrap; }
.who form { margin:0; }
.who .label { color:#d0d7de; }
.who button { background:transparent; color:#fff; border:1px solid #9aa5b1; padding:4px 10px; }
.banner { background:var(--warn-bg); border-bottom:1px solid var(--warn-line); padding:8px 16px; }
main { max-width:1100px; margin:0 auto; padding:16px; }
h1 { font-size:1.5rem; margin:8px 0 16px; }
h2 { font-size:1.2rem; margin:24px 0 10px; }
h3 { font-size:1.05rem; margin:0 0 6px; }
.muted { color:var(--muted); }
.card { background:var(--surface); border:1px solid var(--line); border-radius:8px; padding:14px; margin:0 0 12px; overflow-wrap:anywhere; }
.cards { display:grid; gap:12px; }
.row { display:flex; flex-wrap:wrap; gap:6px 16px; align-items:baseline; }
.tag { display:inline-block; border:1px solid var(--line); border-radius:999px; padding:0 8px; font-size:.85rem; background:#eef1f4; }
.tag.pending { background:#fff4d6; border-color:var(--warn-line); }
.tag.approved,.tag.executed,.tag.allow,.tag.same { background:#dcf5e3; border-color:var(--ok); }
.tag.denied,.tag.deny,.tag.revoked,.tag.expired,.tag.cancelled,.tag.different { background:#fde2df; border-color:var(--danger); }
code,pre,.mono { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:.9rem; }
pre { background:#f0f2f5; border:1px solid var(--line); border-radius:6px; padding:10px; overflow:auto; max-height:24rem; white-space:pre-wrap; word-break:break-word; }
dl.facts { display:grid; grid-template-columns:max-content 1fr; gap:4px 14px; margin:8px 0; }
dl.facts dt { color:var(--muted); }
dl.facts dd { margin:0; overflow-wrap:anywhere; }
form.inline { display:flex; flex-wrap:wrap; gap:8px; align-items:flex-end; margin-top:10px; }
label { display:block; font-weight:600; font-size:.92rem; margin-bottom:2px; }
.field { display:flex; flex-direction:column; min-width:0; }
input[type=text],input[type=password],input[type=number],input[type=datetime-local],select,textarea {
  font:inherit; padding:6px 8px; border:1px solid #8c959f; border-radius:6px; background:#fff; color:var(--text); max-width:100%; }
textarea { width:100%; min-height:2.6rem; }
button,.button { font:inherit; border-radius:6px; border:1px solid transparent; padding:6px 14px; cursor:pointer; background:var(--primary); color:#fff; text-decoration:none; display:inline-block; }
button.danger { background:var(--danger); }
button.ok { background:var(--ok); }
button.secondary,.button.secondary { background:#fff; color:var(--primary); border-color:var(--primary); }
button[disabled] { opacity:.6; cursor:wait; }
.grow { flex:1 1 14rem; }
.notice { border-left:4px solid var(--ok); background:#e9f7ee; padding:8px 12px; margin:0 0 12px; }
.error { border-left:4px solid var(--danger); background:#fdecea; padding:8px 12px; margin:0 0 12px; }
.search { display:grid; grid-template-columns:repeat(auto-fill,minmax(12rem,1fr)); gap:10px; align-items:end; }
table.data { width:100%; border-collapse:collapse; background:var(--surface); border:1px solid var(--line); }
table.data th,table.data td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
table.data th { background:#eef1f4; font-size:.9rem; }
.counts { display:grid; grid-template-columns:repeat(auto-fill,minmax(9rem,1fr)); gap:8px; }
.count { background:var(--surface); border:1px solid var(--line); border-radius:8px; padding:8px 10px; }
.count b { display:block; font-size:1.4rem; }
.live-status { font-size:.9rem; }
@media (max-width:640px) {
  main { padding:10px; }
  table.data thead { position:absolute; left:-9999px; }
  table.data, table.data tbody, table.data tr, table.data td { display:block; width:100%; }
  table.data tr { border-bottom:2px solid var(--line); padding:4px 0; }
  table.data td { border:0; padding:2px 8px; }
  table.data td[data-label]::before { content:attr(data-label) ": "; color:var(--muted); font-weight:600; }
  dl.facts { grid-template-columns:1fr; gap:0; }
  dl.facts dd { margin-bottom:6px; }
  .who { margin-left:0; }
}
`;

const SCRIPT = `
(function () {
  'use strict';
  function pad(n) { return String(n).padStart(2, '0'); }
  function duration(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + 's';
    var m = Math.floor(s / 60);
    if (m < 60) return m + 'm ' + pad(s % 60) + 's';
    var h = Math.floor(m / 60);
    if (h < 48) return h + 'h ' + pad(m % 60) + 'm';
    return Math.floor(h / 24) + 'd ' + (h % 24) + 'h';
  }
  function tick() {
    var els = document.querySelectorAll('[data-countdown]');
    for (var i = 0; i < els.length; i++) {
      var left = Date.parse(els[i].getAttribute('data-countdown')) - Date.now();
      var text = left > 0 ? duration(left) + ' left' : 'expired';
      if (els[i].textContent !== text) els[i].textContent = text;
    }
  }
  tick();
  setInterval(tick, 1000);

  // Set once the page starts navigating away (a form such as Sign out, a link): a poll answered
  // after that must not reload this page over the navigation.
  var leaving = false;
  window.addEventListener('beforeunload', function () { leaving = true; });

  var live = document.getElementById('live');
  var status = document.getElementById('live-status');
  if (live) {
    var version = live.getAttribute('data-version');
    var pollMs = Number(live.getAttribute('data-poll-ms')) || 2000;
    var stale = document.getElementById('live-stale');
    var busy = function () {
      var fields = live.querySelectorAll('textarea, input[type=text]');
      for (var i = 0; i < fields.length; i++) {
        if (fields[i] === document.activeElement || fields[i].value.trim() !== '') return true;
      }
      return false;
    };
    var refresh = function (next) {
      return fetch(live.getAttribute('data-fragment-url'), { credentials: 'same-origin' }).then(function (r) {
        if (!r.ok) return;
        return r.text().then(function (text) {
          live.innerHTML = text;
          version = next;
          live.setAttribute('data-version', next);
          if (stale) stale.hidden = true;
          tick();
          if (status) status.textContent = 'Updated at ' + new Date().toLocaleTimeString();
        });
      });
    };
    var pending = null;
    if (stale) stale.querySelector('button').addEventListener('click', function () { if (pending) refresh(pending); });
    var poll = function () {
      fetch(live.getAttribute('data-version-url'), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (r) {
          if (r.status === 401) { if (!leaving) window.location.reload(); return; }
          if (!r.ok) return;
          return r.json().then(function (body) {
            if (body.version === version) return;
            if (busy()) { pending = body.version; if (stale) stale.hidden = false; return; }
            return refresh(body.version);
          });
        })
        .catch(function () { return undefined; })
        .then(function () { setTimeout(poll, pollMs); });
    };
    setTimeout(poll, pollMs);
  }

  var replay = document.getElementById('replay-form');
  if (replay) {
    replay.addEventListener('submit', function (event) {
      event.preventDefault();
      var out = document.getElementById('replay-report');
      var say = document.getElementById('replay-status');
      var file = replay.querySelector('input[type=file]').files[0];
      if (!file) { say.textContent = 'Choose a bundle file first.'; return; }
      var button = replay.querySelector('button[type=submit]');
      var query = new URLSearchParams();
      ['since', 'connection', 'limit'].forEach(function (name) {
        var value = replay.elements[name].value.trim();
        if (value !== '') query.set(name, value);
      });
      button.disabled = true;
      say.textContent = 'Replaying recorded decisions against ' + file.name + '…';
      file.arrayBuffer().then(function (bytes) {
        return fetch(replay.getAttribute('data-replay-url') + '?' + query.toString(), {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/gzip', 'x-csrf-token': replay.elements._csrf.value },
          body: bytes,
        });
      }).then(function (r) {
        return r.text().then(function (text) {
          out.innerHTML = text;
          say.textContent = r.ok ? 'Replay finished.' : 'Replay failed.';
        });
      }).catch(function (err) {
        say.textContent = 'Replay failed: ' + err.message;
      }).then(function () { button.disabled = false; });
    });
  }
})();
`;

function etagOf(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 16)}"`;
}

const ASSETS: Record<string, { type: string; body: string; etag: string }> = {
  'console.css': { type: 'text/css; charset=utf-8', body: CSS, etag: etagOf(CSS) },
  'console.js': { type: 'text/javascript; charset=utf-8', body: SCRIPT, etag: etagOf(SCRIPT) },
};

/** `GET /console/assets/console.css|console.js`, cacheable by ETag. */
export function mountAssets(router: Router): void {
  router.get('/assets/:name', (req, res) => {
    const asset = ASSETS[String(req.params.name)];
    if (!asset) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('ETag', asset.etag);
    if (req.get('if-none-match') === asset.etag) {
      res.status(304).end();
      return;
    }
    res.type(asset.type).send(asset.body);
  });
}
