// Search across kinds or within one: the list, the map (markers, the radius, "Tìm trong vùng
// này" from the viewport as bbox), the interpreted filters as removable chips and the kind's facets.
import { api } from '../api.js';
import { h, highlighted, formatKm, formatMoney } from '../format.js';
import { kinds, kindName, facetLabels, facetValueLabel } from '../kinds.js';
import { createMap, marker } from '../map.js';
import { places } from '../places.js';
import { navigate } from '../navigation.js';

// The query parameters a page URL may carry to the API besides q and kind.
const passed = ['near', 'lat', 'lon', 'radiusKm', 'bbox', 'minPrice', 'maxPrice', 'sort', 'understand',
  'rentalType', 'amenities', 'park', 'commune', 'shift', 'jobType', 'benefits', 'category', 'condition', 'brand',
  'origin', 'destination', 'stop', 'scope'];

const pageUrl = query => `/tim-kiem?${query.toString()}`;

/** The one search box, used by the home page too. */
export function searchForm({ q, kind }) {
  let timer = null;
  const list = h('datalist', { id: 'suggestions' });
  const input = h('input', { id: 'q', name: 'q', type: 'search', value: q, autocomplete: 'off', list: 'suggestions', placeholder: 'Bạn cần tìm gì?' });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    if (input.value.trim().length < 2) return;
    timer = setTimeout(async () => {
      try {
        const suggestions = await api(`/api/suggest?q=${encodeURIComponent(input.value)}`);
        list.replaceChildren(...suggestions.map(s => h('option', { value: s.text })));
      } catch { /* suggestions are a help, not a need */ }
    }, 200);
  });
  const select = h('select', { id: 'kind', name: 'kind' },
    h('option', { value: '' }, 'Tất cả'),
    Object.entries(kinds).map(([slug, k]) => h('option', { value: slug, selected: slug === kind }, k.name)));
  return h('form', {
    class: 'search-form', role: 'search',
    onsubmit: event => {
      event.preventDefault();
      const query = new URLSearchParams();
      if (input.value.trim()) query.set('q', input.value.trim());
      if (select.value) query.set('kind', select.value);
      navigate(pageUrl(query));
    },
  },
  h('label', { for: 'q', class: 'visually-hidden' }, 'Từ khóa tìm kiếm'), input, list,
  h('label', { for: 'kind', class: 'visually-hidden' }, 'Loại tin'), select,
  h('button', { type: 'submit' }, 'Tìm'));
}

function removeSpan(text, part) {
  const removed = text.slice(0, part.start) + text.slice(part.start + part.length);
  return removed.replace(/\s+/g, ' ').trim();
}

function partLabel(part) {
  switch (part.field) {
    case 'kind': return `Loại: ${kindName(part.kind)}`;
    case 'place': return `Gần ${part.place?.name ?? part.source}${part.radiusKm ? ` (${part.radiusKm} km)` : ''}`;
    case 'money':
      if (part.minVnd && part.maxVnd) return `Giá ${formatMoney(part.minVnd)} – ${formatMoney(part.maxVnd)}`;
      return part.maxVnd ? `Dưới ${formatMoney(part.maxVnd)}` : `Từ ${formatMoney(part.minVnd)}`;
    case 'area': return `Diện tích ${part.minM2 ?? ''}–${part.maxM2 ?? ''} m²`;
    default: return `${facetLabels[part.filter] ?? part.field}: ${facetValueLabel(part.filter, part.value) ?? part.source}`;
  }
}

const paramLabels = {
  near: v => `Gần ${v}`, radiusKm: v => `Bán kính ${v} km`, bbox: () => 'Trong vùng bản đồ', minPrice: v => `Từ ${formatMoney(Number(v))}`,
  maxPrice: v => `Đến ${formatMoney(Number(v))}`, lat: () => 'Vị trí đã chọn', sort: v => `Sắp xếp: ${v}`, understand: () => 'Không tự hiểu câu',
};

