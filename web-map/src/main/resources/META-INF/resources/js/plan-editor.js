// Editing draft grids on Leaflet (our own, no plugin): selecting grids, dragging vertices
// with every grid that shares a vertex moving with it, inserting and removing vertices,
// drawing split lines and new grids, all snapping to the vertices of the grids nearby.
// The editor never writes: it hands each finished edit to onChange as a change of the
// planning API ({kind: 'reshape', grids: [...]}, {kind: 'split', ...}); the page sends it and
// redraws from the server's answer. Coordinates the planner did not touch are sent back
// exactly as they came (the same JavaScript numbers), so shared vertices keep matching.

import { h } from './dom.js';
import { formatNumber, t } from './i18n.js';

const L = window.L;

/** Pixels within which a dropped or drawn point snaps to a vertex. */
export const SNAP_PIXELS = 12;

const STATE_COLOURS = { unchanged: '#4f7cc9', changed: '#e08a1e', new: '#2e9b57' };
const GRID_STYLE = { weight: 1.5, opacity: 1, color: '#ffffff', fillOpacity: 0.35 };
const SELECTED_STYLE = { weight: 3.5, color: '#111111', fillOpacity: 0.5 };
const SCOPE_STYLE = { color: '#333333', weight: 2.5, dashArray: '6 4', fill: false, interactive: false };
const DRAW_STYLE = { color: '#c2185b', weight: 3, dashArray: '4 4', interactive: false };

/** Rings of a Polygon or MultiPolygon geometry as MultiPolygon coordinates (a copy). */
function polygonsOf(geometry) {
  const coords = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return coords.map((polygon) => polygon.map((ring) => ring.map((p) => [p[0], p[1]])));
}

function vertexKey(p) {
  return p[0] + ',' + p[1];
}

function toLatLngs(polygons) {
  return polygons.map((polygon) => polygon.map((ring) => ring.slice(0, -1).map((p) => [p[1], p[0]])));
}

/** Drops consecutive repeated positions (a vertex snapped onto its neighbour). */
function cleanRing(ring) {
  const out = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) {
      out.push(p);
    }
  }
  return out;
}

/** A position read from a Leaflet latlng, rounded to 1e-8° (about 1 mm). */
function position(latlng) {
  return [Math.round(latlng.lng * 1e8) / 1e8, Math.round(latlng.lat * 1e8) / 1e8];
}

/**
 * Creates the editor on map. callbacks: onChange(change) for a finished edit,
 * onSelect(keys) when the selection changes, onDrawn(kind, geometry) when a drawing is
 * complete (create: the page asks for name and type), onHint(text) for the tool's hint.
 */
