// The assessment page (/assessment, 考核评估): a period with presets, a street/community
// filter, tabs for grids, grid workers, communities, streets and departments, a sortable
// table with the three-colour rating and trend arrows, CSV links, and two charts (reports
// by matter over time; reports and on-time rate by department). The state lives in the URL
// (?from=&to=&tab=&street=&community=, to exclusive like the API) so a view can be shared.
// window.gridmapAssessment = { ready, state, rows } for tests; body[data-as-state] is
// "loading", "ready" or "failed".

import { requireSignIn } from './auth.js';
import { getJson } from './api.js';
import { barChart, lineChart, PALETTE } from './charts.js';
import { clear, h } from './dom.js';
import { applyTranslations, currentLang, formatNumber, locale, onLangChange, setLang, t } from './i18n.js';

await requireSignIn();

const GROUPINGS = ['grids', 'workers', 'communities', 'streets', 'departments'];
const PRESETS = ['lastMonth', 'thisMonth', 'last30', 'last90', 'thisYear', 'last12', 'custom'];
const RATING_ORDER = { red: 3, yellow: 2, green: 1, none: 0 };
const RATING_COLOURS = { green: '#2e7d32', yellow: '#f0b400', red: '#c62828', none: '#9e9e9e' };
const TOP_MATTERS = 5;

const el = (id) => document.getElementById(id);
const statusEl = el('gm-status');
const presetEl = el('gm-as-preset');
const fromEl = el('gm-as-from');
const toEl = el('gm-as-to');
const streetEl = el('gm-as-street');
const communityEl = el('gm-as-community');

// ------------------------------------------------------------------ dates (local calendar days)

