// The view's state (filters, timeline selection, order, page, background shown or not), kept in the
// page's address so a view can be bookmarked or passed on, and the API calls made from it.

export const FILTER_KEYS = ['since', 'until', 'type', 'country', 'actor', 'q'];
export const SORT_KEYS = ['event_date', 'fatalities', 'country', 'event_type', 'sub_event_type', 'location', 'actor1', 'actor2'];
export const DEFAULT_SORT = 'event_date';
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const state = {
  filters: {},       // what the form held when Apply was pressed
  background: false, // background (historical) events shown too; they never count in the headline
  selection: null,   // {since, until} brushed on the timeline; narrows map and table only
  sort: DEFAULT_SORT,
  page: 0,
  total: 0,          // events matching filters and selection (from the table query)
  stats: null,       // last /api/stats answer (filters without the selection)
  headline: null,    // /api/stats of the current events alone, when background is shown
  generation: 0,     // the latest reload; older ones must not touch the page
  controller: null,
  pending: null,
  panelController: null,
  selectedId: null,
  returnFocus: null,
};

// What one view asks of the others (reload, open an event, mark the selected one); app.js fills these
// in at start, so that the views import none of each other.
export const actions = {
  reload: () => {},
  openEvent: () => {},
  highlightSelected: () => {},
};

export async function fetchJSON(url, signal) {
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

function filterParams() {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    if (state.filters[key]) params.set(key, state.filters[key]);
  }
  return params;
}

// The filters as API query parameters: current events only unless background is shown (or `current`
// asks for them alone), with the timeline selection unless the timeline itself asks.
export function queryParams({ withSelection = true, current = false } = {}) {
  const params = filterParams();
  if (current || !state.background) params.set('historical', 'false');
  if (withSelection && state.selection) {
    const { since, until } = state.filters;
    // buckets can reach past the typed dates (a week starts on Monday): keep the narrower bound
    params.set('since', since && since > state.selection.since ? since : state.selection.since);
    params.set('until', until && until < state.selection.until ? until : state.selection.until);
  }
  return params;
}

export function syncUrl() {
  const params = filterParams();
  if (state.background) params.set('background', '1');
  if (state.selection) params.set('sel', `${state.selection.since}..${state.selection.until}`);
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  const query = params.toString();
  history.replaceState(null, '', query ? `?${query}` : location.pathname);
}

export function readUrl() {
  const params = new URLSearchParams(location.search);
  for (const key of FILTER_KEYS) state.filters[key] = params.get(key) || '';
  // `historical=true` is how addresses saved before the toggle asked for background events
  state.background = params.get('background') === '1' || params.get('historical') === 'true';
  const [since, until] = (params.get('sel') || '').split('..');
  if (ISO_DATE.test(since || '') && ISO_DATE.test(until || '') && since <= until) state.selection = { since, until };
  const sort = params.get('sort') || '';
  if (SORT_KEYS.includes(sort.replace(/^-/, ''))) state.sort = sort;
}
