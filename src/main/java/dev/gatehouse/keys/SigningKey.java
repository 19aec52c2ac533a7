package dev.gatehouse.keys;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A signing key as stored: the public key in the clear, the private key encrypted under the master key. */
@Entity
@Table(name = "signing_key")
public class SigningKey {

    /** Published in the JWKS, not yet signing: caches learn it before its first token. */
    public static final String NEXT = "next";

    public static final String ACTIVE = "active";
    public static final String RETIRED = "retired";

    @Id
    public String kid;

    public String alg;

    public String status;

    @Column(name = "public_key")
    public byte[] publicKey;

    /** nonce || AES-GCM ciphertext of the PKCS#8 private key, bound to the kid. */
    @Column(name = "private_key")
    public byte[] privateKey;

    @Column(name = "master_key_id")
    public String masterKeyId;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "retired_at")
    public Instant retiredAt;

    /** After this instant no token signed by the key can still be valid; it leaves the JWKS. */
    @Column(name = "verify_until")
    public Instant verifyUntil;
}
