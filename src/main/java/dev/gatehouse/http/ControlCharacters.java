package dev.gatehouse.http;

/**
 * Control characters (U+0000–U+001F, U+007F) in client input. The contract refuses them in
 * emails, names and passwords, never strips them (an email with a trailing NUL is not another
 * spelling of an account); where client input reaches a log line or an audit row they are
 * written out as {@code \\uXXXX}, so no value can split a line or make PostgreSQL refuse a row.
 */
public final class ControlCharacters {

    /** A Bean Validation pattern for text without control characters ({@code \p{Cntrl}} is exactly that set). */
    public static final String NONE = "[^\\p{Cntrl}]*";

    /** The refusal, after the field's name. */
    public static final String REFUSAL = "must not contain control characters (U+0000–U+001F, U+007F)";

    private ControlCharacters() {}

    /** Whether {@code value} holds a control character (null holds none). */
    public static boolean present(String value) {
        return value != null && value.chars().anyMatch(ControlCharacters::isControl);
    }

    /** The value with every control character (C0, DEL and C1) written as {@code \\uXXXX}; null stays null. */
    public static String escaped(String value) {
        if (value == null || value.chars().noneMatch(Character::isISOControl)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        value.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    private static boolean isControl(int c) {
        return c <= 0x1f || c == 0x7f;
    }
}
