// The printable notice board 网格公示牌: /board/{gridCode} shows one grid's board,
// /board?street=CODE (or ?community=CODE) every board of that area, one per printed page.
// ?size=A3 prints on A3 instead of A4, ?lang=en in English, ?asOf= as of a date.
// window.gridmapBoard = { ready, boards } for tests: ready resolves with the number of
// boards once every map is drawn and every QR code has loaded.

import { applyTranslations, codeLabel, currentLang, locale, onLangChange, roleLabel, setLang, t, typeLabel,
  formatNumber } from './i18n.js';
import { getJson } from './api.js';
import { clear, h, telLink } from './dom.js';

const SIZES = ['A4', 'A3'];
/** Stations up to this far away are brought into the map's view. */
const STATION_VIEW_METRES = 1500;
const params = new URLSearchParams(window.location.search);
const container = document.getElementById('gm-boards');
const statusEl = document.getElementById('gm-status');

/** Leaflet maps of the boards shown now, removed before the boards are drawn again. */
let maps = [];
let documents = [];

function request() {
  const match = window.location.pathname.match(/^\/board\/([^/]+)\/?$/);
  const query = new URLSearchParams();
  const asOf = params.get('asOf');
  if (asOf) {
    query.set('asOf', asOf);
  }
  if (match) {
    const suffix = query.toString() ? '?' + query : '';
    return { url: '/api/v1/boards/' + encodeURIComponent(decodeURIComponent(match[1])) + suffix, many: false };
  }
  for (const name of ['street', 'community']) {
    if (params.get(name)) {
      query.set(name, params.get(name));
      return { url: '/api/v1/boards?' + query, many: true };
    }
  }
  return null;
}

// ---- paper size ----

function currentSize() {
  const size = (new URLSearchParams(window.location.search).get('size') || 'A4').toUpperCase();
  return SIZES.includes(size) ? size : 'A4';
}

function applySize(size) {
  document.documentElement.classList.toggle('gm-a3', size === 'A3');
  document.querySelectorAll('[data-size]').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.size === size));
  });
  // the sheets changed size: let every map measure its box again and refit the grid
  maps.forEach(({ map, bounds }) => {
    map.invalidateSize({ animate: false });
    map.fitBounds(bounds, { padding: [18, 18], animate: false });
  });
}

function chooseSize(size) {
  const url = new URL(window.location.href);
  if (size === 'A4') {
    url.searchParams.delete('size');
  } else {
    url.searchParams.set('size', size);
  }
  window.history.replaceState(null, '', url);
  applySize(size);
}

// ---- one board ----

function distance(metres) {
  if (typeof metres !== 'number') {
    return '';
  }
  return metres < 1000
    ? t('board.metres', { n: formatNumber(Math.round(metres / 10) * 10) })
    : t('board.km', { n: (metres / 1000).toLocaleString(locale(), { maximumFractionDigits: 1 }) });
}

function duties(text) {
  return String(text || '').split(/[；;\n]+/).map((d) => d.trim()).filter(Boolean);
}

function stat(label, value) {
  return h('div', { className: 'gm-stat' }, h('span', { className: 'gm-stat-value' }, value),
    h('span', { className: 'gm-stat-label' }, label));
}

function staffCard(person) {
  return h('li', { className: 'gm-staff-card', dataset: { role: person.role } },
    h('span', { className: 'gm-staff-role' }, roleLabel(person.role)),
    h('span', { className: 'gm-staff-name' }, person.name),
    person.phone ? h('span', { className: 'gm-staff-phone' }, telLink(person.phone, t('grid.call', { phone: person.phone }))) : null,
    person.duties ? h('span', { className: 'gm-staff-duties' }, person.duties) : null);
}

function stationItem(station, index) {
  return h('li', { className: 'gm-station' },
    h('span', { className: 'gm-station-no' }, String(index + 1)),
    h('div', { className: 'gm-station-body' },
      h('div', { className: 'gm-station-head' },
        h('strong', null, station.name),
        h('span', { className: 'gm-station-distance' }, distance(station.distanceMetres))),
      h('div', { className: 'gm-station-meta' },
        [station.type, station.address].filter(Boolean).join(' · ')),
      h('div', { className: 'gm-station-meta' },
        station.hours ? t('board.hoursValue', { hours: station.hours }) : null,
        station.hours && station.phone ? ' · ' : null,
        station.phone ? telLink(station.phone, t('grid.call', { phone: station.phone })) : null)));
}

function areaLine(board) {
  return [board.community, board.street, board.district]
    .filter((area) => area && area.name)
    .map((area) => area.name)
    .join(' · ');
}

