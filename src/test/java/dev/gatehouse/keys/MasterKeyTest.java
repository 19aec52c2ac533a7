package dev.gatehouse.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.support.StubConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    private static MasterKey key(byte[] material) {
        return new MasterKey(
                StubConfig.defaults().withMasterKey(Base64.getEncoder().encodeToString(material)));
    }

    private static byte[] random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    @Test
    void encryptsAndDecryptsWithTheSameContext() throws GeneralSecurityException {
        MasterKey key = key(random());
        byte[] secret = "private key bytes".getBytes(StandardCharsets.UTF_8);
        byte[] sealed = key.encrypt(secret, "kid-1");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("private key bytes"));
        assertArrayEquals(secret, key.decrypt(sealed, "kid-1"));
    }

    @Test
    void ciphertextMovedToAnotherKidDoesNotDecrypt() {
        MasterKey key = key(random());
        byte[] sealed = key.encrypt(new byte[] {1, 2, 3}, "kid-1");
        assertThrows(GeneralSecurityException.class, () -> key.decrypt(sealed, "kid-2"));
    }

    @Test
    void anotherMasterKeyCannotDecryptAndHasAnotherId() {
        MasterKey one = key(random());
        MasterKey two = key(random());
        byte[] sealed = one.encrypt(new byte[] {1, 2, 3}, "kid");
        assertThrows(GeneralSecurityException.class, () -> two.decrypt(sealed, "kid"));
        assertNotEquals(one.id(), two.id());
    }

    @Test
    void theSameMaterialGivesTheSameId() {
        byte[] material = random();
        assertEquals(key(material).id(), key(material.clone()).id());
    }
}
