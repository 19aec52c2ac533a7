package dev.gatehouse.keys;

import java.security.KeyPair;
import java.util.List;
import java.util.UUID;

/** Key rings for plain unit tests, with keys made at test time. */
public final class KeyRings {

    private KeyRings() {}

    public static KeyRing withFreshKey(SigningAlgorithm alg) {
        return withKid(alg, UUID.randomUUID().toString());
    }

    public static KeyRing withKid(SigningAlgorithm alg, String kid) {
        KeyPair pair = alg.generate();
        KeyRing ring = new KeyRing();
        ring.replace(
                new KeyRing.ActiveKey(kid, alg, pair.getPrivate()),
                List.of(new KeyRing.VerificationKey(kid, alg, pair.getPublic(), null)));
        return ring;
    }
}
