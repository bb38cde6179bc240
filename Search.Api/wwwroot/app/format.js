// Vietnamese formats: 1.500.000 đ, dd/MM/yyyy, times in Vietnam whatever the browser's zone.
const money = new Intl.NumberFormat('vi-VN');
const date = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });
const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Ho_Chi_Minh' });

export const formatMoney = vnd => `${money.format(vnd)} đ`;

/** The API's times are UTC; some come without an offset. */
const parse = value => new Date(/Z|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);

export const formatDate = value => value ? date.format(parse(value)) : '';

export const formatDateTime = value => value ? `${time.format(parse(value))} ${date.format(parse(value))}` : '';

export const formatKm = km => `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(km)} km`;

/** Builds DOM from a tag, attributes and children; text is never parsed as HTML. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'class') element.className = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** The API's highlights: HTML-encoded text with <em> around matched words, and nothing else. */
export function highlighted(html, fallback) {
  const span = document.createElement('span');
  if (!html) { span.textContent = fallback; return span; }
  const parts = html.split(/(<em>|<\/em>)/);
  let inside = false;
  const decoder = document.createElement('textarea');
  for (const part of parts) {
    if (part === '<em>') { inside = true; continue; }
    if (part === '</em>') { inside = false; continue; }
    decoder.innerHTML = part;
    const text = document.createTextNode(decoder.value);
    span.append(inside ? h('mark', {}, text) : text);
  }
  return span;
}

/** +84912345678 as Vietnamese people write it: 0912 345 678. */
export const formatPhone = phone => phone?.startsWith('+84') ? `0${phone.slice(3)}`.replace(/^(\d{4})(\d{3})(\d{3})$/, '$1 $2 $3') : phone;
