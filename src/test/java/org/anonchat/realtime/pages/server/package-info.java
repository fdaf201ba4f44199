/**
 * Test-only server parts, deployed with the page ITs and never shipped: they let a browser test make the server
 * close a page's socket and hold the page's reconnect handshake, so "messages sent while the page was away" is
 * a fact the test controls rather than a race it hopes to win.
 */
package org.anonchat.realtime.pages.server;
