// One listing: its fields, description and place on the map, related listings, the contact
// button (opens a conversation with the owner) and, for vouchers, the claim button.
import { api, currentSession, ApiError } from '../api.js';
import { h, formatDate } from '../format.js';
import { kinds, kindName } from '../kinds.js';
import { createMap, marker } from '../map.js';
import { navigate, toast } from '../navigation.js';
import { problemMessage } from './sign-in.js';

export default {
  path: '/tin/:kind/:id',
  title: 'Chi tiết tin',
  async render(root, { params }) {
    const { kind: slug, id } = params;
    const kind = kinds[slug];
    if (!kind) { root.append(h('h1', {}, 'Không có loại tin này')); return; }
    let listing;
    try {
      listing = await api(`/api/${slug}/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) { root.append(h('h1', {}, 'Tin này không còn'), h('p', {}, h('a', { href: '#/' }, 'Về trang chủ'))); return; }
      throw error;
    }
    document.title = `${listing.title} – Đồng Nai`;
    const actions = h('div', { class: 'actions' });
    const result = h('div', { role: 'status', 'aria-live': 'polite' });
    const mapBox = h('div', { class: 'map map-small', role: 'region', 'aria-label': 'Vị trí trên bản đồ' });
    root.append(
      h('p', { class: 'crumbs' }, h('a', { href: `#/tim-kiem?kind=${slug}` }, kindName(slug))),
      h('h1', {}, listing.title),
      listing.ownerVerified ? h('p', { class: 'verified' }, '✓ Người đăng đã xác minh danh tính') : null,
      h('dl', { class: 'fields' }, kind.fields(listing).filter(([, v]) => v !== undefined && v !== null && v !== '')
        .map(([label, value]) => [h('dt', {}, label), h('dd', {}, String(value))])),
      actions, result,
      h('h2', {}, 'Mô tả'),
      h('p', { class: 'description' }, listing.description),
      listing.updatedAt ? h('p', { class: 'meta' }, `Cập nhật ${formatDate(listing.updatedAt)}`) : null,
      mapBox);

    actions.append(h('button', {
      type: 'button', id: 'contact',
      onclick: async () => {
        if (!currentSession()) { navigate(`/dang-nhap?tiep=${encodeURIComponent(location.hash.slice(1))}`); return; }
        try {
          const conversation = await api('/api/conversations', { method: 'POST', body: { listing: { kind: slug, id: Number(id) } } });
          navigate(`/tin-nhan?c=${conversation.id}`);
        } catch (error) { result.textContent = problemMessage(error); }
      },
    }, slug === 'bus-routes' ? 'Liên hệ nhà xe' : 'Liên hệ người đăng'));

    if (slug === 'vouchers') {
      actions.append(h('button', {
        type: 'button', id: 'claim', class: 'primary',
        onclick: async () => {
          if (!currentSession()) { navigate(`/dang-nhap?tiep=${encodeURIComponent(location.hash.slice(1))}`); return; }
          try {
            const claim = await api(`/api/vouchers/${id}/claims`, { method: 'POST' });
            result.replaceChildren(claim.order
              ? h('p', {}, `Đã giữ voucher cho bạn. Thanh toán trước ${formatDate(claim.order.expiresAt)} để nhận mã.`)
              : h('p', {}, 'Đã nhận voucher! Mã dùng: ', h('strong', {}, claim.redemptionCode ?? ''), '. Xem trong ', h('a', { href: '#/tai-khoan' }, 'Ví voucher'), '.'));
            toast('Đã nhận voucher');
          } catch (error) { result.textContent = problemMessage(error); }
        },
      }, listing.priceVnd ? 'Mua voucher' : 'Nhận voucher'));
    }

    const jobAction = slug === 'jobs' ? await jobActions(Number(id), result) : null;
    if (jobAction) actions.append(jobAction);

    const view = await createMap(mapBox);
    const points = kind.points(listing);
    points.forEach(at => marker(at, listing.title, location.hash).addTo(view.markers));
    if (slug === 'bus-routes' && points.length > 1) L.polyline(points, { color: '#0b5d3b' }).addTo(view.overlays);
    if (points.length) view.map.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 15 });
    mapBox.dataset.markers = String(points.length);

    const related = await api(`/api/${slug}/${id}/related?size=6`).catch(() => []);
    if (related.length) {
      root.append(h('h2', {}, 'Tin tương tự'), h('ul', { class: 'related' }, related.map(r =>
        h('li', {}, h('a', { href: `#/tin/${r.kind}/${r.id}` }, r.title), ' ', h('span', { class: 'money' }, kinds[r.kind]?.money(r) ?? '')))));
    }
  },
};

/** Applying with one of the worker's CVs; for an employer, the way to candidates for this job. */
async function jobActions(jobId, result) {
  const session = currentSession();
  if (session?.role === 'employer') return h('a', { href: `#/nha-tuyen-dung?job=${jobId}` }, 'Tìm ứng viên cho việc này');
  if (session && session.role !== 'worker') return null;
  const box = h('div', { class: 'apply' });
  const open = h('button', { type: 'button', class: 'primary', id: 'apply' }, 'Ứng tuyển');
  open.addEventListener('click', async () => {
    if (!currentSession()) { navigate(`/dang-nhap?tiep=${encodeURIComponent(location.hash.slice(1))}`); return; }
    const cvs = await api('/api/cvs/mine').catch(() => []);
    if (!cvs.length) {
      result.replaceChildren(h('p', {}, 'Bạn cần một hồ sơ tuyển dụng để ứng tuyển. ', h('a', { href: '#/tai-khoan/ho-so-tuyen-dung' }, 'Tạo hồ sơ')));
      return;
    }
    const select = h('select', { id: 'apply-cv' }, cvs.map(c => h('option', { value: c.cv.id }, c.cv.desiredJob)));
    const send = h('button', { type: 'button', class: 'primary' }, 'Gửi hồ sơ');
    send.addEventListener('click', async () => {
      try {
        await api('/api/applications', { method: 'POST', body: { jobId, cvId: Number(select.value) } });
        box.replaceChildren(h('p', { class: 'verified' }, 'Đã gửi hồ sơ. Theo dõi trong ', h('a', { href: '#/tai-khoan/ho-so-tuyen-dung' }, 'Việc đã ứng tuyển'), '.'));
        toast('Đã ứng tuyển');
      } catch (error) { result.textContent = problemMessage(error); }
    });
    box.replaceChildren(h('label', { for: 'apply-cv' }, 'Chọn hồ sơ'), select, send);
    select.focus();
  });
  box.append(open);
  return box;
}
