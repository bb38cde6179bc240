// "Hồ sơ tuyển dụng": the worker's CVs (GET /api/cvs/mine), a new CV whose name, date of birth and
// address are shown locked from the verified CCCD card (the API refuses them in the body), making
// a CV discoverable by employers, and the worker's applications with their status.
import { api } from '../api.js';
import { h, formatDate, formatMoney } from '../format.js';
import { places } from '../places.js';
import { toast } from '../navigation.js';
import { field, showProblem, problemMessage } from './sign-in.js';

export const shifts = { day: 'Ca ngày', night: 'Ca đêm', rotating: 'Xoay ca' };
export const education = { primary: 'Tiểu học', lowerSecondary: 'THCS', upperSecondary: 'THPT', vocational: 'Trung cấp nghề', college: 'Cao đẳng', university: 'Đại học' };
export const availability = { immediately: 'Đi làm ngay', withinTwoWeeks: 'Trong 2 tuần', withinOneMonth: 'Trong 1 tháng' };
export const applicationStatus = { submitted: 'Đã nộp', viewed: 'Đã xem', shortlisted: 'Vào vòng trong', hired: 'Trúng tuyển', rejected: 'Không phù hợp' };

const options = (map, blank) => [blank ? h('option', { value: '' }, blank) : null, Object.entries(map).map(([v, l]) => h('option', { value: v }, l))];
const list = text => text.split(/[,;\n]/).map(s => s.trim()).filter(Boolean);

/** The CV as the API takes it back (PUT), from the owner's full view. */
function requestOf(detail, discoverable) {
  const cv = detail.cv;
  return {
    desiredJob: cv.desiredJob, summary: detail.summary, shift: cv.shift, salaryExpectationVnd: cv.salaryExpectationVnd,
    skills: cv.skills, experience: cv.experience, education: cv.education, educationDetail: detail.educationDetail,
    certificates: cv.certificates, availability: cv.availability, homeCommuneCode: cv.homeCommuneCode,
    industrialParkCode: cv.industrialParkCode, discoverable,
  };
}

function cvCard(detail, known) {
  const cv = detail.cv;
  const place = cv.industrialParkCode ? known.parks.get(cv.industrialParkCode) : known.communes.get(cv.homeCommuneCode)?.name;
  const toggle = h('input', { type: 'checkbox', id: `discoverable-${cv.id}`, checked: cv.discoverable });
  toggle.addEventListener('change', async () => {
    try {
      await api(`/api/cvs/${cv.id}`, { method: 'PUT', body: requestOf(detail, toggle.checked) });
      detail.cv.discoverable = toggle.checked;
      toast(toggle.checked ? 'Nhà tuyển dụng đã có thể tìm thấy hồ sơ này' : 'Đã ẩn hồ sơ khỏi tìm kiếm ứng viên');
    } catch (error) { toggle.checked = !toggle.checked; toast(problemMessage(error)); }
  });
  return h('li', { class: 'card cv', 'data-cv': cv.id },
    h('h3', {}, cv.desiredJob),
    h('dl', { class: 'fields' },
      detail.identity ? [h('dt', {}, 'Họ tên'), h('dd', {}, detail.identity.fullName),
        h('dt', {}, 'Ngày sinh'), h('dd', {}, formatDate(detail.identity.dateOfBirth)),
        h('dt', {}, 'Địa chỉ'), h('dd', {}, detail.identity.address)] : null,
      h('dt', {}, 'Mức lương mong muốn'), h('dd', {}, `${formatMoney(cv.salaryExpectationVnd)}/tháng`),
      h('dt', {}, 'Ca làm'), h('dd', {}, shifts[cv.shift] ?? '—'),
      h('dt', {}, 'Kỹ năng'), h('dd', {}, cv.skills.join(', ')),
      cv.experience.length ? [h('dt', {}, 'Kinh nghiệm'), h('dd', {}, cv.experience.map(e => `${e.role}${e.employer ? ` – ${e.employer}` : ''} (${e.months} tháng)`).join('; '))] : null,
      h('dt', {}, 'Học vấn'), h('dd', {}, [education[cv.education], detail.educationDetail].filter(Boolean).join(' – ') || '—'),
      h('dt', {}, 'Có thể đi làm'), h('dd', {}, availability[cv.availability] ?? cv.availability),
      h('dt', {}, 'Nơi muốn làm'), h('dd', {}, place ?? '')),
    h('label', { class: 'inline', for: `discoverable-${cv.id}` }, toggle, 'Cho nhà tuyển dụng tìm thấy hồ sơ này'));
}

