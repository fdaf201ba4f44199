/**
 * Identity: the server issues anonymous user ids and signed, expiring tokens that resume them; a client's claim
 * of a user id is never believed. A Stellar wallet is proven by an Ed25519 signature (raw or SEP-53) over the
 * connection's challenge, checked with the JDK alone (StrKey, WalletProof); the proven wallet is stored as the
 * user's identity (WalletAccount, docs/decisions/0010). Out of scope: the original app's wallet JWT cookies.
 */
package org.anonchat.realtime.identity;
