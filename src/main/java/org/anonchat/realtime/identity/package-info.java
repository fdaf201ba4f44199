/**
 * Identity: the server issues anonymous user ids and signed, expiring tokens that resume them; a client's claim
 * of a user id is never believed. Out of scope here: the wallet proof (the challenge in connection_established
 * is its nonce), which the identity-and-abuse work adds.
 */
package org.anonchat.realtime.identity;
