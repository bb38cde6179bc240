// What the pages need to know per listing kind: its Vietnamese name, how its money reads, where it
// lies on the map, its facets and their labels, and its fields on the listing page. One entry per
// kind of the API (GET /api/search/{kind}); a kind missing here is shown with its slug only.
import { formatMoney, formatDate } from './format.js';

const range = (min, max) => min && max && min !== max ? `${formatMoney(min)} – ${formatMoney(max)}` : formatMoney(min ?? max);

const values = {
  rentalType: { apartment: 'Căn hộ', room: 'Phòng trọ', wholeHouse: 'Nhà nguyên căn', dormitory: 'Ký túc xá', businessPremises: 'Mặt bằng' },
  amenities: { airConditioner: 'Máy lạnh', privateBathroom: 'WC riêng', wifi: 'Wifi', parking: 'Chỗ để xe', kitchen: 'Bếp', waterHeater: 'Máy nước nóng', furnished: 'Có nội thất', loft: 'Gác lửng', security: 'Bảo vệ' },
  shift: { day: 'Ca ngày', night: 'Ca đêm', rotating: 'Xoay ca' },
  jobType: { fullTime: 'Toàn thời gian', partTime: 'Bán thời gian', seasonal: 'Thời vụ' },
  benefits: { meals: 'Cơm ca', shuttleBus: 'Xe đưa đón', dormitory: 'Ký túc xá' },
  category: {
    electronics: 'Điện tử', phones: 'Điện thoại', motorbikes: 'Xe máy', bicycles: 'Xe đạp', furniture: 'Nội thất',
    homeAppliances: 'Đồ gia dụng', clothing: 'Quần áo', babyAndKids: 'Mẹ và bé', other: 'Khác',
    shopping: 'Mua sắm', beauty: 'Làm đẹp', foodAndDrink: 'Ăn uống', entertainment: 'Giải trí', travel: 'Du lịch',
  },
  condition: { new: 'Mới', likeNew: 'Như mới', used: 'Đã dùng' },
  scope: { inProvince: 'Trong tỉnh', interProvince: 'Liên tỉnh' },
};

export const facetLabels = {
  rentalType: 'Loại phòng', amenities: 'Tiện ích', park: 'Khu công nghiệp', commune: 'Xã/phường', shift: 'Ca làm',
  jobType: 'Hình thức', benefits: 'Phúc lợi', category: 'Danh mục', condition: 'Tình trạng', brand: 'Thương hiệu',
  origin: 'Điểm đi', destination: 'Điểm đến', scope: 'Phạm vi', price: 'Khoảng giá',
};

/** A facet value as people read it. */
export function facetValueLabel(facet, value, places) {
  if (facet === 'price') {
    const [min, max] = value.split('-');
    if (min === '*') return `Dưới ${formatMoney(Number(max))}`;
    if (max === '*') return `Từ ${formatMoney(Number(min))}`;
    return `${formatMoney(Number(min))} – ${formatMoney(Number(max))}`;
  }
  if (facet === 'park') return places?.parks.get(value) ?? value;
  if (facet === 'commune') return places?.communes.get(value)?.name ?? value;
  return values[facet]?.[value] ?? value;
}

const point = listing => listing.latitude != null ? [[listing.latitude, listing.longitude]] : [];

