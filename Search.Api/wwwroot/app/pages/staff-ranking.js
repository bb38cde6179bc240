// Admins: the learned ranker's stored model versions with their offline metrics (GET
// /api/admin/ranking/models), and rolling back to an earlier one (PUT .../models/current).
import { api } from '../api.js';
import { h, formatDate, formatDateTime } from '../format.js';
import { toast } from '../navigation.js';
import { problemMessage } from './sign-in.js';

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3, minimumFractionDigits: 3 });

export default {
  path: '/quan-tri/xep-hang',
  title: 'Mô hình xếp hạng',
  nav: { label: 'Xếp hạng' },
  roles: ['admin'],
  async render(root) {
    const data = await api('/api/admin/ranking/models');
    const status = h('p', { role: 'status' });
    root.append(h('h1', {}, 'Mô hình xếp hạng'),
      h('p', {}, data.current ? `Đang dùng: ${data.current}.` : 'Chưa có mô hình nào đang dùng: kết quả xếp theo điểm của công cụ tìm kiếm.'),
      status);
    if (!data.models.length) { root.append(h('p', {}, 'Chưa huấn luyện mô hình nào (việc “ranker-training” chạy hằng đêm).')); return; }
    const segments = [...new Set(data.models.flatMap(m => Object.keys(m.metrics)))];
    root.append(h('table', { id: 'ranking-models' },
      h('caption', {}, 'NDCG@10 / Recall@10 / MRR trên dữ liệu đánh giá, theo nhóm'),
      h('thead', {}, h('tr', {}, ['Phiên bản', 'Huấn luyện lúc', 'Dữ liệu', 'Số lượt (huấn luyện/đánh giá)', ...segments, ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, data.models.map(m => h('tr', { class: m.current ? 'current' : '' },
        h('td', {}, m.version, m.current ? h('strong', {}, ' (đang dùng)') : null, m.promotedWhenTrained ? '' : h('span', { class: 'meta' }, ' – không được chọn khi huấn luyện')),
        h('td', {}, formatDateTime(m.trainedAt)),
        h('td', {}, `${formatDate(m.dataFrom)} – ${formatDate(m.dataTo)}`),
        h('td', {}, `${m.trainingRequests.toLocaleString('vi-VN')} / ${m.evaluationRequests.toLocaleString('vi-VN')}`),
        segments.map(s => h('td', {}, m.metrics[s] ? `${number.format(m.metrics[s].ndcg10)} / ${number.format(m.metrics[s].recall10)} / ${number.format(m.metrics[s].mrr)}` : '—')),
        h('td', {}, m.current ? '' : h('button', { type: 'button', onclick: async () => {
          if (!confirm(`Chuyển về mô hình ${m.version}?`)) return;
          try {
            await api('/api/admin/ranking/models/current', { method: 'PUT', body: { version: m.version } });
            toast(`Đang dùng ${m.version}`);
            location.reload();
          } catch (error) { status.textContent = problemMessage(error); }
        } }, 'Dùng bản này')))))));
  },
};
