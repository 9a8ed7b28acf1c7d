// The resident's page /lookup: "which grid am I in, and whom do I call?". Search an address,
// tap the map or use the phone's location; the answer shows the grid, its staff with tap-to-call
// links, the hotline, the nearest service station and the grid's outline. The page state lives
// in the URL (?lon=&lat=[&crs=], ?grid=CODE, ?track=CODE), so a shared link shows the same
// answer. The report form and the tracking box are in report-form.js and track-view.js.
// window.gridmapLookup = { map, state, ready, lookupAt, showGrid, track } is for tests.

import { readBase, storeBase } from './base-layer.js';
import { getJson, ProblemError } from './api.js';
import { clear, h, telLink } from './dom.js';
import {
  applyTranslations, currentLang, formatNumber, onLangChange, roleLabel, setLang, t, typeLabel,
} from './i18n.js';
import { interiorPoint } from './interior-point.js';
import { createReportForm } from './report-form.js';
import { createTrackView } from './track-view.js';

const L = window.L;

const DEFAULT_CENTER = [45.35, 130.8];
const ROLE_ORDER = ['grid_head', 'full_time', 'part_time', 'party_leader', 'police', 'property', 'mediator', 'other'];
const WGS84 = ['EPSG:4326', 'EPSG:4490', 'WGS84', 'CRS84'];
const GRID_CODE = /^[0-9]{6,20}$/;
const SEARCH_DELAY_MS = 250;

const OUTLINE_STYLE = { color: '#c0392b', weight: 3, opacity: 0.95, fillColor: '#c0392b', fillOpacity: 0.08, className: 'lk-outline' };
const POINT_STYLE = { radius: 8, color: '#ffffff', weight: 3, fillColor: '#12355b', fillOpacity: 1, className: 'lk-point' };
const STATION_STYLE = { radius: 6, color: '#ffffff', weight: 2, fillColor: '#2a9d5b', fillOpacity: 1, className: 'lk-station' };

/** What the page shows; rendered again after every change and language switch. */
const state = {
  busy: 0,
  // the point asked about: { lon, lat, crs } (crs null for WGS 84), and the address when chosen
  point: null,
  address: null,
  // 'point' when looking up a point, 'grid' when showing ?grid=CODE
  mode: null,
  gridCode: null,
  answer: null,
  outside: false,
  error: null,
  loading: false,
  // the point the report form uses: { lon, lat, crs }
  reportPoint: null,
  version: 0,
};

// ---------------------------------------------------------------------------------------
// header and language

function labelLangButton(button) {
  button.textContent = t('lang.switch');
  button.setAttribute('aria-label', t('lang.switchLabel'));
  button.title = t('lang.switchLabel');
}

function translatePlaceholders(root = document) {
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => {
    el.placeholder = t(el.dataset.i18nPlaceholder);
  });
}

applyTranslations();
translatePlaceholders();
const langButton = document.getElementById('gm-lang');
labelLangButton(langButton);
langButton.addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));

// ---------------------------------------------------------------------------------------
// the map

const mapEl = document.getElementById('lk-map');
mapEl.setAttribute('aria-label', t('lk.mapLabel'));
const map = L.map(mapEl, { zoomControl: true }).setView(DEFAULT_CENTER, 12);
const bases = {
  osm: L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
    maxZoom: 19,
    attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
  }),
  blank: L.layerGroup(),
};
let base = readBase();
bases[base].addTo(map);
mapEl.classList.toggle('gm-blank', base === 'blank');
let layerControl = null;
function buildLayerControl() {
  if (layerControl) {
    layerControl.remove();
  }
  layerControl = L.control.layers({ [t('layer.osm')]: bases.osm, [t('layer.blank')]: bases.blank }, null,
    { collapsed: true, position: 'topright' }).addTo(map);
}
buildLayerControl();
map.on('baselayerchange', (e) => {
  base = e.layer === bases.blank ? 'blank' : 'osm';
  mapEl.classList.toggle('gm-blank', base === 'blank');
  storeBase(base);
});

const outlineLayer = L.geoJSON(null, { style: () => OUTLINE_STYLE, interactive: false }).addTo(map);
const stationLayer = L.layerGroup().addTo(map);
let pointMarker = null;
let outlineCode = null;

function showPointMarker(lat, lon) {
  if (pointMarker) {
    pointMarker.setLatLng([lat, lon]);
  } else {
    pointMarker = L.circleMarker([lat, lon], { ...POINT_STYLE, interactive: false }).addTo(map);
  }
  pointMarker.bringToFront();
}

