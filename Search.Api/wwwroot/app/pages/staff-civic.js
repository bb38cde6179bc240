// Agency staff: public-service applications (GET /api/civic/queue) filtered by procedure, commune and
// state; one application in full with its attachments, and the state moves it allows (with a note).
import { api, apiImage } from '../api.js';
import { h, formatDate, formatDateTime } from '../format.js';
import { places } from '../places.js';
import { navigate, toast } from '../navigation.js';
import { problemMessage } from './sign-in.js';
import { civicStatus, formNames } from './services.js';

/** The typed forms' fields as staff read them (the API's names otherwise). */
const labels = {
  diplomaName: 'Tên văn bằng', school: 'Trường cấp', yearOfIssue: 'Năm cấp', diplomaNumber: 'Số hiệu', copies: 'Số bản sao',
  purposeOfUse: 'Mục đích sử dụng', previouslyMarried: 'Đã từng kết hôn', previousMarriages: 'Các lần kết hôn trước',
  childFullName: 'Họ tên trẻ', childDateOfBirth: 'Ngày sinh của trẻ', childSex: 'Giới tính', placeOfBirth: 'Nơi sinh',
  relationshipToChild: 'Quan hệ với trẻ', mother: 'Mẹ', father: 'Cha', fullName: 'họ tên', yearOfBirth: 'năm sinh',
  cccdNumber: 'CCCD', ethnicity: 'dân tộc', nationality: 'quốc tịch', residence: 'nơi cư trú',
};
const values = { true: 'Có', false: 'Không', male: 'Nam', female: 'Nữ', mother: 'Mẹ', father: 'Cha', grandparent: 'Ông/bà', relative: 'Người thân', guardian: 'Người giám hộ' };
const labelOf = path => path.split('.').map(p => labels[p] ?? p).join(' – ');
const valueOf = (path, v) => path.endsWith('childDateOfBirth') ? formatDate(v) : values[String(v)] ?? String(v);

const select = (id, label, map, value) => [h('label', { for: id }, label),
  h('select', { id, name: id }, h('option', { value: '' }, 'Tất cả'), Object.entries(map).map(([v, l]) => h('option', { value: v, selected: v === value }, l)))];

export default {
  path: '/can-bo/dich-vu-cong',
  title: 'Hồ sơ dịch vụ công',
  nav: { label: 'Hồ sơ DVC' },
  roles: ['agencyStaff', 'admin'],
  async render(root, { query }) {
    const filter = { form: query.get('form') ?? '', status: query.get('status') ?? '', commune: query.get('commune') ?? '' };
    const known = await places();
    const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    const queue = await api(`/api/civic/queue?${params}`);
    const form = h('form', { class: 'filters' },
      h('div', { class: 'field' }, select('form', 'Thủ tục', formNames, filter.form)),
      h('div', { class: 'field' }, select('status', 'Tình trạng', civicStatus, filter.status)),
      h('div', { class: 'field' }, select('commune', 'Xã/phường', Object.fromEntries(known.communeList.map(c => [c.code, c.name])), filter.commune)),
      h('button', { type: 'submit', class: 'primary' }, 'Lọc'));
    form.addEventListener('submit', event => { event.preventDefault(); navigate(`/can-bo/dich-vu-cong?${new URLSearchParams([...new FormData(form)].filter(([, v]) => v))}`); });
    const detail = h('div', { id: 'civic-detail' });
    root.append(h('h1', {}, 'Hồ sơ dịch vụ công'), form, h('p', {}, `${queue.length} hồ sơ.`),
      queue.length ? h('table', { id: 'civic-queue' },
        h('thead', {}, h('tr', {}, ['Mã', 'Thủ tục', 'Người nộp', 'Xã/phường', 'Tình trạng', 'Nộp ngày', 'Cập nhật'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, queue.map(s => h('tr', {},
          h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => open(s.trackingCode) }, String(s.trackingCode))),
          h('td', {}, formNames[s.form] ?? s.form), h('td', {}, s.applicantName ?? ''),
          h('td', {}, known.communes.get(s.communeCode)?.name ?? s.communeCode),
          h('td', {}, civicStatus[s.status] ?? s.status), h('td', {}, formatDate(s.submittedAt)), h('td', {}, formatDate(s.updatedAt)))))) : null,
      detail);

    async function open(code) {
      const view = await api(`/api/civic/queue/${code}`);
      const note = h('textarea', { id: 'move-note', rows: 2, maxlength: 1000 });
      const status = h('p', { role: 'status' });
      const details = Object.values(view.details).find(Boolean) ?? {};
      const flat = (obj, prefix = '') => Object.entries(obj).flatMap(([k, v]) => v && typeof v === 'object' ? flat(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]);
      detail.replaceChildren(h('div', { class: 'card' },
        h('h2', { tabindex: '-1' }, `Hồ sơ ${view.trackingCode}: ${view.serviceTitle}`),
        h('dl', { class: 'fields' },
          h('dt', {}, 'Tình trạng'), h('dd', { id: 'civic-status' }, civicStatus[view.status] ?? view.status),
          h('dt', {}, 'Người nộp'), h('dd', {}, `${view.applicant.fullName}, sinh ${formatDate(view.applicant.dateOfBirth)}`),
          h('dt', {}, 'CCCD'), h('dd', {}, view.applicant.cccdNumber),
          h('dt', {}, 'Thường trú'), h('dd', {}, view.applicant.permanentAddress),
          flat(details).filter(([, v]) => v !== null && v !== '').map(([k, v]) => [h('dt', {}, labelOf(k)), h('dd', {}, valueOf(k, v))])),
        h('h3', {}, 'Quá trình'),
        h('ol', {}, view.history.map(c => h('li', {}, `${formatDateTime(c.changedAt)}: ${civicStatus[c.to] ?? c.to} (${c.by})`, c.note ? ` – ${c.note}` : ''))),
        h('h3', {}, 'Đính kèm'),
        view.attachments.length ? h('ul', {}, view.attachments.map(a => h('li', {}, h('button', { type: 'button', class: 'link', onclick: async () => {
          window.open(await apiImage(`/api/civic/attachments/${a.id}`), '_blank', 'noopener');
        } }, `${a.label} (${Math.ceil(a.length / 1024)} KB)`)))) : h('p', {}, 'Chưa có.'),
        view.nextStates.length ? [h('div', { class: 'field' }, h('label', { for: 'move-note' }, 'Ghi chú (bắt buộc khi yêu cầu bổ sung hoặc từ chối)'), note),
          h('div', { class: 'actions' }, view.nextStates.map(to => h('button', { type: 'button', class: to === 'refused' ? '' : 'primary', onclick: async () => {
            try {
              await api(`/api/civic/queue/${view.trackingCode}/transitions`, { method: 'POST', body: { to, note: note.value || null } });
              toast(`Đã chuyển sang “${civicStatus[to]}”`);
              await open(code);
            } catch (error) { status.textContent = problemMessage(error); }
          } }, civicStatus[to] ?? to)))] : h('p', {}, 'Hồ sơ đã kết thúc.'),
        status));
      detail.querySelector('h2').focus();
    }
  },
};
