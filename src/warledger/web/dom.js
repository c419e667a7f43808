// DOM and formatting helpers shared by the views, and the colours of the event types.
//
// Article text is untrusted: every piece of data reaches the page through textContent or
// setAttribute, never through markup, and links are made only from http(s) URLs.

export const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
];
// The brief's charts use the same colours (src/warledger/brief_charts.py).
const TYPE_COLOURS = {
  'Battles': '#c62828',
  'Explosions/Remote violence': '#ef6c00',
  'Violence against civilians': '#7b1fa2',
  'Protests': '#1565c0',
  'Riots': '#00897b',
  'Strategic developments': '#8d6e00',
};
export const OTHER_COLOUR = '#616161';
const SVG_NS = 'http://www.w3.org/2000/svg';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const $ = (id) => document.getElementById(id);

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export function safeUrl(raw) {
  if (typeof raw !== 'string' || !raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function externalLink(href, text) {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', text });
}

export function typeColour(type) {
  return TYPE_COLOURS[type] || OTHER_COLOUR;
}

export function formatNumber(n) {
  return Number(n).toLocaleString('en-US');
}

export function plural(n, word) {
  return `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;
}

export function formatDate(iso, bucket) {
  const [y, m, d] = iso.split('-').map(Number);
  return bucket === 'month' ? `${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

export function setStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

export function swatch(attrs) {
  const { class: cls, ...rest } = attrs;
  return svgEl('svg', { width: 12, height: 12, class: 'swatch', 'aria-hidden': 'true' },
    svgEl('circle', { cx: 6, cy: 6, r: 5, class: cls ? `swatch-${cls}` : null, ...rest }));
}