function clearOutline() {
  outlineLayer.clearLayers();
  stationLayer.clearLayers();
  outlineCode = null;
}

const features = new Map();

/** The OGC item (GeoJSON Feature) of a grid, cached by code. */
function gridFeature(code) {
  if (!features.has(code)) {
    const request = getJson('/ogc/collections/grids/items/' + encodeURIComponent(code));
    request.catch(() => features.delete(code));
    features.set(code, request);
  }
  return features.get(code);
}

function drawOutline(feature) {
  outlineLayer.clearLayers();
  outlineLayer.addData(feature);
  outlineCode = feature.properties && feature.properties.code;
  const bounds = outlineLayer.getBounds();
  if (bounds.isValid()) {
    map.fitBounds(bounds, { padding: [20, 20], maxZoom: 17 });
  }
  if (pointMarker) {
    pointMarker.bringToFront();
  }
}

function showStation(station) {
  stationLayer.clearLayers();
  if (station && typeof station.lat === 'number' && typeof station.lon === 'number') {
    L.circleMarker([station.lat, station.lon], STATION_STYLE)
      .bindTooltip(String(station.name ?? ''), { direction: 'top' })
      .addTo(stationLayer);
  }
}

// ---------------------------------------------------------------------------------------
// the URL

function crsParam(crs) {
  return crs && !WGS84.includes(String(crs).toUpperCase()) ? crs : null;
}

function round(n) {
  return Math.round(n * 1e6) / 1e6;
}

/** Writes the page state into the URL (keeps lang, base and track). */
function writeUrl(params, push) {
  const url = new URL(window.location.href);
  ['lon', 'lat', 'crs', 'grid'].forEach((name) => url.searchParams.delete(name));
  Object.entries(params).forEach(([name, value]) => {
    if (value != null && value !== '') {
      url.searchParams.set(name, String(value));
    }
  });
  if (url.href !== window.location.href) {
    window.history[push ? 'pushState' : 'replaceState'](null, '', url);
  }
}

function setTrackInUrl(code) {
  const url = new URL(window.location.href);
  if (code) {
    url.searchParams.set('track', code);
  } else {
    url.searchParams.delete('track');
  }
  if (url.href !== window.location.href) {
    window.history.pushState(null, '', url);
  }
}

// ---------------------------------------------------------------------------------------
// looking up

let lookupSeq = 0;

function changed() {
  state.version++;
  renderAnswer();
  report.setPoint(state.reportPoint, state.answer, state.address);
}

async function busy(work) {
  state.busy++;
  try {
    return await work();
  } finally {
    state.busy--;
  }
}

/**
 * Looks up the grid at a point and shows it. options: crs (null for WGS 84), address (the
 * chosen address), push (add a history entry; default true), keepUrl (grid mode).
 */
async function lookupAt(lat, lon, options = {}) {
  const seq = ++lookupSeq;
  const crs = crsParam(options.crs);
  state.point = { lon, lat, crs };
  state.address = options.address ?? null;
  state.mode = options.mode ?? 'point';
  if (state.mode === 'point') {
    state.gridCode = null;
    writeUrl({ lon: round(lon), lat: round(lat), crs }, options.push !== false);
  }
  state.answer = null;
  state.outside = false;
  state.error = null;
  state.loading = true;
  state.reportPoint = { lon, lat, crs };
  if (!crs) {
    showPointMarker(lat, lon);
  }
  changed();
  return busy(async () => {
    let answer;
    try {
      let url = '/api/v1/lookup?lon=' + encodeURIComponent(lon) + '&lat=' + encodeURIComponent(lat);
      if (crs) {
        url += '&crs=' + encodeURIComponent(crs);
      }
      answer = await getJson(url);
    } catch (error) {
      if (seq !== lookupSeq) {
        return;
      }
      state.loading = false;
      if (error instanceof ProblemError && error.status === 404) {
        state.outside = true;
        if (state.mode === 'point') {
          clearOutline();
        }
      } else {
        state.error = error && error.message ? error.message : String(error);
      }
      changed();
      return;
    }
    if (seq !== lookupSeq) {
      return;
    }
    state.loading = false;
    state.answer = answer;
    const wgs = answer.query && answer.query.wgs84;
    if (wgs && typeof wgs.lon === 'number' && typeof wgs.lat === 'number') {
      state.reportPoint = { lon: wgs.lon, lat: wgs.lat, crs: null };
      showPointMarker(wgs.lat, wgs.lon);
    }
    showStation(answer.station);
    changed();
    const code = answer.grid && answer.grid.code;
    if (code && code !== outlineCode) {
      try {
        const feature = await gridFeature(code);
        if (seq === lookupSeq) {
          drawOutline(feature);
        }
      } catch (e) {
        // the answer stands without its outline
      }
    } else if (code && outlineLayer.getBounds().isValid()) {
      map.fitBounds(outlineLayer.getBounds(), { padding: [20, 20], maxZoom: 17 });
    }
  });
}

