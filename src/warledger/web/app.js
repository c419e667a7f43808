// warledger dashboard: map, timeline, table and event panel over the HTTP API.
//
// Article text is untrusted: every piece of data reaches the page through textContent or
// setAttribute, never through markup, and links are made only from http(s) URLs.
'use strict';

const EVENT_TYPES = [
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Protests',
  'Riots',
  'Strategic developments',
];
const TYPE_COLOURS = {
  'Battles': '#c62828',
  'Explosions/Remote violence': '#ef6c00',
  'Violence against civilians': '#7b1fa2',
  'Protests': '#1565c0',
  'Riots': '#00897b',
  'Strategic developments': '#8d6e00',
};
const OTHER_COLOUR = '#616161';
const MARK_FIELDS = ['trigger', 'actor1', 'actor2', 'place', 'date', 'fatalities', 'claimant'];
const FILTER_KEYS = ['since', 'until', 'type', 'country', 'actor', 'q', 'historical'];
const SORT_KEYS = ['event_date', 'fatalities', 'country', 'event_type', 'sub_event_type', 'location', 'actor1', 'actor2'];
const DEFAULT_SORT = 'event_date';
const PAGE_SIZE = 50;
const MAP_LIMIT = 5000;
const SVG_NS = 'http://www.w3.org/2000/svg';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// ACLED's codes, so the panel can say what a number means
const TIME_PRECISION = { 1: 'exact day', 2: 'within a week', 3: 'within a month' };
const GEO_PRECISION = { 1: 'the named place', 2: 'near the place, or part of a region', 3: 'a larger region' };

const state = {
  filters: {},       // what the form held when Apply was pressed
  selection: null,   // {since, until} brushed on the timeline; narrows map and table only
  sort: DEFAULT_SORT,
  page: 0,
  total: 0,          // events matching filters and selection (from the table query)
  stats: null,       // last /api/stats answer (filters without the selection)
  generation: 0,     // the latest reload; older ones must not touch the page
  controller: null,
  panelController: null,
  selectedId: null,
  returnFocus: null,
};

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- DOM helpers

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function svgEl(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

function safeUrl(raw) {
  if (typeof raw !== 'string' || !raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function externalLink(href, text) {
  return el('a', { href, target: '_blank', rel: 'noopener noreferrer', text });
}

function typeColour(type) {
  return TYPE_COLOURS[type] || OTHER_COLOUR;
}

function formatNumber(n) {
  return Number(n).toLocaleString('en-US');
}

function plural(n, word) {
  return `${formatNumber(n)} ${word}${n === 1 ? '' : 's'}`;
}

function formatDate(iso, bucket) {
  const [y, m, d] = iso.split('-').map(Number);
  return bucket === 'month' ? `${MONTHS[m - 1]} ${y}` : `${d} ${MONTHS[m - 1]} ${y}`;
}

function setStatus(text, isError = false) {
  const status = $('status');
  status.textContent = text;
  status.classList.toggle('error', isError);
}

// ---------------------------------------------------------------- API access

async function fetchJSON(url, signal) {
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === 'string' ? body.detail : `HTTP ${response.status}`;
    throw new Error(detail);
  }
  if (body === null) throw new Error(`the server sent no JSON for ${url}`);
  return body;
}

// The filters as query parameters; with the timeline selection unless the timeline itself asks.
function queryParams({ withSelection = true } = {}) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (state.filters[key]) params.set(key, state.filters[key]);
  }
  if (withSelection && state.selection) {
    const { since, until } = state.filters;
    // buckets can reach past the typed dates (a week starts on Monday): keep the narrower bound
    params.set('since', since && since > state.selection.since ? since : state.selection.since);
    params.set('until', until && until < state.selection.until ? until : state.selection.until);
  }
  return params;
}

// ---------------------------------------------------------------- reloading

async function reload({ timeline = true, map = true, table = true, refit = false } = {}) {
  // a reload cancels the one in flight: whatever that one still had to fetch is fetched by this one,
  // or a sort click during a filter change would leave the map and timeline on the old filters
  const owed = state.pending || {};
  timeline = timeline || !!owed.timeline;
  map = map || !!owed.map;
  table = table || !!owed.table;
  refit = refit || !!owed.refit;
  state.pending = { timeline, map, table, refit };
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  const generation = ++state.generation;
  document.body.dataset.ready = '0';
  setStatus('loading…');
  syncUrl();
  updateExportLinks();

  const jobs = [];
  const tableJob = table ? loadTable(controller.signal) : Promise.resolve(state.total);
  jobs.push(tableJob);
  if (timeline) jobs.push(loadTimeline(controller.signal));
  if (map) jobs.push(loadMap(controller.signal, refit, tableJob));
  const results = await Promise.allSettled(jobs);
  if (generation !== state.generation) return;  // a newer reload owns the page now

  state.pending = null;
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) showNothing({ timeline, map, table });
  renderCounts();
  if (failure) setStatus(`Error: ${failure.reason.message}`, true);
  else if (mapState.basemapError) setStatus(`Basemap not loaded: ${mapState.basemapError}`, true);
  else setStatus(summaryText());
  document.body.dataset.ready = '1';
}

