// Admins: searches and zero-result searches per hour (GET /api/admin/search/traffic), as a chart
// and, for screen readers and exact numbers, as a table; then the terms people could not find.
import { api } from '../api.js';
import { h, formatDateTime } from '../format.js';

let chartLoaded = null;

/** Chart.js is a classic script (its UMD build); loaded on this page only. */
function loadChart() {
  chartLoaded ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = '/lib/chartjs/chart.umd.js';
    script.onload = () => resolve(window.Chart);
    script.onerror = () => reject(new Error('Không tải được thư viện biểu đồ'));
    document.head.append(script);
  });
  return chartLoaded;
}

export default {
  path: '/quan-tri/luot-tim',
  title: 'Lượt tìm kiếm',
  nav: { label: 'Lượt tìm' },
  roles: ['admin'],
  async render(root) {
    const [traffic, Chart] = await Promise.all([api('/api/admin/search/traffic'), loadChart()]);
    const labels = traffic.hours.map(x => formatDateTime(x.hour));
    const canvas = h('canvas', { id: 'traffic-chart', role: 'img', 'aria-label': 'Biểu đồ lượt tìm và lượt không có kết quả theo giờ' });
    const total = traffic.hours.reduce((sum, x) => sum + x.searches, 0);
    const zero = traffic.hours.reduce((sum, x) => sum + x.zeroResults, 0);
    root.append(
      h('h1', {}, 'Lượt tìm kiếm theo giờ'),
      h('p', {}, `Từ ${formatDateTime(traffic.since)} (máy chủ này, tính từ lần khởi động): ${total.toLocaleString('vi-VN')} lượt tìm, ${zero.toLocaleString('vi-VN')} lượt không có kết quả.`),

      h('div', { class: 'chart' }, canvas),
      h('table', { id: 'traffic-hours' },
        h('caption', {}, 'Số liệu theo giờ'),
        h('thead', {}, h('tr', {}, ['Giờ', 'Lượt tìm', 'Không có kết quả'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, traffic.hours.map((x, i) => h('tr', {}, h('td', {}, labels[i]), h('td', {}, String(x.searches)), h('td', {}, String(x.zeroResults)))))),
      h('h2', {}, 'Từ khóa không tìm thấy'),
      h('p', { class: 'note' }, 'Trong 48 giờ qua, chỉ những từ khóa có ít nhất 3 người tìm. Câu tìm có dãy 6 chữ số trở lên (số điện thoại, số CCCD) hay địa chỉ email không bao giờ được lưu.'),
      traffic.zeroResultTerms.length === 0
        ? h('p', { id: 'zero-result-terms' }, 'Chưa có từ khóa nào.')
        : h('table', { id: 'zero-result-terms' },
          h('caption', {}, 'Từ khóa không có kết quả, tìm nhiều nhất trước'),
          h('thead', {}, h('tr', {}, ['Từ khóa', 'Lượt tìm', 'Số người', 'Lần cuối'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, traffic.zeroResultTerms.map(t => h('tr', {},
            h('td', {}, t.text), h('td', {}, String(t.searches)), h('td', {}, String(t.people)), h('td', {}, formatDateTime(t.lastSearched)))))));
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'Lượt tìm', data: traffic.hours.map(x => x.searches), backgroundColor: '#0b5d3b' },
          { label: 'Không có kết quả', data: traffic.hours.map(x => x.zeroResults), backgroundColor: '#a34a12' },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
  },
};
