/**
 * Where the chat's data lives: the configured JDBC data source and the data folder.
 *
 * <p>Decisions: the data source is a small class that reads MicroProfile Config (see
 * {@code docs/decisions/0002-configured-data-source.md}); the default is an H2 file database in the data
 * folder, written through on every commit. Out of scope: schema migrations (schema generation creates
 * missing tables).
 */
package org.anonchat.realtime.persistence;
