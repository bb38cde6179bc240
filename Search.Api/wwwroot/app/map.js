// Leaflet maps with tiles from the configured server (Web:TileUrl). When tiles cannot load the
// map still shows the markers and the province's outline, drawn from data the service holds.
import { places } from './places.js';

let config = null;

async function webConfig() {
  config ??= await fetch('/web/config.json').then(r => r.json());
  return config;
}

/**
 * The province's approximate outline: the convex hull of its 95 commune centres and its parks,
 * widened a little. No boundary polygon ships with the service (NOTICE.md lists what does), so
 * this is an extent for orientation, labelled as approximate, not a legal boundary.
 */
function hull(points) {
  const sorted = [...points].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  const cross = (o, a, b) => (a[1] - o[1]) * (b[0] - o[0]) - (a[0] - o[0]) * (b[1] - o[1]);
  const half = list => {
    const out = [];
    for (const p of list) {
      while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) out.pop();
      out.push(p);
    }
    out.pop();
    return out;
  };
  const ring = [...half(sorted), ...half([...sorted].reverse())];
  const centre = ring.reduce((c, p) => [c[0] + p[0] / ring.length, c[1] + p[1] / ring.length], [0, 0]);
  return ring.map(p => [centre[0] + (p[0] - centre[0]) * 1.08, centre[1] + (p[1] - centre[1]) * 1.08]);
}

/** A map in the element, with tiles, the outline and a marker layer. */
export async function createMap(element) {
  const { tileUrl, tileAttribution } = await webConfig();
  const map = L.map(element, { zoomControl: true, keyboard: true }).setView([11.1, 106.95], 9);
  const tiles = L.tileLayer(tileUrl, { maxZoom: 18, attribution: tileAttribution });
  let failed = false;
  tiles.on('tileerror', () => {
    if (failed) return;
    failed = true;
    element.classList.add('no-tiles');
    element.setAttribute('data-tiles', 'failed');
  });
  tiles.addTo(map);
  const { communeList, parkList } = await places();
  const outline = hull([...communeList, ...parkList].map(p => [p.latitude, p.longitude]));
  L.polygon(outline, { color: '#0b5d3b', weight: 2, fill: true, fillOpacity: 0.04, interactive: false })
    .addTo(map).bindTooltip('Tỉnh Đồng Nai (ranh giới ước lượng)');
  const markers = L.layerGroup().addTo(map);
  const overlays = L.layerGroup().addTo(map);
  return { map, markers, overlays, outline };
}

/** A marker a screen reader can name and a keyboard can reach. */
export function marker(latlng, title, href) {
  const m = L.marker(latlng, { title, alt: title, keyboard: true });
  m.bindPopup(() => {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = title;
    return a;
  });
  return m;
}