export const kinds = {
  rentals: {
    name: 'Phòng trọ', one: 'phòng trọ', facets: ['rentalType', 'amenities', 'park', 'price'],
    money: hit => hit.priceVnd != null ? `${formatMoney(hit.priceVnd)}/tháng` : '',
    points: point,
    fields: r => [['Giá thuê', `${formatMoney(r.priceVnd)}/tháng`], ['Đặt cọc', formatMoney(r.depositVnd)], ['Diện tích', `${r.areaM2} m²`],
      ['Ở tối đa', `${r.maxOccupants} người`], ['Loại', values.rentalType[r.rentalType]], ['Tiện ích', (r.amenities ?? []).map(a => values.amenities[a] ?? a).join(', ')]],
  },
  jobs: {
    name: 'Việc làm', one: 'việc làm', facets: ['shift', 'jobType', 'benefits', 'park', 'price'],
    money: hit => hit.salaryMinVnd != null ? `${range(hit.salaryMinVnd, hit.salaryMaxVnd)}/tháng` : '',
    points: point,
    fields: j => [['Lương', `${range(j.salaryMinVnd, j.salaryMaxVnd)}/tháng`], ['Số lượng', j.headcount], ['Ca làm', values.shift[j.shift]],
      ['Hình thức', values.jobType[j.jobType]], ['Phúc lợi', (j.benefits ?? []).map(b => values.benefits[b] ?? b).join(', ')], ['Ngày đăng', formatDate(j.postedAt)]],
  },
  classifieds: {
    name: 'Đồ cũ', one: 'món đồ', facets: ['category', 'condition', 'price'],
    money: hit => hit.priceVnd != null ? formatMoney(hit.priceVnd) : '',
    points: point,
    fields: c => [['Giá', formatMoney(c.priceVnd)], ['Danh mục', values.category[c.category]], ['Tình trạng', values.condition[c.condition] ?? c.condition], ['Người bán', c.sellerName]],
  },
  vouchers: {
    name: 'Voucher', one: 'voucher', facets: ['category', 'brand', 'price'],
    money: hit => hit.priceVnd ? formatMoney(hit.priceVnd) : 'Miễn phí',
    points: v => (v.locations ?? []).map(l => [l.latitude, l.longitude]),
    fields: v => [['Thương hiệu', v.brand], ['Giảm', v.discountPercent ? `${v.discountPercent}%` : formatMoney(v.discountAmountVnd ?? 0)],
      ['Giá', v.priceVnd ? formatMoney(v.priceVnd) : 'Miễn phí'], ['Còn lại', `${v.quantityRemaining}/${v.quantityTotal}`],
      ['Hiệu lực', `${formatDate(v.validFrom)} – ${formatDate(v.validTo)}`], ['Nơi dùng', (v.locations ?? []).map(l => l.name).join('; ')]],
  },
  'bus-routes': {
    name: 'Xe buýt', one: 'tuyến xe', facets: ['origin', 'destination', 'scope', 'price'],
    money: hit => hit.fareVnd != null ? `${formatMoney(hit.fareVnd)}/lượt` : '',
    points: b => (b.stops ?? []).map(s => [s.latitude, s.longitude]),
    fields: b => [['Nhà xe', b.operator], ['Tổng đài', b.hotline], ['Điểm đi', b.origin], ['Điểm đến', b.destination],
      ['Giá vé', b.fareVnd != null ? formatMoney(b.fareVnd) : ''], ['Các điểm dừng', (b.stops ?? []).map(s => s.name).join(' → ')]],
  },
  'public-services': {
    name: 'Dịch vụ công', one: 'thủ tục', facets: ['category', 'level'],
    money: hit => hit.priceVnd ? `Lệ phí ${formatMoney(hit.priceVnd)}` : '',
    points: point,
    fields: p => [['Cơ quan giải quyết', p.competentAuthority], ['Lệ phí', p.feeVnd ? formatMoney(p.feeVnd) : p.feeNote],
      ['Thời hạn giải quyết', p.processingTime], ['Hồ sơ cần nộp', (p.requiredDocuments ?? []).join('; ')],
      ['Căn cứ pháp lý', (p.legalBasis ?? []).join('; ')]],
  },
  news: {
    name: 'Tin tức', one: 'bài viết', facets: ['source'],
    money: () => '',
    points: point,
    fields: n => [['Nguồn', n.sourceName], ['Ngày đăng', formatDate(n.publishedAt)], ['Bài gốc', n.link]],
  },
};

export const kindName = slug => kinds[slug]?.name ?? slug;
