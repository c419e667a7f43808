// The timeline: events per day, week or month stacked by type. A click or a drag across bars selects
// dates, which narrow the map and the table (not the timeline itself).

import { $, EVENT_TYPES, formatDate, plural, svgEl, typeColour } from './dom.js';
import { showSelectionInInputs } from './filters.js';
import { ISO_DATE, actions, fetchJSON, queryParams, state } from './state.js';

const TL = { height: 130, left: 34, right: 10, top: 8, bottom: 22 };
const timelineState = { drag: null, dragged: false };

export function initTimeline() {
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

export async function loadTimeline(signal) {
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

export function renderTimeline(stats) {
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

export function drawBrush() {
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
  actions.reload({ timeline: false });
}

function clearSelection() {
  if (!state.selection) return;
  state.selection = null;
  state.page = 0;
  showSelectionInInputs();
  drawBrush();
  actions.reload({ timeline: false });
}
