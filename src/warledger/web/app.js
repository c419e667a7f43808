// warledger dashboard: map, timeline, table and event panel over the HTTP API, one ES module per view
// (state.js, filters.js, map.js, timeline.js, table.js, panel.js); this one reloads them together and
// writes the headline. No build step and no third-party script: the browser loads the modules as they are.
//
// Article text is untrusted: every piece of data reaches the page through textContent or
// setAttribute, never through markup (dom.js), and links are made only from http(s) URLs.

import { $, formatNumber, plural, setStatus } from './dom.js';
import { initFilters, writeForm } from './filters.js';
import { initMap, loadBasemap, loadMap, mapSize, mapState, renderPoints } from './map.js';
import { initPanel, openEvent } from './panel.js';
import { actions, fetchJSON, queryParams, readUrl, state, syncUrl } from './state.js';
import { initTable, loadTable, renderTable, updateExportLinks } from './table.js';
import { initTimeline, loadTimeline, renderTimeline } from './timeline.js';

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
  if (timeline) jobs.push(loadTimeline(controller.signal), loadHeadline(controller.signal));
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

// The headline counts current events only: with background shown, the timeline's totals include
// background events, so the current ones are asked for on their own.
async function loadHeadline(signal) {
  if (!state.background) {
    state.headline = null;
    return;
  }
  const stats = await fetchJSON(`/api/stats?${queryParams({ withSelection: false, current: true })}`, signal);
  if (!signal.aborted) state.headline = stats;
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
    state.headline = null;
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
  const current = state.background && state.headline ? state.headline : stats;
  let text = `${plural(current.total, 'event')} · ${formatNumber(current.fatalities)} reported deaths`;
  if (state.background) {
    text += ` · ${plural(Math.max(stats.total - current.total, 0), 'background event')} shown, not counted`;
  }
  if (state.selection) text += ` · ${formatNumber(state.total)} in the selection`;
  $('counts').textContent = text;
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

function boot() {
  actions.reload = reload;
  actions.openEvent = openEvent;
  actions.highlightSelected = highlightSelected;
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
