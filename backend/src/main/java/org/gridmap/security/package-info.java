/**
 * Who may do what: the staff accounts and their sessions, sign-in for the pages, tokens
 * of an OIDC provider when one is configured, and the authorisation rules of every path
 * in one filter chain ({@link org.gridmap.security.SecurityConfiguration}). Features ask
 * {@link org.gridmap.security.Caller} whether the signed-in user's regions cover an area.
 * The rules as a table: {@code docs/security.md}.
 */
package org.gridmap.security;
