// A point inside a GeoJSON (Multi)Polygon, computed in the browser (like PostGIS's
// ST_PointOnSurface): the centroid of the largest polygon's outer ring when it lies inside
// that polygon (holes included), else the middle of the widest inside stretch of a
// horizontal line through the polygon's middle. Coordinates stay [lon, lat].

function ringArea(ring) {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] * ring[i][1]) - (ring[i][0] * ring[j][1]);
  }
  return sum / 2;
}

function ringCentroid(ring) {
  const a = ringArea(ring);
  if (a === 0) {
    return ring[0];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = (ring[j][0] * ring[i][1]) - (ring[i][0] * ring[j][1]);
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

function inRing(point, ring) {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** True when point lies inside the polygon (array of rings: outer first, then holes). */
export function inPolygon(point, rings) {
  return inRing(point, rings[0]) && !rings.slice(1).some((hole) => inRing(point, hole));
}

function scanlinePoint(rings) {
  const ys = rings[0].map((c) => c[1]);
  const y = (Math.min(...ys) + Math.max(...ys)) / 2;
  const xs = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if ((yi > y) !== (yj > y)) {
        xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
      }
    }
  }
  xs.sort((a, b) => a - b);
  let best = null;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (best == null || xs[i + 1] - xs[i] > best[1] - best[0]) {
      best = [xs[i], xs[i + 1]];
    }
  }
  return best ? [(best[0] + best[1]) / 2, y] : rings[0][0];
}

/** A [lon, lat] inside the geometry, or null for anything but a non-empty (Multi)Polygon. */
export function interiorPoint(geometry) {
  if (!geometry) {
    return null;
  }
  let polygons;
  if (geometry.type === 'Polygon') {
    polygons = [geometry.coordinates];
  } else if (geometry.type === 'MultiPolygon') {
    polygons = geometry.coordinates;
  } else {
    return null;
  }
  polygons = polygons.filter((rings) => rings && rings[0] && rings[0].length >= 4);
  if (polygons.length === 0) {
    return null;
  }
  const largest = polygons.reduce((a, b) => (Math.abs(ringArea(b[0])) > Math.abs(ringArea(a[0])) ? b : a));
  const centroid = ringCentroid(largest[0]);
  return inPolygon(centroid, largest) ? centroid : scanlinePoint(largest);
}
