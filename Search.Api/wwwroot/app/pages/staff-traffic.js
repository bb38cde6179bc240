// Admins: searches and zero-result searches per hour (GET /api/admin/search/traffic), as a chart
// and, for screen readers and exact numbers, as a table.
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
      h('p', { class: 'note' }, 'Từ khóa của các lượt không có kết quả không được ghi lại, vì câu tìm có thể chứa số điện thoại hay thông tin cá nhân.'),
      h('div', { class: 'chart' }, canvas),
      h('table', {},
        h('caption', {}, 'Số liệu theo giờ'),
        h('thead', {}, h('tr', {}, ['Giờ', 'Lượt tìm', 'Không có kết quả'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, traffic.hours.map((x, i) => h('tr', {}, h('td', {}, labels[i]), h('td', {}, String(x.searches)), h('td', {}, String(x.zeroResults)))))));
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
