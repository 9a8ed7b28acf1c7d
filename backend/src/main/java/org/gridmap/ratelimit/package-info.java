/**
 * Per-client rate limits on the public endpoints (lookups, address search, report status,
 * report submission), answered with 429 problems and {@code Retry-After}.
 */
package org.gridmap.ratelimit;
