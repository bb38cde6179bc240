// Conversations and their messages ("Liên hệ người bán" opens one from a listing).
import { api } from '../api.js';
import { h, formatDateTime } from '../format.js';
import { problemMessage } from './sign-in.js';

export default {
  path: '/tin-nhan',
  title: 'Tin nhắn',
  nav: { label: 'Tin nhắn', signedIn: true },
  roles: ['worker', 'employer', 'agencyStaff', 'admin'],
  async render(root, { query }) {
    const selected = query.get('c');
    const page = await api('/api/conversations');
    const conversations = page.items ?? page;
    root.append(h('h1', {}, 'Tin nhắn'), h('ul', { class: 'conversations' }, conversations.map(c => h('li', { class: String(c.id) === selected ? 'current' : '' },
      h('a', { href: `#/tin-nhan?c=${c.id}`, 'aria-current': String(c.id) === selected ? 'page' : undefined },
        c.with?.displayName ?? 'Người dùng', c.listing ? ` – ${c.listing.title}` : ''),
      c.unread ? h('span', { class: 'badge' }, `${c.unread} mới`) : null))));
    if (!conversations.length) root.append(h('p', {}, 'Chưa có cuộc trò chuyện nào. Mở một tin và bấm “Liên hệ”.'));
    if (!selected) return;

    const list = h('ol', { class: 'messages', 'aria-live': 'polite' });
    const show = messages => list.replaceChildren(...messages.map(m => h('li', { class: m.mine ? 'mine' : 'theirs' },
      m.text ?? (m.listing ? `Về tin: ${m.listing.title}` : m.phone ? `Số điện thoại: ${m.phone}` : m.image ? '[Hình ảnh]' : ''),
      h('span', { class: 'meta' }, ` ${formatDateTime(m.sentAt)}`))));
    const load = async () => {
      const messages = await api(`/api/conversations/${selected}/messages`);
      const items = messages.items ?? messages;
      show(items);
      const last = items.at(-1);
      if (last) api(`/api/conversations/${selected}/read`, { method: 'POST', body: { lastReadMessageId: last.id } }).catch(() => {});
    };
    const input = h('input', { id: 'message-text', name: 'text', autocomplete: 'off', required: true });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const form = h('form', { class: 'send' }, h('label', { for: 'message-text' }, 'Tin nhắn'), input, error, h('button', { type: 'submit', class: 'primary' }, 'Gửi'));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        await api(`/api/conversations/${selected}/messages`, { method: 'POST', body: { clientMessageId: crypto.randomUUID(), text: input.value } });
        input.value = '';
        await load();
      } catch (e) { error.textContent = problemMessage(e); }
    });
    root.append(h('h2', {}, 'Cuộc trò chuyện'), list, form);
    await load();
  },
};
