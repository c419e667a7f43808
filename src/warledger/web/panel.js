// The event panel: one event's fields, its claims side by side (a figure another claim contradicts is
// highlighted), its source sentences with the words behind each field marked, and its sources.

import { $, el, externalLink, formatNumber, safeUrl, setStatus, swatch, typeColour } from './dom.js';
import { actions, fetchJSON, state } from './state.js';

const MARK_FIELDS = ['trigger', 'actor1', 'actor2', 'place', 'date', 'fatalities', 'claimant'];
// ACLED's codes, so the panel can say what a number means
const TIME_PRECISION = { 1: 'exact day', 2: 'within a week', 3: 'within a month' };
const GEO_PRECISION = { 1: 'the named place', 2: 'near the place, or part of a region', 3: 'a larger region' };

export function initPanel() {
  $('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('panel').hidden) closePanel();
  });
}

export async function openEvent(eventId) {
  if (!eventId) return;
  const panel = $('panel');
  if (panel.hidden) state.returnFocus = document.activeElement;
  if (state.panelController) state.panelController.abort();
  const controller = new AbortController();
  state.panelController = controller;
  state.selectedId = eventId;
  actions.highlightSelected();
  panel.dataset.loaded = '0';
  panel.hidden = false;
  document.body.classList.add('panel-open');
  $('panel-title').textContent = 'Event';
  $('panel-body').replaceChildren(el('p', { class: 'muted', text: 'loading…' }));
  try {
    const detail = await fetchJSON(`/api/events/${encodeURIComponent(eventId)}`, controller.signal);
    if (controller.signal.aborted) return;
    renderPanel(detail);
  } catch (error) {
    if (controller.signal.aborted) return;
    $('panel-body').replaceChildren(el('p', { class: 'error', text: `Could not load the event: ${error.message}` }));
    setStatus(`Error: ${error.message}`, true);
  }
  panel.dataset.loaded = '1';
  $('panel-close').focus({ preventScroll: true });
}

function closePanel() {
  if (state.panelController) state.panelController.abort();
  const panel = $('panel');
  panel.hidden = true;
  panel.dataset.loaded = '0';
  document.body.classList.remove('panel-open');
  state.selectedId = null;
  actions.highlightSelected();
  const back = state.returnFocus;
  state.returnFocus = null;
  if (back && back.isConnected && typeof back.focus === 'function') back.focus({ preventScroll: true });
}

function renderPanel(detail) {
  const ev = detail.event;
  const sources = new Map((detail.sources || []).map((s) => [s.id, s]));
  $('panel-title').textContent = `${ev.event_type || 'Event'} · ${ev.location || 'unknown place'}`;
  const badges = el('p', { class: 'badges' },
    el('span', { class: 'type' }, swatch({ fill: typeColour(ev.event_type), stroke: '#ffffff' }), ev.sub_event_type || ev.event_type || ''),
    ev.disputed ? el('span', { class: 'badge disputed', text: 'disputed figures' }) : null,
    ev.historical ? el('span', { class: 'badge historical', text: 'background event' }) : null);
  $('panel-body').replaceChildren(
    badges,
    ev.notes ? el('p', { class: 'notes', text: ev.notes }) : null,
    fieldsSection(ev),
    claimsSection(detail.claims || [], sources),
    evidenceSection(detail.evidence || [], sources),
    sourcesSection(detail.sources || []));
  $('panel-body').scrollTop = 0;
}

function joined(values, separator = ', ') {
  return (values || []).filter((v) => v !== null && v !== undefined && v !== '').join(separator);
}

function fieldsSection(ev) {
  const rows = [];
  const add = (label, ...values) => {
    const parts = values.filter((v) => v !== null && v !== undefined && v !== '');
    if (parts.length) rows.push(el('dt', { text: label }), el('dd', { text: parts.join(' · ') }));
  };
  const span = ev.date_start && ev.date_end && (ev.date_start !== ev.event_date || ev.date_end !== ev.event_date)
    ? `span ${ev.date_start} – ${ev.date_end}` : null;
  add('date', ev.event_date, span);
  add('precision',
    ev.time_precision ? `time ${ev.time_precision} (${TIME_PRECISION[ev.time_precision] || 'code'})` : null,
    ev.date_precision ? `date ${ev.date_precision}` : null);
  add('type', ev.event_type, ev.sub_event_type);
  add('disorder', ev.disorder_type, ev.civilian_targeting);
  add('actor 1', ev.actor1, ev.inter1 !== null && ev.inter1 !== undefined ? `inter ${ev.inter1}` : null);
  add('actor 2', ev.actor2, ev.inter2 !== null && ev.inter2 !== undefined ? `inter ${ev.inter2}` : null);
  add('interaction', ev.interaction);
  add('location', joined([ev.location, ev.admin1, ev.country]));
  const hasCoords = Number.isFinite(ev.latitude) && Number.isFinite(ev.longitude);
  add('coordinates', hasCoords ? `${ev.latitude.toFixed(4)}, ${ev.longitude.toFixed(4)}` : 'none',
    ev.geo_precision ? `geo precision ${ev.geo_precision} (${GEO_PRECISION[ev.geo_precision] || 'code'})` : null,
    ev.place_source ? `from ${ev.place_source}` : null);
  add('fatalities', ev.fatalities === null || ev.fatalities === undefined ? 'not reported' : formatNumber(ev.fatalities));
  const bySide = Object.entries(ev.fatalities_by_side || {}).map(([side, n]) => `${side} ${n}`);
  add('by side', joined(bySide));
  add('sides', joined(ev.sides));
  add('claimants', joined(ev.claimants));
  add('outlets', joined(ev.outlets));
  add('historical', ev.historical ? 'yes: a background event told in a report' : 'no');
  add('event id', ev.event_id);
  return el('section', { class: 'fields' }, el('h3', { text: 'Event' }), el('dl', {}, rows));
}

