// The home page: the search box, and the personalised feed (GET /api/feed) with the reasons each
// item is shown. Signed in, the feed is around the profile's park and home; without those (or
// signed out) the visitor picks a place and the feed is around it (the API's `near`).
import { api, currentSession, ApiError } from '../api.js';
import { h, formatKm } from '../format.js';
import { kinds, kindName } from '../kinds.js';
import { places } from '../places.js';
import { toast } from '../navigation.js';
import { searchForm } from './search.js';
import { problemMessage } from './sign-in.js';

/** The feed item's money, as its kind's search hit reads it. */
const money = item => kinds[item.kind]?.money(item) ?? '';

async function feedSection(near) {
  const section = h('section', { class: 'feed', 'aria-labelledby': 'feed-title' });
  const list = h('ul', { class: 'feed-items', id: 'feed' });
  const status = h('p', { class: 'status', role: 'status' });
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Xem thêm');
  let cursor = null;

  const picker = async () => {
    const known = await places();
    const select = h('select', { id: 'feed-near', name: 'near' }, h('option', { value: '' }, '— Chọn nơi làm việc hoặc nơi ở —'),
      h('optgroup', { label: 'Khu công nghiệp' }, known.parkList.map(p => h('option', { value: p.code, selected: p.code === near }, p.name))),
      h('optgroup', { label: 'Xã/phường' }, known.communeList.map(c => h('option', { value: c.name, selected: c.name === near }, c.name))));
    select.addEventListener('change', () => { sessionStorage.setItem('dongnai.near', select.value); load(select.value || null, true); });
    return h('div', { class: 'field' }, h('label', { for: 'feed-near' }, 'Chọn khu vực'), select);
  };

  async function load(place, fresh) {
    if (fresh) { cursor = null; list.replaceChildren(); }
    status.textContent = 'Đang tải gợi ý…';
    const query = new URLSearchParams({ size: '10' });
    if (place) query.set('near', place);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = await api(`/api/feed?${query}`);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      page.items.forEach(item => list.append(feedItem(item)));
      status.textContent = list.children.length ? '' : 'Chưa có gợi ý nào quanh đây.';
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.status === 400 && error.fieldErrors.near) {
        status.textContent = currentSession()
          ? 'Hồ sơ của bạn chưa có khu công nghiệp hay nơi ở. Chọn một nơi ở dưới, hoặc cập nhật trong Tài khoản.'
          : 'Chọn nơi bạn làm việc hoặc ở để xem gợi ý.';
        return false;
      }
      status.textContent = problemMessage(error);
      return false;
    }
  }

  function feedItem(item) {
    const li = h('li', { class: 'result feed-item', 'data-kind': item.kind },
      h('span', { class: 'badge' }, kindName(item.kind)), item.exploration ? h('span', { class: 'badge' }, 'Mới, thử xem') : null, ' ',
      h('a', { class: 'result-title', href: `#/tin/${item.kind}/${item.id}` }, item.title),
      money(item) ? h('p', { class: 'money' }, money(item)) : null,
      h('ul', { class: 'reasons', 'aria-label': 'Vì sao gợi ý' }, item.reasons.map(r => h('li', {}, r))),
      currentSession() ? h('button', { type: 'button', class: 'link dismiss', 'aria-label': `Ẩn tin: ${item.title}`, onclick: async () => {
        try {
          await api(`/api/feed/${item.kind}/${item.id}/dismiss`, { method: 'POST' });
          li.remove();
          toast('Đã ẩn tin này khỏi gợi ý');
        } catch (error) { toast(problemMessage(error)); }
      } }, 'Không quan tâm') : null);
    li.dataset.distance = formatKm(item.distanceKm);
    return li;
  }

  more.addEventListener('click', () => load(near, false));
  section.append(h('h2', { id: 'feed-title' }, currentSession() ? 'Dành cho bạn' : 'Gợi ý quanh bạn'), status, list, more);
  // Signed in: the profile's places first; the place picker when the profile has none.
  const loaded = currentSession() && !near ? await load(null, true) : false;
  if (!loaded) {
    section.insertBefore(await picker(), status);
    if (near) await load(near, true);
  }
  return section;
}

export default {
  path: '/',
  title: 'Trang chủ',
  nav: { label: 'Trang chủ' },
  async render(root) {
    root.append(
      h('h1', {}, 'Tìm việc làm, phòng trọ, đồ cũ, voucher và xe buýt ở Đồng Nai'),
      h('p', { class: 'lead' }, 'Gõ như khi nói, có dấu hay không dấu đều được: “phòng trọ gần Amata dưới 2 triệu”, “việc làm ca ngày KCN Long Đức”.'),
      searchForm({ q: '', kind: '' }),
      await feedSection(sessionStorage.getItem('dongnai.near') || null),
      h('h2', {}, 'Tìm theo loại'),
      h('ul', { class: 'kind-links' }, Object.entries(kinds).map(([slug, kind]) =>
        h('li', {}, h('a', { href: `#/tim-kiem?kind=${slug}` }, kind.name)))),
      h('h2', {}, 'Gợi ý tìm kiếm'),
      h('ul', { class: 'examples' }, ['phòng trọ gần Amata dưới 2 triệu', 'việc làm ca ngày có cơm ca', 'xe buýt Biên Hòa Đồng Xoài', 'voucher ăn uống']
        .map(q => h('li', {}, h('a', { href: `#/tim-kiem?q=${encodeURIComponent(q)}` }, q)))),
    );
  },
};
