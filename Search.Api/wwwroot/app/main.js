// The router: hash paths (#/tim-kiem?q=…) map to the page modules of pages.js. A page renders
// into <main>; focus moves to the page's heading so keyboard and screen-reader users follow.
import { pages } from './pages.js';
import { api, currentSession, onSessionChange, setSession } from './api.js';
import { h } from './format.js';
import { navigate } from './navigation.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');

function compile(path) {
  const names = [];
  const pattern = path.replace(/:(\w+)/g, (_, name) => { names.push(name); return '([^/]+)'; });
  return { regex: new RegExp(`^${pattern}$`), names };
}

const routes = pages.map(page => ({ page, ...compile(page.path) }));

function match(hash) {
  const [path, query = ''] = (hash.replace(/^#/, '') || '/').split('?');
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (m) {
      const params = Object.fromEntries(route.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { page: route.page, params, query: new URLSearchParams(query) };
    }
  }
  return null;
}


function renderNav() {
  const session = currentSession();
  nav.replaceChildren(h('ul', {}, pages
    .filter(p => p.nav && (!p.roles || (session && p.roles.includes(session.role))) && (p.nav.signedIn === undefined || p.nav.signedIn === !!session))
    .map(p => h('li', {}, h('a', { href: `#${p.path}` }, p.nav.label))),
  session ? h('li', {}, h('button', { type: 'button', class: 'link', onclick: signOut }, 'Đăng xuất')) : null));
}

async function signOut() {
  const refreshToken = currentSession()?.refreshToken;
  try { await api('/api/accounts/sign-out', { method: 'POST', body: { refreshToken } }); } catch { /* signed out here anyway */ }
  setSession(null);
  navigate('/');
}

let rendering = 0;

async function render() {
  const ticket = ++rendering;
  const found = match(location.hash);
  if (!found) {
    main.replaceChildren(h('h1', { tabindex: '-1' }, 'Không tìm thấy trang'), h('p', {}, h('a', { href: '#/' }, 'Về trang chủ')));
    return;
  }
  const { page, params, query } = found;
  const session = currentSession();
  if (page.roles && (!session || !page.roles.includes(session.role))) {
    if (!session) { navigate(`/dang-nhap?tiep=${encodeURIComponent(location.hash.slice(1))}`); return; }
    main.replaceChildren(h('h1', { tabindex: '-1' }, 'Không có quyền'), h('p', {}, 'Trang này dành cho cán bộ được phân quyền.'));
    return;
  }
  document.title = `${page.title} – Đồng Nai`;
  const container = h('div', { class: `page page-${page.path.split('/')[1] || 'home'}` });
  main.replaceChildren(container);
  try {
    await page.render(container, { params, query, session });
  } catch (error) {
    if (ticket !== rendering) return;
    container.append(h('p', { class: 'error', role: 'alert' }, `Có lỗi: ${error.message}`));
  }
  if (ticket !== rendering) return;
  const heading = container.querySelector('h1');
  if (heading && !main.contains(document.activeElement)) { heading.setAttribute('tabindex', '-1'); heading.focus({ preventScroll: true }); }
}

// The skip link must not change the hash, which is the router's.
document.querySelector('.skip').addEventListener('click', event => { event.preventDefault(); main.focus(); });

onSessionChange(renderNav);
window.addEventListener('hashchange', render);
renderNav();
render();