/** Shows the grid with the given code (?grid=CODE): its outline, then the lookup of a point inside. */
async function showGrid(code, options = {}) {
  const seq = ++lookupSeq;
  state.mode = 'grid';
  state.gridCode = code;
  state.point = null;
  state.address = null;
  state.answer = null;
  state.outside = false;
  state.error = null;
  state.loading = true;
  state.reportPoint = null;
  if (options.push) {
    writeUrl({ grid: code }, true);
  }
  changed();
  return busy(async () => {
    if (!GRID_CODE.test(code)) {
      state.loading = false;
      state.error = t('lk.gridNotFound', { code });
      changed();
      return;
    }
    let feature;
    try {
      feature = await gridFeature(code);
    } catch (error) {
      if (seq !== lookupSeq) {
        return;
      }
      state.loading = false;
      state.error = error instanceof ProblemError && error.status === 404
        ? t('lk.gridNotFound', { code })
        : (error && error.message ? error.message : String(error));
      clearOutline();
      changed();
      return;
    }
    if (seq !== lookupSeq) {
      return;
    }
    drawOutline(feature);
    const inside = interiorPoint(feature.geometry);
    if (!inside) {
      state.loading = false;
      state.error = t('lk.gridNotFound', { code });
      changed();
      return;
    }
    await lookupAt(inside[1], inside[0], { mode: 'grid' });
  });
}

/** Shows what the URL says (first load and back/forward). */
function restoreFromUrl() {
  const params = new URLSearchParams(window.location.search);
  const work = [];
  const track = params.get('track');
  if (track) {
    work.push(trackView.show(track.trim(), { push: false }));
  }
  const grid = params.get('grid');
  const lon = Number.parseFloat(params.get('lon'));
  const lat = Number.parseFloat(params.get('lat'));
  if (grid) {
    work.push(showGrid(grid.trim()));
  } else if (Number.isFinite(lon) && Number.isFinite(lat)) {
    work.push(lookupAt(lat, lon, { crs: params.get('crs'), push: false }));
  }
  return Promise.all(work);
}

// ---------------------------------------------------------------------------------------
// the answer

