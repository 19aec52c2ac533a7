package dev.gatehouse.dpop;

import java.time.Instant;

/**
 * A DPoP proof whose signature and claims checked out (RFC 9449 §4.2, §4.3).
 *
 * @param jkt   the RFC 7638 SHA-256 thumbprint of the proof's public key (base64url)
 * @param jti   the proof's unique id
 * @param htu   the target URI it was made for, normalised
 * @param iat   when it was made
 * @param nonce the server nonce it carries, or null
 */
record DpopProof(String jkt, String jti, String htu, Instant iat, String nonce) {}
