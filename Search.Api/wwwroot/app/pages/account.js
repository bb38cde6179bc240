// My Account: the profile and its verification, the voucher wallet, unread messages and the inbox.
import { api, apiImage } from '../api.js';
import { h, formatDate, formatDateTime, formatPhone } from '../format.js';
import { places } from '../places.js';
import { toast } from '../navigation.js';
import { field, showProblem } from './sign-in.js';

const roles = { worker: 'Người lao động', employer: 'Nhà tuyển dụng', agencyStaff: 'Cán bộ', admin: 'Quản trị' };
const verification = { unverified: 'Chưa xác minh', pending: 'Đang chờ duyệt', verified: 'Đã xác minh', rejected: 'Bị từ chối' };
const claimStatus = { awaitingPayment: 'Chờ thanh toán', active: 'Dùng được', redeemed: 'Đã dùng', cancelled: 'Đã hủy', released: 'Hết hạn giữ', refunded: 'Đã hoàn tiền' };

export default {
  path: '/tai-khoan',
  title: 'Tài khoản của tôi',
  nav: { label: 'Tài khoản', signedIn: true },
  roles: ['worker', 'employer', 'agencyStaff', 'admin'],
  async render(root) {
    const [me, identity, claims, inbox, unread, known] = await Promise.all([
      api('/api/accounts/me'), api('/api/me/identity'), api('/api/me/voucher-claims'),
      api('/api/me/notifications'), api('/api/me/unread'), places()]);
    const status = identity.verification.status;

    const profile = h('form', { class: 'card form', novalidate: true },
      field('displayName', 'Tên hiển thị', { value: me.displayName, required: true }),
      field('homeCommuneCode', 'Xã/phường nơi ở', { tag: 'select', options: [h('option', { value: '' }, '—'),
        known.communeList.map(c => h('option', { value: c.code, selected: c.code === me.homeCommuneCode }, c.name))] }),
      field('industrialParkCode', 'Khu công nghiệp', { tag: 'select', options: [h('option', { value: '' }, '—'),
        known.parkList.map(p => h('option', { value: p.code, selected: p.code === me.industrialParkCode }, p.name))] }),
      h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
      h('button', { type: 'submit' }, 'Lưu hồ sơ'));
    profile.addEventListener('submit', async event => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(profile));
      for (const key of ['homeCommuneCode', 'industrialParkCode']) if (!data[key]) data[key] = null;
      try { await api('/api/accounts/me/profile', { method: 'PUT', body: data }); toast('Đã lưu hồ sơ'); } catch (error) { showProblem(profile, error); }
    });

    root.append(
      h('h1', {}, `Xin chào, ${me.displayName}`),
      h('dl', { class: 'fields' },
        h('dt', {}, 'Số điện thoại'), h('dd', { id: 'phone' }, formatPhone(me.phone)),
        h('dt', {}, 'Vai trò'), h('dd', {}, roles[me.role] ?? me.role),
        h('dt', {}, 'Danh tính'), h('dd', { id: 'verification-status' }, verification[status] ?? status,
          identity.verification.reason ? ` – ${identity.verification.reason}` : '',
          identity.verification.decidedAt ? ` (${formatDate(identity.verification.decidedAt)})` : ''),
        identity.card ? [h('dt', {}, 'Họ tên theo CCCD'), h('dd', {}, identity.card.fullName ?? '')] : null),
      status !== 'verified' ? h('p', { class: 'note' }, 'Xác minh danh tính (quét mã QR trên CCCD, chụp ảnh thẻ và ảnh chân dung) được làm trên ứng dụng điện thoại; cần để đăng tin phòng trọ và việc làm.') : null,
      h('h2', {}, 'Hồ sơ'), profile,
      h('h2', {}, 'Tin nhắn'),
      h('p', {}, `${unread.messages ?? 0} tin nhắn chưa đọc. `, h('a', { href: '#/tin-nhan' }, 'Mở hộp tin nhắn')),
      h('h2', {}, 'Ví voucher'),
      claims.length ? h('ul', { class: 'wallet' }, claims.map(c => h('li', { class: 'card' },
        h('a', { href: `#/tin/vouchers/${c.voucherId}` }, c.title ?? 'Voucher đã bị xóa'), ' ',
        h('span', { class: `status status-${c.status}` }, claimStatus[c.status] ?? c.status),
        c.redemptionCode ? h('p', {}, 'Mã: ', h('strong', {}, c.redemptionCode)) : null,
        c.validTo ? h('p', { class: 'meta' }, `Hạn dùng đến ${formatDate(c.validTo)}`) : null,
        c.status === 'active' ? h('button', { type: 'button', class: 'secondary', onclick: async event => {
          const img = h('img', { alt: `Mã QR của voucher ${c.title ?? ''}`, width: 180, height: 180 });
          img.src = await apiImage(`/api/me/voucher-claims/${c.id}/qr.png`);
          event.target.replaceWith(img);
        } }, 'Hiện mã QR') : null))) : h('p', {}, 'Chưa có voucher nào.'),
      h('h2', {}, `Thông báo (${inbox.unread} chưa đọc)`),
      inbox.items.length ? h('ul', { class: 'inbox' }, inbox.items.map(n => h('li', { class: n.read ? 'read' : 'unread' },
        h('strong', {}, n.title), h('p', {}, n.body), h('p', { class: 'meta' }, formatDateTime(n.createdAt))))) : h('p', {}, 'Không có thông báo.'),
      inbox.unread ? h('button', { type: 'button', class: 'secondary', onclick: async () => { await api('/api/me/notifications/read', { method: 'POST' }); toast('Đã đánh dấu đã đọc'); } }, 'Đánh dấu tất cả đã đọc') : null);
  },
};
