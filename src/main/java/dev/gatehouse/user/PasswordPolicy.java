package dev.gatehouse.user;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.config.PasswordRule;
import dev.gatehouse.error.ApiException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a new password is acceptable, following NIST SP 800-63B-4 for passwords used
 * as a single factor: a minimum and maximum length, no composition rules (no required digits,
 * symbols or capitals), and a refusal of passwords that are common, breached, derived from the
 * account's email, or long but predictable. Lengths count Unicode code points after NFKC.
 *
 * <p>The bundled common-password list is loaded once, at start-up.
 */
@Startup
@ApplicationScoped
public class PasswordPolicy implements PasswordRule {

    /** A local part shorter than this is too short to look for inside a password. */
    private static final int MIN_LOCAL_PART_TO_SEARCH = 4;
    /** A common password's core shorter than this is not worth looking up ("a", "ab"). */
    private static final int MIN_CORE_TO_LOOK_UP = 3;

    private final int minLength;
    private final int maxLength;
    private final CommonPasswords common;

    public PasswordPolicy(GatehouseConfig config) {
        this.minLength = config.password().minLength();
        this.maxLength = config.password().maxLength();
        this.common = CommonPasswords.load();
    }

    @Override
    public Optional<String> refusal(String password, String email) {
        try {
            check(password, email);
            return Optional.empty();
        } catch (ApiException e) {
            return Optional.of(e.description());
        }
    }

    /**
     * Checks a password someone chose for the account with this email.
     *
     * @param password the password as typed
     * @param email    the account's email, or null when there is none to compare with
     * @throws ApiException {@code invalid_request}, with a reason a person can act on, when the
     *                      password is too short, too long, or too easy to guess
     */
    public void check(String password, String email) {
        if (password == null || password.isEmpty()) {
            throw ApiException.invalidRequest("A password is required.");
        }
        // Cheap guard before normalising a huge input; generous, as NFKC may merge several
        // code points (a letter and its accents) into one.
        if (password.length() > 4L * maxLength + 16) {
            throw tooLong();
        }
        String normalized = Normalizer.normalize(password, Normalizer.Form.NFKC);
        int length = normalized.codePointCount(0, normalized.length());
        if (length < minLength) {
            throw ApiException.invalidRequest("The password must be at least " + minLength + " characters long.");
        }
        if (length > maxLength) {
            throw tooLong();
        }
        String lower = normalized.toLowerCase(Locale.ROOT);
        checkEmail(lower, email);

        // On the list of common and breached passwords, as typed.
        if (common.contains(lower) || common.contains(lower.strip())) {
            throw ApiException.invalidRequest(
                    "This password is too common: it appears in lists of breached passwords. Choose another.");
        }
        // One short unit typed again and again: "passwordpassword", "abcabcabc...", "aaaa...".
        if (WeakPatterns.isRepetition(lower)) {
            throw ApiException.invalidRequest(
                    "The password repeats the same characters or word; a repeated password is easy to guess.");
        }
        // A common password hidden by padding, repetition or look-alike characters:
        // "password123456789", "iloveyouiloveyou!", "p@ssw0rd!!!!!!!!".
        if (isDisguisedCommon(lower)) {
            throw ApiException.invalidRequest(
                    "The password is a common password with digits, symbols or repetitions added; "
                            + "those are guessed first. Choose something less predictable.");
        }
        // Mostly keyboard neighbours or alphabet/digit runs: "qwertyuiopasdfgh", "abcdefghijklmnop".
        if (WeakPatterns.isWalkOrSequence(lower)) {
            throw ApiException.invalidRequest(
                    "The password is a keyboard pattern or a sequence (like qwerty, 1qaz2wsx or 123456); "
                            + "those are guessed first.");
        }
    }

    /** Refuses the email itself, its local part, and passwords containing that local part. */
    private static void checkEmail(String lowerPassword, String email) {
        if (email == null || email.isBlank()) {
            return;
        }
        String address =
                Normalizer.normalize(email.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        int at = address.lastIndexOf('@');
        String local = at >= 0 ? address.substring(0, at) : address;
        String trimmed = lowerPassword.strip();
        if (trimmed.equals(address) || trimmed.equals(local) || trimmed.contains(address)) {
            throw ApiException.invalidRequest("The password must not be your email address.");
        }
        if (local.codePointCount(0, local.length()) >= MIN_LOCAL_PART_TO_SEARCH && lowerPassword.contains(local)) {
            throw ApiException.invalidRequest("The password must not contain your email address or its name part.");
        }
    }

    /**
     * Strips leading and trailing digits and symbols, reduces a repeated core to its unit, and
     * looks the result up on the list both as typed and with leet substitutions undone.
     */
    private boolean isDisguisedCommon(String lower) {
        String unit = WeakPatterns.repeatedUnit(WeakPatterns.stripPadding(lower));
        if (unit.codePointCount(0, unit.length()) < MIN_CORE_TO_LOOK_UP) {
            return false;
        }
        return common.contains(unit) || common.contains(WeakPatterns.unleet(unit));
    }

    private ApiException tooLong() {
        return ApiException.invalidRequest("The password must be at most " + maxLength + " characters long.");
    }
}
