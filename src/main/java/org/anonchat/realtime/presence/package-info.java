/**
 * Presence: online, away or offline per user across all of the user's connections, with a grace period before
 * offline. Changes are published as events; only users sharing a room with the subject hear them.
 */
package org.anonchat.realtime.presence;
