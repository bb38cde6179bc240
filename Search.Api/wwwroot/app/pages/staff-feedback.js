// Staff consoles for citizen feedback: the moderation queue (approve, reject with a reason, merge
// into a proposed duplicate) and the unit's queue (deadlines, overdue first; accept, answer, transfer).
import { api } from '../api.js';
import { h, formatDate } from '../format.js';
import { places } from '../places.js';
import { toast } from '../navigation.js';
import { problemMessage } from './sign-in.js';
import { reportCard } from './feedback.js';

const labelled = (id, label, input) => [h('label', { for: id }, label), input];

const moderation = {
  path: '/can-bo/phan-anh',
  title: 'Duyệt phản ánh',
  nav: { label: 'Duyệt phản ánh' },
  roles: ['agencyStaff', 'admin'],
  async render(root) {
    const [queue, known] = await Promise.all([api('/api/feedback/moderation'), places()]);
    root.append(h('h1', {}, 'Duyệt phản ánh'), h('p', {}, `${queue.length} phản ánh đang chờ duyệt.`));
    const list = h('ul', { class: 'reports', id: 'moderation' });
    root.append(list);
    for (const { report, authorDisplayName } of queue) {
      const status = h('p', { role: 'status' });
      const reason = h('input', { id: `reject-${report.id}`, maxlength: 500 });
      const duplicates = h('div', { class: 'duplicates' });
      const decide = async (action, body, done) => {
        try {
          await api(`/api/feedback/moderation/${report.id}/${action}`, { method: 'POST', body });
          toast(done);
          entry.remove();
        } catch (error) { status.textContent = problemMessage(error); }
      };
      const entry = reportCard(report, known, [
        h('p', { class: 'meta' }, `Người gửi: ${authorDisplayName}`),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', onclick: () => decide('approve', undefined, 'Đã duyệt và chuyển đơn vị xử lý') }, 'Duyệt'),
          labelled(`reject-${report.id}`, 'Lý do từ chối', reason),
          h('button', { type: 'button', onclick: () => decide('reject', { reason: reason.value }, 'Đã từ chối') }, 'Từ chối'),
          h('button', { type: 'button', class: 'secondary', onclick: async event => {
            event.target.remove();
            try {
              const found = await api(`/api/feedback/moderation/${report.id}/duplicates`);
              duplicates.replaceChildren(found.length ? h('ul', {}, found.map(d => h('li', {},
                h('a', { href: `#/phan-anh/${d.report.id}` }, d.report.title), ` – giống ${Math.round(d.similarity * 100)}%`,
                d.distanceKm != null ? `, cách ${d.distanceKm.toFixed(1).replace('.', ',')} km` : '', ' ',
                h('button', { type: 'button', onclick: () => decide('merge', { intoReportId: d.report.id }, 'Đã gộp vào phản ánh trước') }, `Gộp vào #${d.report.id}`))))
                : h('p', {}, 'Không thấy phản ánh trùng.'));
            } catch (error) { status.textContent = problemMessage(error); }
          } }, 'Tìm phản ánh trùng')),
        duplicates, status]);
      list.append(entry);
    }
  },
};

const unit = {
  path: '/can-bo/don-vi',
  title: 'Phản ánh của đơn vị',
  nav: { label: 'Phản ánh đơn vị' },
  roles: ['agencyStaff', 'admin'],
  async render(root) {
    root.append(h('h1', {}, 'Phản ánh của đơn vị'));
    let queue;
    try {
      queue = await api('/api/feedback/unit/reports');
    } catch (error) {
      root.append(h('p', { class: 'note' }, problemMessage(error), ' Quản trị viên gán cán bộ vào đơn vị.'));
      return;
    }
    const [known, routing] = await Promise.all([places(), api('/api/feedback/routing').catch(() => ({ units: [] }))]);
    // Overdue first, then the nearest deadline.
    queue.sort((a, b) => (b.report.overdue - a.report.overdue) || String(a.report.deadlineAt ?? '9').localeCompare(String(b.report.deadlineAt ?? '9')));
    root.append(h('p', {}, `${queue.length} phản ánh, quá hạn và sắp đến hạn trước.`));
    const list = h('ul', { class: 'reports', id: 'unit-queue' });
    root.append(list);
    for (const { report } of queue) {
      const status = h('p', { role: 'status' });
      const answer = h('textarea', { id: `answer-${report.id}`, rows: 3, maxlength: 4000 });
      const target = h('select', { id: `unit-${report.id}` }, routing.units.filter(u => u.code !== report.unitCode).map(u => h('option', { value: u.code }, u.name)));
      const note = h('input', { id: `note-${report.id}`, maxlength: 500 });
      const act = async (action, body, done) => {
        try {
          const view = await api(`/api/feedback/unit/reports/${report.id}/${action}`, { method: 'POST', body });
          toast(done);
          const next = action === 'transfer' ? h('li', { class: 'card' }, `Đã chuyển “${report.title}” sang ${view.unitName ?? view.unitCode}.`) : render(view);
          entry.replaceWith(next);
          entry = next;
        } catch (error) { status.textContent = problemMessage(error); }
      };
      const render = r => reportCard(r, known, [
        r.deadlineAt ? h('p', { class: r.overdue ? 'overdue' : 'meta' }, `Hạn trả lời: ${formatDate(r.deadlineAt)}${r.overdue ? ' (quá hạn)' : ''}`) : null,
        r.status === 'routed' ? h('button', { type: 'button', class: 'primary', onclick: () => act('accept', undefined, 'Đã tiếp nhận') }, 'Tiếp nhận') : null,
        r.status === 'routed' || r.status === 'inProgress' ? [
          h('div', { class: 'field' }, labelled(`answer-${r.id}`, 'Trả lời công khai', answer)),
          h('button', { type: 'button', class: 'primary', onclick: () => act('answer', { answer: answer.value }, 'Đã trả lời') }, 'Gửi trả lời'),
          h('div', { class: 'actions' }, labelled(`unit-${r.id}`, 'Chuyển đơn vị', target), labelled(`note-${r.id}`, 'Ghi chú', note),
            h('button', { type: 'button', onclick: () => act('transfer', { unitCode: target.value, note: note.value || null }, 'Đã chuyển đơn vị') }, 'Chuyển'))] : null,
        status]);
      let entry = render(report);
      list.append(entry);
    }
  },
};

export default [moderation, unit];
