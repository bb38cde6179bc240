// Admins: the search index's readiness, listings the indexer gave up on, a full rebuild, and the
// job dashboard (a 30-minute cookie for /hangfire, decision 0008).
import { api } from '../api.js';
import { h, formatDateTime } from '../format.js';
import { toast } from '../navigation.js';
import { kindName } from '../kinds.js';
import { problemMessage } from './sign-in.js';

export default {
  path: '/quan-tri/chi-muc',
  title: 'Chỉ mục tìm kiếm',
  nav: { label: 'Chỉ mục' },
  roles: ['admin'],
  async render(root) {
    const ready = await fetch('/health/ready');
    const letters = await api('/api/admin/indexing/dead-letters');
    const status = h('p', { role: 'status', 'aria-live': 'polite' });
    root.append(
      h('h1', {}, 'Chỉ mục tìm kiếm'),
      h('dl', { class: 'fields' },
        h('dt', {}, 'Sẵn sàng'), h('dd', { id: 'ready' }, ready.ok ? 'Sẵn sàng (cơ sở dữ liệu và chỉ mục đã bắt kịp)' : `Chưa sẵn sàng (${ready.status})`),
        h('dt', {}, 'Tin lỗi chỉ mục'), h('dd', {}, String(letters.total))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'rebuild', onclick: async () => {
          if (!confirm('Xây lại toàn bộ chỉ mục từ cơ sở dữ liệu?')) return;
          try { const job = await api('/api/admin/search/rebuild', { method: 'POST' }); status.textContent = `Đã xếp lịch xây lại (việc ${job.jobId}).`; } catch (e) { status.textContent = problemMessage(e); }
        } }, 'Xây lại chỉ mục'),
        h('button', { type: 'button', id: 'dashboard', onclick: async () => {
          try { await api('/api/admin/dashboard-session', { method: 'POST' }); location.href = '/hangfire'; } catch (e) { status.textContent = problemMessage(e); }
        } }, 'Mở bảng điều khiển Hangfire')),
      status,
      h('h2', {}, 'Tin chưa vào được chỉ mục'),
      letters.items.length ? h('table', {},
        h('thead', {}, h('tr', {}, ['Loại', 'Tin', 'Lần thử', 'Lỗi', 'Lúc', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, letters.items.map(d => h('tr', {},
          h('td', {}, kindName(d.kind)), h('td', {}, String(d.listingId)), h('td', {}, String(d.attempts)), h('td', {}, d.error),
          h('td', {}, formatDateTime(d.deadLetteredAt)),
          h('td', {}, h('button', { type: 'button', onclick: async event => {
            try { await api(`/api/admin/indexing/dead-letters/${d.id}/retry`, { method: 'POST' }); event.target.closest('tr').remove(); toast('Đã xếp lại'); } catch (e) { status.textContent = problemMessage(e); }
          } }, 'Thử lại')))))) : h('p', {}, 'Không có tin nào.'));
  },
};