function newCvForm(identity, known, onCreated) {
  const card = identity.card;
  const locked = (name, label, value) => h('div', { class: 'field' },
    h('label', { for: `locked-${name}` }, label, ' ', h('span', { class: 'badge' }, '🔒 Từ CCCD')),
    h('input', { id: `locked-${name}`, value, readonly: true, 'aria-readonly': 'true', class: 'locked' }));
  const placeKind = h('fieldset', {}, h('legend', {}, 'Nơi muốn làm'),
    h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'placeKind', value: 'park', checked: true }), 'Khu công nghiệp'),
    h('label', { class: 'inline' }, h('input', { type: 'radio', name: 'placeKind', value: 'commune' }), 'Xã/phường'));
  const form = h('form', { class: 'card form', novalidate: true, id: 'new-cv' },
    locked('fullName', 'Họ tên', card.fullName), locked('dateOfBirth', 'Ngày sinh', formatDate(card.dateOfBirth)), locked('address', 'Địa chỉ thường trú', card.address),
    h('p', { class: 'meta' }, 'Họ tên, ngày sinh và địa chỉ lấy từ CCCD đã xác minh, không sửa ở đây. Nhà tuyển dụng chỉ thấy chúng khi bạn ứng tuyển.'),
    field('desiredJob', 'Công việc mong muốn', { required: true, maxlength: 200 }),
    field('summary', 'Giới thiệu bản thân', { tag: 'textarea', rows: 3, maxlength: 2000 }),
    field('salaryExpectationVnd', 'Mức lương mong muốn (đồng/tháng)', { type: 'number', inputmode: 'numeric', min: 0, step: 100000, required: true }),
    field('shift', 'Ca làm', { tag: 'select', options: options(shifts) }),
    field('skills', 'Kỹ năng (cách nhau bằng dấu phẩy)', { required: true }),
    field('experienceRole', 'Công việc đã làm (nếu có)'),
    field('experienceEmployer', 'Nơi đã làm'),
    field('experienceMonths', 'Số tháng', { type: 'number', inputmode: 'numeric', min: 1, max: 600 }),
    field('education', 'Học vấn', { tag: 'select', options: options(education) }),
    field('educationDetail', 'Trường, chuyên ngành'),
    field('certificates', 'Chứng chỉ (cách nhau bằng dấu phẩy)'),
    field('availability', 'Có thể đi làm', { tag: 'select', options: options(availability) }),
    placeKind,
    field('industrialParkCode', 'Khu công nghiệp', { tag: 'select', options: known.parkList.map(p => h('option', { value: p.code }, p.name)) }),
    field('homeCommuneCode', 'Xã/phường', { tag: 'select', options: known.communeList.map(c => h('option', { value: c.code }, c.name)) }),
    h('label', { class: 'inline' }, h('input', { type: 'checkbox', name: 'discoverable', checked: true }), 'Cho nhà tuyển dụng tìm thấy hồ sơ này'),
    h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
    h('button', { type: 'submit', class: 'primary' }, 'Lưu hồ sơ tuyển dụng'));
  const park = form.querySelector('#f-industrialParkCode').closest('.field');
  const commune = form.querySelector('#f-homeCommuneCode').closest('.field');
  const showPlace = () => { const atPark = form.elements.placeKind.value === 'park'; park.hidden = !atPark; commune.hidden = atPark; };
  placeKind.addEventListener('change', showPlace);
  showPlace();
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const d = Object.fromEntries(new FormData(form));
    const atPark = d.placeKind === 'park';
    const body = {
      desiredJob: d.desiredJob, summary: d.summary || null, shift: d.shift || null,
      salaryExpectationVnd: d.salaryExpectationVnd ? Number(d.salaryExpectationVnd) : null,
      skills: list(d.skills), certificates: list(d.certificates),
      experience: d.experienceRole ? [{ role: d.experienceRole, employer: d.experienceEmployer || null, months: d.experienceMonths ? Number(d.experienceMonths) : null }] : [],
      education: d.education || null, educationDetail: d.educationDetail || null, availability: d.availability,
      industrialParkCode: atPark ? d.industrialParkCode : null, homeCommuneCode: atPark ? null : d.homeCommuneCode,
      discoverable: d.discoverable === 'on',
    };
    try {
      await api('/api/cvs', { method: 'POST', body });
      toast('Đã lưu hồ sơ tuyển dụng');
      await onCreated();
    } catch (error) {
      // The API names experience[0].role and the like; they are the experience fields here.
      if (error.problem?.errors) {
        for (const [key, messages] of Object.entries(error.problem.errors)) {
          const m = /^experience\[0\]\.(role|employer|months)$/.exec(key) ?? /^(skills|certificates)\[\d+\]$/.exec(key);
          if (m) error.problem.errors[m[1] in { role: 1, employer: 1, months: 1 } ? `experience${m[1][0].toUpperCase()}${m[1].slice(1)}` : m[1]] = messages;
        }
      }
      showProblem(form, error);
    }
  });
  return form;
}

