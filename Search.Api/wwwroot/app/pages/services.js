// Public services: the catalogue (GET /api/search/public-services), one entry with its online
// application form for the three procedures that have one (the applicant's identity fields shown
// locked from the verified card: GET /api/public-services/{id}/form), attachments, and tracking
// by code (GET /api/civic/applications/{code}, the applicant's own).
import { api, currentSession, ApiError } from '../api.js';
import { h, formatDate, formatDateTime, formatMoney } from '../format.js';
import { kinds } from '../kinds.js';
import { places } from '../places.js';
import { navigate, toast } from '../navigation.js';
import { field, showProblem, problemMessage } from './sign-in.js';

export const civicStatus = { received: 'Đã tiếp nhận', processing: 'Đang xử lý', needsMoreInformation: 'Cần bổ sung', done: 'Đã có kết quả', refused: 'Từ chối' };
// The fee's state (GET /api/civic/applications/{code} → fee); paying happens in the mobile app through the order checkout.
const feeStates = { awaitingPayment: 'chờ thanh toán', paid: 'đã nộp', needsNewOrder: 'chưa nộp: tạo đơn nộp phí mới', noLongerDue: 'không còn phải nộp' };
export const formNames = { birthRegistration: 'Đăng ký khai sinh', maritalStatus: 'Xác nhận tình trạng hôn nhân', diplomaCopy: 'Cấp bản sao văn bằng' };

const catalogue = {
  path: '/dich-vu-cong',
  title: 'Dịch vụ công',
  nav: { label: 'Dịch vụ công' },
  async render(root, { query }) {
    const q = query.get('q') ?? '';
    const result = await api(`/api/search/public-services?size=50${q ? `&q=${encodeURIComponent(q)}` : ''}`);
    const form = h('form', { class: 'search-form', role: 'search' },
      h('label', { for: 'ps-q', class: 'visually-hidden' }, 'Tìm thủ tục'),
      h('input', { id: 'ps-q', name: 'q', type: 'search', value: q, placeholder: 'Ví dụ: đăng ký khai sinh' }),
      h('button', { type: 'submit' }, 'Tìm'));
    form.addEventListener('submit', event => { event.preventDefault(); navigate(`/dich-vu-cong?q=${encodeURIComponent(form.elements.q.value)}`); });
    root.append(h('h1', {}, 'Dịch vụ công'),
      h('p', {}, 'Ba thủ tục nộp trực tuyến được ngay tại đây: đăng ký khai sinh, xác nhận tình trạng hôn nhân, cấp bản sao văn bằng. ',
        h('a', { href: '#/dich-vu-cong/tra-cuu' }, 'Tra cứu hồ sơ đã nộp')),
      form,
      h('ul', { class: 'results', id: 'services' }, result.hits.map(hit => h('li', { class: 'result' },
        h('a', { class: 'result-title', href: `#/dich-vu-cong/${hit.id}` }, hit.title),
        kinds['public-services'].money(hit) ? h('p', { class: 'money' }, kinds['public-services'].money(hit)) : null))));
  },
};

/** The typed fields of each procedure; names are the API's field paths, so its errors land beside them. */
function formFields(form) {
  const yes = (name, label) => field(name, label, { tag: 'select', options: [h('option', { value: 'false' }, 'Không'), h('option', { value: 'true' }, 'Có')] });
  const parent = (who, label) => h('fieldset', {}, h('legend', {}, label),
    field(`birthRegistration.${who}.fullName`, 'Họ tên'), field(`birthRegistration.${who}.yearOfBirth`, 'Năm sinh', { type: 'number', inputmode: 'numeric' }),
    field(`birthRegistration.${who}.cccdNumber`, 'Số CCCD (nếu có)', { inputmode: 'numeric' }),
    field(`birthRegistration.${who}.ethnicity`, 'Dân tộc', { value: 'Kinh' }), field(`birthRegistration.${who}.nationality`, 'Quốc tịch', { value: 'Việt Nam' }),
    field(`birthRegistration.${who}.residence`, 'Nơi cư trú'));
  switch (form) {
    case 'diplomaCopy': return [field('diplomaCopy.diplomaName', 'Tên văn bằng, chứng chỉ', { required: true }), field('diplomaCopy.school', 'Trường cấp', { required: true }),
      field('diplomaCopy.yearOfIssue', 'Năm cấp', { type: 'number', inputmode: 'numeric', required: true }), field('diplomaCopy.diplomaNumber', 'Số hiệu (nếu biết)'),
      field('diplomaCopy.copies', 'Số bản sao', { type: 'number', inputmode: 'numeric', value: '1', min: 1, max: 10 })];
    case 'maritalStatus': return [field('maritalStatus.purposeOfUse', 'Mục đích sử dụng', { required: true }), yes('maritalStatus.previouslyMarried', 'Đã từng kết hôn'),
      field('maritalStatus.previousMarriages', 'Các lần kết hôn trước và cách kết thúc (nếu có)', { tag: 'textarea', rows: 2 })];
    case 'birthRegistration': return [field('birthRegistration.childFullName', 'Họ tên trẻ', { required: true }),
      field('birthRegistration.childDateOfBirth', 'Ngày sinh của trẻ', { type: 'date', required: true }),
      field('birthRegistration.childSex', 'Giới tính', { tag: 'select', options: [h('option', { value: 'male' }, 'Nam'), h('option', { value: 'female' }, 'Nữ')] }),
      field('birthRegistration.placeOfBirth', 'Nơi sinh', { required: true }), parent('mother', 'Mẹ'), parent('father', 'Cha (nếu có)'),
      field('birthRegistration.relationshipToChild', 'Quan hệ với trẻ', { tag: 'select', options: Object.entries({ mother: 'Mẹ', father: 'Cha', grandparent: 'Ông/bà', relative: 'Người thân', guardian: 'Người giám hộ' }).map(([v, l]) => h('option', { value: v }, l)) })];
    default: return [];
  }
}

