// The grid map: grids coloured by street, street boundaries and service stations over an
// OpenStreetMap or blank base, with a legend, a status line and a notice-board popup per
// grid. Vector layers never depend on tiles, so the map works with no tile server.
// Leaflet is the classic script loaded before this module (global L).

import { readBase, storeBase } from './base-layer.js';
import { fetchAllFeatures } from './api.js';
import { clear, h, telLink } from './dom.js';
import { formatNumber, onLangChange, roleLabel, t, typeLabel } from './i18n.js';

const L = window.L;


/** Street colours, indexed by the street code's rank among the district's streets. */
export const PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b',
  '#e377c2', '#17becf', '#bcbd22', '#7f7f7f', '#393b79', '#637939',
];

const GRID_STYLE = { color: '#ffffff', weight: 1, opacity: 0.9, fillOpacity: 0.35, className: 'gm-grid' };
const GRID_SELECTED = { color: '#111111', weight: 3, opacity: 1, fillOpacity: 0.5 };
const STREET_STYLE = { color: '#333333', weight: 3, opacity: 0.85, fill: false, interactive: false, className: 'gm-street' };
const STATION_STYLE = { radius: 5, color: '#ffffff', weight: 1.5, fillColor: '#c0392b', fillOpacity: 0.95, className: 'gm-station' };

const DEFAULT_CENTER = [45.35, 130.8];

function row(label, ...value) {
  return h('tr', null, h('th', { scope: 'row' }, label), h('td', null, ...value));
}

/** The notice-board popup of one grid, built from text nodes only. */
export function gridPopup(p) {
  const staff = Array.isArray(p.staff) ? p.staff : [];
  return h('div', { className: 'gm-popup gm-board' },
    h('h3', { className: 'gm-popup-title' }, p.name ?? ''),
    h('table', { className: 'gm-facts' },
      h('tbody', null,
        row(t('grid.code'), h('code', { className: 'gm-code' }, p.code ?? '')),
        row(t('grid.type'), typeLabel(p.type)),
        row(t('grid.households'), formatNumber(p.households)),
        row(t('grid.population'), formatNumber(p.population)),
        row(t('grid.community'), p.communityName ?? p.communityCode ?? ''),
        row(t('grid.street'), p.streetName ?? p.streetCode ?? ''))),
    h('h4', null, t('grid.staff')),
    staff.length === 0
      ? h('p', { className: 'gm-muted' }, t('grid.noStaff'))
      : h('ul', { className: 'gm-staff' },
        staff.map((s) => h('li', { dataset: { role: String(s.role ?? '') } },
          h('span', { className: 'gm-role' }, roleLabel(s.role)), ' ',
          h('span', { className: 'gm-person' }, s.name ?? ''), ' ',
          s.phone ? telLink(s.phone, t('grid.call', { phone: s.phone })) : null))),
    p.hotline
      ? h('p', { className: 'gm-hotline' }, t('grid.hotline'), ': ',
        telLink(p.hotline, t('grid.call', { phone: p.hotline })))
      : null);
}

function stationPopup(p) {
  const services = Array.isArray(p.services) ? p.services : [];
  return h('div', { className: 'gm-popup gm-station-popup' },
    h('h3', { className: 'gm-popup-title' }, p.name ?? ''),
    h('table', { className: 'gm-facts' },
      h('tbody', null,
        p.type ? row(t('station.type'), p.type) : null,
        p.address ? row(t('station.address'), p.address) : null,
        p.hours ? row(t('station.hours'), p.hours) : null,
        p.phone ? row(t('station.phone'), telLink(p.phone, t('grid.call', { phone: p.phone }))) : null,
        services.length ? row(t('station.services'), services.join('、')) : null)));
}

/** A Leaflet control holding a given element (legend). */
export const ElementControl = L.Control.extend({
  onAdd() {
    L.DomEvent.disableClickPropagation(this.options.element);
    L.DomEvent.disableScrollPropagation(this.options.element);
    return this.options.element;
  },
});

/**
 * Builds the map in container and loads its layers. statusEl shows progress, the grid
 * count or errors. Returns { map, ready, streetList } where ready resolves with the grid
 * count once the grids are drawn (and rejects when they cannot be loaded) and streetList()
 * gives the streets of the loaded grids as [{ code, name }]; stations is the stations layer.
 */
