// The analysis layers of the dispatcher map (/map): a switcher between no layer, the
// hotspot cells (/api/v1/hotspots, hexagons coloured by Getis-Ord Gi* class) and the grid
// choropleth (/api/v1/hotspots/grids, incidents per 1,000 households), with a time window
// and a category for both, and a legend for each. Both draw in a pane above the grids and
// below the incident markers, so the markers stay clickable whichever layer is on.
// Leaflet has no MVT renderer among the webjars, so the hotspots come as GeoJSON for the
// view's bbox and zoom (one Gi* classification over the whole view), fetched again after
// each move (debounced; a newer request aborts the older). The choropleth covers the whole
// district, so its quantile classes and legend do not change while panning. The switcher
// sits top left (the base-layer control is top right); the layer's legend bottom right, in
// place of the street legend while a layer is on.

import { getJson } from './api.js';
import { clear, h } from './dom.js';
import { ElementControl } from './grid-map.js';
import { currentLang, formatNumber, locale, onLangChange, t } from './i18n.js';

const L = window.L;

export const LAYERS = ['none', 'hotspots', 'rates'];

/** Gi* classes (class-confidence) and their colours: ColorBrewer RdBu. */
export const HOTSPOT_CLASSES = [
  ['hot-99', '#b2182b'], ['hot-95', '#ef8a62'], ['hot-90', '#fddbc7'],
  ['none-0', '#9e9e9e'],
  ['cold-90', '#d1e5f0'], ['cold-95', '#67a9cf'], ['cold-99', '#2166ac'],
];

/** Choropleth classes, light to dark: ColorBrewer YlOrRd (5). */
export const RATE_COLOURS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'];
const NO_HOUSEHOLDS = '#d9d9d9';

const DAY = 24 * 60 * 60 * 1000;
const MOVE_DELAY = 300;
const LAYER_KEY = 'layer';

function hotspotColour(key) {
  const entry = HOTSPOT_CLASSES.find(([k]) => k === key);
  return entry ? entry[1] : '#9e9e9e';
}

/** The colour of choropleth class k of n: spread over the palette, darkest last. */
export function rateColour(k, n) {
  if (k == null || n <= 0) {
    return NO_HOUSEHOLDS;
  }
  const index = n === 1 ? RATE_COLOURS.length - 1 : Math.round((k * (RATE_COLOURS.length - 1)) / (n - 1));
  return RATE_COLOURS[Math.max(0, Math.min(RATE_COLOURS.length - 1, index))];
}

function classKey(p) {
  const cls = p.class === 'hot' || p.class === 'cold' ? p.class : 'none';
  return cls + '-' + (cls === 'none' ? 0 : Number(p.confidence) || 0);
}

/** Start of a local day (yyyy-mm-dd from a date input) in epoch milliseconds. */
function dayStart(value) {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(y, m - 1, d).getTime();
}

function localName(name, nameEn) {
  return currentLang() === 'en' && nameEn ? nameEn : (name ?? '');
}

function formatDate(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleDateString(locale());
}

function formatRate(value) {
  return typeof value === 'number'
    ? value.toLocaleString(locale(), { maximumFractionDigits: 2 }) : '–';
}

function readLayer() {
  const value = new URLSearchParams(window.location.search).get(LAYER_KEY);
  return LAYERS.includes(value) ? value : 'none';
}

function storeLayer(layer) {
  const url = new URL(window.location.href);
  if (layer === 'none') {
    url.searchParams.delete(LAYER_KEY);
  } else {
    url.searchParams.set(LAYER_KEY, layer);
  }
  window.history.replaceState(window.history.state, '', url);
}

/**
 * Adds the analysis layers and their control to map. Returns the test hook
 * { active, count, ready(), show(layer) }: ready() resolves once the current layer's
 * latest request has been drawn (or failed).
 */