function distanceText(metres) {
  if (typeof metres !== 'number') {
    return '';
  }
  const distance = metres < 1000
    ? t('lk.metres', { n: formatNumber(Math.round(metres)) })
    : t('lk.kilometres', { n: (metres / 1000).toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en', { maximumFractionDigits: 1 }) });
  return t('lk.distance', { distance });
}

function callLink(phone) {
  const link = telLink(phone, t('grid.call', { phone }));
  link.classList.add('lk-call');
  return link;
}

function staffList(staff) {
  const sorted = [...staff].sort((a, b) => {
    const ra = ROLE_ORDER.indexOf(a.role);
    const rb = ROLE_ORDER.indexOf(b.role);
    return (ra < 0 ? 99 : ra) - (rb < 0 ? 99 : rb);
  });
  return h('ul', { className: 'lk-staff' }, sorted.map((s) => h('li', { dataset: { role: String(s.role ?? '') } },
    h('div', { className: 'lk-person' },
      h('span', { className: 'lk-role' }, roleLabel(s.role)),
      h('span', { className: 'lk-name' }, s.name ?? ''),
      s.duties ? h('span', { className: 'lk-duties' }, s.duties) : null),
    s.phone ? callLink(s.phone) : null)));
}

function pointText(point) {
  return t('lk.lonLat', { lon: point.lon.toFixed(5), lat: point.lat.toFixed(5) });
}

function renderAnswer() {
  const body = document.getElementById('lk-answer-body');
  clear(body);
  const answer = state.answer;
  if (state.loading && !answer) {
    body.appendChild(h('p', { className: 'lk-loading' }, t('lk.loading')));
    return;
  }
  if (state.error) {
    body.appendChild(h('p', { className: 'gm-error lk-error', role: 'alert' }, t('lk.failed', { message: state.error })));
    return;
  }
  if (state.outside) {
    body.appendChild(h('div', { className: 'lk-outside', dataset: { outside: 'true' } },
      h('p', { className: 'lk-outside-title' }, t('lk.outside')),
      state.address ? h('p', null, t('lk.address'), '：', state.address) : null,
      state.point ? h('p', { className: 'gm-muted' }, pointText(state.point)) : null,
      h('p', { className: 'gm-muted' }, t('lk.outsideHint'))));
    return;
  }
  if (!answer) {
    body.appendChild(h('p', { className: 'lk-intro' }, t('lk.intro')));
    return;
  }
  const grid = answer.grid || {};
  const staff = Array.isArray(answer.staff) ? answer.staff : [];
  const station = answer.station;
  const where = [answer.community && answer.community.name, answer.street && answer.street.name,
    answer.district && answer.district.name].filter(Boolean).join(' · ');
  const reportButton = h('button', { type: 'button', className: 'gm-button lk-report-here' }, t('lk.reportHere'));
  reportButton.addEventListener('click', () => report.focus());
  body.appendChild(h('div', { className: 'lk-grid', dataset: { gridCode: String(grid.code ?? '') } },
    h('p', { className: 'lk-kicker' }, t('lk.yourGrid')),
    h('h3', { className: 'lk-grid-name' }, grid.name ?? ''),
    h('p', { className: 'lk-code-line' },
      h('span', { className: 'gm-muted' }, t('grid.code'), ' '),
      h('code', { className: 'gm-code lk-grid-code' }, grid.code ?? ''),
      grid.type ? h('span', { className: 'lk-type' }, typeLabel(grid.type)) : null),
    where ? h('p', { className: 'lk-where' }, where) : null,
    state.address ? h('p', { className: 'lk-address' }, h('span', { className: 'gm-muted' }, t('lk.address'), ' '), state.address) : null,
    (grid.households != null || grid.population != null)
      ? h('p', { className: 'gm-muted lk-size' },
        t('grid.households'), ' ', formatNumber(grid.households), ' · ', t('grid.population'), ' ', formatNumber(grid.population))
      : null,
    h('h4', null, t('lk.staff')),
    staff.length ? staffList(staff) : h('p', { className: 'gm-muted' }, t('grid.noStaff')),
    answer.hotline
      ? h('p', { className: 'lk-hotline' }, h('span', null, t('lk.hotline')), callLink(answer.hotline))
      : null,
    station
      ? h('div', { className: 'lk-station' },
        h('h4', null, t('lk.station')),
        h('p', { className: 'lk-station-name' }, station.name ?? '',
          typeof station.distanceMetres === 'number' ? h('span', { className: 'lk-distance' }, distanceText(station.distanceMetres)) : null),
        station.address ? h('p', { className: 'gm-muted' }, station.address) : null,
        station.hours ? h('p', { className: 'gm-muted' }, t('station.hours'), '：', station.hours) : null,
        station.phone ? h('p', null, callLink(station.phone)) : null)
      : null,
    answer.duties
      ? h('details', { className: 'lk-grid-duties' }, h('summary', null, t('lk.duties')), h('p', null, answer.duties))
      : null,
    reportButton));
}

// ---------------------------------------------------------------------------------------
// address search

const searchForm = document.getElementById('lk-search-form');
const input = document.getElementById('lk-q');
const list = document.getElementById('lk-suggestions');
const searchStatus = document.getElementById('lk-search-status');
let suggestions = [];
let active = -1;
let searchTimer = null;
let searchSeq = 0;
let searchAbort = null;
let searchMessage = null;

function setSearchMessage(key, vars) {
  searchMessage = key ? { key, vars } : null;
  searchStatus.textContent = key ? t(key, vars) : '';
  searchStatus.classList.toggle('gm-error', key === 'lk.searchFailed' || key === 'lk.geoFailed'
    || key === 'lk.geoDenied' || key === 'lk.geoUnsupported');
}

function closeSuggestions() {
  list.hidden = true;
  input.setAttribute('aria-expanded', 'false');
  input.removeAttribute('aria-activedescendant');
  active = -1;
}

function renderSuggestions() {
  clear(list);
  if (suggestions.length === 0) {
    closeSuggestions();
    return;
  }
  suggestions.forEach((s, i) => {
    const option = h('li', { id: 'lk-opt-' + i, role: 'option', className: 'lk-suggestion', 'aria-selected': String(i === active) },
      h('span', { className: 'lk-suggestion-address' }, s.address ?? ''),
      s.gridName || s.gridCode ? h('span', { className: 'lk-suggestion-grid' }, s.gridName ?? s.gridCode) : null);
    option.addEventListener('click', () => choose(i));
    list.appendChild(option);
  });
  list.hidden = false;
  input.setAttribute('aria-expanded', 'true');
  if (active >= 0) {
    input.setAttribute('aria-activedescendant', 'lk-opt-' + active);
  } else {
    input.removeAttribute('aria-activedescendant');
  }
}

async function search(text) {
  const seq = ++searchSeq;
  if (searchAbort) {
    searchAbort.abort();
  }
  searchAbort = new AbortController();
  setSearchMessage('lk.searching');
  try {
    const url = '/api/v1/addresses?q=' + encodeURIComponent(text) + '&limit=8';
    const response = await busy(() => getJson(url));
    if (seq !== searchSeq) {
      return;
    }
    suggestions = Array.isArray(response.results) ? response.results : [];
    active = -1;
    setSearchMessage(suggestions.length ? null : 'lk.noMatches');
    renderSuggestions();
  } catch (error) {
    if (seq !== searchSeq) {
      return;
    }
    suggestions = [];
    renderSuggestions();
    const message = error instanceof ProblemError ? error.detail : (error && error.message ? error.message : String(error));
    setSearchMessage('lk.searchFailed', { message });
  }
}

function choose(i) {
  const s = suggestions[i];
  if (!s) {
    return;
  }
  input.value = s.address ?? '';
  suggestions = [];
  closeSuggestions();
  clear(list);
  setSearchMessage(null);
  if (typeof s.lon === 'number' && typeof s.lat === 'number') {
    lookupAt(s.lat, s.lon, { address: s.address });
    input.blur();
  }
}

input.addEventListener('input', () => {
  window.clearTimeout(searchTimer);
  const text = input.value.trim();
  if (text.length < 2) {
    searchSeq++;
    suggestions = [];
    renderSuggestions();
    setSearchMessage(null);
    return;
  }
  searchTimer = window.setTimeout(() => search(text), SEARCH_DELAY_MS);
});

input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    if (suggestions.length) {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + suggestions.length) % suggestions.length;
      renderSuggestions();
    }
  } else if (e.key === 'Escape') {
    closeSuggestions();
  }
});