export function createGridMap(container, statusEl) {
  const map = L.map(container, { zoomControl: true, preferCanvas: false }).setView(DEFAULT_CENTER, 11);
  map.createPane('gm-grids').style.zIndex = 410;
  map.createPane('gm-streets').style.zIndex = 420;
  map.createPane('gm-stations').style.zIndex = 430;
  map.getPane('gm-streets').style.pointerEvents = 'none';

  const bases = {
    osm: L.tileLayer('https://tile.openstreetmap.org/{z}/{x}/{y}.png', {
      maxZoom: 19,
      attribution: '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    }),
    blank: L.layerGroup(),
  };
  const grids = L.geoJSON(null, { pane: 'gm-grids', style: () => GRID_STYLE });
  const streets = L.geoJSON(null, { pane: 'gm-streets', style: () => STREET_STYLE });
  const stations = L.geoJSON(null, {
    pane: 'gm-stations',
    pointToLayer: (feature, latlng) => L.circleMarker(latlng, { ...STATION_STYLE, pane: 'gm-stations' }),
    onEachFeature: (feature, layer) => layer.bindPopup(() => stationPopup(feature.properties || {})),
  });

  let base = readBase();
  bases[base].addTo(map);
  container.classList.toggle('gm-blank', base === 'blank');
  grids.addTo(map);
  streets.addTo(map);
  stations.addTo(map);

  let layerControl = null;
  let legend = null;
  let streetColours = [];
  const state = { gridCount: null, errors: [] };

  function buildLayerControl() {
    if (layerControl) {
      layerControl.remove();
    }
    const baseLayers = { [t('layer.osm')]: bases.osm, [t('layer.blank')]: bases.blank };
    const overlays = { [t('layer.grids')]: grids, [t('layer.streets')]: streets, [t('layer.stations')]: stations };
    layerControl = L.control.layers(baseLayers, overlays, { collapsed: window.innerWidth < 700 }).addTo(map);
  }

  function buildLegend() {
    if (legend) {
      legend.remove();
      legend = null;
    }
    if (streetColours.length === 0) {
      return;
    }
    const element = h('div', { className: 'gm-legend leaflet-bar' },
      h('h4', null, t('legend.title')),
      h('ul', null, streetColours.map(({ name, colour }) => {
        const swatch = h('span', { className: 'gm-swatch' });
        swatch.style.backgroundColor = colour;
        return h('li', null, swatch, name);
      })));
    legend = new ElementControl({ position: 'bottomright', element }).addTo(map);
  }

  function renderStatus() {
    clear(statusEl);
    const parts = [];
    if (state.gridCount == null && state.errors.length === 0) {
      parts.push(h('span', null, t('status.loading')));
    }
    if (state.gridCount != null) {
      parts.push(h('span', { className: 'gm-count' }, t('status.count', { count: formatNumber(state.gridCount) })));
    }
    for (const { what, message } of state.errors) {
      parts.push(h('span', { className: 'gm-error', role: 'alert' }, t('status.failed', { what: t(what), message })));
    }
    parts.forEach((part, i) => {
      if (i > 0) {
        statusEl.appendChild(document.createTextNode(' · '));
      }
      statusEl.appendChild(part);
    });
  }

  map.on('baselayerchange', (e) => {
    base = e.layer === bases.blank ? 'blank' : 'osm';
    container.classList.toggle('gm-blank', base === 'blank');
    storeBase(base);
  });

  onLangChange(() => {
    map.closePopup();
    buildLayerControl();
    buildLegend();
    renderStatus();
  });

  buildLayerControl();
  renderStatus();

  function failed(what) {
    return (error) => {
      state.errors.push({ what, message: error && error.message ? error.message : String(error) });
      renderStatus();
      throw error;
    };
  }

  const ready = fetchAllFeatures('/ogc/collections/grids/items?limit=10000')
    .then((collection) => {
      const codes = [...new Set(collection.features.map((f) => f.properties && f.properties.streetCode)
        .filter((c) => c != null))].sort();
      const names = new Map();
      collection.features.forEach((f) => names.set(f.properties.streetCode, f.properties.streetName));
      const colourOf = new Map(codes.map((code, i) => [code, PALETTE[i % PALETTE.length]]));
      streetColours = codes.map((code) => ({ code, name: names.get(code) || code, colour: colourOf.get(code) }));

      grids.options.style = (feature) => ({
        ...GRID_STYLE,
        fillColor: colourOf.get(feature.properties && feature.properties.streetCode) || '#999999',
      });
      grids.options.onEachFeature = (feature, layer) => {
        layer.bindPopup(() => gridPopup(feature.properties || {}), { maxWidth: 320, minWidth: 220 });
        layer.on('popupopen', () => layer.setStyle(GRID_SELECTED).bringToFront());
        layer.on('popupclose', () => grids.resetStyle(layer));
      };
      grids.addData(collection);
      const count = collection.features.length;
      if (count > 0) {
        map.fitBounds(grids.getBounds(), { padding: [12, 12] });
      }
      buildLegend();
      state.gridCount = count;
      renderStatus();
      return count;
    }, failed('what.grids'));

  fetchAllFeatures('/ogc/collections/streets/items?limit=1000')
    .then((collection) => streets.addData(collection), failed('what.streets'))
    .catch(() => {});
  fetchAllFeatures('/ogc/collections/stations/items?limit=1000')
    .then((collection) => stations.addData(collection), failed('what.stations'))
    .catch(() => {});

  const streetList = () => streetColours.map(({ code, name }) => ({ code, name }));
  return { map, ready, streetList, stations };
}
