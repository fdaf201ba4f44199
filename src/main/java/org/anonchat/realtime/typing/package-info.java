/**
 * Typing indicators with server-side expiry, so an indicator ends when the typer goes quiet, leaves or
 * disconnects. Only transitions are announced.
 */
package org.anonchat.realtime.typing;
