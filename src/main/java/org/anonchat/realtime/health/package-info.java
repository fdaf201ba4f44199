/**
 * MicroProfile Health checks. Readiness fails while the database is unreachable; liveness is left to the
 * server's default (the process answers HTTP).
 */
package org.anonchat.realtime.health;
