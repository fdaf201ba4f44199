/**
 * Operating the chat: the admin REST API under {@code /api/admin/} and its security. The page itself is static
 * ({@code webapp/admin/}).
 *
 * <ul>
 *   <li>control: the one admin account (a PBKDF2 hash from configuration or generated once), the Jakarta
 *       Security mechanism and identity store, and the failed-login throttle (docs/decisions/0040).
 *   <li>boundary: the resources, each thin over the component it operates (connections, rooms, messages,
 *       moderation, metrics); {@code AdminGuard} (401/403/CSRF/429 for every admin path) and problem JSON
 *       (RFC 9457) for every error.
 * </ul>
 *
 * Out of scope: more than one account, persistent audit log, cluster-wide views (figures are per node).
 */
package org.anonchat.realtime.admin;