export default {
  path: '/tai-khoan/ho-so-tuyen-dung',
  title: 'Hồ sơ tuyển dụng',
  nav: { label: 'Hồ sơ tuyển dụng' },
  roles: ['worker'],
  async render(root) {
    const [identity, known] = await Promise.all([api('/api/me/identity'), places()]);
    const mine = h('ul', { class: 'cvs', id: 'my-cvs' });
    const applications = h('div', { id: 'my-applications' });
    const refresh = async () => {
      const [cvs, applied] = await Promise.all([api('/api/cvs/mine'), api('/api/applications/mine')]);
      mine.replaceChildren(...(cvs.length ? cvs.map(cv => cvCard(cv, known)) : [h('li', {}, 'Bạn chưa có hồ sơ tuyển dụng nào.')]));
      applications.replaceChildren(applied.length ? h('table', {}, h('thead', {}, h('tr', {}, ['Việc làm', 'Trạng thái', 'Ngày nộp', 'Cập nhật'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, applied.map(a => h('tr', {},
          h('td', {}, h('a', { href: `#/tin/jobs/${a.jobId}` }, a.jobTitle)),
          h('td', { class: `status-${a.status}` }, applicationStatus[a.status] ?? a.status, a.reason ? ` – ${a.reason}` : ''),
          h('td', {}, formatDate(a.createdAt)), h('td', {}, formatDate(a.updatedAt))))))
        : h('p', {}, 'Bạn chưa ứng tuyển việc nào. Mở một tin việc làm và bấm “Ứng tuyển”.'));
    };
    root.append(h('h1', {}, 'Hồ sơ tuyển dụng'), h('h2', {}, 'Hồ sơ của tôi'), mine);
    if (identity.verification.status === 'verified' && identity.card) {
      root.append(h('h2', {}, 'Tạo hồ sơ mới'), newCvForm(identity, known, refresh));
    } else {
      root.append(h('p', { class: 'note' }, 'Hồ sơ tuyển dụng lấy họ tên, ngày sinh và địa chỉ từ CCCD đã xác minh. Hãy xác minh danh tính trên ứng dụng điện thoại trước.'));
    }
    root.append(h('h2', {}, 'Việc đã ứng tuyển'), applications);
    await refresh();
  },
};
