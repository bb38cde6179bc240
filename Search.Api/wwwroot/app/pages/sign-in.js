import { api, setSession, ApiError } from '../api.js';
import { h } from '../format.js';
import { navigate } from '../navigation.js';

const known = {
  'urn:dongnai:problem:verification-required': 'Việc này cần xác minh danh tính (CCCD). Vào Tài khoản để xác minh.',
};

/** A problem answer as one Vietnamese sentence; field errors go beside their fields. */
export function problemMessage(error) {
  if (!(error instanceof ApiError)) return `Không kết nối được: ${error.message}`;
  if (known[error.problem?.type]) return known[error.problem.type];
  if (error.status === 401) return 'Số điện thoại hoặc mật khẩu không đúng.';
  if (error.status === 429) return 'Bạn thử quá nhiều lần. Vui lòng đợi một lát.';
  if (error.status === 403) return 'Bạn không có quyền làm việc này.';
  return error.problem?.detail ?? error.problem?.title ?? `Lỗi ${error.status}`;
}

/** A labelled field whose error the API names by the same key. */
export function field(name, label, attributes = {}) {
  const id = `f-${name}`;
  const input = attributes.tag === 'select' || attributes.tag === 'textarea'
    ? h(attributes.tag, { id, name, ...attributes, tag: undefined, 'aria-describedby': `${id}-error` }, attributes.options ?? [])
    : h('input', { id, name, ...attributes, 'aria-describedby': `${id}-error` });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, h('p', { class: 'field-error', id: `${id}-error` }));
}

/** Shows a problem's field errors next to their fields, and the rest in the form's alert. */
export function showProblem(form, error) {
  form.querySelectorAll('.field-error').forEach(p => { p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
  const alert = form.querySelector('.form-error');
  let first = null;
  for (const [key, messages] of Object.entries(error instanceof ApiError ? error.fieldErrors : {})) {
    const input = form.querySelector(`[name="${key}"]`);
    if (!input) continue;
    input.setAttribute('aria-invalid', 'true');
    form.querySelector(`#${CSS.escape(`f-${key}-error`)}`).textContent = messages.join(' ');
    first ??= input;
  }
  alert.textContent = first ? 'Vui lòng sửa các ô được đánh dấu.' : problemMessage(error);
  (first ?? alert).focus?.();
}

export default {
  path: '/dang-nhap',
  title: 'Đăng nhập',
  nav: { label: 'Đăng nhập', signedIn: false },
  async render(root, { query }) {
    const form = h('form', { class: 'card form', novalidate: true },
      field('phone', 'Số điện thoại', { type: 'tel', autocomplete: 'username', inputmode: 'tel', required: true }),
      field('password', 'Mật khẩu', { type: 'password', autocomplete: 'current-password', required: true }),
      h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
      h('button', { type: 'submit', class: 'primary' }, 'Đăng nhập'));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      try {
        setSession(await api('/api/accounts/sign-in', { method: 'POST', body: data }));
        navigate(query.get('tiep') ?? '/tai-khoan');
      } catch (error) { showProblem(form, error); }
    });
    root.append(h('h1', {}, 'Đăng nhập'), form,
      h('p', {}, 'Chưa có tài khoản? ', h('a', { href: '#/dang-ky' }, 'Đăng ký')));
  },
};
