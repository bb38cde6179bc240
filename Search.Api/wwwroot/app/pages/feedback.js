// Citizen feedback ("phản ánh hiện trường"): the public list and map (GET /api/feedback/reports and
// /map) filtered by category, commune, status and words; like and share; posting a report with a
// photo and a place; and the author's own reports, withdrawable while they wait for moderation.
import { api, currentSession } from '../api.js';
import { h, formatDate, formatDateTime } from '../format.js';
import { places } from '../places.js';
import { createMap, marker } from '../map.js';
import { navigate, toast } from '../navigation.js';
import { field, showProblem, problemMessage } from './sign-in.js';

export const categories = {
  roads: 'Giao thông, đường sá', environment: 'Môi trường', publicOrder: 'Trật tự công cộng',
  electricityAndWater: 'Điện, nước', administrativeProcedures: 'Thủ tục hành chính', other: 'Khác',
};
export const feedbackStatus = {
  pending: 'Chờ duyệt', rejected: 'Bị từ chối', withdrawn: 'Đã rút', merged: 'Đã gộp',
  routed: 'Đã chuyển đơn vị xử lý', inProgress: 'Đang xử lý', answered: 'Đã trả lời',
};
const publicStatus = ['routed', 'inProgress', 'answered'];

const options = (map, keys, blank, selected) => [h('option', { value: '' }, blank),
  (keys ?? Object.keys(map)).map(k => h('option', { value: k, selected: k === selected }, map[k]))];

/** One report as a card: shared by the public list, the author's list and the staff consoles. */
export function reportCard(report, known, extra = []) {
  return h('li', { class: 'card report', 'data-report': report.id },
    // Only public reports have a public page; a pending, rejected or withdrawn one is named without a link.
    h('h3', {}, publicStatus.includes(report.status) ? h('a', { href: `#/phan-anh/${report.id}` }, report.title) : report.title),
    h('p', { class: 'meta' }, [categories[report.category], known.communes.get(report.communeCode)?.name, formatDate(report.createdAt)].filter(Boolean).join(' · ')),
    h('p', {}, h('span', { class: `status status-${report.status}` }, feedbackStatus[report.status] ?? report.status),
      report.overdue ? h('span', { class: 'overdue' }, ' · Quá hạn') : null,
      report.unitName ? ` · ${report.unitName}` : '',
      report.deadlineAt ? ` · hạn trả lời ${formatDate(report.deadlineAt)}` : ''),
    h('p', { class: 'description' }, report.text),
    report.photos?.length ? h('div', { class: 'photos' }, report.photos.map((src, i) => h('img', { src, alt: `Ảnh ${i + 1} của phản ánh: ${report.title}`, loading: 'lazy', width: 320 }))) : null,
    report.answer ? h('div', { class: 'note' }, h('strong', {}, 'Trả lời: '), report.answer, report.answeredAt ? h('span', { class: 'meta' }, ` (${formatDate(report.answeredAt)})`) : null) : null,
    report.rejectionReason ? h('p', { class: 'error' }, `Lý do từ chối: ${report.rejectionReason}`) : null,
    extra);
}

function likeAndShare(report) {
  const likes = h('span', { class: 'like-count' }, `${report.likeCount}`);
  const shares = h('span', {}, `${report.shareCount}`);
  let liked = false;
  const like = h('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false', onclick: async () => {
    if (!currentSession()) { navigate(`/dang-nhap?tiep=${encodeURIComponent(location.hash.slice(1))}`); return; }
    try {
      const view = await api(`/api/feedback/reports/${report.id}/like`, { method: liked ? 'DELETE' : 'POST' });
      liked = view.liked;
      like.setAttribute('aria-pressed', String(liked));
      likes.textContent = `${view.likeCount}`;
    } catch (error) { toast(problemMessage(error)); }
  } }, 'Ủng hộ ', likes);
  const share = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    const link = `${location.origin}/api/feedback/reports/${report.id}/page`;
    try {
      const view = await api(`/api/feedback/reports/${report.id}/share`, { method: 'POST' });
      shares.textContent = `${view.shareCount}`;
      if (navigator.share) await navigator.share({ title: report.title, url: link }).catch(() => {});
      else await navigator.clipboard?.writeText(link).catch(() => {});
      toast(`Đã sao chép liên kết: ${link}`);
    } catch (error) { toast(problemMessage(error)); }
  } }, 'Chia sẻ ', shares);
  return h('div', { class: 'actions' }, like, share);
}

