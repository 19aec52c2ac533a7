package dev.gatehouse.user;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The identity of an email address: NFKC-normalized (full-width and compatibility look-alikes fold
 * to their plain forms), trimmed and lower-cased, so no other spelling reaches another account.
 */
public final class Emails {

    private Emails() {}

    public static String normalize(String email) {
        return Normalizer.normalize(email.trim(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** A plausible address: one {@code @}, a non-empty local part and a dotted domain, no spaces or controls. */
    public static boolean isPlausible(String normalized) {
        int at = normalized.indexOf('@');
        if (at <= 0 || at != normalized.lastIndexOf('@') || normalized.length() > 254) {
            return false;
        }
        String domain = normalized.substring(at + 1);
        return domain.contains(".")
                && !domain.startsWith(".")
                && !domain.endsWith(".")
                && normalized.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
    }
}