export function createPlanEditor(map, callbacks) {
  map.createPane('gm-plan-scope').style.zIndex = 405;
  map.createPane('gm-plan-grids').style.zIndex = 410;
  map.createPane('gm-plan-problems').style.zIndex = 440;
  map.createPane('gm-plan-handles').style.zIndex = 650;
  map.getPane('gm-plan-scope').style.pointerEvents = 'none';

  const scopeLayer = L.geoJSON(null, { pane: 'gm-plan-scope', style: () => SCOPE_STYLE }).addTo(map);
  const gridLayer = L.layerGroup().addTo(map);
  const problemLayer = L.layerGroup().addTo(map);
  const handleLayer = L.layerGroup().addTo(map);
  const drawLayer = L.layerGroup().addTo(map);

  /** key → { feature, polygons (working copy), layer } */
  const grids = new Map();
  /** vertex key → [{ key, p, r, i }] (i < ring length - 1) */
  let vertices = new Map();
  let selection = [];
  let tool = 'select';
  let readOnly = false;
  let drawing = [];

  function indexVertices() {
    vertices = new Map();
    for (const [key, grid] of grids) {
      grid.polygons.forEach((polygon, p) => polygon.forEach((ring, r) => {
        for (let i = 0; i < ring.length - 1; i++) {
          const k = vertexKey(ring[i]);
          if (!vertices.has(k)) {
            vertices.set(k, []);
          }
          vertices.get(k).push({ key, p, r, i });
        }
      }));
    }
  }

  function styleOf(key) {
    const grid = grids.get(key);
    const state = grid.feature.properties.state;
    const base = { ...GRID_STYLE, fillColor: STATE_COLOURS[state] || '#999999' };
    return selection.includes(key) ? { ...base, ...SELECTED_STYLE } : base;
  }

  function label(feature) {
    const p = feature.properties;
    const code = p.code || p.plannedCode || p.key;
    return h('span', null, h('b', null, String(code).slice(-3)), ' ', formatNumber(p.households), t('plan.hh'));
  }

  function setGrids(collection) {
    gridLayer.clearLayers();
    grids.clear();
    for (const feature of collection.features || []) {
      const key = feature.properties.key;
      const polygons = polygonsOf(feature.geometry);
      const layer = L.polygon(toLatLngs(polygons), { pane: 'gm-plan-grids', className: 'gm-plan-grid' });
      layer.gridKey = key;
      layer.bindTooltip(() => label(feature), {
        permanent: true, direction: 'center', className: 'gm-plan-label', interactive: false,
      });
      layer.on('click', (e) => gridClicked(key, e));
      grids.set(key, { feature, polygons, layer });
      layer.addTo(gridLayer);
    }
    for (const key of grids.keys()) {
      grids.get(key).layer.setStyle(styleOf(key));
    }
    indexVertices();
    selection = selection.filter((key) => grids.has(key));
    showHandles();
    callbacks.onSelect(selection.slice());
  }

  function bounds() {
    const all = L.featureGroup([...grids.values()].map((g) => g.layer));
    return all.getLayers().length ? all.getBounds() : null;
  }

  function setScope(features) {
    scopeLayer.clearLayers();
    scopeLayer.addData({ type: 'FeatureCollection', features });
  }

  function setProblems(problems) {
    problemLayer.clearLayers();
    for (const problem of problems) {
      if (!problem.location) {
        continue;
      }
      const error = problem.severity === 'error';
      const colour = error ? '#d32f2f' : '#f57c00';
      const layer = L.geoJSON(problem.location, {
        pane: 'gm-plan-problems',
        interactive: false,
        style: () => ({
          color: colour, weight: 3, fillColor: colour, fillOpacity: 0.55, dashArray: error ? null : '5 4',
          className: 'gm-plan-problem gm-problem-' + problem.code,
        }),
        pointToLayer: (f, latlng) => L.circleMarker(latlng, {
          pane: 'gm-plan-problems', radius: 8, color: colour, weight: 3, fillOpacity: 0.3, interactive: false,
          className: 'gm-plan-problem gm-problem-' + problem.code,
        }),
      });
      layer.problem = problem;
      layer.addTo(problemLayer);
    }
  }

  function select(keys) {
    selection = keys.filter((key) => grids.has(key));
    for (const key of grids.keys()) {
      grids.get(key).layer.setStyle(styleOf(key));
    }
    selection.forEach((key) => grids.get(key).layer.bringToFront());
    showHandles();
    callbacks.onSelect(selection.slice());
  }

  function gridClicked(key, e) {
    if (tool === 'create' || (tool === 'split' && selection.length > 0)) {
      return; // the click is a drawn point: it bubbles to the map
    }
    L.DomEvent.stopPropagation(e);
    const multi = tool === 'merge' || (e.originalEvent && (e.originalEvent.shiftKey || e.originalEvent.ctrlKey));
    if (multi) {
      select(selection.includes(key) ? selection.filter((k) => k !== key) : [...selection, key]);
    } else {
      select([key]);
    }
  }

  // ---- snapping

  /** The vertex nearest to latlng within SNAP_PIXELS (not `except`), as a position, or null. */
  function snap(latlng, except) {
    const at = map.latLngToContainerPoint(latlng);
    let best = null;
    let bestDistance = SNAP_PIXELS;
    for (const [k, occurrences] of vertices) {
      if (k === except) {
        continue;
      }
      const o = occurrences[0];
      const p = grids.get(o.key).polygons[o.p][o.r][o.i];
      const distance = at.distanceTo(map.latLngToContainerPoint([p[1], p[0]]));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = p;
      }
    }
    return best ? [best[0], best[1]] : null;
  }

  // ---- vertex handles (tool "vertices")

  function showHandles() {
    handleLayer.clearLayers();
    if (tool !== 'vertices' || readOnly || selection.length !== 1) {
      return;
    }
    const grid = grids.get(selection[0]);
    const seen = new Set();
    grid.polygons.forEach((polygon) => polygon.forEach((ring) => {
      for (let i = 0; i < ring.length - 1; i++) {
        const k = vertexKey(ring[i]);
        if (!seen.has(k)) {
          seen.add(k);
          addVertexHandle(ring[i]);
        }
        addMidpointHandle(ring[i], ring[i + 1]);
      }
    }));
  }

  function addVertexHandle(p) {
    const k = vertexKey(p);
    const shared = new Set((vertices.get(k) || []).map((o) => o.key)).size > 1;
    const marker = L.marker([p[1], p[0]], {
      pane: 'gm-plan-handles',
      draggable: true,
      keyboard: false,
      icon: L.divIcon({ className: 'gm-vertex' + (shared ? ' gm-vertex-shared' : ''), iconSize: [12, 12] }),
    });
    marker.vertexKey = k;
    marker.on('drag', (e) => moveVertex(k, position(e.target.getLatLng()), false));
    marker.on('dragend', (e) => {
      const snapped = snap(e.target.getLatLng(), k);
      moveVertex(k, snapped || position(e.target.getLatLng()), true);
    });
    marker.on('contextmenu', (e) => {
      L.DomEvent.preventDefault(e.originalEvent);
      removeVertex(k);
    });
    marker.addTo(handleLayer);
  }

  function addMidpointHandle(a, b) {
    const marker = L.marker([(a[1] + b[1]) / 2, (a[0] + b[0]) / 2], {
      pane: 'gm-plan-handles',
      draggable: true,
      keyboard: false,
      icon: L.divIcon({ className: 'gm-midpoint', iconSize: [10, 10] }),
    });
    marker.on('dragend', (e) => {
      const snapped = snap(e.target.getLatLng(), null);
      insertVertex(a, b, snapped || position(e.target.getLatLng()));
    });
    marker.addTo(handleLayer);
  }

  /** The working copies of the grids touched by fn(polygons of a grid) → changed?. */
  function editGrids(keys, fn) {
    const changed = [];
    for (const key of keys) {
      const grid = grids.get(key);
      const polygons = grid.polygons.map((polygon) => polygon.map((ring) => ring.map((p) => p.slice())));
      if (fn(key, polygons)) {
        changed.push({ key, polygons });
      }
    }
    return changed;
  }

  /** Moves a vertex in every grid holding it; on the final move, emits one reshape. */
  function moveVertex(k, to, final) {
    const occurrences = vertices.get(k) || [];
    const keys = [...new Set(occurrences.map((o) => o.key))];
    const changed = editGrids(keys, (key, polygons) => {
      for (const o of occurrences.filter((x) => x.key === key)) {
        const ring = polygons[o.p][o.r];
        ring[o.i] = to.slice();
        if (o.i === 0) {
          ring[ring.length - 1] = to.slice();
        }
      }
      return true;
    });
    if (!final) {
      changed.forEach(({ key, polygons }) => grids.get(key).layer.setLatLngs(toLatLngs(polygons)));
      return;
    }
    emitReshape(changed);
  }

  /** Inserts a vertex into the edge a–b of every grid that has that edge. */
  function insertVertex(a, b, at) {
    const ka = vertexKey(a);
    const kb = vertexKey(b);
    const keys = [...new Set((vertices.get(ka) || []).map((o) => o.key))];
    const changed = editGrids(keys, (key, polygons) => {
      let done = false;
      polygons.forEach((polygon) => polygon.forEach((ring) => {
        for (let i = 0; i < ring.length - 1; i++) {
          const k1 = vertexKey(ring[i]);
          const k2 = vertexKey(ring[i + 1]);
          if ((k1 === ka && k2 === kb) || (k1 === kb && k2 === ka)) {
            ring.splice(i + 1, 0, at.slice());
            done = true;
            return;
          }
        }
      }));
      return done;
    });
    emitReshape(changed);
  }

  /** Removes a vertex from every grid holding it (rings keep at least 3 corners). */
  function removeVertex(k) {
    const occurrences = vertices.get(k) || [];
    const keys = [...new Set(occurrences.map((o) => o.key))];
    let tooSmall = false;
    const changed = editGrids(keys, (key, polygons) => {
      polygons.forEach((polygon) => polygon.forEach((ring, r) => {
        const kept = ring.slice(0, -1).filter((p) => vertexKey(p) !== k);
        if (kept.length < ring.length - 1) {
          if (kept.length < 3) {
            tooSmall = true;
          }
          polygon[r] = [...kept, kept[0]];
        }
      }));
      return true;
    });
    if (tooSmall) {
      callbacks.onHint(t('plan.hint.tooFewVertices'));
      return;
    }
    emitReshape(changed);
  }

  function emitReshape(changed) {
    const shapes = [];
    for (const { key, polygons } of changed) {
      const cleaned = polygons.map((polygon) => polygon.map(cleanRing));
      if (cleaned.some((polygon) => polygon.some((ring) => ring.length < 4))) {
        callbacks.onHint(t('plan.hint.tooFewVertices'));
        redraw();
        return;
      }
      shapes.push({ grid: key, geometry: { type: 'MultiPolygon', coordinates: cleaned } });
    }
    if (shapes.length) {
      callbacks.onChange({ kind: 'reshape', grids: shapes });
    }
  }

  /** Puts every layer back to the last geometries from the server. */
  function redraw() {
    for (const grid of grids.values()) {
      grid.layer.setLatLngs(toLatLngs(grid.polygons));
    }
    showHandles();
  }

  // ---- drawing (tools "split" and "create")

  function addDrawnPoint(latlng) {
    const p = snap(latlng, null) || position(latlng);
    drawing.push(p);
    renderDrawing();
  }

  function renderDrawing() {
    drawLayer.clearLayers();
    if (drawing.length === 0) {
      return;
    }
    const latlngs = drawing.map((p) => [p[1], p[0]]);
    if (tool === 'create' && drawing.length > 2) {
      L.polygon(latlngs, { ...DRAW_STYLE, pane: 'gm-plan-handles', fillOpacity: 0.15 }).addTo(drawLayer);
    } else {
      L.polyline(latlngs, { ...DRAW_STYLE, pane: 'gm-plan-handles' }).addTo(drawLayer);
    }
    latlngs.forEach((ll) => L.circleMarker(ll, {
      pane: 'gm-plan-handles', radius: 4, color: DRAW_STYLE.color, fillOpacity: 1, interactive: false,
      className: 'gm-draw-point',
    }).addTo(drawLayer));
  }

  function finishDrawing() {
    if (tool === 'split') {
      if (selection.length !== 1) {
        callbacks.onHint(t('plan.hint.splitSelect'));
        return false;
      }
      if (drawing.length < 2) {
        callbacks.onHint(t('plan.hint.splitLine'));
        return false;
      }
      const line = { type: 'LineString', coordinates: drawing.map((p) => p.slice()) };
      const grid = selection[0];
      cancelDrawing();
      callbacks.onChange({ kind: 'split', grid, line });
      return true;
    }
    if (tool === 'create') {
      if (drawing.length < 3) {
        callbacks.onHint(t('plan.hint.createPolygon'));
        return false;
      }
      const ring = [...drawing.map((p) => p.slice()), drawing[0].slice()];
      callbacks.onDrawn('create', { type: 'Polygon', coordinates: [ring] });
      return true;
    }
    return false;
  }

  function cancelDrawing() {
    drawing = [];
    drawLayer.clearLayers();
  }

  map.on('click', (e) => {
    if (readOnly) {
      return;
    }
    if (tool === 'split' || tool === 'create') {
      addDrawnPoint(e.latlng);
    } else if (tool === 'select' || tool === 'vertices') {
      select([]);
    }
  });
  map.on('dblclick', () => {
    if (tool === 'split' || tool === 'create') {
      // the double click's own two clicks added the last point twice
      if (drawing.length > 1) {
        const [a, b] = drawing.slice(-2);
        if (a[0] === b[0] && a[1] === b[1]) {
          drawing.pop();
        }
      }
      finishDrawing();
    }
  });

  function setTool(next) {
    tool = next;
    cancelDrawing();
    if (tool === 'split' || tool === 'create') {
      map.doubleClickZoom.disable();
    } else {
      map.doubleClickZoom.enable();
    }
    if (tool !== 'merge' && selection.length > 1) {
      select(selection.slice(0, 1));
    }
    map.getContainer().dataset.tool = tool;
    showHandles();
  }

  function setReadOnly(value) {
    readOnly = value;
    if (readOnly) {
      cancelDrawing();
    }
    showHandles();
  }

  return {
    setGrids,
    setScope,
    setProblems,
    setTool,
    setReadOnly,
    select,
    finishDrawing,
    cancelDrawing,
    redraw,
    bounds,
    tool: () => tool,
    selection: () => selection.slice(),
    feature: (key) => (grids.has(key) ? grids.get(key).feature : null),
    keys: () => [...grids.keys()],
    drawnPoints: () => drawing.map((p) => p.slice()),
    /** Grids sharing the vertex at position p (for tests and the hint line). */
    gridsAt: (p) => [...new Set((vertices.get(vertexKey(p)) || []).map((o) => o.key))],
    problemLayer,
    handleLayer,
  };
}