function iso(date) {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

function parseDay(text) {
  const [y, m, d] = text.split('-').map(Number);
  return new Date(y, m - 1, d);
}

function addDays(text, days) {
  const date = parseDay(text);
  date.setDate(date.getDate() + days);
  return iso(date);
}

/** [from, to) of a preset, as local dates; to is exclusive, like the API. */
function presetRange(preset, today = new Date()) {
  const tomorrow = iso(new Date(today.getFullYear(), today.getMonth(), today.getDate() + 1));
  const monthStart = new Date(today.getFullYear(), today.getMonth(), 1);
  switch (preset) {
    case 'thisMonth': return { from: iso(monthStart), to: tomorrow };
    case 'last30': return { from: addDays(tomorrow, -30), to: tomorrow };
    case 'last90': return { from: addDays(tomorrow, -90), to: tomorrow };
    case 'thisYear': return { from: `${today.getFullYear()}-01-01`, to: tomorrow };
    case 'last12': return { from: iso(new Date(today.getFullYear() - 1, today.getMonth(), today.getDate() + 1)), to: tomorrow };
    default: return { from: iso(new Date(today.getFullYear(), today.getMonth() - 1, 1)), to: iso(monthStart) };
  }
}

function days(from, to) {
  return Math.round((parseDay(to) - parseDay(from)) / 86400000);
}

// ------------------------------------------------------------------ state

const params = new URLSearchParams(window.location.search);
const state = {
  tab: GROUPINGS.includes(params.get('tab')) ? params.get('tab') : 'grids',
  from: null,
  to: null,
  preset: 'lastMonth',
  street: /^\d{9}$/.test(params.get('street') || '') ? params.get('street') : '',
  community: /^\d{12}$/.test(params.get('community') || '') ? params.get('community') : '',
  sort: { key: 'rating', descending: true },
};
const dateOk = (text) => /^\d{4}-\d{2}-\d{2}$/.test(text || '');
if (dateOk(params.get('from')) && dateOk(params.get('to')) && params.get('from') < params.get('to')) {
  state.from = params.get('from');
  state.to = params.get('to');
  state.preset = PRESETS.find((p) => p !== 'custom'
    && presetRange(p).from === state.from && presetRange(p).to === state.to) || 'custom';
} else {
  Object.assign(state, presetRange('lastMonth'));
}

const data = { table: null, departments: null, series: null, communities: null };
let generation = 0;

function query(extra) {
  const q = new URLSearchParams({ from: state.from, to: state.to });
  if (state.community) {
    q.set('community', state.community);
  } else if (state.street) {
    q.set('street', state.street);
  }
  for (const [k, v] of Object.entries(extra || {})) {
    q.set(k, v);
  }
  return q.toString();
}

function csvUrl(path, extra) {
  return `/api/v1/stats/${path}?${query({ ...extra, format: 'csv', lang: currentLang() })}`;
}

function syncUrl() {
  const url = new URL(window.location.href);
  url.searchParams.set('from', state.from);
  url.searchParams.set('to', state.to);
  url.searchParams.set('tab', state.tab);
  for (const name of ['street', 'community']) {
    if (state[name]) {
      url.searchParams.set(name, state[name]);
    } else {
      url.searchParams.delete(name);
    }
  }
  window.history.replaceState(null, '', url);
}

// ------------------------------------------------------------------ formatting

function percent(share) {
  return share == null ? '–' : `${(share * 100).toLocaleString(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

function hours(value) {
  return value == null ? '–' : t('as.hours', { n: value.toLocaleString(locale(), { maximumFractionDigits: 1 }) });
}

function ratingBadge(rating) {
  return h('span', { className: `gm-as-badge gm-as-${rating}` }, t(`as.rating.${rating}`));
}

/**
 * A trend arrow: ▲/▼ with the difference; good (green) or bad (red) by direction.
 * kind: 'share' (points), 'hours', 'count', 'rating'; higherIsBetter: true, false, or null (neutral).
 */
function trend(delta, kind, higherIsBetter) {
  if (delta == null) {
    return null;
  }
  let text;
  if (kind === 'share') {
    text = t('as.pp', { n: Math.abs(delta * 100).toLocaleString(locale(), { maximumFractionDigits: 1 }) });
  } else if (kind === 'hours') {
    text = hours(Math.abs(delta));
  } else {
    text = Math.abs(delta).toLocaleString(locale(), { maximumFractionDigits: 2 });
  }
  const small = kind === 'share' ? Math.abs(delta) < 0.0005 : Math.abs(delta) < 0.005;
  if (small) {
    return h('span', { className: 'gm-as-trend gm-as-same', title: t('as.trend.same'), 'aria-label': t('as.trend.same') }, '＝');
  }
  const up = delta > 0;
  const label = t(up ? 'as.trend.up' : 'as.trend.down', { delta: text });
  const good = higherIsBetter == null ? 'neutral' : (up === higherIsBetter ? 'good' : 'bad');
  return h('span', { className: `gm-as-trend gm-as-${good}`, title: label, 'aria-label': label },
    `${up ? '▲' : '▼'}${kind === 'count' ? text : ''}`);
}

// ------------------------------------------------------------------ table

/** The table's columns: header key, sort value, cell content. */
function columns(tab) {
  const cols = [
    {
      key: 'name', head: 'as.col.name', value: (r) => unitName(r.unit),
      cell: (r) => [h('span', { className: 'gm-as-name' }, unitName(r.unit)), h('span', { className: 'gm-as-code' }, r.unit.code)],
    },
  ];
  if (tab !== 'streets' && tab !== 'departments') {
    cols.push({
      key: 'within', head: 'as.col.within',
      value: (r) => [r.unit.gridName, r.unit.communityName, r.unit.streetName].filter(Boolean).join(' '),
      cell: (r) => [r.unit.gridName, tab === 'grids' || tab === 'workers' ? r.unit.communityName : null, r.unit.streetName]
        .filter(Boolean).join(' · '),
    });
  }
  cols.push(
    {
      key: 'reports', head: 'as.col.reports', numeric: true, value: (r) => r.current.reports,
      cell: (r) => [formatNumber(r.current.reports), trend(r.trend.reports, 'count', null)],
    },
    {
      key: 'registeredShare', head: 'as.col.registeredShare', numeric: true, value: (r) => r.current.registeredShare,
      cell: (r) => percent(r.current.registeredShare),
    },
    {
      key: 'closureRate', head: 'as.col.closureRate', numeric: true, value: (r) => r.current.closureRate,
      cell: (r) => [percent(r.current.closureRate), trend(r.trend.closureRate, 'share', true)],
    },
    {
      key: 'onTimeRate', head: 'as.col.onTimeRate', numeric: true, value: (r) => r.current.onTimeRate,
      cell: (r) => [percent(r.current.onTimeRate), trend(r.trend.onTimeRate, 'share', true)],
    },
    {
      key: 'medianHoursToClose', head: 'as.col.medianHoursToClose', numeric: true, value: (r) => r.current.medianHoursToClose,
      cell: (r) => [hours(r.current.medianHoursToClose), trend(r.trend.medianHoursToClose, 'hours', false)],
    },
    {
      key: 'reopenRate', head: 'as.col.reopenRate', numeric: true, value: (r) => r.current.reopenRate,
      cell: (r) => percent(r.current.reopenRate),
    },
    {
      key: 'satisfiedShare', head: 'as.col.satisfiedShare', numeric: true, value: (r) => r.current.satisfiedShare,
      cell: (r) => [percent(r.current.satisfiedShare),
        r.current.meanRating != null ? h('span', { className: 'gm-as-mean' }, ` (${r.current.meanRating.toFixed(1)})`) : null,
        trend(r.trend.satisfiedShare, 'share', true)],
    },
  );
  if (tab === 'departments') {
    cols.push(
      {
        key: 'medianHoursToAccept', head: 'as.col.medianHoursToAccept', numeric: true, value: (r) => r.current.medianHoursToAccept,
        cell: (r) => [hours(r.current.medianHoursToAccept), trend(r.trend.medianHoursToAccept, 'hours', false)],
      },
      {
        key: 'roll', head: 'as.col.roll', value: (r) => ({ black: 2, red: 1 }[r.roll] || 0),
        cell: (r) => (r.roll ? h('span', { className: `gm-as-roll gm-as-roll-${r.roll}` }, t(`as.roll.${r.roll}`)) : ''),
      },
    );
  }
  cols.push({
    key: 'rating', head: 'as.col.rating', value: (r) => RATING_ORDER[r.rating],
    cell: (r) => [ratingBadge(r.rating), reasons(r)],
  });
  return cols;
}

/** The unit's name in the page's language (departments have English names). */
function unitName(unit) {
  return (currentLang() === 'en' && unit.nameEn) || unit.name || unit.code;
}

function reasons(row) {
  if (!row.reasons || row.reasons.length === 0) {
    return null;
  }
  const text = row.reasons.map((reason) => {
    const value = reason.indicator.startsWith('medianHours') ? hours(reason.value) : percent(reason.value);
    return `${t(`as.reason.${reason.indicator}`)} ${value}`;
  }).join(locale().startsWith('zh') ? '，' : ', ');
  return h('span', { className: 'gm-as-reasons' }, text);
}

function sorted(rows, cols) {
  const col = cols.find((c) => c.key === state.sort.key) || cols[cols.length - 1];
  const direction = state.sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = col.value(a);
    const vb = col.value(b);
    if (va == null && vb == null) {
      return a.unit.code.localeCompare(b.unit.code);
    }
    if (va == null) {
      return 1;
    }
    if (vb == null) {
      return -1;
    }
    const order = typeof va === 'number' ? va - vb : String(va).localeCompare(String(vb), locale());
    return order !== 0 ? direction * order : a.unit.code.localeCompare(b.unit.code);
  });
}

function renderTable() {
  const table = el('gm-as-table');
  clear(table);
  el('gm-as-table-title').textContent = t(`as.table.${state.tab}`);
  el('gm-as-csv').href = csvUrl(state.tab);
  const doc = data.table;
  if (!doc) {
    return;
  }
  const cols = columns(state.tab);
  const head = h('tr', null, cols.map((col) => {
    const active = col.key === state.sort.key;
    const sortState = active ? (state.sort.descending ? 'descending' : 'ascending') : 'none';
    const button = h('button', { type: 'button', className: 'gm-as-sort', title: t('as.sortBy', { column: t(col.head) }) },
      t(col.head), active ? (state.sort.descending ? ' ▼' : ' ▲') : '');
    button.addEventListener('click', () => {
      state.sort = { key: col.key, descending: active ? !state.sort.descending : col.key !== 'name' && col.key !== 'within' };
      renderTable();
    });
    return h('th', { scope: 'col', 'aria-sort': sortState, className: col.numeric ? 'gm-as-num' : null }, button);
  }));
  const body = h('tbody', null, sorted(doc.rows, cols).map((row) => h('tr', {
    className: `gm-as-row gm-as-row-${row.rating}`, dataset: { code: row.unit.code, rating: row.rating },
  }, cols.map((col, i) => (i === 0
    ? h('th', { scope: 'row' }, col.cell(row))
    : h('td', { className: col.numeric ? 'gm-as-num' : null }, col.cell(row)))))));
  table.append(h('thead', null, head), body);
  const total = doc.total.current;
  el('gm-as-summary').textContent = t('as.summary', {
    reports: formatNumber(total.reports), closure: percent(total.closureRate), onTime: percent(total.onTimeRate),
    satisfied: percent(total.satisfiedShare), rating: t(`as.rating.${doc.total.rating}`),
  });
  renderLegend(doc.thresholds);
}

function renderLegend(th) {
  const pct = (v) => `${Math.round(v * 1000) / 10}%`;
  const legend = el('gm-as-legend');
  clear(legend);
  legend.append(
    h('p', null, t('as.legend.rule')),
    h('ul', { className: 'gm-as-legend-list' },
      h('li', null, h('span', { className: 'gm-as-badge gm-as-green' }, t('as.rating.green')), ' ',
        h('span', { className: 'gm-as-badge gm-as-yellow' }, t('as.rating.yellow')), ' ',
        h('span', { className: 'gm-as-badge gm-as-red' }, t('as.rating.red')), ' ',
        h('span', { className: 'gm-as-badge gm-as-none' }, t('as.rating.none'))),
      h('li', null, t('as.legend.onTime', { green: pct(th.greenOnTime), red: pct(th.redOnTime) })),
      h('li', null, t('as.legend.closure', { green: pct(th.greenClosure), red: pct(th.redClosure) })),
      h('li', null, t('as.legend.satisfied', { green: pct(th.greenSatisfied), red: pct(th.redSatisfied) })),
      h('li', null, t('as.legend.min', { n: th.minReports })),
      h('li', null, t('as.legend.roll', { hours: th.blackListResponseHours })),
      h('li', null, t('as.legend.judged'))),
  );
}

function renderTabs() {
  const tabs = el('gm-as-tabs');
  clear(tabs);
  tabs.setAttribute('aria-label', t('as.groupings'));
  for (const grouping of GROUPINGS) {
    const selected = grouping === state.tab;
    const button = h('button', {
      type: 'button', role: 'tab', id: `gm-as-tab-${grouping}`, className: 'gm-as-tab',
      'aria-selected': selected ? 'true' : 'false', 'aria-controls': 'gm-as-panel', tabindex: selected ? '0' : '-1',
      dataset: { grouping },
    }, t(`as.tab.${grouping}`));
    button.addEventListener('click', () => selectTab(grouping));
    button.addEventListener('keydown', (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        const next = GROUPINGS[(GROUPINGS.indexOf(state.tab) + step + GROUPINGS.length) % GROUPINGS.length];
        selectTab(next);
        el(`gm-as-tab-${next}`).focus();
      }
    });
    tabs.appendChild(button);
  }
  el('gm-as-panel').setAttribute('aria-labelledby', `gm-as-tab-${state.tab}`);
}

// ------------------------------------------------------------------ charts

function renderCharts() {
  const series = data.series;
  if (series) {
    const top = series.series.slice(0, TOP_MATTERS);
    const rest = series.series.slice(TOP_MATTERS);
    const lines = top.map((line, i) => ({
      name: (currentLang() === 'en' && line.nameEn) || line.name || line.key, values: line.counts, colour: PALETTE[i],
    }));
    if (rest.length > 0) {
      lines.push({
        name: t('as.chart.others'),
        values: series.buckets.map((_, i) => rest.reduce((sum, line) => sum + line.counts[i], 0)),
        colour: PALETTE[PALETTE.length - 1],
      });
    }
    const interval = t(`as.interval.${series.interval}`);
    lineChart(el('gm-as-series'), {
      title: t('as.chart.series', { interval }),
      description: t('as.chart.seriesDesc', { interval, n: top.length, from: state.from, to: addDays(state.to, -1) }),
      labels: series.buckets, series: lines, xLabel: t('as.chart.x'), yLabel: t('as.chart.y'),
      format: (v) => formatNumber(v),
    });
    el('gm-as-series-csv').href = csvUrl('series', { by: 'matter', interval: series.interval });
  }
  const departments = data.departments;
  if (departments) {
    const rows = [...departments.rows].sort((a, b) => b.current.reports - a.current.reports);
    barChart(el('gm-as-bars'), {
      title: t('as.chart.bars'),
      description: t('as.chart.barsDesc'),
      bars: rows.map((row) => ({
        label: (currentLang() === 'en' && row.unit.nameEn) || row.unit.name,
        value: row.current.reports,
        colour: RATING_COLOURS[row.rating],
        note: row.current.onTimeRate != null ? t('as.chart.onTime', { rate: percent(row.current.onTimeRate) }) : '',
      })),
      xLabel: t('as.chart.y'),
      format: (v) => formatNumber(v),
      legendItems: ['green', 'yellow', 'red', 'none'].map((r) => ({ name: t(`as.rating.${r}`), colour: RATING_COLOURS[r] })),
    });
    el('gm-as-bars-csv').href = csvUrl('departments');
  }
}

// ------------------------------------------------------------------ filters

function renderFilters() {
  clear(presetEl);
  for (const preset of PRESETS) {
    presetEl.appendChild(h('option', { value: preset }, t(`as.preset.${preset}`)));
  }
  presetEl.value = state.preset;
  fromEl.value = state.from;
  toEl.value = addDays(state.to, -1);
  const communities = data.communities ? data.communities.rows.map((r) => r.unit) : [];
  const streets = new Map();
  for (const c of communities) {
    if (c.streetCode && !streets.has(c.streetCode)) {
      streets.set(c.streetCode, c.streetName || c.streetCode);
    }
  }
  clear(streetEl);
  streetEl.appendChild(h('option', { value: '' }, t('as.allStreets')));
  [...streets].sort((a, b) => a[0].localeCompare(b[0]))
    .forEach(([code, name]) => streetEl.appendChild(h('option', { value: code }, name)));
  if (state.street && !streets.has(state.street)) {
    streetEl.appendChild(h('option', { value: state.street }, state.street));
  }
  streetEl.value = state.street;
  clear(communityEl);
  communityEl.appendChild(h('option', { value: '' }, t('as.allCommunities')));
  communities.filter((c) => !state.street || c.streetCode === state.street)
    .forEach((c) => communityEl.appendChild(h('option', { value: c.code }, c.name)));
  if (state.community && !communities.some((c) => c.code === state.community)) {
    communityEl.appendChild(h('option', { value: state.community }, state.community));
  }
  communityEl.value = state.community;
}

// ------------------------------------------------------------------ loading

function setStatus(text, error) {
  clear(statusEl);
  if (text) {
    statusEl.appendChild(error ? h('span', { className: 'gm-error' }, text) : document.createTextNode(text));
  }
}

function renderPeriod(doc) {
  const local = (instantText) => new Date(instantText).toLocaleDateString(locale(), { timeZone: doc.zone });
  const lastDay = (instantText) => new Date(new Date(instantText).getTime() - 1).toLocaleDateString(locale(), { timeZone: doc.zone });
  el('gm-as-period').textContent = t('as.period', {
    from: local(doc.from), to: lastDay(doc.to), days: days(state.from, state.to),
    pfrom: local(doc.previousFrom), pto: lastDay(doc.from),
  });
}

/** Loads the current tab's table and, when the period or area changed, the charts. */
function load({ charts }) {
  const mine = ++generation;
  syncUrl();
  document.body.dataset.asState = 'loading';
  setStatus(t('as.loading'));
  renderTabs();
  el('gm-as-csv').href = csvUrl(state.tab);
  const requests = [getJson(`/api/v1/stats/${state.tab}?${query()}`)];
  if (charts) {
    requests.push(
      getJson(`/api/v1/stats/series?${query({ by: 'matter' })}`),
      state.tab === 'departments' ? null : getJson(`/api/v1/stats/departments?${query()}`),
      getJson(`/api/v1/stats/communities?${new URLSearchParams({ from: state.from, to: state.to })}`),
    );
  }
  const done = Promise.all(requests).then(([table, series, departments, communities]) => {
    if (mine !== generation) {
      return;
    }
    data.table = table;
    if (charts) {
      data.series = series;
      data.departments = departments || table;
      data.communities = communities;
      renderFilters();
    }
    renderPeriod(table);
    renderTable();
    renderCharts();
    setStatus(table.total.current.reports === 0 ? t('as.empty') : '');
    document.body.dataset.asState = 'ready';
  }).catch((error) => {
    if (mine !== generation) {
      return;
    }
    setStatus(t('as.failed', { message: error.message }), true);
    document.body.dataset.asState = 'failed';
    throw error;
  });
  api.ready = done;
  done.catch(() => {});
  return done;
}

function selectTab(grouping) {
  if (grouping === state.tab) {
    return;
  }
  state.tab = grouping;
  state.sort = { key: 'rating', descending: true };
  load({ charts: false });
}

presetEl.addEventListener('change', () => {
  state.preset = presetEl.value;
  if (state.preset !== 'custom') {
    Object.assign(state, presetRange(state.preset));
    load({ charts: true });
  }
});

function datesChanged() {
  if (!dateOk(fromEl.value) || !dateOk(toEl.value) || fromEl.value > toEl.value) {
    return;
  }
  state.from = fromEl.value;
  state.to = addDays(toEl.value, 1);
  state.preset = 'custom';
  presetEl.value = 'custom';
  load({ charts: true });
}
fromEl.addEventListener('change', datesChanged);
toEl.addEventListener('change', datesChanged);

streetEl.addEventListener('change', () => {
  state.street = streetEl.value;
  state.community = '';
  load({ charts: true });
});
communityEl.addEventListener('change', () => {
  state.community = communityEl.value;
  if (state.community) {
    const unit = data.communities && data.communities.rows.map((r) => r.unit).find((c) => c.code === state.community);
    state.street = unit ? unit.streetCode : state.street;
  }
  load({ charts: true });
});

// ------------------------------------------------------------------ start

const api = { state, rows: () => (data.table ? data.table.rows : []), ready: null };
window.gridmapAssessment = api;

applyTranslations();
const langButton = el('gm-lang');
function labelLangButton() {
  langButton.textContent = t('lang.switch');
  langButton.setAttribute('aria-label', t('lang.switchLabel'));
  langButton.title = t('lang.switchLabel');
}
labelLangButton();
langButton.addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));
onLangChange(() => {
  labelLangButton();
  renderTabs();
  renderFilters();
  if (data.table) {
    renderPeriod(data.table);
    renderTable();
    renderCharts();
  }
});

renderFilters();
load({ charts: true });
