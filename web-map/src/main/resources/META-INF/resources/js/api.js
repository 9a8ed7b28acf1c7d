// Fetching GeoJSON from the service, with RFC 9457 problem details turned into messages.

import { t } from './i18n.js';

/** An error whose message is fit to show to people. */
export class LoadError extends Error {}

/** A refused request: HTTP status, the problem's detail (or title) and the whole problem body. */
export class ProblemError extends LoadError {
  constructor(message, status, detail, problem) {
    super(message);
    this.status = status;
    this.detail = detail;
    this.problem = problem;
  }
}

async function problemError(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON
  }
  if (body && (body.title || body.detail)) {
    const message = [body.title, body.detail].filter(Boolean).join(': ');
    return new ProblemError(message, response.status, body.detail || body.title, body);
  }
  const message = `HTTP ${response.status} ${response.statusText}`.trim();
  return new ProblemError(message, response.status, message, body);
}

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e && e.name === 'AbortError') {
      throw e; // cancelled by the caller, not a network failure
    }
    throw new LoadError(t('status.network'));
  }
  if (!response.ok) {
    throw await problemError(response);
  }
  return response.json();
}

/**
 * GETs JSON (or GeoJSON); a problem response becomes a ProblemError. options.signal (an
 * AbortSignal) cancels the request, which then rejects with the AbortError.
 */
export function getJson(url, options = {}) {
  return send(url, { headers: { Accept: 'application/geo+json, application/json' }, signal: options.signal });
}

/**
 * POSTs body as JSON and returns the JSON answer; a problem response becomes a ProblemError.
 * headers: extra request headers (e.g. Idempotency-Key).
 */
export function postJson(url, body, headers) {
  return send(url, {
    method: 'POST',
    headers: { ...headers, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** POSTs a FormData as multipart/form-data (the browser sets the boundary), like postJson. */
export function postForm(url, formData, headers) {
  return send(url, {
    method: 'POST',
    headers: { ...headers, Accept: 'application/json' },
    body: formData,
  });
}

/**
 * All features of an OGC API Features items URL, following rel=next links (the server
 * caps page size), as one GeoJSON FeatureCollection (with the first page's numberMatched).
 */
export async function fetchAllFeatures(url) {
  const features = [];
  let numberMatched = null;
  let next = url;
  for (let pages = 0; next && pages < 100; pages++) {
    const page = await getJson(next);
    if (pages === 0 && typeof page.numberMatched === 'number') {
      numberMatched = page.numberMatched;
    }
    features.push(...(page.features || []));
    const link = (page.links || []).find((l) => l.rel === 'next');
    next = link && link.href && (page.features || []).length > 0 ? link.href : null;
  }
  return { type: 'FeatureCollection', features, numberMatched };
}
