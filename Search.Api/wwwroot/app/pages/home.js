import { h } from '../format.js';
import { kinds } from '../kinds.js';
import { searchForm } from './search.js';

export default {
  path: '/',
  title: 'Trang chủ',
  nav: { label: 'Trang chủ' },
  async render(root) {
    root.append(
      h('h1', {}, 'Tìm việc làm, phòng trọ, đồ cũ, voucher và xe buýt ở Đồng Nai'),
      h('p', { class: 'lead' }, 'Gõ như khi nói, có dấu hay không dấu đều được: “phòng trọ gần Amata dưới 2 triệu”, “việc làm ca ngày KCN Long Đức”.'),
      searchForm({ q: '', kind: '' }),
      h('h2', {}, 'Tìm theo loại'),
      h('ul', { class: 'kind-links' }, Object.entries(kinds).map(([slug, kind]) =>
        h('li', {}, h('a', { href: `#/tim-kiem?kind=${slug}` }, kind.name)))),
      h('h2', {}, 'Gợi ý'),
      h('ul', { class: 'examples' }, ['phòng trọ gần Amata dưới 2 triệu', 'việc làm ca ngày có cơm ca', 'xe buýt Biên Hòa Đồng Xoài', 'voucher ăn uống']
        .map(q => h('li', {}, h('a', { href: `#/tim-kiem?q=${encodeURIComponent(q)}` }, q)))),
    );
  },
};