export function createAnalysisLayers({ map }) {
  map.createPane('gm-analysis').style.zIndex = 415;

  const state = {
    layer: readLayer(),
    category: '',
    from: '',
    to: '',
    loading: false,
    error: null,
    hotspots: null, // last answer of /api/v1/hotspots
    rates: null, // last answer of /api/v1/hotspots/grids
  };
  const lists = { matters: [], departments: [] };
  let controller = null; // AbortController of the request under way
  let seq = 0;
  let latest = Promise.resolve();
  let moveTimer = null;
  let ratesKey = null; // the filters the drawn choropleth was fetched with

  const hexes = L.geoJSON(null, {
    pane: 'gm-analysis',
    style: (feature) => {
      const key = classKey(feature.properties || {});
      const none = key === 'none-0';
      return {
        pane: 'gm-analysis',
        className: 'gm-hex gm-hex-' + key,
        color: none ? '#8a8a8a' : '#ffffff',
        weight: none ? 0.5 : 0.8,
        opacity: none ? 0.6 : 0.9,
        fillColor: hotspotColour(key),
        fillOpacity: none ? 0.12 : 0.72,
      };
    },
    onEachFeature: (feature, layer) => layer.bindTooltip(() => hexTooltip(feature.properties || {}), { sticky: true }),
  });
  const grids = L.geoJSON(null, {
    pane: 'gm-analysis',
    style: (feature) => {
      const p = feature.properties || {};
      const n = state.rates ? state.rates.classification.breaks.length : 0;
      return {
        pane: 'gm-analysis',
        className: 'gm-choro gm-choro-' + (p.class == null ? 'none' : p.class),
        color: '#ffffff',
        weight: 1,
        opacity: 0.9,
        fillColor: rateColour(p.class, n),
        fillOpacity: p.class == null ? 0.55 : 0.78,
      };
    },
    onEachFeature: (feature, layer) => layer.bindTooltip(() => rateTooltip(feature.properties || {}), { sticky: true }),
  });

  // ---- fetching ----------------------------------------------------------------------

  function filterQuery() {
    const q = new URLSearchParams();
    if (state.from) {
      q.set('from', new Date(dayStart(state.from)).toISOString());
    }
    if (state.to) {
      q.set('to', new Date(dayStart(state.to) + DAY).toISOString());
    }
    const matters = categoryMatters(state.category);
    if (matters.length) {
      q.set('matter', matters.join(','));
    }
    return q;
  }

  function categoryMatters(category) {
    if (category.startsWith('m:')) {
      return [category.slice(2)];
    }
    if (category.startsWith('d:')) {
      const department = category.slice(2);
      return lists.matters.filter((m) => m.departmentCode === department).map((m) => m.code);
    }
    return [];
  }

  function hotspotsUrl() {
    const q = filterQuery();
    const b = map.getBounds().pad(0.1);
    const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, v));
    const box = [clamp(b.getWest(), -180, 180), clamp(b.getSouth(), -85, 85),
      clamp(b.getEast(), -180, 180), clamp(b.getNorth(), -85, 85)];
    q.set('bbox', box.map((v) => v.toFixed(6)).join(','));
    q.set('zoom', String(Math.round(map.getZoom())));
    return '/api/v1/hotspots?' + q;
  }

  function ratesUrl() {
    return '/api/v1/hotspots/grids?' + filterQuery();
  }

  /** Fetches and draws the current layer; a newer call aborts and supersedes this one. */
  function load() {
    window.clearTimeout(moveTimer);
    if (controller) {
      controller.abort();
      controller = null;
    }
    const mine = ++seq;
    const layer = state.layer;
    if (layer === 'none') {
      state.loading = false;
      state.error = null;
      renderStatus();
      latest = Promise.resolve();
      return latest;
    }
    const url = layer === 'hotspots' ? hotspotsUrl() : ratesUrl();
    if (layer === 'rates' && url === ratesKey && state.rates) {
      latest = Promise.resolve();
      return latest;
    }
    controller = new AbortController();
    state.loading = true;
    state.error = null;
    renderStatus();
    latest = getJson(url, { signal: controller.signal }).then((answer) => {
      if (mine !== seq) {
        return;
      }
      controller = null;
      state.loading = false;
      if (layer === 'hotspots') {
        state.hotspots = answer;
        hexes.clearLayers();
        hexes.addData(answer);
      } else {
        state.rates = answer;
        ratesKey = url;
        grids.clearLayers();
        grids.addData(answer);
      }
      renderStatus();
      renderLegend();
    }, (error) => {
      if (mine !== seq || (error && error.name === 'AbortError')) {
        return;
      }
      controller = null;
      state.loading = false;
      state.error = error && error.message ? error.message : String(error);
      renderStatus();
    });
    return latest;
  }

  function onMove() {
    if (state.layer !== 'hotspots') {
      return;
    }
    window.clearTimeout(moveTimer);
    moveTimer = window.setTimeout(load, MOVE_DELAY);
  }

  function show(layer) {
    state.layer = LAYERS.includes(layer) ? layer : 'none';
    storeLayer(state.layer);
    // the layer's legend then takes the place of the street legend (css/gridmap.css)
    map.getContainer().classList.toggle('gm-analysis-on', state.layer !== 'none');
    hexes.remove();
    grids.remove();
    if (state.layer === 'hotspots') {
      hexes.clearLayers();
      hexes.addTo(map);
    } else if (state.layer === 'rates') {
      grids.addTo(map);
    }
    renderControl();
    renderLegend();
    return load();
  }

  map.on('moveend', onMove);

  // ---- tooltips ----------------------------------------------------------------------

  function hexTooltip(p) {
    const key = classKey(p);
    return h('div', { className: 'gm-layer-tip' },
      h('strong', null, t('layers.cellCount', { count: formatNumber(p.count) })),
      h('div', null, t('layers.class.' + key)),
      typeof p.z === 'number' ? h('div', { className: 'gm-muted' }, t('layers.zScore', { z: p.z.toFixed(2) })) : null);
  }

  function rateTooltip(p) {
    return h('div', { className: 'gm-layer-tip' },
      h('strong', null, p.name ?? p.code ?? ''),
      h('div', null, p.rate == null ? t('layers.noHouseholds')
        : t('layers.rateValue', { rate: formatRate(p.rate) })),
      h('div', { className: 'gm-muted' },
        t('layers.rateFacts', { count: formatNumber(p.count), households: formatNumber(p.households) })));
  }

  // ---- control -----------------------------------------------------------------------

  const body = h('div', { className: 'gm-analysis-body' });
  const statusEl = h('p', { className: 'gm-analysis-status', role: 'status', 'aria-live': 'polite' });
  const toggle = h('button', { type: 'button', className: 'gm-analysis-toggle', 'aria-expanded': 'true' });
  const panel = h('div', { className: 'gm-analysis leaflet-bar', id: 'gm-analysis' },
    h('div', { className: 'gm-analysis-head' }, h('h4', { id: 'gm-analysis-title' }), toggle),
    body);
  toggle.addEventListener('click', () => {
    const open = panel.classList.toggle('gm-collapsed');
    toggle.setAttribute('aria-expanded', String(!open));
  });
  if (window.innerWidth < 700) {
    panel.classList.add('gm-collapsed');
    toggle.setAttribute('aria-expanded', 'false');
  }
  new ElementControl({ position: 'topleft', element: panel }).addTo(map);

  function categoryOptions() {
    const byDepartment = new Map();
    for (const m of lists.matters) {
      if (!byDepartment.has(m.departmentCode)) {
        byDepartment.set(m.departmentCode, []);
      }
      byDepartment.get(m.departmentCode).push(m);
    }
    return [...byDepartment.entries()].map(([code, items]) => {
      const d = lists.departments.find((x) => x.code === code);
      const name = d ? localName(d.name, d.nameEn) : (items[0].departmentName || code);
      return h('optgroup', { label: name },
        h('option', { value: 'd:' + code }, t('layers.wholeDepartment', { department: name })),
        items.map((m) => h('option', { value: 'm:' + m.code }, localName(m.name, m.nameEn))));
    });
  }

  function renderControl() {
    panel.querySelector('#gm-analysis-title').textContent = t('layers.title');
    toggle.textContent = t('layers.toggle');
    clear(body);
    const radios = h('fieldset', { className: 'gm-analysis-layers' },
      h('legend', null, t('layers.show')),
      LAYERS.map((layer) => {
        const input = h('input', { type: 'radio', name: 'gm-analysis-layer', value: layer });
        input.checked = state.layer === layer;
        return h('label', { className: 'gm-check', dataset: { layer } }, input, t('layers.layer.' + layer));
      }));
    radios.addEventListener('change', (e) => {
      if (e.target && e.target.name === 'gm-analysis-layer') {
        show(e.target.value);
      }
    });
    const category = h('select', { name: 'category' }, h('option', { value: '' }, t('layers.allCategories')),
      categoryOptions());
    category.value = state.category;
    const from = h('input', { type: 'date', name: 'from', value: state.from });
    const to = h('input', { type: 'date', name: 'to', value: state.to });
    const filters = h('form', { className: 'gm-analysis-filters' },
      h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('layers.category')), category),
      h('div', { className: 'gm-dates' },
        h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('layers.from')), from),
        h('label', { className: 'gm-field' }, h('span', { className: 'gm-field-label' }, t('layers.to')), to)),
      h('small', { className: 'gm-muted' }, t('layers.defaultWindow')));
    filters.addEventListener('submit', (e) => e.preventDefault());
    filters.addEventListener('change', () => {
      state.category = category.value;
      state.from = from.value;
      state.to = to.value;
      load();
    });
    body.append(radios, filters, statusEl);
    renderStatus();
  }

  function renderStatus() {
    clear(statusEl);
    if (state.layer === 'none') {
      return;
    }
    if (state.loading) {
      statusEl.appendChild(h('span', { className: 'gm-muted' }, t('layers.loading')));
    } else if (state.error) {
      statusEl.appendChild(h('span', { className: 'gm-error', role: 'alert' }, t('layers.failed', { message: state.error })));
    } else if (state.layer === 'hotspots' && state.hotspots) {
      const features = state.hotspots.features || [];
      const hot = features.filter((f) => f.properties && f.properties.class === 'hot').length;
      const cold = features.filter((f) => f.properties && f.properties.class === 'cold').length;
      statusEl.appendChild(h('span', null, t('layers.hotspotCount', { hot: formatNumber(hot), cold: formatNumber(cold) })));
    } else if (state.layer === 'rates' && state.rates) {
      statusEl.appendChild(h('span', null, t('layers.rateCount', {
        grids: formatNumber((state.rates.features || []).length),
        count: formatNumber(state.rates.totals ? state.rates.totals.count : 0),
      })));
    }
  }

  // ---- legend ------------------------------------------------------------------------

  let legend = null;

  function swatch(colour, className) {
    const el = h('span', { className: 'gm-swatch' + (className ? ' ' + className : '') });
    el.style.backgroundColor = colour;
    return el;
  }

  function windowLine(answer) {
    return answer && answer.from && answer.to
      // the window ends before "to": show the last day inside it
      ? h('p', { className: 'gm-muted' }, t('layers.window', {
        from: formatDate(answer.from),
        to: formatDate(new Date(Date.parse(answer.to) - 1).toISOString()),
      }))
      : null;
  }

  function renderLegend() {
    if (legend) {
      legend.remove();
      legend = null;
    }
    let element = null;
    if (state.layer === 'hotspots') {
      const cell = state.hotspots && state.hotspots.cellMetres;
      element = h('div', { className: 'gm-legend gm-layer-legend gm-hotspot-legend leaflet-bar' },
        h('h4', null, t('layers.hotspotLegend')),
        h('ul', null, HOTSPOT_CLASSES.map(([key, colour]) => h('li', { dataset: { class: key } },
          swatch(colour, key === 'none-0' ? 'gm-swatch-faint' : null), t('layers.class.' + key)))),
        h('p', { className: 'gm-muted gm-method' }, t('layers.hotspotMethod')),
        cell ? h('p', { className: 'gm-muted' }, t('layers.cellSize', { metres: formatNumber(cell) })) : null,
        windowLine(state.hotspots));
    } else if (state.layer === 'rates') {
      const c = state.rates && state.rates.classification;
      const breaks = c ? c.breaks : [];
      const items = breaks.map((upper, k) => {
        // rates have 2 decimals, so a class starts 0.01 above the bound of the one below
        const lower = k === 0 ? c.min : Math.round(breaks[k - 1] * 100 + 1) / 100;
        const label = lower >= upper ? formatRate(upper) : formatRate(lower) + ' – ' + formatRate(upper);
        return h('li', { dataset: { class: String(k) } }, swatch(rateColour(k, breaks.length)), label);
      });
      items.push(h('li', { dataset: { class: 'none' } }, swatch(NO_HOUSEHOLDS), t('layers.noHouseholds')));
      element = h('div', { className: 'gm-legend gm-layer-legend gm-rate-legend leaflet-bar' },
        h('h4', null, t('layers.rateLegend')),
        h('ul', null, items),
        h('p', { className: 'gm-muted gm-method' }, t('layers.rateMethod')),
        windowLine(state.rates));
    }
    if (element) {
      legend = new ElementControl({ position: 'bottomright', element }).addTo(map);
    }
  }

  // ---- start -------------------------------------------------------------------------

  Promise.allSettled([
    getJson('/api/v1/matters').then((list) => {
      lists.matters = Array.isArray(list) ? list : [];
    }),
    getJson('/api/v1/departments').then((list) => {
      lists.departments = Array.isArray(list) ? list : [];
    }),
  ]).then(renderControl);

  onLangChange(() => {
    renderControl();
    renderLegend();
  });

  renderControl();
  show(state.layer);

  return {
    get active() {
      return state.layer;
    },
    get count() {
      const answer = state.layer === 'hotspots' ? state.hotspots : state.layer === 'rates' ? state.rates : null;
      return answer ? (answer.features || []).length : 0;
    },
    ready: () => latest,
    show,
  };
}
