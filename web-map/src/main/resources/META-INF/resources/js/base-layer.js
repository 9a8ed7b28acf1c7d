// The choice of base layer shared by every map page: OpenStreetMap tiles online, or a blank
// base that needs no tile server. Taken from ?base= in the URL, else the last choice stored
// in this browser, else OpenStreetMap.

const BASES = ['osm', 'blank'];

const BASE_KEY = 'gridmap.base';

export function readBase() {
  const fromUrl = new URLSearchParams(window.location.search).get('base');
  if (BASES.includes(fromUrl)) {
    return fromUrl;
  }
  try {
    const remembered = window.localStorage.getItem(BASE_KEY);
    return BASES.includes(remembered) ? remembered : 'osm';
  } catch (e) {
    return 'osm';
  }
}

/** Remembers the choice and, when the URL names a base, keeps the URL in step. */
export function storeBase(base) {
  try {
    window.localStorage.setItem(BASE_KEY, base);
  } catch (e) {
    // storage disabled
  }
  const url = new URL(window.location.href);
  if (url.searchParams.has('base')) {
    url.searchParams.set('base', base);
    window.history.replaceState(window.history.state, '', url);
  }
}