// After an error, the old results would sit under filters they do not match: empty the views.
function showNothing({ timeline, map, table }) {
  if (table) {
    state.total = 0;
    renderTable({ total: 0, offset: 0, events: [] });
  }
  if (map) {
    renderPoints([]);
    $('map-note').textContent = '';
  }
  if (timeline) {
    state.stats = { total: 0, fatalities: 0, bucket: 'day', types: [], timeline: [], date_min: null };
    renderTimeline(state.stats);
  }
}

function summaryText() {
  if (state.total === 0) return 'No events match these filters.';
  const where = state.selection ? ` between ${state.selection.since} and ${state.selection.until}` : '';
  return `${plural(state.total, 'event')}${where}.`;
}

function renderCounts() {
  const stats = state.stats;
  if (!stats) {
    $('counts').textContent = '';
    return;
  }
  let text = `${plural(stats.total, 'event')} · ${formatNumber(stats.fatalities)} reported deaths`;
  if (state.selection) text += ` · ${formatNumber(state.total)} in the selection`;
  $('counts').textContent = text;
}

// The view is kept in the address so a page can be bookmarked or passed on.
function syncUrl() {
  const params = queryParams({ withSelection: false });
  if (state.selection) params.set('sel', `${state.selection.since}..${state.selection.until}`);
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const key of FILTER_KEYS) state.filters[key] = params.get(key) || '';
  if (!['', 'true', 'false'].includes(state.filters.historical)) state.filters.historical = '';
  const [since, until] = (params.get('sel') || '').split('..');
  if (ISO_DATE.test(since || '') && ISO_DATE.test(until || '') && since <= until) state.selection = { since, until };
  const sort = params.get('sort') || '';
  if (SORT_KEYS.includes(sort.replace(/^-/, ''))) state.sort = sort;
}

// ---------------------------------------------------------------- filters

function initFilters() {
  $('filters').addEventListener('submit', applyFilters);
  $('reset').addEventListener('click', resetFilters);
}

function readForm() {
  const values = {};
  for (const key of FILTER_KEYS) values[key] = $(`f-${key}`).value.trim();
  return values;
}

function writeForm() {
  for (const key of FILTER_KEYS) {
    const input = $(`f-${key}`);
    const value = state.filters[key] || '';
    // a type from the address that the list lacks (a sub-event type) gets its own option
    if (input.tagName === 'SELECT' && ![...input.options].some((o) => o.value === value)) {
      input.append(el('option', { value, text: value }));
    }
    input.value = value;
  }
  showSelectionInInputs();
}

function applyFilters(event) {
  event.preventDefault();
  const values = readForm();
  // the date inputs show the timeline selection; unchanged, they keep it rather than replace the filter
  const sel = state.selection;
  if (sel && values.since === sel.since && values.until === sel.until) {
    values.since = state.filters.since || '';
    values.until = state.filters.until || '';
  } else {
    state.selection = null;
  }
  if (values.since && values.until && values.since > values.until) {
    setStatus('Error: "since" is after "until".', true);
    return;
  }
  state.filters = values;
  state.page = 0;
  showSelectionInInputs();
  reload({ refit: true });
}

function resetFilters() {
  state.filters = {};
  state.selection = null;
  state.sort = DEFAULT_SORT;
  state.page = 0;
  writeForm();
  reload({ refit: true });
}

function showSelectionInInputs() {
  const sel = state.selection;
  for (const key of ['since', 'until']) {
    const input = $(`f-${key}`);
    input.value = sel ? sel[key] : state.filters[key] || '';
    input.classList.toggle('from-selection', Boolean(sel));
    input.title = sel ? 'set by the timeline selection' : '';
  }
}

// ---------------------------------------------------------------- map

