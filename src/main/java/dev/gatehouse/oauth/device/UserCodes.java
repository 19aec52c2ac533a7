package dev.gatehouse.oauth.device;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * User codes a person can read and type (RFC 8628 §6.1): 8 characters from 20 consonants without
 * look-alikes or vowels (no words), about 34.6 bits, shown as {@code XXXX-XXXX}; typed in any
 * case, with or without the dash or spaces.
 */
@ApplicationScoped
public class UserCodes {

    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int LENGTH = 8;

    private final SecureRandom random = new SecureRandom();

    /** A new code, normalized (no dash). */
    public String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as typed, normalized; null when it cannot be a user code at all. */
    public static String normalize(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return code;
    }

    /** How the code is shown: {@code XXXX-XXXX}. */
    public static String display(String normalized) {
        return normalized.substring(0, LENGTH / 2) + "-" + normalized.substring(LENGTH / 2);
    }
}