// a tap on a suggestion must not blur the input first (the list would close under the finger)
list.addEventListener('pointerdown', (e) => e.preventDefault());
input.addEventListener('blur', () => window.setTimeout(closeSuggestions, 150));
input.addEventListener('focus', () => {
  if (suggestions.length) {
    renderSuggestions();
  }
});

searchForm.addEventListener('submit', (e) => {
  e.preventDefault();
  if (suggestions.length) {
    choose(active >= 0 ? active : 0);
    return;
  }
  const text = input.value.trim();
  window.clearTimeout(searchTimer);
  if (text.length >= 2) {
    search(text);
  }
});

// ---------------------------------------------------------------------------------------
// my location

document.getElementById('lk-locate').addEventListener('click', () => {
  if (!('geolocation' in navigator)) {
    setSearchMessage('lk.geoUnsupported');
    return;
  }
  setSearchMessage('lk.locating');
  state.busy++;
  navigator.geolocation.getCurrentPosition((position) => {
    state.busy--;
    setSearchMessage(null);
    // the Geolocation API gives WGS 84
    lookupAt(position.coords.latitude, position.coords.longitude);
  }, (error) => {
    state.busy--;
    if (error.code === 1) {
      setSearchMessage('lk.geoDenied');
    } else {
      setSearchMessage('lk.geoFailed', { message: error.message || String(error.code) });
    }
  }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
});

// ---------------------------------------------------------------------------------------
// map taps, report form, tracking, language

map.on('click', (e) => {
  lookupAt(e.latlng.lat, e.latlng.lng);
});

const report = createReportForm(document.getElementById('lk-report'));
const trackView = createTrackView(document.getElementById('lk-track'), { onTrack: (code) => setTrackInUrl(code) });

onLangChange(() => {
  labelLangButton(langButton);
  translatePlaceholders();
  mapEl.setAttribute('aria-label', t('lk.mapLabel'));
  buildLayerControl();
  renderAnswer();
  if (searchMessage) {
    setSearchMessage(searchMessage.key, searchMessage.vars);
  }
  if (suggestions.length) {
    renderSuggestions();
  }
  report.render();
  trackView.render();
});

window.addEventListener('popstate', () => {
  restoreFromUrl();
});

renderAnswer();
const ready = restoreFromUrl();

window.gridmapLookup = {
  map,
  state,
  ready,
  lookupAt: (lat, lon, options) => lookupAt(lat, lon, options),
  showGrid: (code) => showGrid(code, { push: true }),
  track: (code) => trackView.show(code),
  get idle() {
    return state.busy === 0;
  },
};
