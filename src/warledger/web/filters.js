// The filter form. Its values apply on Apply (or Enter); the background toggle applies at once.

import { $, el, setStatus } from './dom.js';
import { DEFAULT_SORT, FILTER_KEYS, actions, state } from './state.js';

export function initFilters() {
  $('filters').addEventListener('submit', applyFilters);
  $('reset').addEventListener('click', resetFilters);
  $('f-background').addEventListener('change', toggleBackground);
}

// Background events (an earlier war a report recalls) are one click away: shown with the news on the
// map, timeline and table, never added to the headline's numbers.
function toggleBackground() {
  state.background = $('f-background').checked;
  state.page = 0;
  actions.reload({ refit: true });
}

function readForm() {
  const values = {};
  for (const key of FILTER_KEYS) values[key] = $(`f-${key}`).value.trim();
  return values;
}

export function writeForm() {
  for (const key of FILTER_KEYS) {
    const input = $(`f-${key}`);
    const value = state.filters[key] || '';
    // a type from the address that the list lacks (a sub-event type) gets its own option
    if (input.tagName === 'SELECT' && ![...input.options].some((o) => o.value === value)) {
      input.append(el('option', { value, text: value }));
    }
    input.value = value;
  }
  $('f-background').checked = state.background;
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
  actions.reload({ refit: true });
}

function resetFilters() {
  state.filters = {};
  state.background = false;
  state.selection = null;
  state.sort = DEFAULT_SORT;
  state.page = 0;
  writeForm();
  actions.reload({ refit: true });
}

export function showSelectionInInputs() {
  const sel = state.selection;
  for (const key of ['since', 'until']) {
    const input = $(`f-${key}`);
    input.value = sel ? sel[key] : state.filters[key] || '';
    input.classList.toggle('from-selection', Boolean(sel));
    input.title = sel ? 'set by the timeline selection' : '';
  }
}
