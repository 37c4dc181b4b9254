// The scheme map: markers from the page's JSON, on a tile layer only when one is configured
// (a ward intranet often has no tile server; the markers and the list still work).
(function () {
  "use strict";
  var el = document.getElementById("scheme-map");
  var data = document.getElementById("scheme-markers");
  if (!el || !data || !window.L) {
    return;
  }
  var markers = JSON.parse(data.textContent);
  var map = L.map(el);
  if (el.dataset.tileUrl) {
    L.tileLayer(el.dataset.tileUrl, {
      maxZoom: 19,
      attribution: el.dataset.tileAttribution || "",
    }).addTo(map);
  }
  var colours = {
    cameras: "#1b2a4a",
    fire_group: "#c0392b",
    fire_point: "#e67e22",
    patrol: "#27ae60",
    mediation: "#8e44ad",
    mailbox: "#2980b9",
    generic: "#8b1a1a",
  };
  var points = [];
  markers.forEach(function (m) {
    // Built as elements, not HTML, so a scheme's name can never inject markup.
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.name;
    var title = document.createElement("strong");
    title.appendChild(link);
    var detail = document.createElement("div");
    detail.className = "small text-muted";
    detail.textContent = m.kind + " — " + m.ward;
    popup.appendChild(title);
    popup.appendChild(detail);
    // Leaflet inserts a string tooltip as HTML: an element keeps the name plain text.
    var tooltip = document.createElement("span");
    tooltip.textContent = m.name;
    L.circleMarker([m.lat, m.lng], {
      radius: 9,
      color: "#fff",
      weight: 2,
      fillColor: colours[m.profile] || colours.generic,
      fillOpacity: 0.9,
    })
      .bindPopup(popup)
      .bindTooltip(tooltip)
      .addTo(map);
    points.push([m.lat, m.lng]);
  });
  if (points.length) {
    map.fitBounds(points, { padding: [30, 30], maxZoom: 16 });
  } else {
    map.setView([16.0, 106.0], 5); // Vietnam
  }
})();