/** The centre of the radius: explicit lat/lon, or the place the API understood. */
async function radiusCentre(query, understood) {
  if (query.get('lat') && query.get('lon')) return { at: [Number(query.get('lat')), Number(query.get('lon'))], km: Number(query.get('radiusKm') ?? 5) };
  const part = understood?.parts?.find(p => p.field === 'place' && p.place);
  if (!part) return null;
  const known = await places();
  const park = known.parkList.find(p => p.code === part.place.code);
  const commune = known.communes.get(part.place.code);
  const at = park ? [park.latitude, park.longitude] : commune ? [commune.latitude, commune.longitude] : null;
  return at ? { at, km: Number(query.get('radiusKm') ?? part.radiusKm ?? 5) } : null;
}

export default {
  path: '/tim-kiem',
  title: 'Tìm kiếm',
  async render(root, { query }) {
    const q = query.get('q') ?? '';
    const kind = query.get('kind') ?? '';
    const apiQuery = new URLSearchParams();
    if (q) apiQuery.set('q', q);
    for (const name of passed) for (const value of query.getAll(name)) apiQuery.append(name, value);
    apiQuery.set('size', '20');

    const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Đang tìm…');
    const chips = h('ul', { class: 'chips', 'aria-label': 'Bộ lọc đang dùng' });
    const facets = h('div', { class: 'facets' });
    const results = h('ol', { class: 'results', 'aria-label': 'Kết quả' });
    const mapBox = h('div', { class: 'map', id: 'results-map', role: 'region', 'aria-label': 'Bản đồ kết quả' });
    const areaButton = h('button', { type: 'button', class: 'secondary', id: 'search-area' }, 'Tìm trong vùng này');
    const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Xem thêm');
    root.append(
      h('h1', {}, q ? `Kết quả cho “${q}”` : kind ? kindName(kind) : 'Tìm kiếm'),
      searchForm({ q, kind }), chips, status,
      h('div', { class: 'search-layout' },
        h('section', { class: 'list-col', 'aria-label': 'Danh sách' }, facets, results, more),
        h('section', { class: 'map-col', 'aria-label': 'Bản đồ' }, mapBox, areaButton)));

    const view = await createMap(mapBox);
    const seen = [];
    areaButton.addEventListener('click', () => {
      const b = view.map.getBounds();
      const next = new URLSearchParams(query);
      ['near', 'lat', 'lon', 'radiusKm'].forEach(n => next.delete(n));
      // The place typed in q would narrow the box again: the box replaces it.
      const placePart = lastUnderstood?.parts?.find(p => p.field === 'place');
      if (placePart && lastUnderstood.text === q) next.set('q', removeSpan(q, placePart));
      next.set('bbox', [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(n => n.toFixed(5)).join(','));
      navigate(pageUrl(next));
    });

    let lastUnderstood = null;
    const load = async cursor => {
      const call = new URLSearchParams(apiQuery);
      if (cursor) call.set('cursor', cursor);
      const response = await api(`/api/search${kind ? `/${kind}` : ''}?${call}`);
      lastUnderstood = response.understood ?? lastUnderstood;
      status.textContent = response.total === 0 ? 'Không tìm thấy tin nào. Thử bỏ bớt bộ lọc.' : `Tìm thấy ${response.total.toLocaleString('vi-VN')} tin`;
      if (response.relaxed?.length) status.append(' (đã nới điều kiện để có kết quả)');
      for (const hit of response.hits) results.append(resultItem(hit));
      more.hidden = !response.nextCursor;
      more.onclick = () => load(response.nextCursor);
      if (!cursor) { renderChips(response.understood); renderFacets(response.facets, response.understood); }
      await placeMarkers(response.hits);
    };

    const renderChips = understood => {
      const items = [];
      for (const part of understood?.parts ?? []) {
        items.push(chip(partLabel(part), () => {
          const next = new URLSearchParams(query);
          next.set('q', understood.text === q ? removeSpan(q, part) : q.replace(part.source, '').trim());
          if (part.field === 'kind') next.delete('kind');
          navigate(pageUrl(next));
        }));
      }
      for (const name of passed) {
        if (!query.has(name) || name === 'lon') continue;
        const label = paramLabels[name]?.(query.get(name)) ?? `${facetLabels[name] ?? name}: ${facetValueLabel(name, query.get(name))}`;
        items.push(chip(label, () => {
          const next = new URLSearchParams(query);
          next.delete(name);
          if (name === 'lat') next.delete('lon');
          navigate(pageUrl(next));
        }));
      }
      if (kind) items.push(chip(`Loại: ${kindName(kind)}`, () => { const next = new URLSearchParams(query); next.delete('kind'); navigate(pageUrl(next)); }));
      chips.replaceChildren(...items);
    };

    const renderFacets = async (all, understood) => {
      const known = await places();
      const typed = understood?.parts?.find(p => p.field === 'kind')?.kind;
      if (!kind && typed && kinds[typed]) {
        const next = new URLSearchParams(query);
        next.set('kind', typed);
        facets.replaceChildren(h('p', {}, h('a', { href: `#${pageUrl(next)}`, id: 'kind-filters' }, `Lọc thêm trong ${kinds[typed].name}`)));
        return;
      }
      const groups = Object.entries(all ?? {}).filter(([, values]) => values.some(v => v.count > 0));
      facets.replaceChildren(...groups.map(([facet, values]) => h('details', { class: 'facet' },
        h('summary', {}, facetLabels[facet] ?? facet),
        h('ul', {}, values.filter(v => v.count > 0).slice(0, 12).map(v => h('li', {},
          h('a', { href: `#${pageUrl(withFacet(query, facet, v.value))}` }, `${facetValueLabel(facet, v.value, known)} (${v.count})`)))))));
    };

    const placeMarkers = async hits => {
      const details = await Promise.all(hits.map(hit => api(`/api/${hit.kind}/${hit.id}`).catch(() => null)));
      details.forEach((listing, i) => {
        if (!listing) return;
        const hit = hits[i];
        for (const at of kinds[hit.kind]?.points(listing) ?? []) {
          marker(at, hit.title, `#/tin/${hit.kind}/${hit.id}`).addTo(view.markers);
          seen.push(at);
        }
      });
      mapBox.dataset.markers = String(seen.length);
      const centre = await radiusCentre(query, lastUnderstood);
      view.overlays.clearLayers();
      if (centre) L.circle(centre.at, { radius: centre.km * 1000, color: '#b3541e', fillOpacity: 0.05 }).addTo(view.overlays);
      if (query.get('bbox')) {
        const [w, s, e, n] = query.get('bbox').split(',').map(Number);
        L.rectangle([[s, w], [n, e]], { color: '#b3541e', fill: false, dashArray: '4' }).addTo(view.overlays);
      }
      const bounds = seen.length ? L.latLngBounds(seen) : null;
      if (centre) { const c = L.latLng(centre.at).toBounds(centre.km * 2000); bounds ? bounds.extend(c) : view.map.fitBounds(c); }
      if (bounds) view.map.fitBounds(bounds.pad(0.1), { maxZoom: 15 });
    };

    await load(null);
  },
};

function withFacet(query, facet, value) {
  const next = new URLSearchParams(query);
  if (facet === 'price') {
    const [min, max] = value.split('-');
    if (min !== '*') next.set('minPrice', min); else next.delete('minPrice');
    if (max !== '*') next.set('maxPrice', max); else next.delete('maxPrice');
  } else {
    next.set(facet, value);
  }
  return next;
}

function chip(label, onRemove) {
  return h('li', { class: 'chip' }, h('span', {}, label),
    h('button', { type: 'button', 'aria-label': `Bỏ bộ lọc: ${label}`, onclick: onRemove }, '×'));
}

function resultItem(hit) {
  const kind = kinds[hit.kind];
  return h('li', { class: 'result', 'data-kind': hit.kind },
    h('span', { class: `badge badge-${hit.kind}` }, kindName(hit.kind)),
    h('a', { href: `#/tin/${hit.kind}/${hit.id}`, class: 'result-title' }, highlighted(hit.titleHighlight, hit.title)),
    h('p', { class: 'meta' },
      kind?.money(hit) ? h('strong', { class: 'money' }, kind.money(hit)) : null,
      hit.distanceKm != null ? h('span', {}, ` · cách ${formatKm(hit.distanceKm)}`) : null),
    hit.descriptionHighlight ? h('p', { class: 'snippet' }, highlighted(hit.descriptionHighlight, '')) : null);
}
