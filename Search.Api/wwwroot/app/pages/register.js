import { api, setSession } from '../api.js';
import { h } from '../format.js';
import { navigate } from '../navigation.js';
import { field, showProblem } from './sign-in.js';

export default {
  path: '/dang-ky',
  title: 'Đăng ký',
  nav: { label: 'Đăng ký', signedIn: false },
  async render(root) {
    const form = h('form', { class: 'card form', novalidate: true },
      field('displayName', 'Tên hiển thị', { autocomplete: 'name', required: true }),
      field('phone', 'Số điện thoại', { type: 'tel', autocomplete: 'username', inputmode: 'tel', required: true }),
      field('password', 'Mật khẩu (ít nhất 8 ký tự, có chữ và số)', { type: 'password', autocomplete: 'new-password', required: true }),
      field('role', 'Bạn là', { tag: 'select', options: [h('option', { value: 'worker' }, 'Người lao động'), h('option', { value: 'employer' }, 'Nhà tuyển dụng')] }),
      h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
      h('button', { type: 'submit', class: 'primary' }, 'Đăng ký'));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        setSession(await api('/api/accounts/register', { method: 'POST', body: Object.fromEntries(new FormData(form)) }));
        navigate('/tai-khoan');
      } catch (error) { showProblem(form, error); }
    });
    root.append(h('h1', {}, 'Đăng ký tài khoản'), form,
      h('p', {}, 'Đã có tài khoản? ', h('a', { href: '#/dang-nhap' }, 'Đăng nhập')));
  },
};
