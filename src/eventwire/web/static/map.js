// The event map: Leaflet (served from its PyPI package), Natural Earth borders from /basemap.json,
// events clustered with their counts. No tiles and no CDN: everything comes from this app.
(function () {
  "use strict";
  const el = document.getElementById("map");
  if (!el || !window.L || !L.markerClusterGroup) return;
  const points = JSON.parse(document.getElementById("map-data").textContent);
  const colours = JSON.parse(el.dataset.colours);
  const colour = (q) => colours[q] || colours.none;

  const map = L.map(el, { minZoom: 1, maxZoom: 12, zoomSnap: 0.5, worldCopyJump: false });
  // The first view is set once, before any marker is clustered: no zoom animation left running
  // (and no half-replaced cluster icons) when the page says it is ready.
  if (points.length) {
    map.fitBounds(L.latLngBounds(points.map((p) => [p.lat, p.lon])), { padding: [30, 30], maxZoom: 5, animate: false });
  } else {
    map.setView([25, 10], 2);
  }
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Borders: Natural Earth (public domain) · Leaflet");

  // The most frequent quad class among a cluster's events colours it; ties go to conflict,
  // as in the network page.
  function dominant(markers) {
    const n = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const m of markers) if (m.options.quad in n) n[m.options.quad] += 1;
    let best = null;
    for (const q of [1, 2, 3, 4]) if (n[q] && (best === null || n[q] >= n[best])) best = q;
    return best;
  }

  const clusters = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    iconCreateFunction(cluster) {
      const count = cluster.getChildCount();
      const q = dominant(cluster.getAllChildMarkers());
      const size = count < 10 ? 30 : count < 100 ? 38 : 46;
      const div = document.createElement("div");
      div.style.background = colour(q);
      const span = document.createElement("span");
      span.textContent = String(count);
      div.appendChild(span);
      return L.divIcon({ html: div, className: "ew-cluster q" + (q || 0), iconSize: L.point(size, size) });
    },
  });

  function popup(p) {
    // Built with textContent: sentences and names are article text, never markup.
    const box = document.createElement("div");
    box.className = "ew-popup";
    const head = document.createElement("p");
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.style.background = colour(p.quad_class);
    badge.textContent = p.event;
    head.append(badge, " " + (p.date || "undated") + " · " + p.place + (p.country ? " (" + p.country + ")" : ""));
    const who = document.createElement("p");
    who.className = "who";
    who.textContent = (p.actor || "?") + " → " + (p.recipient || "?");
    const sentence = document.createElement("blockquote");
    sentence.textContent = p.text;
    const link = document.createElement("a");
    link.href = "/articles/" + encodeURIComponent(p.article_id) + "#event-" + encodeURIComponent(p.event_id);
    link.textContent = "Read the article";
    box.append(head, who, sentence, link);
    return box;
  }

  // One icon per quad class; the colours are the app's own constants, not data.
  const icons = {};
  const iconFor = (q) => (icons[q] = icons[q] || L.divIcon({
    className: "ew-pin", html: '<i style="background:' + colour(q) + '"></i>', iconSize: L.point(12, 12) }));
  const markers = points.map((p) => {
    const m = L.marker([p.lat, p.lon], { icon: iconFor(p.quad_class), quad: p.quad_class, title: p.event + " " + p.place });
    m.bindPopup(() => popup(p), { maxWidth: 360 });
    return m;
  });

  const ready = [];
  if (el.dataset.basemap) {
    ready.push(fetch(el.dataset.basemap)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error("basemap " + r.status))))
      .then((geo) => {
        L.geoJSON(geo, {
          interactive: false,
          style: { color: "#7f8c8d", weight: 0.8, fillColor: "#f3f0e8", fillOpacity: 1, className: "ew-country" },
        }).addTo(map);
      }));
  }
  clusters.addLayers(markers);
  map.addLayer(clusters);
  // Tests and scripts wait for this: the borders are drawn and every marker is clustered.
  Promise.all(ready).then(
    () => { el.dataset.ready = "true"; },
    (err) => { el.dataset.ready = "true"; el.dataset.basemapError = String(err); },
  );
})();
