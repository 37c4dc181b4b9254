// The scheme map: markers from the page's JSON, one style per kind of scheme (its colour and
// icon come from the server, wards.models.MARKER_STYLES) with a legend of the kinds shown. With
// no tile server (a ward intranet often has none) the markers sit on a latitude/longitude grid.
// Every name from the data goes in as text (textContent, title attributes), never as HTML.
(function () {
  "use strict";
  var el = document.getElementById("scheme-map");
  var data = document.getElementById("scheme-markers");
  var kindData = document.getElementById("scheme-kinds");
  if (!el || !data || !kindData || !window.L) {
    return;
  }
  var markers = JSON.parse(data.textContent);
  var kinds = JSON.parse(kindData.textContent);
  var text = el.dataset;
  var decimalMark = (1.5).toLocaleString(document.documentElement.lang || "vi").charAt(1);
  var map = L.map(el, { zoomControl: false });
  L.control.zoom({ zoomInTitle: text.zoomIn, zoomOutTitle: text.zoomOut }).addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  var prefix = document.createElement("a");
  prefix.href = "https://leafletjs.com";
  prefix.title = text.leafletTitle;
  prefix.textContent = "Leaflet";
  map.attributionControl.setPrefix(prefix.outerHTML);

  function badge(kind) {
    var span = document.createElement("span");
    span.className = "scheme-marker";
    span.dataset.kind = kind.code;
    span.style.backgroundColor = kind.colour;
    var icon = document.createElement("i");
    icon.className = "bi bi-" + kind.icon;
    icon.setAttribute("aria-hidden", "true");
    span.appendChild(icon);
    return span;
  }

  // Below the map, not over it: on a phone a legend inside the map would hide markers.
  if (markers.length) {
    var box = document.createElement("div");
    box.className = "map-legend";
    box.setAttribute("data-testid", "map-legend");
    var heading = document.createElement("span");
    heading.className = "fw-semibold";
    heading.textContent = text.legend + ":";
    box.appendChild(heading);
    var list = document.createElement("ul");
    Object.keys(kinds).forEach(function (code) {
      var item = document.createElement("li");
      item.appendChild(badge(kinds[code]));
      var name = document.createElement("span");
      name.textContent = kinds[code].name;
      item.appendChild(name);
      list.appendChild(item);
    });
    box.appendChild(list);
    el.insertAdjacentElement("afterend", box);
  }

  var points = [];
  markers.forEach(function (m) {
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = m.url;
    link.textContent = m.name;
    var title = document.createElement("strong");
    title.appendChild(link);
    var detail = document.createElement("div");
    detail.className = "small text-muted";
    detail.textContent = m.detail;
    popup.appendChild(title);
    popup.appendChild(detail);
    var icon = L.divIcon({
      html: badge(kinds[m.kind]),
      className: "scheme-marker-icon",
      iconSize: [28, 28],
      iconAnchor: [14, 14],
      popupAnchor: [0, -14],
    });
    // Leaflet inserts a string tooltip as HTML: an element keeps the name plain text.
    var tooltip = document.createElement("span");
    tooltip.textContent = m.name;
    L.marker([m.lat, m.lng], { icon: icon, title: m.name, alt: m.name })
      .bindPopup(popup)
      .bindTooltip(tooltip, { direction: "top", offset: [0, -14] })
      .addTo(map);
    points.push([m.lat, m.lng]);
  });

  if (text.tileUrl) {
    L.tileLayer(text.tileUrl, { maxZoom: 19, attribution: text.tileAttribution || "" }).addTo(map);
  } else {
    el.classList.add("map-offline");
    graticule(map);
  }
  if (points.length) {
    map.fitBounds(points, { padding: [30, 30], maxZoom: 16 });
  } else {
    map.setView([16.0, 106.0], 5); // Vietnam
  }

  // Lines every "round" step of latitude and longitude across the view, redrawn as it moves,
  // labelled at the view's left and top edges.
  function graticule(map) {
    var steps = [10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 0.0005];
    var layer = L.layerGroup().addTo(map);
    var line = { color: "#6c757d", weight: 1, opacity: 0.5, interactive: false };

    function label(value, positive, negative, digits) {
      var hemisphere = value >= 0 ? positive : negative;
      return Math.abs(value).toFixed(digits).replace(".", decimalMark) + "° " + hemisphere;
    }

    function tag(latlng, content, cls) {
      var span = document.createElement("span");
      span.textContent = content;
      var icon = L.divIcon({ html: span, className: "graticule-label " + cls, iconSize: null });
      L.marker(latlng, { icon: icon, interactive: false, keyboard: false }).addTo(layer);
    }

    function draw() {
      layer.clearLayers();
      var lines = 0;
      var b = map.getBounds();
      var span = Math.max(b.getNorth() - b.getSouth(), b.getEast() - b.getWest());
      var step = steps[steps.length - 1];
      for (var i = 0; i < steps.length; i++) {
        if (span / steps[i] >= 3) {
          step = steps[i];
          break;
        }
      }
      var digits = Math.max(0, Math.ceil(-Math.log10(step)));
      for (var lat = Math.ceil(b.getSouth() / step) * step; lat <= b.getNorth(); lat += step) {
        L.polyline([[lat, b.getWest()], [lat, b.getEast()]], line).addTo(layer);
        lines += 1;
        tag([lat, b.getWest()], label(lat, text.north, text.south, digits), "graticule-lat");
      }
      for (var lng = Math.ceil(b.getWest() / step) * step; lng <= b.getEast(); lng += step) {
        L.polyline([[b.getSouth(), lng], [b.getNorth(), lng]], line).addTo(layer);
        lines += 1;
        tag([b.getNorth(), lng], label(lng, text.east, text.west, digits), "graticule-lng");
      }
      el.dataset.gridLines = String(lines);
    }

    map.on("moveend zoomend resize", draw);
    map.whenReady(draw);
  }
})();