const mapState = {
  svg: null,
  countries: null,   // <g> of country outlines, in (lon, -lat) scaled by k horizontally
  events: null,      // <g> of event circles, in projected coordinates
  k: 1,              // cos(mean latitude): keeps shapes near the events in proportion
  view: { x: -180, y: -85, w: 360, h: 170 },
  points: [],        // {node, lon, lat, dx, dy, r}: dx, dy, r in screen pixels
  basemap: null,
  basemapError: null,
  size: null,
  frame: 0,
};

function initMap() {
  const svg = $('map');
  mapState.svg = svg;
  mapState.countries = svgEl('g', { class: 'countries' });
  mapState.events = svgEl('g', { class: 'events' });
  svg.append(mapState.countries, mapState.events);
  svg.setAttribute('tabindex', '0');
  initMapPointer(svg);
  svg.addEventListener('wheel', onMapWheel, { passive: false });
  svg.addEventListener('keydown', onMapKey);
  $('zoom-in').addEventListener('click', () => zoomBy(1 / 1.6));
  $('zoom-out').addEventListener('click', () => zoomBy(1.6));
  $('zoom-fit').addEventListener('click', fitToEvents);
  new ResizeObserver(onMapResize).observe(svg);
  renderLegend();
}

async function loadBasemap() {
  const response = await fetch('/static/countries-50m.json');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const topology = await response.json();
  const arcs = decodeArcs(topology);
  const paths = topology.objects.countries.geometries.map((geometry) => {
    const path = svgEl('path', { class: 'country', d: geometryPath(geometry, arcs) });
    const name = geometry.properties && geometry.properties.name;
    if (name) path.append(svgEl('title', { text: name }));
    return path;
  });
  mapState.countries.replaceChildren(...paths);
}

// TopoJSON arcs are quantized and delta-encoded: running sums, then the transform.
function decodeArcs(topology) {
  const [sx, sy] = topology.transform ? topology.transform.scale : [1, 1];
  const [tx, ty] = topology.transform ? topology.transform.translate : [0, 0];
  return topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
}

// A ring is a list of arc indexes; ~i (negative) is arc i walked backwards. Consecutive arcs share
// their joining point, so each arc after the first drops its first point.
function ringPoints(ring, arcs) {
  const points = [];
  for (const index of ring) {
    const arc = index < 0 ? arcs[~index].slice().reverse() : arcs[index];
    for (let i = points.length ? 1 : 0; i < arc.length; i++) points.push(arc[i]);
  }
  return points;
}

function geometryPath(geometry, arcs) {
  const polygons = geometry.type === 'Polygon' ? [geometry.arcs]
    : geometry.type === 'MultiPolygon' ? geometry.arcs : [];
  let d = '';
  for (const polygon of polygons) {
    for (const ring of polygon) {
      const points = ringPoints(ring, arcs);
      points.forEach(([lon, lat], i) => {
        d += `${i ? 'L' : 'M'}${lon.toFixed(3)},${(-lat).toFixed(3)}`;
      });
      if (points.length) d += 'Z';
    }
  }
  return d;
}

async function loadMap(signal, refit, totalJob) {
  const params = queryParams();
  params.set('format', 'geojson');
  params.set('limit', String(MAP_LIMIT));
  params.set('sort', '-event_date');  // when capped, show the latest events
  const [collection] = await Promise.all([
    fetchJSON(`/api/events?${params}`, signal),
    mapState.basemap,
  ]);
  if (signal.aborted) return;
  renderPoints(collection.features || []);
  if (refit) fitToEvents();
  else scheduleSymbolUpdate();
  const total = await totalJob.catch(() => null);
  renderMapNote(total, (collection.features || []).length);
}

function renderMapNote(total, drawn) {
  const notes = [];
  if (total !== null && total > MAP_LIMIT) {
    notes.push(`map capped: the ${formatNumber(MAP_LIMIT)} most recent of ${formatNumber(total)} events`);
  } else if (total !== null && total > drawn) {
    notes.push(`${plural(total - drawn, 'event')} without coordinates not on the map`);
  }
  $('map-note').textContent = notes.join(' · ');
}

function radiusPx(fatalities) {
  return fatalities > 0 ? Math.min(3.5 + 1.6 * Math.sqrt(fatalities), 26) : 3.5;
}

