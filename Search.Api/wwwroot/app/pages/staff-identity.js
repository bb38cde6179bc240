// Agency staff: identity submissions waiting for review, oldest first; approve, or reject with a reason.
import { api, apiImage } from '../api.js';
import { h, formatDate, formatDateTime } from '../format.js';
import { toast } from '../navigation.js';
import { problemMessage } from './sign-in.js';

const genders = { male: 'Nam', female: 'Nữ' };

export default {
  path: '/can-bo/xac-minh',
  title: 'Duyệt xác minh danh tính',
  nav: { label: 'Duyệt CCCD' },
  roles: ['agencyStaff', 'admin'],
  async render(root) {
    const queue = await api('/api/identity/verification/queue');
    root.append(h('h1', {}, 'Duyệt xác minh danh tính'), h('p', {}, `${queue.length} hồ sơ đang chờ, cũ nhất trước.`));
    const list = h('ul', { class: 'review' });
    root.append(list);
    for (const item of queue) {
      const status = h('p', { role: 'status' });
      const photos = h('div', { class: 'photos' });
      const reason = h('input', { id: `reason-${item.id}`, name: 'reason' });
      const decide = async (action, body) => {
        try {
          await api(`/api/identity/verification/${item.id}/${action}`, { method: 'POST', body });
          toast(action === 'approve' ? 'Đã duyệt' : 'Đã từ chối');
          entry.remove();
        } catch (error) { status.textContent = problemMessage(error); }
      };
      const entry = h('li', { class: 'card' },
        h('h2', {}, item.fullName),
        h('dl', { class: 'fields' },
          h('dt', {}, 'Ngày sinh'), h('dd', {}, formatDate(item.dateOfBirth)),
          h('dt', {}, 'Giới tính'), h('dd', {}, genders[item.gender] ?? item.gender),
          h('dt', {}, 'CCCD'), h('dd', {}, `…${item.cccdNumberEnding}`),
          h('dt', {}, 'Gửi lúc'), h('dd', {}, formatDateTime(item.submittedAt))),
        photos,
        h('button', { type: 'button', class: 'secondary', onclick: async event => {
          event.target.remove();
          for (const [part, alt] of [['id-photo', 'Ảnh CCCD'], ['selfie', 'Ảnh chân dung']]) {
            photos.append(h('img', { alt: `${alt} của ${item.fullName}`, src: await apiImage(`/api/identity/verification/${item.id}/${part}`) }));
          }
        } }, 'Xem ảnh'),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'primary', onclick: () => decide('approve') }, 'Duyệt'),
          h('label', { for: `reason-${item.id}` }, 'Lý do từ chối'), reason,
          h('button', { type: 'button', onclick: () => decide('reject', { reason: reason.value }) }, 'Từ chối')),
        status);
      list.append(entry);
    }
  },
};