/** The form's inputs as the nested body the API takes (a.b.c = value), numbers and booleans typed, blanks left out. */
function nested(formElement) {
  const body = {};
  for (const [key, raw] of new FormData(formElement)) {
    if (!key.includes('.') || raw === '') continue;
    const input = formElement.elements[key];
    const value = input.type === 'number' ? Number(raw) : raw === 'true' ? true : raw === 'false' ? false : raw;
    const path = key.split('.');
    let at = body;
    path.slice(0, -1).forEach(p => { at = at[p] ??= {}; });
    at[path.at(-1)] = value;
  }
  // A parent left blank is no parent.
  for (const who of ['mother', 'father']) {
    const p = body.birthRegistration?.[who];
    if (p && !p.fullName) delete body.birthRegistration[who];
  }
  return body;
}

function attachmentForm(code, onAttached) {
  const form = h('form', { class: 'card form', id: 'attach' },
    field('label', 'Tên giấy tờ', { required: true, maxlength: 200 }),
    field('file', 'Tệp (PDF, JPEG, PNG; tối đa 5 MB)', { type: 'file', accept: 'application/pdf,image/jpeg,image/png', required: true }),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h('button', { type: 'submit' }, 'Đính kèm'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const view = await api(`/api/civic/applications/${code}/attachments`, { method: 'POST', form: new FormData(form) });
      form.reset();
      toast('Đã đính kèm');
      onAttached(view);
    } catch (error) { showProblem(form, error); }
  });
  return form;
}

function applicationView(view, known) {
  return h('div', { class: 'card', id: 'application' },
    h('h2', {}, `Hồ sơ ${view.trackingCode}`),
    h('dl', { class: 'fields' },
      h('dt', {}, 'Thủ tục'), h('dd', {}, view.serviceTitle),
      h('dt', {}, 'Tình trạng'), h('dd', { id: 'application-status' }, civicStatus[view.status] ?? view.status),
      h('dt', {}, 'Người nộp'), h('dd', {}, view.applicant.fullName),
      h('dt', {}, 'Nơi giải quyết'), h('dd', {}, known.communes.get(view.communeCode)?.name ?? view.communeCode),
      view.fee ? [h('dt', {}, 'Lệ phí'), h('dd', { id: 'application-fee' }, `${formatMoney(view.fee.amountVnd)} – ${feeStates[view.fee.state] ?? view.fee.state}`)] : [],
      h('dt', {}, 'Ngày nộp'), h('dd', {}, formatDate(view.submittedAt))),
    h('h3', {}, 'Quá trình xử lý'),
    h('ol', {}, view.history.map(c => h('li', {}, `${formatDateTime(c.changedAt)}: ${civicStatus[c.to] ?? c.to}`, c.note ? ` – ${c.note}` : ''))),
    h('h3', {}, 'Giấy tờ đính kèm'),
    view.attachments.length ? h('ul', {}, view.attachments.map(a => h('li', {}, `${a.label} (${Math.ceil(a.length / 1024)} KB, ${formatDate(a.attachedAt)})`))) : h('p', {}, 'Chưa có.'));
}