const publicList = {
  path: '/phan-anh',
  title: 'Phản ánh hiện trường',
  nav: { label: 'Phản ánh' },
  async render(root, { query }) {
    const known = await places();
    const filter = { category: query.get('category') ?? '', communeCode: query.get('communeCode') ?? '', status: query.get('status') ?? '', q: query.get('q') ?? '' };
    const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Lọc phản ánh' },
      field('q', 'Từ khóa', { value: filter.q, type: 'search' }),
      field('category', 'Lĩnh vực', { tag: 'select', options: options(categories, null, 'Tất cả', filter.category) }),
      field('communeCode', 'Xã/phường', { tag: 'select', options: [h('option', { value: '' }, 'Tất cả'), known.communeList.map(c => h('option', { value: c.code, selected: c.code === filter.communeCode }, c.name))] }),
      field('status', 'Tình trạng', { tag: 'select', options: options(feedbackStatus, publicStatus, 'Tất cả', filter.status) }),
      h('button', { type: 'submit', class: 'primary' }, 'Lọc'));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const params = new URLSearchParams([...new FormData(form)].filter(([, v]) => v));
      navigate(`/phan-anh?${params}`);
    });
    const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    const [page, geo] = await Promise.all([api(`/api/feedback/reports?${params}`), api(`/api/feedback/map?${params}`)]);
    const list = h('ul', { class: 'reports', id: 'reports' }, page.items.map(r => reportCard(r, known, likeAndShare(r))));
    const more = h('button', { type: 'button', class: 'secondary', hidden: !page.nextCursor }, 'Xem thêm');
    let cursor = page.nextCursor;
    more.addEventListener('click', async () => {
      const next = await api(`/api/feedback/reports?${params}&cursor=${encodeURIComponent(cursor)}`);
      next.items.forEach(r => list.append(reportCard(r, known, likeAndShare(r))));
      cursor = next.nextCursor;
      more.hidden = !cursor;
    });
    const mapBox = h('div', { class: 'map', id: 'feedback-map', role: 'region', 'aria-label': 'Bản đồ phản ánh' });
    root.append(h('h1', {}, 'Phản ánh hiện trường'),
      h('p', {}, 'Người dân báo ổ gà, rác thải, mất điện… Cơ quan chức năng trả lời công khai. ',
        currentSession() ? [h('a', { href: '#/phan-anh/gui' }, 'Gửi phản ánh'), ' · ', h('a', { href: '#/phan-anh/cua-toi' }, 'Phản ánh của tôi')] : h('a', { href: '#/dang-nhap?tiep=/phan-anh/gui' }, 'Đăng nhập để gửi phản ánh')),
      form,
      h('div', { class: 'search-layout' },
        h('div', { class: 'list-col' }, h('p', { class: 'status', role: 'status' }, page.items.length ? '' : 'Không có phản ánh nào.'), list, more),
        h('div', { class: 'map-col' }, mapBox)));
    const view = await createMap(mapBox);
    const points = geo.features.map(f => {
      const at = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      const p = f.properties;
      marker(at, `${p.title}${p.approximate ? ' (vị trí gần đúng)' : ''}`, `#/phan-anh/${p.id}`).addTo(view.markers);
      return at;
    });
    if (points.length) view.map.fitBounds(L.latLngBounds(points).pad(0.2), { maxZoom: 14 });
    mapBox.dataset.markers = String(points.length);
  },
};

const oneReport = {
  path: '/phan-anh/:id',
  title: 'Phản ánh',
  async render(root, { params }) {
    if (!/^\d+$/.test(params.id)) { root.append(h('h1', {}, 'Không tìm thấy phản ánh')); return; }
    const [report, known] = await Promise.all([api(`/api/feedback/reports/${params.id}`), places()]);
    document.title = `${report.title} – Đồng Nai`;
    root.append(h('p', { class: 'crumbs' }, h('a', { href: '#/phan-anh' }, 'Phản ánh hiện trường')), h('h1', {}, report.title),
      h('ul', { class: 'reports' }, reportCard(report, known, likeAndShare(report))));
    if (report.latitude != null) {
      const box = h('div', { class: 'map map-small', role: 'region', 'aria-label': 'Vị trí phản ánh' });
      root.append(box);
      const view = await createMap(box);
      marker([report.latitude, report.longitude], report.title, location.hash).addTo(view.markers);
      view.map.setView([report.latitude, report.longitude], 15);
    }
  },
};

const readPhoto = file => new Promise((resolve, reject) => {
  const reader = new FileReader();
  reader.onload = () => resolve(String(reader.result).split(',')[1]);
  reader.onerror = () => reject(reader.error);
  reader.readAsDataURL(file);
});