function boardElement(board) {
  const grid = board.grid;
  const mapEl = h('div', { className: 'gm-board-map', role: 'img', 'aria-label': t('board.map') });
  const qr = h('img', {
    className: 'gm-board-qr-image',
    src: '/board/' + encodeURIComponent(grid.code) + '/qr.svg',
    alt: t('board.qr'),
    width: 296,
    height: 296,
  });
  const section = h('section', { className: 'gm-board', dataset: { grid: grid.code } },
    h('header', { className: 'gm-board-header' },
      h('div', { className: 'gm-board-title' },
        h('h1', null, t('board.heading')),
        h('p', { className: 'gm-board-motto' }, t('board.motto'))),
      h('div', { className: 'gm-board-grid' },
        h('h2', { className: 'gm-board-grid-name' }, grid.name),
        h('p', { className: 'gm-board-grid-code' }, t('board.code') + ' ', h('span', { className: 'gm-code' }, grid.code)),
        h('p', { className: 'gm-board-area' }, areaLine(board)))),
    h('div', { className: 'gm-board-top' },
      h('figure', { className: 'gm-board-figure' }, mapEl,
        h('figcaption', null, t('board.map'))),
      h('div', { className: 'gm-board-side' },
        h('div', { className: 'gm-stats' },
          stat(t('grid.type'), typeLabel(grid.type)),
          stat(t('grid.households'), formatNumber(grid.households)),
          stat(t('grid.population'), formatNumber(grid.population))),
        h('div', { className: 'gm-board-hotline' },
          h('span', { className: 'gm-board-hotline-label' }, t('board.hotline')),
          grid.hotline ? telLink(grid.hotline, t('grid.call', { phone: grid.hotline })) : '–'),
        h('figure', { className: 'gm-board-qr' }, qr,
          h('figcaption', null, t('board.qr'))))),
    h('section', { className: 'gm-board-staff' },
      h('h3', null, t('board.staff')),
      board.staff && board.staff.length
        ? h('ul', { className: 'gm-staff' }, board.staff.map(staffCard))
        : h('p', null, t('grid.noStaff'))),
    h('div', { className: 'gm-board-bottom' },
      h('section', { className: 'gm-board-duties' },
        h('h3', null, t('board.duties')),
        h('ol', null, duties(grid.duties).map((duty) => h('li', null, codeLabel('duty', duty))))),
      h('section', { className: 'gm-board-stations' },
        h('h3', null, t('board.stations')),
        h('ol', null, (board.stations || []).map(stationItem)))),
    h('footer', { className: 'gm-board-footer' },
      h('span', null, t('board.footer')),
      h('span', null, t('board.printed', { date: new Date().toLocaleDateString(locale(), { year: 'numeric', month: 'long', day: 'numeric' }) }))));
  return { section, mapEl, qr };
}

function drawMap(el, board) {
  const map = L.map(el, {
    preferCanvas: false,
    zoomControl: false,
    attributionControl: false,
    dragging: false,
    scrollWheelZoom: false,
    doubleClickZoom: false,
    boxZoom: false,
    keyboard: false,
    touchZoom: false,
    zoomSnap: 0,
    fadeAnimation: false,
    zoomAnimation: false,
  });
  const outline = L.geoJSON(board.geometry, {
    style: { color: '#b71c1c', weight: 3, fillColor: '#e53935', fillOpacity: 0.12 },
    interactive: false,
  }).addTo(map);
  const [minLon, minLat, maxLon, maxLat] = board.bbox;
  const bounds = L.latLngBounds([minLat, minLon], [maxLat, maxLon]);
  if (!bounds.isValid()) {
    bounds.extend(outline.getBounds());
  }
  // the nearby stations, numbered as in the list; the view takes in those close enough
  // not to shrink the grid to a dot
  (board.stations || []).forEach((station, index) => {
    if (typeof station.lon !== 'number' || typeof station.lat !== 'number') {
      return;
    }
    const at = L.latLng(station.lat, station.lon);
    L.marker(at, {
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: 'gm-map-station', html: h('span', null, String(index + 1)), iconSize: [22, 22] }),
    }).addTo(map);
    if (station.distanceMetres <= STATION_VIEW_METRES) {
      bounds.extend(at);
    }
  });
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);
  map.fitBounds(bounds, { padding: [18, 18], animate: false });
  return { map, bounds };
}

function imageLoaded(img) {
  if (img.complete && img.naturalWidth > 0) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    img.addEventListener('load', () => resolve(), { once: true });
    img.addEventListener('error', () => reject(new Error(t('board.qrFailed'))), { once: true });
  });
}

function render() {
  maps.forEach(({ map }) => map.remove());
  maps = [];
  clear(container);
  const images = [];
  for (const board of documents) {
    const { section, mapEl, qr } = boardElement(board);
    container.appendChild(section);
    maps.push(drawMap(mapEl, board));
    images.push(imageLoaded(qr));
  }
  statusEl.textContent = documents.length > 1 ? t('board.count', { count: documents.length }) : '';
  const first = documents[0];
  document.title = documents.length === 1 && first
    ? t('board.title') + ' · ' + first.grid.name
    : t('board.title');
  return Promise.all(images).then(() => documents.length);
}

// ---- page ----

function labelLangButton() {
  const button = document.getElementById('gm-lang');
  button.textContent = t('lang.switch');
  button.setAttribute('aria-label', t('lang.switchLabel'));
  button.title = t('lang.switchLabel');
}

async function load() {
  const target = request();
  if (!target) {
    throw new Error(t('board.noCode'));
  }
  statusEl.textContent = t('board.loading');
  const answer = await getJson(target.url);
  documents = target.many ? answer.boards || [] : [answer];
  gridmapBoard.boards = documents.length;
  return render();
}

applyTranslations();
labelLangButton();
applySize(currentSize());

const gridmapBoard = { boards: 0 };
gridmapBoard.ready = load().catch((e) => {
  statusEl.textContent = t('board.failed', { message: e.message });
  statusEl.classList.add('gm-board-error');
  throw e;
});
// a failure is shown in the status line; consumers of ready still see the rejection
gridmapBoard.ready.catch(() => {});
window.gridmapBoard = gridmapBoard;

document.getElementById('gm-print').addEventListener('click', () => window.print());
document.querySelectorAll('[data-size]').forEach((button) => {
  button.addEventListener('click', () => chooseSize(button.dataset.size));
});
document.getElementById('gm-lang').addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));
onLangChange(() => {
  labelLangButton();
  if (documents.length) {
    render().then(() => applySize(currentSize())).catch(() => {});
  }
});
