// Fetching GeoJSON from the service, with RFC 9457 problem details turned into messages.

import { t } from './i18n.js';

/** An error whose message is fit to show to people. */
export class LoadError extends Error {}

async function problemMessage(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON
  }
  if (body && (body.title || body.detail)) {
    return [body.title, body.detail].filter(Boolean).join(': ');
  }
  return `HTTP ${response.status} ${response.statusText}`.trim();
}

async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/geo+json, application/json' } });
  } catch (e) {
    throw new LoadError(t('status.network'));
  }
  if (!response.ok) {
    throw new LoadError(await problemMessage(response));
  }
  return response.json();
}

/**
 * All features of an OGC API Features items URL, following rel=next links (the server
 * caps page size), as one GeoJSON FeatureCollection.
 */
export async function fetchAllFeatures(url) {
  const features = [];
  let next = url;
  for (let pages = 0; next && pages < 100; pages++) {
    const page = await getJson(next);
    features.push(...(page.features || []));
    const link = (page.links || []).find((l) => l.rel === 'next');
    next = link && link.href && (page.features || []).length > 0 ? link.href : null;
  }
  return { type: 'FeatureCollection', features };
}
