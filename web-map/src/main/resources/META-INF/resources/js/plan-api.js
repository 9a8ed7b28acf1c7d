// The planning API (/api/v1/plans, docs/planning.md) as the /plan page uses it: every
// write carries If-Match with the plan's current ETag and the planner's name; refusals
// arrive as ProblemError with the HTTP status and the whole RFC 9457 body, so that the page
// can tell a conflict (412) from an invalid draft (422).

import { LoadError, ProblemError } from './api.js';
import { t } from './i18n.js';

async function request(method, url, { body, etag, accept } = {}) {
  const headers = { Accept: accept || 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (etag) {
    headers['If-Match'] = etag;
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new LoadError(t('status.network'));
  }
  let json = null;
  try {
    json = await response.json();
  } catch (e) {
    // no body
  }
  if (!response.ok) {
    const message = json && (json.title || json.detail)
      ? [json.title, json.detail].filter(Boolean).join(': ')
      : `HTTP ${response.status}`;
    throw new ProblemError(message, response.status, (json && (json.detail || json.title)) || message, json);
  }
  return { body: json, etag: response.headers.get('ETag') };
}

/** The client of one planner: writes are signed with author() and guarded by the ETag. */
export function planApi(author) {
  const base = '/api/v1/plans';
  return {
    list: (parent) => request('GET', `${base}?parent=${encodeURIComponent(parent)}`).then((r) => r.body.plans),
    create: (name, parent, effectiveDate) =>
      request('POST', base, { body: { name, parent, effectiveDate, author: author() } }),
    get: (id) => request('GET', `${base}/${id}`),
    grids: (id) => request('GET', `${base}/${id}/grids`, { accept: 'application/geo+json' }).then((r) => r.body),
    validation: (id) => request('GET', `${base}/${id}/validation`).then((r) => r.body),
    impact: (id) => request('GET', `${base}/${id}/impact?addressLimit=50`).then((r) => r.body),
    trail: (id) => request('GET', `${base}/${id}/changes`).then((r) => r.body),
    /** One change ({kind, …}) or several as a batch. */
    change: (id, etag, changes) => {
      const list = Array.isArray(changes) ? changes : [changes];
      const body = list.length === 1
        ? { ...list[0], author: author() }
        : { author: author(), changes: list };
      return request('POST', `${base}/${id}/changes`, { body, etag });
    },
    undo: (id, etag, seq) => request('POST', `${base}/${id}/changes/${seq}/undo`, { body: { author: author() }, etag }),
    edit: (id, etag, fields) => request('PATCH', `${base}/${id}`, { body: { ...fields, author: author() }, etag }),
    publish: (id, etag) => request('POST', `${base}/${id}/publish`, { body: { author: author() }, etag }),
    discard: (id, etag) => request('POST', `${base}/${id}/discard`, { body: { author: author() }, etag }),
    propose: (id, etag, fields) =>
      request('POST', `${base}/${id}/proposal`, { body: { ...fields, author: author() }, etag }),
  };
}