// The source document as a link when its URL is http(s); `short` names it by id (narrow columns).
function sourceLabel(id, sources, short = false) {
  const source = sources.get(id);
  const href = source && safeUrl(source.url);
  const text = (!short && source && source.title) || id || '';
  if (href) {
    const link = externalLink(href, text);
    if (source.title) link.title = source.title;
    return link;
  }
  if (short) return el('span', { class: 'source-id', title: (source && source.title) || null, text });
  if (source && source.title && source.title !== id) return el('span', { text: `${source.title} (${id})` });
  return el('span', { class: 'source-id', text });
}

function claimsSection(claims, sources) {
  const section = el('section', { class: 'claims' }, el('h3', { text: `Claims (${claims.length})` }));
  if (!claims.length) {
    section.append(el('p', { class: 'muted', text: 'No claims recorded.' }));
    return section;
  }
  const columns = [['claimant', 'claimant'], ['side', 'side'], ['deaths', 'fatalities claimed'], ['for', 'for side'],
    ['outlet', 'outlet'], ['source', 'source doc'], ['statement', 'statement']];
  const colgroup = el('colgroup', {}, columns.map(([key]) => el('col', { class: `c-${key}` })));
  const head = el('tr', {}, columns.map(([, label]) => el('th', { text: label })));
  const rows = claims.map((claim) => el('tr', { class: claim.disputed ? 'disputed' : null },
    el('td', { text: claim.claimant || '' }),
    el('td', { text: claim.side || '' }),
    el('td', { class: 'num', text: claim.fatalities === null || claim.fatalities === undefined ? '–' : formatNumber(claim.fatalities) }),
    el('td', { text: claim.fatalities_side || '' }),
    el('td', { text: claim.outlet || '' }),
    el('td', {}, claim.source ? sourceLabel(claim.source, sources, true) : ''),
    el('td', { class: 'statement', text: claim.statement || '' })));
  section.append(el('div', { class: 'scroll-x' }, el('table', {}, colgroup, el('thead', {}, head), el('tbody', {}, rows))));
  return section;
}

function evidenceSection(evidence, sources) {
  const legend = el('p', { class: 'mark-legend' }, MARK_FIELDS.map((field) => el('mark', { class: `mark-${field}`, text: field })));
  const items = evidence.map((item) => el('div', { class: 'evidence-item' },
    markedSentence(item.text || '', item.marks || []),
    el('p', { class: 'evidence-source' }, '— ', sourceLabel(item.source, sources))));
  return el('section', { class: 'evidence' }, el('h3', { text: `Source sentences (${evidence.length})` }), legend,
    items.length ? items : el('p', { class: 'muted', text: 'No source sentences.' }));
}

// Marks may overlap: cut the text at every mark boundary and give each piece the classes of all
// the marks covering it. Offsets come from Python and count code points, hence Array.from.
function markedSentence(text, marks) {
  const chars = Array.from(text);
  const valid = marks.filter((m) => Number.isInteger(m.start) && Number.isInteger(m.end) &&
    m.start >= 0 && m.end <= chars.length && m.start < m.end && /^[a-z0-9_]+$/.test(String(m.field)));
  const cuts = new Set([0, chars.length]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const sentence = el('p', { class: 'sentence' });
  for (let i = 0; i < points.length - 1; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const piece = chars.slice(start, end).join('');
    const fields = [...new Set(valid.filter((m) => m.start <= start && m.end >= end).map((m) => m.field))]
      .sort((a, b) => fieldOrder(a) - fieldOrder(b));
    if (!fields.length) {
      sentence.append(piece);
      continue;
    }
    sentence.append(el('mark', {
      class: fields.map((f) => `mark-${f}`).join(' '),
      'data-fields': fields.join(' '),
      title: fields.join(', '),
      text: piece,
    }));
  }
  return sentence;
}

function fieldOrder(field) {
  const i = MARK_FIELDS.indexOf(field);
  return i < 0 ? MARK_FIELDS.length : i;
}

function sourcesSection(sources) {
  const items = sources.map((s) => {
    const href = safeUrl(s.url);
    const title = s.title || s.id;
    // a URL that is not http(s) is provenance all the same: shown as text, never as a link
    const unlinked = s.url && !href ? el('span', { class: 'muted unlinked', text: ` · URL not linked: ${s.url}` }) : null;
    return el('li', {}, href ? externalLink(href, title) : el('span', { text: title }),
      el('span', { class: 'muted', text: ` · ${joined([s.outlet, s.published, s.title ? s.id : null], ' · ')}` }),
      unlinked);
  });
  return el('section', { class: 'sources' }, el('h3', { text: `Sources (${sources.length})` }), el('ul', {}, items));
}
