package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.error.ApiException;
import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.support.StubConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final String EMAIL = "Jordan.Lee@example.com";

    private final PasswordPolicy policy = new PasswordPolicy(StubConfig.defaults());

    /** Asserts a refusal whose reason mentions {@code reasonPart}. */
    private void assertRejected(String password, String reasonPart) {
        ApiException e =
                assertThrows(ApiException.class, () -> policy.check(password, EMAIL), () -> "accepted: " + password);
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(
                e.description().contains(reasonPart),
                () -> password + " refused for another reason: " + e.description());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "correct-zebra-lamp-orbit",
                "Tr0ub4dor&3-but-longer-now",
                "vK8#pq2!Lm9zR4x",
                "my cat eats purple rockets",
                "Grüße aus München, Jörg!",
                "tea kettle humming at dawn",
                "zebra quilt harbour 1987",
            })
    void acceptsStrongPasswords(String password) {
        assertDoesNotThrow(() -> policy.check(password, EMAIL));
    }

    @Test
    void acceptsWithoutEmail() {
        assertDoesNotThrow(() -> policy.check("correct-zebra-lamp-orbit", null));
    }

    @Test
    void rejectsMissingPassword() {
        assertRejected(null, "required");
        assertRejected("", "required");
    }

    @Test
    void countsCodePointsNotUtf16Units() {
        // 14 emoji are 28 UTF-16 units but only 14 characters.
        assertRejected(
                "\uD83D\uDE00\uD83D\uDE03\uD83D\uDE04\uD83D\uDE01\uD83D\uDE06\uD83D\uDE05\uD83D\uDE02"
                        + "\uD83E\uDD23\uD83D\uDE0A\uD83D\uDE07\uD83D\uDE42\uD83D\uDE43\uD83D\uDE09\uD83D\uDE0C",
                "at least 15");
    }

    @Test
    void countsCharactersAfterNormalisation() {
        // 17 code points as typed with combining accents, but 14 after NFKC.
        assertRejected("e\u0301e\u0301e\u0301 quiet lake", "at least 15");
    }

    @Test
    void rejectsTooLong() {
        assertRejected("correct-zebra-lamp-orbit ".repeat(6), "at most 128");
    }

    @Test
    void rejectsEmailAsPassword() {
        assertRejected("  jordan.lee@EXAMPLE.com ", "email");
    }

    @Test
    void rejectsLocalPartAsPassword() {
        PasswordPolicy lenient = new PasswordPolicy(StubConfig.defaults().withPassword(8, 128, 256, 1, 1));
        ApiException e = assertThrows(ApiException.class, () -> lenient.check("JORDAN.LEE", EMAIL));
        assertTrue(e.description().contains("email"), e.description());
    }

    @Test
    void rejectsPasswordContainingLocalPart() {
        assertRejected("my name is jordan.lee ok", "email");
    }

    @Test
    void ignoresShortLocalPart() {
        assertDoesNotThrow(() -> policy.check("a quiet jo river bend", "jo@example.com"));
    }

    @Test
    void rejectsLongBreachedPassword() {
        assertRejected("1qaz2wsx3edc4rfv", "too common");
        assertRejected("PasswordStandard", "too common");
    }

    @Test
    void rejectsRepeatedCommonWord() {
        assertRejected("passwordpassword", "common"); // on the list itself
        assertRejected("iloveyouiloveyou!", "common password with");
    }

    @Test
    void rejectsRepeatedUnit() {
        assertRejected("abcabcabcabcabcabc", "repeats");
        assertRejected("aaaaaaaaaaaaaaa", "repeats");
        assertRejected("Xk9Xk9Xk9Xk9Xk9Xk9", "repeats");
        assertRejected("dragondragondrago", "repeats");
    }

    @Test
    void rejectsCommonPasswordPaddedWithDigits() {
        assertRejected("password123456789", "common password with");
        assertRejected("!!!!monkey2024!!!!", "common password with");
    }

    @Test
    void rejectsDisguisedCommonPassword() {
        assertRejected("P@ssw0rd!!!!!!!!!", "common password with");
    }

    @Test
    void rejectsKeyboardWalk() {
        assertRejected("qwertyuiopasdfgh", "keyboard");
        assertRejected("zxcvbnmasdfghjkl", "keyboard");
        assertRejected("1qaz2wsx3edc4rfv5tgb", "keyboard");
        assertRejected("!QAZ@WSX#EDC$RFV%TGB", "keyboard");
    }

    @Test
    void rejectsSequence() {
        assertRejected("abcdefghijklmnop", "sequence");
        assertRejected("123456789012345", "sequence");
        assertRejected("987654321098765", "sequence");
        assertRejected("zyxwvutsrqponmlk", "sequence");
    }

    @Test
    void bundledListIsLoaded() {
        assertTrue(CommonPasswords.load().size() > 40_000);
    }
}