const post = {
  path: '/phan-anh/gui',
  title: 'Gửi phản ánh',
  roles: ['worker', 'employer', 'agencyStaff', 'admin'],
  async render(root) {
    const known = await places();
    const lat = h('input', { type: 'hidden', name: 'latitude' });
    const lon = h('input', { type: 'hidden', name: 'longitude' });
    const where = h('p', { class: 'meta', id: 'picked-place', 'aria-live': 'polite' }, 'Chưa chọn điểm: phản ánh sẽ hiện ở trung tâm xã/phường.');
    const form = h('form', { class: 'card form', novalidate: true, id: 'new-report' },
      field('title', 'Tiêu đề', { required: true, maxlength: 200 }),
      field('text', 'Nội dung', { tag: 'textarea', rows: 4, required: true, maxlength: 4000 }),
      field('category', 'Lĩnh vực', { tag: 'select', options: options(categories, null, '— Chọn —') }),
      field('communeCode', 'Xã/phường', { tag: 'select', options: [h('option', { value: '' }, '— Chọn —'), known.communeList.map(c => h('option', { value: c.code }, c.name))] }),
      field('photos', 'Ảnh (tối đa 3: JPEG, PNG, WebP)', { type: 'file', accept: 'image/jpeg,image/png,image/webp', multiple: true }),
      lat, lon,
      h('p', {}, 'Bấm lên bản đồ để chọn đúng chỗ (không bắt buộc).'),
      h('div', { class: 'map map-small', id: 'report-map', role: 'region', 'aria-label': 'Chọn vị trí trên bản đồ' }),
      where,
      h('button', { type: 'button', class: 'secondary', id: 'use-location', onclick: () => navigator.geolocation?.getCurrentPosition(p => pick(p.coords.latitude, p.coords.longitude)) }, 'Dùng vị trí của tôi'),
      h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
      h('button', { type: 'submit', class: 'primary' }, 'Gửi phản ánh'));
    root.append(h('h1', {}, 'Gửi phản ánh'),
      h('p', { class: 'meta' }, 'Ảnh được xóa thông tin vị trí và máy chụp trước khi lưu. Tên bạn không hiện công khai.'), form);
    const view = await createMap(form.querySelector('#report-map'));
    let pin = null;
    function pick(latitude, longitude) {
      lat.value = latitude.toFixed(6); lon.value = longitude.toFixed(6);
      pin?.remove();
      pin = L.marker([latitude, longitude], { title: 'Vị trí phản ánh', alt: 'Vị trí phản ánh' }).addTo(view.markers);
      where.textContent = `Đã chọn điểm ${lat.value}, ${lon.value}.`;
    }
    view.map.on('click', e => pick(e.latlng.lat, e.latlng.lng));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const d = new FormData(form);
      const files = [...form.elements.photos.files];
      try {
        const body = {
          title: d.get('title'), text: d.get('text'), category: d.get('category') || null, communeCode: d.get('communeCode') || null,
          latitude: lat.value ? Number(lat.value) : null, longitude: lon.value ? Number(lon.value) : null,
          photos: await Promise.all(files.map(readPhoto)),
        };
        const report = await api('/api/feedback/reports', { method: 'POST', body });
        toast('Đã gửi phản ánh, đang chờ duyệt');
        navigate(`/phan-anh/cua-toi?moi=${report.id}`);
      } catch (error) {
        if (error.problem?.errors) {
          for (const key of Object.keys(error.problem.errors)) {
            if (/^photos\[\d+\]$/.test(key)) error.problem.errors.photos = error.problem.errors[key];
            if (key === 'latitude' || key === 'longitude') error.problem.errors.communeCode ??= error.problem.errors[key];
          }
        }
        showProblem(form, error);
      }
    });
  },
};

const mine = {
  path: '/phan-anh/cua-toi',
  title: 'Phản ánh của tôi',
  roles: ['worker', 'employer', 'agencyStaff', 'admin'],
  async render(root) {
    const [reports, known] = await Promise.all([api('/api/feedback/reports/mine'), places()]);
    root.append(h('h1', {}, 'Phản ánh của tôi'), h('p', {}, h('a', { href: '#/phan-anh/gui' }, 'Gửi phản ánh mới')));
    root.append(reports.length ? h('ul', { class: 'reports', id: 'my-reports' }, reports.map(r => reportCard(r, known,
      r.status === 'pending' ? h('button', { type: 'button', class: 'secondary', onclick: async event => {
        if (!confirm('Rút phản ánh này? Phản ánh đã rút không gửi lại được.')) return;
        try {
          await api(`/api/feedback/reports/${r.id}/withdraw`, { method: 'POST' });
          event.target.closest('li').querySelector('.status').textContent = feedbackStatus.withdrawn;
          event.target.remove();
          toast('Đã rút phản ánh');
        } catch (error) { toast(problemMessage(error)); }
      } }, 'Rút phản ánh') : null))) : h('p', {}, 'Bạn chưa gửi phản ánh nào.'),
    h('p', { class: 'meta' }, `Cập nhật lúc ${formatDateTime(new Date().toISOString())}`));
  },
};

export default [publicList, post, mine, oneReport];
