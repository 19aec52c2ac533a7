package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2idHashTest {

    private static final Pattern PHC = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$");

    /** Small parameters: these tests are about the format and the logic, not the cost. */
    private final Argon2idHash fast = new Argon2idHash(256, 1, 1);

    @Test
    void roundTrips() {
        String phc = fast.hash("correct-zebra-lamp-orbit");
        assertTrue(fast.verify("correct-zebra-lamp-orbit", phc));
    }

    @Test
    void rejectsWrongPassword() {
        String phc = fast.hash("correct-zebra-lamp-orbit");
        assertFalse(fast.verify("correct-zebra-lamp-orbiT", phc));
        assertFalse(fast.verify("", phc));
        assertFalse(fast.verify(null, phc));
    }

    @Test
    void defaultParametersProduceStandardPhcString() {
        String phc = new Argon2idHash(19456, 2, 1).hash("correct-zebra-lamp-orbit");
        assertTrue(PHC.matcher(phc).matches(), phc);
        assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
    }

    @Test
    void saltsEveryHash() {
        String first = fast.hash("correct-zebra-lamp-orbit");
        String second = fast.hash("correct-zebra-lamp-orbit");
        assertNotEquals(first, second);
        assertTrue(PHC.matcher(first).matches(), first);
        assertTrue(fast.verify("correct-zebra-lamp-orbit", second));
    }

    /** Made with the reference implementation (Debian's argon2 CLI), so the format interoperates. */
    @Test
    void verifiesReferenceImplementationHashes() {
        assertTrue(fast.verify(
                "correct horse battery staple",
                "$argon2id$v=19$m=1024,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Jl9aMRiFdmA52uqiivDqYVot6fVz3erNUlWPoxyg46A"));
        String reference =
                "$argon2id$v=19$m=256,t=1,p=2$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0";
        assertTrue(fast.verify("p\u00e4ssw\u00f6rd", reference));
        // The same text typed with combining accents is normalised to NFKC first.
        assertTrue(fast.verify("pa\u0308sswo\u0308rd", reference));
        assertFalse(fast.verify("passwort", reference));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "garbage",
                "$argon2i$v=19$m=256,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=16$m=256,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=19$m=256,t=1$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=19$t=1,m=256,p=1$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=19$m=256,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg",
                "$argon2id$v=19$m=256,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$",
                "$argon2id$v=19$m=256,t=1,p=1$!!not-base64!!$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=19$m=256,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg==$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=19$m=-1,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=19$m=99999999,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=19$m=256,t=0,p=1$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0",
                "$argon2id$v=19$m=256,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$c8gj9Czp9Bl19Go1K9hC31jjWj8WqFZzhSqQkaogGY0$extra",
            })
    void malformedStoredHashDoesNotMatch(String stored) {
        assertFalse(fast.verify("p\u00e4ssw\u00f6rd", stored));
        assertTrue(fast.needsRehash(stored));
    }

    @Test
    void needsRehashOnlyWhenParametersDiffer() {
        Argon2idHash current = new Argon2idHash(512, 2, 1);
        assertFalse(current.needsRehash(current.hash("correct-zebra-lamp-orbit")));
        assertTrue(current.needsRehash(new Argon2idHash(256, 2, 1).hash("correct-zebra-lamp-orbit")));
        assertTrue(current.needsRehash(new Argon2idHash(512, 1, 1).hash("correct-zebra-lamp-orbit")));
        assertTrue(current.needsRehash(new Argon2idHash(512, 2, 2).hash("correct-zebra-lamp-orbit")));
    }

    @Test
    void refusesUnusableParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2idHash(4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2idHash(256, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2idHash(256, 1, 0));
    }
}
