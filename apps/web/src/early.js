// The first script the page runs (plain script, not bundled; no imports): on the dashboard (/) it asks at once for
// who is signed in, the API's paths and the year's figures, while the app's scripts are still downloading. The app's
// first requests for the same URLs take these answers (src/app/api.ts takeEarly) instead of asking again. Before,
// the figures were asked only once the entry and all its imports had downloaded and run (issue 10: dashboard usable
// ≤ 1.5 s). A module script would not do: Vite bundles every module script of index.html into the one entry.
// The build (vite.config.ts, earlyScript) writes it to dist/early.js with PRELOAD replaced by the chunks of the
// layout and the home page, which it also starts downloading: otherwise they were asked only once the entry had run.
(function () {
  var early = new Map();
  if (location.pathname === '/' && !location.search) {
    var get = function (url) {
      early.set(url, fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' }));
    };
    // The answers before the chunks: the browser keeps six connections to the server and queues the rest, and the
    // figures asked after the ~30 chunks below waited behind them — 1.6 s in a trace on 30 Nov, while the server
    // computes them afresh in under 0.1 s on county data.
    get('/api/auth/me');
    get('/api/paths');
    get('/api/dashboard/overview?year=' + new Date().getFullYear());
    var preload = PRELOAD;
    for (var i = 0; i < preload.length; i++) {
      var link = document.createElement('link');
      link.rel = 'modulepreload';
      link.crossOrigin = '';
      link.href = preload[i];
      document.head.appendChild(link);
    }
  }
  window.__ggEarly = early;
})();