const service = {
  path: '/dich-vu-cong/:id',
  title: 'Thủ tục',
  async render(root, { params }) {
    if (!/^\d+$/.test(params.id)) { navigate('/dich-vu-cong'); return; }
    const [entry, known] = await Promise.all([api(`/api/public-services/${params.id}`), places()]);
    document.title = `${entry.title} – Đồng Nai`;
    root.append(h('p', { class: 'crumbs' }, h('a', { href: '#/dich-vu-cong' }, 'Dịch vụ công')), h('h1', {}, entry.title),
      h('dl', { class: 'fields' }, kinds['public-services'].fields(entry).filter(([, v]) => v).map(([l, v]) => [h('dt', {}, l), h('dd', {}, String(v))])),
      h('p', { class: 'description' }, entry.description));
    if (!entry.form) {
      if (entry.externalUrl) root.append(h('p', {}, 'Thủ tục này nộp trên Cổng dịch vụ công quốc gia: ', h('a', { href: entry.externalUrl, rel: 'noopener' }, entry.externalUrl)));
      return;
    }
    root.append(h('h2', {}, 'Nộp hồ sơ trực tuyến'));
    if (!currentSession()) { root.append(h('p', {}, h('a', { href: `#/dang-nhap?tiep=${encodeURIComponent(`/dich-vu-cong/${entry.id}`)}` }, 'Đăng nhập'), ' để nộp hồ sơ.')); return; }
    let prefilled;
    try {
      prefilled = await api(`/api/public-services/${entry.id}/form`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403) { root.append(h('p', { class: 'note' }, 'Cần xác minh danh tính (CCCD) trên ứng dụng điện thoại trước khi nộp hồ sơ.')); return; }
      throw error;
    }
    const a = prefilled.applicant;
    const locked = (name, label, value) => h('div', { class: 'field' },
      h('label', { for: `locked-${name}` }, label, ' ', h('span', { class: 'badge' }, '🔒 Từ CCCD')),
      h('input', { id: `locked-${name}`, value, readonly: true, 'aria-readonly': 'true', class: 'locked' }));
    const form = h('form', { class: 'card form', novalidate: true, id: 'civic-form' },
      h('fieldset', {}, h('legend', {}, 'Người nộp (từ CCCD đã xác minh, không sửa được)'),
        locked('fullName', 'Họ tên', a.fullName), locked('dateOfBirth', 'Ngày sinh', formatDate(a.dateOfBirth)),
        locked('cccdNumber', 'Số CCCD', a.cccdNumber), locked('permanentAddress', 'Nơi thường trú', a.permanentAddress)),
      field('communeCode', 'Nộp tại xã/phường', { tag: 'select', options: [h('option', { value: '' }, '— Chọn —'), known.communeList.map(c => h('option', { value: c.code }, c.name))] }),
      formFields(prefilled.form),
      prefilled.requiredDocuments.length ? h('div', { class: 'note' }, h('p', {}, 'Giấy tờ cần đính kèm sau khi nộp:'), h('ul', {}, prefilled.requiredDocuments.map(d => h('li', {}, d)))) : null,
      h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
      h('button', { type: 'submit', class: 'primary' }, 'Nộp hồ sơ'));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        const view = await api('/api/civic/applications', { method: 'POST', body: { serviceId: entry.id, communeCode: form.elements.communeCode.value || null, ...nested(form) } });
        toast(`Đã nộp hồ sơ, mã ${view.trackingCode}`);
        const box = h('div', {}, h('p', { class: 'verified', id: 'tracking-code' }, `Đã nộp. Mã tra cứu: ${view.trackingCode}`));
        const show = v => box.replaceChildren(box.firstChild, applicationView(v, known), attachmentForm(v.trackingCode, show));
        show(view);
        form.replaceWith(box);
        box.querySelector('#tracking-code').setAttribute('tabindex', '-1');
        box.querySelector('#tracking-code').focus();
      } catch (error) { showProblem(form, error); }
    });
    root.append(form);
  },
};

const tracking = {
  path: '/dich-vu-cong/tra-cuu',
  title: 'Tra cứu hồ sơ',
  roles: ['worker', 'employer', 'agencyStaff', 'admin'],
  async render(root, { query }) {
    const code = query.get('ma') ?? '';
    const known = await places();
    const form = h('form', { class: 'search-form', role: 'search' },
      h('label', { for: 'tracking' }, 'Mã hồ sơ (12 số)'),
      h('input', { id: 'tracking', name: 'ma', inputmode: 'numeric', value: code }),
      h('button', { type: 'submit' }, 'Tra cứu'));
    form.addEventListener('submit', event => { event.preventDefault(); navigate(`/dich-vu-cong/tra-cuu?ma=${encodeURIComponent(form.elements.ma.value.trim())}`); });
    root.append(h('h1', {}, 'Tra cứu hồ sơ dịch vụ công'), form);
    if (code) {
      try {
        const view = await api(`/api/civic/applications/${encodeURIComponent(code)}`);
        root.append(applicationView(view, known));
        if (view.status === 'received' || view.status === 'needsMoreInformation') {
          const holder = h('div', {});
          holder.append(attachmentForm(view.trackingCode, v => { root.querySelector('#application').replaceWith(applicationView(v, known)); }));
          root.append(holder);
        }
      } catch (error) {
        root.append(h('p', { class: 'error', role: 'alert' }, error instanceof ApiError && error.status === 404 ? 'Không tìm thấy hồ sơ của bạn với mã này.' : problemMessage(error)));
      }
    }
    const mine = await api('/api/me/civic/applications');
    root.append(h('h2', {}, 'Hồ sơ của tôi'), mine.length ? h('ul', { class: 'results' }, mine.map(s => h('li', { class: 'result' },
      h('a', { href: `#/dich-vu-cong/tra-cuu?ma=${s.trackingCode}` }, `${s.trackingCode} – ${formNames[s.form] ?? s.form}`),
      h('p', { class: 'meta' }, `${civicStatus[s.status] ?? s.status} · nộp ${formatDate(s.submittedAt)}`)))) : h('p', {}, 'Chưa nộp hồ sơ nào.'));
  },
};

export default [catalogue, tracking, service];