// Events geocoded to the same place would hide each other: fan them out on a small sunflower
// spiral (in screen pixels, so the spread stays the same at every zoom).
function fanOut(points) {
  const groups = new Map();
  for (const p of points) {
    const key = `${p.lon.toFixed(4)},${p.lat.toFixed(4)}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(p);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    group.forEach((p, i) => {
      const distance = 4 * Math.sqrt(i + 0.5);
      const angle = i * 2.39996;  // the golden angle
      p.dx = distance * Math.cos(angle);
      p.dy = distance * Math.sin(angle);
    });
  }
}

function renderPoints(features) {
  const points = [];
  for (const feature of features) {
    const coords = feature.geometry && feature.geometry.coordinates;
    if (!coords || !Number.isFinite(coords[0]) || !Number.isFinite(coords[1])) continue;
    const props = feature.properties || {};
    points.push({ props, lon: coords[0], lat: coords[1], dx: 0, dy: 0, r: radiusPx(props.fatalities), node: null });
  }
  fanOut(points);
  // background events underneath, then big circles under small ones
  points.sort((a, b) => Number(Boolean(b.props.historical)) - Number(Boolean(a.props.historical)) || b.r - a.r);
  for (const p of points) p.node = pointNode(p.props);
  mapState.points = points;
  mapState.events.replaceChildren(...points.map((p) => p.node));
  highlightSelected();
}

function pointNode(props) {
  const colour = typeColour(props.event_type);
  const historical = Boolean(props.historical);
  const fatalities = props.fatalities === null || props.fatalities === undefined ? '' : ` · ${plural(props.fatalities, 'death')}`;
  const where = [props.location, props.country].filter(Boolean).join(', ');
  const title = `${props.event_date} · ${props.event_type} · ${where || 'unknown place'}${fatalities}${historical ? ' · background' : ''}`;
  return svgEl('circle', {
    class: historical ? 'event-point historical' : 'event-point',
    'data-event-id': props.event_id,
    fill: colour,
    stroke: historical ? colour : '#ffffff',
  }, svgEl('title', { text: title }));
}

function mapSize() {
  const box = mapState.svg.getBoundingClientRect();
  return { width: Math.max(box.width, 1), height: Math.max(box.height, 1) };
}

function setView(view) {
  const maxW = 420 * mapState.k;
  const w = Math.min(Math.max(view.w, 0.02), maxW);
  const scale = w / view.w;
  const h = view.h * scale;
  // zoom limits: keep the centre of the asked view
  const x = view.x + (view.w - w) / 2;
  const y = view.y + (view.h - h) / 2;
  mapState.view = { x, y, w, h };
  mapState.svg.setAttribute('viewBox', `${x} ${y} ${w} ${h}`);
  scheduleSymbolUpdate();
}

function setProjection(k) {
  mapState.k = k;
  mapState.countries.setAttribute('transform', `scale(${k} 1)`);
}

function fitToEvents() {
  const points = mapState.points;
  let [west, east, south, north] = [-170, 190, -58, 84];
  if (points.length) {
    const lons = points.map((p) => p.lon);
    const lats = points.map((p) => p.lat);
    [west, east, south, north] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    // pad, and never zoom closer than a few degrees around a lone event
    const padLon = Math.max((east - west) * 0.12, 1.5);
    const padLat = Math.max((north - south) * 0.12, 1.5);
    [west, east, south, north] = [west - padLon, east + padLon, Math.max(south - padLat, -89), Math.min(north + padLat, 89)];
  }
  const k = Math.max(Math.cos(((south + north) / 2) * Math.PI / 180), 0.3);
  setProjection(k);
  const size = mapSize();
  let view = { x: west * k, y: -north, w: (east - west) * k, h: north - south };
  view = matchAspect(view, size.width / size.height);
  setView(view);
}

// Widen or heighten a view around its centre to the aspect of the element.
function matchAspect(view, aspect) {
  const cx = view.x + view.w / 2;
  const cy = view.y + view.h / 2;
  let { w, h } = view;
  if (w / h < aspect) w = h * aspect;
  else h = w / aspect;
  return { x: cx - w / 2, y: cy - h / 2, w, h };
}

// Keep the scale (units per pixel) and the centre when the element changes size (panel opening).
function onMapResize() {
  const size = mapSize();
  const old = mapState.size;
  mapState.size = size;
  if (!old) return;
  const upp = mapState.view.w / old.width;
  const cx = mapState.view.x + mapState.view.w / 2;
  const cy = mapState.view.y + mapState.view.h / 2;
  const w = size.width * upp;
  const h = size.height * upp;
  setView({ x: cx - w / 2, y: cy - h / 2, w, h });
}

function scheduleSymbolUpdate() {
  if (mapState.frame) return;
  mapState.frame = requestAnimationFrame(() => {
    mapState.frame = 0;
    updateSymbols();
  });
}

// Circles keep their size in pixels whatever the zoom.
function updateSymbols() {
  const upp = mapState.view.w / mapSize().width;
  const k = mapState.k;
  for (const p of mapState.points) {
    p.node.setAttribute('cx', (p.lon * k + p.dx * upp).toFixed(5));
    p.node.setAttribute('cy', (-p.lat + p.dy * upp).toFixed(5));
    p.node.setAttribute('r', (p.r * upp).toFixed(5));
  }
}

function zoomBy(factor, anchor) {
  const v = mapState.view;
  const ax = anchor ? anchor.x : v.x + v.w / 2;
  const ay = anchor ? anchor.y : v.y + v.h / 2;
  const w = v.w * factor;
  const h = v.h * factor;
  setView({ x: ax - (ax - v.x) * factor, y: ay - (ay - v.y) * factor, w, h });
}

function clientToMap(clientX, clientY) {
  const box = mapState.svg.getBoundingClientRect();
  const v = mapState.view;
  return { x: v.x + ((clientX - box.left) / box.width) * v.w, y: v.y + ((clientY - box.top) / box.height) * v.h };
}

function onMapWheel(event) {
  event.preventDefault();
  const factor = Math.exp(Math.max(Math.min(event.deltaY, 200), -200) * 0.002);
  zoomBy(factor, clientToMap(event.clientX, event.clientY));
}

function onMapKey(event) {
  const v = mapState.view;
  const moves = { ArrowLeft: [-0.1, 0], ArrowRight: [0.1, 0], ArrowUp: [0, -0.1], ArrowDown: [0, 0.1] };
  if (moves[event.key]) {
    const [mx, my] = moves[event.key];
    setView({ ...v, x: v.x + mx * v.w, y: v.y + my * v.h });
  } else if (event.key === '+' || event.key === '=') {
    zoomBy(1 / 1.4);
  } else if (event.key === '-') {
    zoomBy(1.4);
  } else {
    return;
  }
  event.preventDefault();
}

// Drag pans; a press that does not move is a click (on a point: open it). The pointer is captured
// only once a drag starts, otherwise the click would land on the svg instead of the circle.
function initMapPointer(svg) {
  let drag = null;
  let dragged = false;
  svg.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    dragged = false;
    drag = { x: event.clientX, y: event.clientY, view: { ...mapState.view }, moved: false };
  });
  svg.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) {
      drag.moved = true;
      svg.setPointerCapture(event.pointerId);
      svg.classList.add('panning');
    }
    const upp = drag.view.w / mapSize().width;
    setView({ ...drag.view, x: drag.view.x - dx * upp, y: drag.view.y - dy * upp });
  });
  const end = () => {
    if (!drag) return;
    dragged = drag.moved;
    drag = null;
    svg.classList.remove('panning');
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  svg.addEventListener('click', (event) => {
    if (dragged) {
      dragged = false;
      return;
    }
    const point = event.target.closest('.event-point');
    if (point) openEvent(point.dataset.eventId);
  });
}

function renderLegend() {
  const items = EVENT_TYPES.map((type) => el('span', { class: 'legend-item' },
    swatch({ fill: typeColour(type), stroke: '#ffffff' }), type));
  items.push(el('span', { class: 'legend-item' },
    swatch({ fill: OTHER_COLOUR, stroke: OTHER_COLOUR, class: 'historical' }), 'background (historical)'));
  const sizes = el('span', { class: 'legend-item legend-sizes' }, 'deaths');
  for (const n of [1, 10, 50]) {
    const r = radiusPx(n);
    sizes.append(svgEl('svg', { width: 2 * r + 2, height: 2 * r + 2, 'aria-hidden': 'true' },
      svgEl('circle', { cx: r + 1, cy: r + 1, r, fill: 'none', stroke: '#555' })), String(n));
  }
  items.push(sizes);
  $('legend').replaceChildren(...items);
}

function swatch(attrs) {
  const { class: cls, ...rest } = attrs;
  return svgEl('svg', { width: 12, height: 12, class: 'swatch', 'aria-hidden': 'true' },
    svgEl('circle', { cx: 6, cy: 6, r: 5, class: cls ? `swatch-${cls}` : null, ...rest }));
}

// ---------------------------------------------------------------- timeline

const TL = { height: 130, left: 34, right: 10, top: 8, bottom: 22 };
const timelineState = { drag: null, dragged: false };

function initTimeline() {
  const svg = $('timeline');
  svg.addEventListener('pointerdown', onTimelineDown);
  svg.addEventListener('pointermove', onTimelineMove);
  svg.addEventListener('pointerup', onTimelineUp);
  svg.addEventListener('pointercancel', () => { timelineState.drag = null; drawBrush(); });
  svg.addEventListener('click', onTimelineClick);
  svg.addEventListener('keydown', onTimelineKey);
  $('clear-selection').addEventListener('click', clearSelection);
  let lastWidth = 0;
  new ResizeObserver(() => {
    const width = Math.round(svg.getBoundingClientRect().width);
    if (width !== lastWidth && state.stats) renderTimeline(state.stats);
    lastWidth = width;
  }).observe(svg);
}

async function loadTimeline(signal) {
  const stats = await fetchJSON(`/api/stats?${queryParams({ withSelection: false })}`, signal);
  if (signal.aborted) return;
  state.stats = stats;
  renderTimeline(stats);
}

function timelineGeometry() {
  const width = Math.max(Math.round($('timeline').getBoundingClientRect().width), 200);
  const buckets = (state.stats && state.stats.timeline) || [];
  const band = (width - TL.left - TL.right) / Math.max(buckets.length, 1);
  return { width, buckets, band, base: TL.height - TL.bottom, plotHeight: TL.height - TL.top - TL.bottom };
}

function renderTimeline(stats) {
  const svg = $('timeline');
  const g = timelineGeometry();
  svg.setAttribute('viewBox', `0 0 ${g.width} ${TL.height}`);
  svg.setAttribute('height', String(TL.height));
  const types = EVENT_TYPES.concat((stats.types || []).filter((t) => !EVENT_TYPES.includes(t)));
  const totals = g.buckets.map((b) => Object.values(b.counts || {}).reduce((a, n) => a + n, 0));
  const max = Math.max(1, ...totals);
  const children = [...yAxis(g, max)];
  const gap = g.band > 4 ? 1 : 0;
  g.buckets.forEach((bucket, i) => {
    let y = g.base;
    for (const type of types) {
      const count = (bucket.counts || {})[type];
      if (!count) continue;
      const h = (count / max) * g.plotHeight;
      y -= h;
      children.push(svgEl('rect', {
        class: 'bar', x: (TL.left + i * g.band).toFixed(2), y: y.toFixed(2),
        width: Math.max(g.band - gap, 0.5).toFixed(2), height: h.toFixed(2), fill: typeColour(type),
        'data-start': bucket.start, 'data-end': bucket.end, 'data-type': type, 'data-count': count,
      }, svgEl('title', { text: `${bucketLabel(bucket, stats.bucket)}: ${plural(count, 'event')}, ${type}` })));
    }
  });
  children.push(...xAxis(g, stats.bucket));
  if (!g.buckets.length) {
    children.push(svgEl('text', { x: g.width / 2, y: TL.height / 2, class: 'empty', 'text-anchor': 'middle', text: 'no events' }));
  }
  children.push(svgEl('rect', { class: 'brush', x: 0, y: TL.top, width: 0, height: g.plotHeight }));
  svg.replaceChildren(...children);
  const span = stats.date_min ? ` · ${stats.date_min} – ${stats.date_max}` : '';
  $('timeline-title').textContent = `events per ${stats.bucket}${span}`;
  drawBrush();
}

function bucketLabel(bucket, unit) {
  if (unit === 'day') return formatDate(bucket.start, 'day');
  if (unit === 'month') return formatDate(bucket.start, 'month');
  return `week of ${formatDate(bucket.start, 'day')}`;
}

function yAxis(g, max) {
  const nodes = [svgEl('line', { class: 'axis', x1: TL.left, x2: g.width - TL.right, y1: g.base, y2: g.base })];
  const ticks = max >= 2 ? [Math.round(max / 2), max] : [max];
  for (const tick of ticks) {
    const y = g.base - (tick / max) * g.plotHeight;
    nodes.push(svgEl('line', { class: 'grid', x1: TL.left, x2: g.width - TL.right, y1: y, y2: y }));
    nodes.push(svgEl('text', { class: 'tick', x: TL.left - 4, y: y + 3, 'text-anchor': 'end', text: String(tick) }));
  }
  return nodes;
}

function xAxis(g, unit) {
  const nodes = [];
  const n = g.buckets.length;
  if (!n) return nodes;
  const most = Math.max(Math.floor((g.width - TL.left - TL.right) / 95), 1);
  const step = Math.ceil(n / most);
  for (let i = 0; i < n; i += step) {
    const x = TL.left + i * g.band;
    nodes.push(svgEl('line', { class: 'axis', x1: x, x2: x, y1: g.base, y2: g.base + 4 }));
    nodes.push(svgEl('text', { class: 'tick', x: x + 2, y: g.base + 15, text: formatDate(g.buckets[i].start, unit) }));
  }
  return nodes;
}

function timelineX(event) {
  const svg = $('timeline');
  const box = svg.getBoundingClientRect();
  return ((event.clientX - box.left) / box.width) * timelineGeometry().width;
}

function bucketIndexAt(x, g) {
  return Math.min(Math.max(Math.floor((x - TL.left) / g.band), 0), g.buckets.length - 1);
}

function onTimelineDown(event) {
  if (event.button !== 0 || !timelineGeometry().buckets.length) return;
  timelineState.dragged = false;
  timelineState.drag = { x0: timelineX(event), x1: timelineX(event), moved: false };
}

function onTimelineMove(event) {
  const drag = timelineState.drag;
  if (!drag) return;
  drag.x1 = timelineX(event);
  if (!drag.moved && Math.abs(drag.x1 - drag.x0) < 4) return;
  if (!drag.moved) {
    drag.moved = true;
    $('timeline').setPointerCapture(event.pointerId);
  }
  const g = timelineGeometry();
  const [a, b] = [drag.x0, drag.x1].sort((p, q) => p - q);
  placeBrush(Math.max(a, TL.left), Math.min(b, g.width - TL.right));
}

function onTimelineUp() {
  const drag = timelineState.drag;
  timelineState.drag = null;
  if (!drag || !drag.moved) return;
  timelineState.dragged = true;
  const g = timelineGeometry();
  const [a, b] = [drag.x0, drag.x1].sort((p, q) => p - q);
  // snap to whole buckets: the selection is what the bars under the brush count
  const first = g.buckets[bucketIndexAt(a, g)];
  const last = g.buckets[bucketIndexAt(b - 0.01, g)];
  setSelection(first.start, last.end);
}

// A click (no drag) selects one bucket: the bar's own dates, or the bucket under the pointer.
function onTimelineClick(event) {
  if (timelineState.dragged) {
    timelineState.dragged = false;
    return;
  }
  const bar = event.target.closest('rect.bar');
  if (bar) {
    setSelection(bar.dataset.start, bar.dataset.end);
    return;
  }
  const g = timelineGeometry();
  const x = timelineX(event);
  if (!g.buckets.length || x < TL.left || x > g.width - TL.right) return;
  const bucket = g.buckets[bucketIndexAt(x, g)];
  setSelection(bucket.start, bucket.end);
}

// Arrows move the selection a bucket, Shift+arrows stretch it that way, Escape clears it.
function onTimelineKey(event) {
  const buckets = timelineGeometry().buckets;
  if (event.key === 'Escape' && state.selection) {
    event.stopPropagation();
    clearSelection();
    return;
  }
  if (!buckets.length || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
  event.preventDefault();
  const step = event.key === 'ArrowLeft' ? -1 : 1;
  const range = selectedBucketRange(buckets);
  if (!range) {
    const b = buckets[step < 0 ? buckets.length - 1 : 0];
    setSelection(b.start, b.end);
    return;
  }
  let [i0, i1] = range;
  if (event.shiftKey && step < 0) i0 = Math.max(i0 - 1, 0);
  else if (event.shiftKey) i1 = Math.min(i1 + 1, buckets.length - 1);
  else if (i0 + step >= 0 && i1 + step < buckets.length) [i0, i1] = [i0 + step, i1 + step];
  setSelection(buckets[i0].start, buckets[i1].end);
}

function selectedBucketRange(buckets) {
  const sel = state.selection;
  if (!sel) return null;
  const i0 = buckets.findIndex((b) => b.end >= sel.since);
  let i1 = -1;
  buckets.forEach((b, i) => { if (b.start <= sel.until) i1 = i; });
  return i0 < 0 || i1 < i0 ? null : [i0, i1];
}

function placeBrush(x0, x1) {
  const brush = $('timeline').querySelector('rect.brush');
  if (!brush) return;
  brush.setAttribute('x', x0.toFixed(2));
  brush.setAttribute('width', Math.max(x1 - x0, 0).toFixed(2));
  brush.classList.toggle('active', x1 > x0);
}

function drawBrush() {
  const g = timelineGeometry();
  const range = g.buckets.length ? selectedBucketRange(g.buckets) : null;
  if (range) placeBrush(TL.left + range[0] * g.band, TL.left + (range[1] + 1) * g.band);
  else placeBrush(0, 0);
  for (const bar of $('timeline').querySelectorAll('rect.bar')) {
    const outside = state.selection && (bar.dataset.end < state.selection.since || bar.dataset.start > state.selection.until);
    bar.classList.toggle('dimmed', Boolean(outside));
  }
  const label = $('selection-label');
  label.textContent = state.selection ? `selected ${state.selection.since} – ${state.selection.until}` : '';
  $('clear-selection').disabled = !state.selection;
}

function setSelection(since, until) {
  if (!ISO_DATE.test(since) || !ISO_DATE.test(until)) return;
  if (state.selection && state.selection.since === since && state.selection.until === until) return;
  state.selection = { since, until };
  state.page = 0;
  showSelectionInInputs();
  drawBrush();
  reload({ timeline: false });
}

function clearSelection() {
  if (!state.selection) return;
  state.selection = null;
  state.page = 0;
  showSelectionInInputs();
  drawBrush();
  reload({ timeline: false });
}

// ---------------------------------------------------------------- table

function initTable() {
  for (const th of document.querySelectorAll('#table th[data-sort]')) {
    const label = th.textContent;
    const button = el('button', { type: 'button', class: 'sort' }, label, el('span', { class: 'arrow', 'aria-hidden': 'true' }));
    button.addEventListener('click', () => sortBy(th.dataset.sort));
    th.replaceChildren(button);
  }
  const tbody = $('table').tBodies[0];
  tbody.addEventListener('click', (event) => {
    const row = event.target.closest('tr[data-event-id]');
    if (row && !event.target.closest('a')) openEvent(row.dataset.eventId);
  });
  tbody.addEventListener('keydown', (event) => {
    const row = event.target.closest('tr[data-event-id]');
    if (row && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      openEvent(row.dataset.eventId);
    }
  });
  $('prev-page').addEventListener('click', () => turnPage(-1));
  $('next-page').addEventListener('click', () => turnPage(1));
}

function sortBy(key) {
  // first click ascending, second descending
  state.sort = state.sort === key ? `-${key}` : key;
  state.page = 0;
  reload({ timeline: false, map: false });
}

function turnPage(step) {
  const last = Math.max(Math.ceil(state.total / PAGE_SIZE) - 1, 0);
  const page = Math.min(Math.max(state.page + step, 0), last);
  if (page === state.page) return;
  state.page = page;
  reload({ timeline: false, map: false });
}

async function loadTable(signal) {
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

function renderTable(body) {
  const rows = body.events.map(tableRow);
  $('table').tBodies[0].replaceChildren(...rows);
  const first = body.offset + 1;
  const last = body.offset + body.events.length;
  $('table-count').textContent = body.total ? `rows ${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(body.total)}` : 'no events';
  $('prev-page').disabled = body.offset === 0;
  $('next-page').disabled = last >= body.total;
  renderSortArrows();
  highlightSelected();
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

function updateExportLinks() {
  const params = queryParams();
  params.set('sort', state.sort);
  for (const format of ['csv', 'acled', 'geojson']) {
    const query = new URLSearchParams(params);
    query.set('format', format);
    $(`export-${format}`).href = `/api/events?${query}`;
  }
}

// ---------------------------------------------------------------- event panel

function initPanel() {
  $('panel-close').addEventListener('click', closePanel);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !$('panel').hidden) closePanel();
  });
}

async function openEvent(eventId) {
  if (!eventId) return;
  const panel = $('panel');
  if (panel.hidden) state.returnFocus = document.activeElement;
  if (state.panelController) state.panelController.abort();
  const controller = new AbortController();
  state.panelController = controller;
  state.selectedId = eventId;
  highlightSelected();
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
  highlightSelected();
  const back = state.returnFocus;
  state.returnFocus = null;
  if (back && back.isConnected && typeof back.focus === 'function') back.focus({ preventScroll: true });
}

function highlightSelected() {
  const id = state.selectedId;
  for (const p of mapState.points) {
    const on = p.props.event_id === id;
    p.node.classList.toggle('selected', on);
    if (on) mapState.events.append(p.node);  // on top of its neighbours
  }
  for (const row of $('table').tBodies[0].rows) row.classList.toggle('selected', row.dataset.eventId === id);
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

// ---------------------------------------------------------------- start

function boot() {
  initFilters();
  initMap();
  initTimeline();
  initTable();
  initPanel();
  readUrl();
  writeForm();
  mapState.size = mapSize();
  mapState.basemap = loadBasemap().catch((error) => {
    mapState.basemapError = error.message;
  });
  reload({ refit: true });
}

boot();
