/**
 * Open311 GeoReport v2 under {@code /open311/v2}, so that existing Open311 clients can
 * list the admitted matters as services, file reports (through the same intake as every
 * other channel, with an API key) and follow public service requests, in {@code .json}
 * and {@code .xml}. It owns the mapping between GeoReport fields and Gridmap's (matter =
 * service, incident = service request, open/closed from the loop's states) and keeps the
 * public-output rule: category, status, dates and the snapped point only. Errors stay RFC
 * 9457 {@code application/problem+json} for both formats, like every other endpoint,
 * rather than GeoReport's {@code <errors>} list: clients read the HTTP status either way.
 */
package org.gridmap.open311;
