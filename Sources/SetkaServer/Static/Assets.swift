import Foundation

/// The app's only stylesheet and script, compiled into the binary and served from
/// `/static/…` (the Content-Security-Policy allows no other script or style, and no inline one).
enum Assets {
    struct Asset: Sendable {
        var contentType: String
        var body: String
        /// A strong validator for `ETag`.
        var etag: String
    }

    static let files: [String: Asset] = [
        "app.css": Asset(contentType: "text/css; charset=utf-8", body: css, etag: tag(css)),
        "app.js": Asset(contentType: "text/javascript; charset=utf-8", body: js, etag: tag(js)),
        "icon.svg": Asset(contentType: "image/svg+xml", body: icon, etag: tag(icon)),
    ]

    /// The tab's icon: a grid (сетка).
    static let icon = #"""
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1f5fae"/><path d="M5.5 2v12M10.5 2v12M2 5.5h12M2 10.5h12" stroke="#fff" stroke-width="1.4"/></svg>
    """#

    static func tag(_ s: String) -> String {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return "\"" + String(h, radix: 16) + "\""
    }

    static let css = #"""
    :root { --ink: #1d2433; --muted: #5b6475; --line: #d8dce4; --bg: #f6f7f9; --accent: #1f5fae; --ok: #1d7a3a; --bad: #b3261e; --warn: #8a5a00; }
    * { box-sizing: border-box; }
    body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "PT Sans", sans-serif; color: var(--ink); background: var(--bg); }
    a { color: var(--accent); }
    header.top { display: flex; gap: 1.2em; align-items: baseline; padding: .6em 1.2em; background: #fff; border-bottom: 1px solid var(--line); }
    header.top .brand { font-weight: 700; text-decoration: none; font-size: 1.1em; }
    header.top .crumbs { flex: 1; color: var(--muted); }
    header.top .sep { color: var(--line); margin: 0 .2em; }
    main { padding: 1em 1.2em 3em; max-width: 1400px; }
    h1 { font-size: 1.5em; margin: .3em 0 .6em; }
    h2 { font-size: 1.2em; margin: 1.4em 0 .5em; }
    h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
    footer { color: var(--muted); font-size: .85em; padding: 1em 1.2em; border-top: 1px solid var(--line); }
    .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8em 1em; margin: .8em 0; }
    .card > h2:first-child { margin-top: 0; }
    .muted { color: var(--muted); }
    .ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
    .badge { display: inline-block; padding: .05em .5em; border-radius: 1em; font-size: .85em; border: 1px solid currentColor; }
    .scroll { overflow-x: auto; }
    table.data, table.figures, table.list { border-collapse: collapse; background: #fff; margin: .4em 0 1em; }
    table.data th, table.data td, table.list th, table.list td { border: 1px solid var(--line); padding: .3em .5em; vertical-align: top; text-align: left; }
    table.data th, table.list th { background: #eef1f5; position: sticky; top: 0; }
    table.figures th { text-align: left; font-weight: normal; padding: .2em 1.2em .2em 0; color: var(--muted); }
    table.figures td { padding: .2em 0; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    tr.heading td { font-weight: 700; background: #f3f5f8; }
    nav.tabs { display: flex; flex-wrap: wrap; gap: .3em; margin: .4em 0 1em; }
    nav.tabs a, nav.tabs span { padding: .3em .7em; border: 1px solid var(--line); border-radius: 4px; background: #fff; text-decoration: none; }
    nav.tabs span.here { background: var(--accent); color: #fff; border-color: var(--accent); }
    nav.pager { margin: .5em 0; color: var(--muted); }
    nav.pager a { margin-left: .6em; }
    nav.groups { margin: .4em 0 1em; line-height: 1.9; }
    nav.groups a, nav.groups b { margin-right: .8em; white-space: nowrap; }
    form.inline { display: inline; }
    form .row { margin: .5em 0; }
    label { margin-right: .5em; }
    input[type=text], input[type=number], input[type=search], select, textarea { font: inherit; padding: .25em .4em; border: 1px solid #b9c0cc; border-radius: 4px; }
    textarea { width: 100%; min-height: 6em; font-family: ui-monospace, monospace; font-size: .9em; }
    button, input[type=submit] { font: inherit; padding: .35em 1em; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
    button.secondary { background: #fff; color: var(--accent); }
    button.danger { background: var(--bad); border-color: var(--bad); }
    form.delete { margin-top: 2.5rem; }
    fieldset { border: 1px solid var(--line); border-radius: 6px; margin: .8em 0; background: #fff; }
    .fields { display: grid; grid-template-columns: max-content minmax(0, 46em); gap: .45em .6em; align-items: start; margin: .5em 0; }
    .fields > label { margin: .3em 0 0; }
    .fields select, .fields input { max-width: 100%; justify-self: start; }
    legend { font-weight: 600; padding: 0 .3em; }
    ul.findings { padding-left: 1.2em; }
    ul.findings li { margin: .2em 0; }
    code, .loc { font-family: ui-monospace, monospace; font-size: .9em; }
    .progress .value { font-weight: 600; font-variant-numeric: tabular-nums; }
    .message { font-size: 1.05em; }
    pre.yaml { background: #fff; border: 1px solid var(--line); padding: .6em; overflow-x: auto; }
    .map img { max-width: 100%; height: auto; background: #fff; border: 1px solid var(--line); }
    .placeholder { border: 2px dashed var(--line); padding: .8em 1em; background: #fff; color: var(--muted); }
    table[id^="sheet-group-"] th:last-child { min-width: 8em; }
    .route-cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(27em, 1fr)); gap: .6em; }
    .route-card { border: 1px dashed var(--line); padding: .4em .6em; break-inside: avoid; background: #fff; }
    .route-card h3 { margin: 0 0 .3em; font-size: 1em; }
    .route-card table { width: 100%; font-size: .92em; }
    @media print { header.top, nav.tabs, nav.groups, footer, form, .no-print { display: none; } body { background: #fff; }
      .route-cards { grid-template-columns: 1fr 1fr; } .route-card table { font-size: .8em; } }
    """#

    static let js = #"""
    // Setka: the little script of the app (no inline scripts: the Content-Security-Policy forbids them).
    "use strict";

    // Live progress of a running job: Server-Sent Events from /api/runs/ID/events; the page
    // reloads when the run ends (without the script, reloading the page shows the same).
    function watchRun(box) {
      var id = box.getAttribute("data-run");
      if (!id || !window.EventSource) return;
      var source = new EventSource("/api/runs/" + encodeURIComponent(id) + "/events");
      function set(name, text) {
        var el = box.querySelector('[data-field="' + name + '"]');
        if (el) el.textContent = text;
      }
      var lang = document.documentElement.lang;
      function num(x, digits) {
        if (x === null || x === undefined) return "—";
        return Number(x).toLocaleString(lang === "en" ? "en-GB" : "ru-RU",
          { minimumFractionDigits: digits, maximumFractionDigits: digits });
      }
      source.addEventListener("progress", function (e) {
        var p = JSON.parse(e.data);
        set("status", p.status_text || "");
        if (p.progress) {
          set("phase", p.phase_text || p.progress.phase || "");
          set("best", num(p.progress.best, 1));
          set("bound", num(p.progress.bound, 1));
          set("gap", p.progress.gap === null || p.progress.gap === undefined ? "—" : num(p.progress.gap * 100, 2) + " %");
          set("elapsed", num(p.progress.elapsed, 0));
        }
        if (p.position) set("position", String(p.position));
      });
      source.addEventListener("end", function () {
        source.close();
        window.location.reload();
      });
      source.onerror = function () {
        // The server went away or the run ended between two events: one reload shows where it is.
        source.close();
        window.setTimeout(function () { window.location.reload(); }, 3000);
      };
    }

    // Forms that ask before they act (cancel a run).
    function confirmForms() {
      document.querySelectorAll("form[data-confirm]").forEach(function (form) {
        form.addEventListener("submit", function (e) {
          if (!window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
        });
      });
    }

    // A page made to print (a school's sheet) has a button that prints it.
    function printButtons() {
      document.querySelectorAll("[data-print]").forEach(function (button) {
        button.addEventListener("click", function () { window.print(); });
      });
    }

    document.addEventListener("DOMContentLoaded", function () {
      document.querySelectorAll("[data-run]").forEach(watchRun);
      confirmForms();
      printButtons();
    });
    """#
}
