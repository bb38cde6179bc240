// The employer's console: applications received for their own jobs (GET /api/applications/received)
// with status moves, and candidate search for one job with the fit reasons (GET /api/candidates).
import { api } from '../api.js';
import { h, formatDate, formatKm, formatMoney } from '../format.js';
import { places } from '../places.js';
import { navigate, toast } from '../navigation.js';
import { problemMessage } from './sign-in.js';
import { applicationStatus, availability, shifts } from './cvs.js';

function applicationRow(a) {
  const status = h('span', { class: `status status-${a.status}` }, applicationStatus[a.status] ?? a.status);
  const reason = h('input', { id: `app-reason-${a.id}`, name: 'reason', maxlength: 500 });
  const select = h('select', { id: `app-status-${a.id}` }, Object.entries(applicationStatus).filter(([v]) => v !== 'submitted')
    .map(([v, l]) => h('option', { value: v, selected: v === a.status }, l)));
  const message = h('p', { role: 'status' });
  const cv = h('div', {});
  return h('li', { class: 'card', 'data-application': a.id },
    h('h3', {}, h('a', { href: `#/tin/jobs/${a.jobId}` }, a.jobTitle)),
    h('p', {}, 'Trạng thái: ', status, a.reason ? ` – ${a.reason}` : '', h('span', { class: 'meta' }, ` · nộp ${formatDate(a.createdAt)}`)),
    cv,
    h('button', { type: 'button', class: 'secondary', onclick: async event => {
      const detail = await api(`/api/applications/${a.id}`);
      const c = detail.cv;
      event.target.remove();
      cv.append(h('dl', { class: 'fields' },
        c.identity ? [h('dt', {}, 'Họ tên'), h('dd', {}, c.identity.fullName), h('dt', {}, 'Ngày sinh'), h('dd', {}, formatDate(c.identity.dateOfBirth))] : null,
        h('dt', {}, 'Công việc'), h('dd', {}, c.cv.desiredJob),
        h('dt', {}, 'Kỹ năng'), h('dd', {}, c.cv.skills.join(', ')),
        h('dt', {}, 'Lương mong muốn'), h('dd', {}, formatMoney(c.cv.salaryExpectationVnd)),
        h('dt', {}, 'Giới thiệu'), h('dd', {}, c.summary || '—')));
    } }, 'Xem hồ sơ'),
    h('div', { class: 'actions' },
      h('label', { for: `app-status-${a.id}` }, 'Chuyển sang'), select,
      h('label', { for: `app-reason-${a.id}` }, 'Lý do (nếu không phù hợp)'), reason,
      h('button', { type: 'button', class: 'primary', onclick: async () => {
        try {
          const moved = await api(`/api/applications/${a.id}/status`, { method: 'POST', body: { status: select.value, reason: reason.value || null } });
          status.textContent = applicationStatus[moved.status] ?? moved.status;
          toast('Đã cập nhật trạng thái');
        } catch (error) { message.textContent = problemMessage(error); }
      } }, 'Cập nhật')),
    message);
}

export default {
  path: '/nha-tuyen-dung',
  title: 'Tuyển dụng',
  nav: { label: 'Tuyển dụng' },
  roles: ['employer'],
  async render(root, { query }) {
    const known = await places();
    const received = await api('/api/applications/received');
    const jobs = new Map(received.map(a => [a.jobId, a.jobTitle]));
    const jobId = query.get('job');

    const form = h('form', { class: 'card form', id: 'candidate-search' },
      h('div', { class: 'field' }, h('label', { for: 'f-job' }, 'Việc làm (mã tin)'),
        h('input', { id: 'f-job', name: 'job', inputmode: 'numeric', value: jobId ?? '', list: 'my-jobs', required: true }),
        h('datalist', { id: 'my-jobs' }, [...jobs].map(([id, title]) => h('option', { value: id }, title)))),
      h('button', { type: 'submit', class: 'primary' }, 'Tìm ứng viên'));
    form.addEventListener('submit', event => { event.preventDefault(); navigate(`/nha-tuyen-dung?job=${encodeURIComponent(form.elements.job.value)}`); });
    const candidates = h('div', { id: 'candidates' });

    root.append(h('h1', {}, 'Tuyển dụng'),
      h('h2', {}, 'Tìm ứng viên phù hợp'),
      h('p', { class: 'meta' }, 'Chỉ hồ sơ người lao động cho phép tìm thấy; họ tên và liên hệ chỉ hiện khi họ ứng tuyển.'),
      form, candidates,
      h('h2', {}, `Hồ sơ đã nhận (${received.length})`),
      received.length ? h('ul', { class: 'review' }, received.map(applicationRow)) : h('p', {}, 'Chưa có ai ứng tuyển.'));

    if (jobId) {
      try {
        const found = await api(`/api/candidates?jobId=${encodeURIComponent(jobId)}&size=20`);
        candidates.append(h('p', { role: 'status' }, `${found.matched} hồ sơ phù hợp.`),
          h('ul', { class: 'review' }, found.candidates.map(c => h('li', { class: 'card candidate' },
            h('h3', {}, c.desiredJob, ' ', h('span', { class: 'badge' }, `Phù hợp ${Math.round(c.fit * 100)}%`)),
            h('ul', { class: 'reasons', 'aria-label': 'Vì sao phù hợp' }, c.reasons.map(r => h('li', {}, r))),
            h('p', { class: 'meta' }, [
              c.skills.join(', '), `${formatMoney(c.salaryExpectationVnd)}/tháng`, shifts[c.shift], availability[c.availability],
              c.industrialParkCode ? known.parks.get(c.industrialParkCode) : known.communes.get(c.homeCommuneCode)?.name,
              c.distanceKm != null ? formatKm(c.distanceKm) : null].filter(Boolean).join(' · '))))));
      } catch (error) { candidates.append(h('p', { class: 'error', role: 'alert' }, problemMessage(error))); }
    }
  },
};
