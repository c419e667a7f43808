// The table: a page of events in the chosen order, and the export links for what is shown.

import { $, el, formatNumber, swatch, typeColour } from './dom.js';
import { actions, fetchJSON, queryParams, state } from './state.js';

const PAGE_SIZE = 50;

export function initTable() {
  for (const th of document.querySelectorAll('#table th[data-sort]')) {
    const label = th.textContent;
    const button = el('button', { type: 'button', class: 'sort' }, label, el('span', { class: 'arrow', 'aria-hidden': 'true' }));
    button.addEventListener('click', () => sortBy(th.dataset.sort));
    th.replaceChildren(button);
  }
  const tbody = $('table').tBodies[0];
  tbody.addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-event-id]');
    if (row && !event.target.closest('a')) actions.openEvent(row.dataset.eventId);
  });
  tbody.addEventListener('keydown', (event) => {
    const row = event.target.closest('tr[data-event-id]');
    if (row && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      actions.openEvent(row.dataset.eventId);
    }
  });
  $('prev-page').addEventListener('click', () => turnPage(-1));
  $('next-page').addEventListener('click', () => turnPage(1));
}

function sortBy(key) {
  // first click ascending, second descending
  state.sort = state.sort === key ? `-${key}` : key;
  state.page = 0;
  actions.reload({ timeline: false, map: false });
}

function turnPage(step) {
  const last = Math.max(Math.ceil(state.total / PAGE_SIZE) - 1, 0);
  const page = Math.min(Math.max(state.page + step, 0), last);
  if (page === state.page) return;
  state.page = page;
  actions.reload({ timeline: false, map: false });
}

export async function loadTable(signal) {
  const params = queryParams();
  params.set('sort', state.sort);
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String(state.page * PAGE_SIZE));
  const body = await fetchJSON(`/api/events?${params}`, signal);
  if (signal.aborted) return state.total;
  state.total = body.total;
  renderTable(body);
  return body.total;
}

export function renderTable(body) {
  const rows = body.events.map(tableRow);
  $('table').tBodies[0].replaceChildren(...rows);
  const first = body.offset + 1;
  const last = body.offset + body.events.length;
  $('table-count').textContent = body.total ? `rows ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(body.total)}` : 'no events';
  $('prev-page').disabled = body.offset === 0;
  $('next-page').disabled = last >= body.total;
  renderSortArrows();
  actions.highlightSelected();
}

function tableRow(ev) {
  const row = el('tr', { 'data-event-id': ev.event_id, tabindex: '0', class: ev.historical ? 'historical' : null },
    el('td', { class: 'nowrap' }, ev.event_date,
      ev.date_end && ev.date_end !== ev.date_start ? el('div', { class: 'muted small', text: `${ev.date_start} – ${ev.date_end}` }) : null),
    el('td', {},
      el('span', { class: 'type' }, swatch({ fill: typeColour(ev.event_type), stroke: '#ffffff' }), ev.event_type || ''),
      el('div', { class: 'muted small', text: ev.sub_event_type || '' })),
    el('td', { text: ev.actor1 || '' }),
    el('td', { text: ev.actor2 || '' }),
    el('td', {}, ev.location || '', ev.admin1 ? el('div', { class: 'muted small', text: ev.admin1 }) : null),
    el('td', { text: ev.country || '' }),
    el('td', { class: 'num', text: ev.fatalities === null || ev.fatalities === undefined ? '–' : formatNumber(ev.fatalities) }),
    el('td', { class: 'num', text: String((ev.sources || []).length) }),
    el('td', {}, ev.disputed ? el('span', { class: 'badge disputed', text: 'disputed' }) : null),
    el('td', {}, ev.historical ? el('span', { class: 'badge historical', text: 'background' }) : null));
  return row;
}

function renderSortArrows() {
  const key = state.sort.replace(/^-/, '');
  const descending = state.sort.startsWith('-');
  for (const th of document.querySelectorAll('#table th[data-sort]')) {
    const active = th.dataset.sort === key;
    th.querySelector('.arrow').textContent = active ? (descending ? ' ▼' : ' ▲') : '';
    if (active) th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    else th.removeAttribute('aria-sort');
  }
}

export function updateExportLinks() {
  const params = queryParams();
  params.set('sort', state.sort);
  for (const format of ['csv', 'acled', 'geojson']) {
    const query = new URLSearchParams(params);
    query.set('format', format);
    $(`export-${format}`).href = `/api/events?${query}`;
  }
  // the brief of what is on screen: the filters and the timeline selection (it counts current events only)
  const brief = queryParams();
  brief.set('format', 'pdf');
  $('brief').href = `/api/brief?${brief}`;
}
