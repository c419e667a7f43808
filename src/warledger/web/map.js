// The map: the offline basemap (country outlines shipped with the package) and the events as circles
// coloured by type and sized by deaths; scroll or buttons zoom, drag pans, a click opens an event.

import { $, EVENT_TYPES, OTHER_COLOUR, el, formatNumber, plural, svgEl, swatch, typeColour } from './dom.js';
import { actions, fetchJSON, queryParams } from './state.js';

const MAP_LIMIT = 5000;

export const mapState = {
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

export function initMap() {
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

export async function loadBasemap() {
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

export async function loadMap(signal, refit, totalJob) {
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

export function renderPoints(features) {
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
  actions.highlightSelected();
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

export function mapSize() {
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

// Fit to the news: background events (an earlier war across a continent) widen the view only when
// there is nothing current on the map.
export function fitToEvents() {
  const current = mapState.points.filter((p) => !p.props.historical);
  const points = current.length ? current : mapState.points;
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
    if (point) actions.openEvent(point.dataset.eventId);
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
