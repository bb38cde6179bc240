// Posting a listing: second-hand goods (open to everyone) and rooms (a verified identity). The
// place comes from the commune, or from a click on the map.
import { api } from '../api.js';
import { h } from '../format.js';
import { places } from '../places.js';
import { createMap } from '../map.js';
import { navigate, toast } from '../navigation.js';
import { field, showProblem } from './sign-in.js';
import { kinds } from '../kinds.js';

const options = (values, labels) => Object.entries(values).map(([v, l]) => h('option', { value: v }, labels?.[v] ?? l));

const forms = {
  classifieds: () => [
    field('category', 'Danh mục', { tag: 'select', options: options({ electronics: 'Điện tử', phones: 'Điện thoại', motorbikes: 'Xe máy', bicycles: 'Xe đạp', furniture: 'Nội thất', homeAppliances: 'Đồ gia dụng', clothing: 'Quần áo', babyAndKids: 'Mẹ và bé', other: 'Khác' }) }),
    field('condition', 'Tình trạng', { tag: 'select', options: options({ new: 'Mới', likeNew: 'Như mới', used: 'Đã dùng' }) }),
    field('priceVnd', 'Giá (đồng)', { type: 'number', min: 0, step: 1000, inputmode: 'numeric', required: true }),
    field('sellerName', 'Tên người bán', { required: true }),
  ],
  rentals: () => [
    field('rentalType', 'Loại', { tag: 'select', options: options({ room: 'Phòng trọ', apartment: 'Căn hộ', wholeHouse: 'Nhà nguyên căn', dormitory: 'Ký túc xá', businessPremises: 'Mặt bằng' }) }),
    field('priceVnd', 'Giá thuê mỗi tháng (đồng)', { type: 'number', min: 0, step: 50000, inputmode: 'numeric', required: true }),
    field('depositVnd', 'Tiền cọc (đồng)', { type: 'number', min: 0, step: 50000, inputmode: 'numeric', required: true }),
    field('areaM2', 'Diện tích (m²)', { type: 'number', min: 1, step: 1, inputmode: 'numeric', required: true }),
    field('maxOccupants', 'Số người ở tối đa', { type: 'number', min: 1, step: 1, inputmode: 'numeric', required: true }),
  ],
};

const numbers = ['priceVnd', 'depositVnd', 'areaM2', 'maxOccupants'];

export default {
  path: '/dang-tin',
  title: 'Đăng tin',
  nav: { label: 'Đăng tin', signedIn: true },
  roles: ['worker', 'employer', 'agencyStaff', 'admin'],
  async render(root, { query }) {
    const slug = forms[query.get('kind')] ? query.get('kind') : 'classifieds';
    const known = await places();
    let picked = null;
    const form = h('form', { class: 'card form', novalidate: true },
      h('fieldset', {}, h('legend', {}, 'Loại tin'), Object.keys(forms).map(k => h('label', { class: 'inline' },
        h('input', { type: 'radio', name: 'kind-choice', value: k, checked: k === slug, onchange: () => navigate(`/dang-tin?kind=${k}`) }), ` ${kinds[k].name}`))),
      field('title', 'Tiêu đề', { required: true, maxlength: 200 }),
      field('description', 'Mô tả', { tag: 'textarea', rows: 5, required: true }),
      forms[slug](),
      field('communeCode', 'Xã/phường', { tag: 'select', required: true, options: known.communeList.map(c => h('option', { value: c.code }, c.name)) }),
      slug === 'rentals' ? field('nearestParkCode', 'Gần khu công nghiệp', { tag: 'select', options: [h('option', { value: '' }, '—'), known.parkList.map(p => h('option', { value: p.code }, p.name))] }) : null,
      h('p', { class: 'note', id: 'place-note' }, 'Vị trí: tâm xã/phường đã chọn. Bấm vào bản đồ để chọn chính xác hơn.'),
      h('div', { class: 'map map-small', id: 'post-map', role: 'region', 'aria-label': 'Chọn vị trí trên bản đồ' }),
      h('p', { class: 'form-error', role: 'alert', tabindex: '-1' }),
      h('button', { type: 'submit', class: 'primary' }, 'Đăng tin'));
    root.append(h('h1', {}, 'Đăng tin mới'), form);

    const view = await createMap(form.querySelector('#post-map'));
    view.map.on('click', event => {
      picked = [event.latlng.lat, event.latlng.lng];
      view.markers.clearLayers();
      L.marker(picked, { title: 'Vị trí đã chọn' }).addTo(view.markers);
      form.querySelector('#place-note').textContent = `Vị trí đã chọn: ${picked.map(n => n.toFixed(5)).join(', ')}`;
    });

    form.addEventListener('submit', async event => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      delete data['kind-choice'];
      for (const n of numbers) if (n in data) data[n] = data[n] === '' ? null : Number(data[n]);
      if (data.nearestParkCode === '') data.nearestParkCode = null;
      const commune = known.communes.get(data.communeCode);
      [data.latitude, data.longitude] = picked ?? [commune?.latitude, commune?.longitude];
      data.photoUrls = [];
      if (slug === 'rentals') data.amenities = [];
      try {
        const created = await api(`/api/${slug}`, { method: 'POST', body: data });
        toast('Đã đăng tin. Tin sẽ hiện trong kết quả tìm kiếm sau ít giây.');
        navigate(`/tin/${slug}/${created.id}`);
      } catch (error) { showProblem(form, error); }
    });
  },
};
