package dev.gatehouse.user;

import java.util.HashMap;
import java.util.Map;

/**
 * Simple tests for passwords that are long but still guessable: repetitions, keyboard walks and
 * sequences, and a helper that strips the decoration people add around a weak word. Every method
 * takes a lower-cased, NFKC-normalised password and works on code points.
 */
final class WeakPatterns {

    /** Share of neighbouring character pairs that makes a password a walk or a sequence. */
    private static final double PREDICTABLE_SHARE = 0.75;

    /** US keyboard rows; each row sits half a key to the right of the row above. */
    private static final String[] ROWS = {"1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"};
    /** The same rows typed with Shift, mapped onto the plain keys above. */
    private static final String[] SHIFTED_ROWS = {"!@#$%^&*()_+", "{}|", ":\"", "<>?"};

    private static final String[] SHIFTED_AS = {"1234567890-=", "[]\\", ";'", ",./"};

    /** Row and column of every key (shifted symbols share their key's place). */
    private static final Map<Integer, int[]> KEYS = new HashMap<>();

    static {
        for (int row = 0; row < ROWS.length; row++) {
            for (int col = 0; col < ROWS[row].length(); col++) {
                KEYS.put((int) ROWS[row].charAt(col), new int[] {row, col});
            }
        }
        for (int i = 0; i < SHIFTED_ROWS.length; i++) {
            for (int j = 0; j < SHIFTED_ROWS[i].length(); j++) {
                KEYS.put((int) SHIFTED_ROWS[i].charAt(j), KEYS.get((int) SHIFTED_AS[i].charAt(j)));
            }
        }
    }

    /** Common "leet" substitutions, undone to find a disguised common password. */
    private static final String LEET_FROM = "0134578@$!";

    private static final String LEET_TO = "oieastbasi";

    private WeakPatterns() {}

    /** Whether the whole password is one shorter unit typed twice or more ("abcabcabc", "aaaa"). */
    static boolean isRepetition(String password) {
        return !repeatedUnit(password).equals(password);
    }

    /**
     * The shortest unit that, repeated, makes up the whole string ("ab" for "ababab"; a trailing
     * partial copy is allowed, as in "abcabca"), or the string itself when it does not repeat.
     */
    static String repeatedUnit(String s) {
        int[] cp = s.codePoints().toArray();
        for (int period = 1; period <= cp.length / 2; period++) {
            int i = period;
            while (i < cp.length && cp[i] == cp[i - period]) {
                i++;
            }
            if (i == cp.length) {
                return new String(cp, 0, period);
            }
        }
        return s;
    }

    /** The password without leading and trailing digits, symbols and spaces ("password" for "!password123"). */
    static String stripPadding(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && !Character.isLetter(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** The string with common digit and symbol substitutions undone ("p@ssw0rd" becomes "password"). */
    static String unleet(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            int at = LEET_FROM.indexOf(s.charAt(i));
            out.append(at >= 0 ? LEET_TO.charAt(at) : s.charAt(i));
        }
        return out.toString();
    }

    /**
     * Whether at least three quarters of neighbouring pairs are predictable: the same character
     * twice, neighbours on the keyboard ("qwerty", "1qaz2wsx", "zxcvbn"), or neighbours in the
     * alphabet or the digits, either way ("abcdef", "7890123", "987654").
     */
    static boolean isWalkOrSequence(String password) {
        int[] cp = password.codePoints().toArray();
        if (cp.length < 2) {
            return false;
        }
        int predictable = 0;
        for (int i = 1; i < cp.length; i++) {
            int a = cp[i - 1];
            int b = cp[i];
            if (a == b || isSequential(a, b) || isKeyboardNeighbour(a, b)) {
                predictable++;
            }
        }
        return predictable >= PREDICTABLE_SHARE * (cp.length - 1);
    }

    /** Next or previous letter (a-z) or digit (0-9, where 9 and 0 are neighbours). */
    private static boolean isSequential(int a, int b) {
        if (isAsciiLetter(a) && isAsciiLetter(b)) {
            return Math.abs(a - b) == 1;
        }
        if (isDigit(a) && isDigit(b)) {
            int step = Math.floorMod(b - a, 10);
            return step == 1 || step == 9;
        }
        return false;
    }

    /** Keys side by side on one row, or touching on the row above or below. */
    private static boolean isKeyboardNeighbour(int a, int b) {
        int[] ka = KEYS.get(a);
        int[] kb = KEYS.get(b);
        if (ka == null || kb == null) {
            return false;
        }
        int rowStep = kb[0] - ka[0];
        int colStep = kb[1] - ka[1];
        return switch (rowStep) {
            case 0 -> Math.abs(colStep) == 1;
            case -1 -> colStep == 0 || colStep == 1; // the row above is shifted half a key left
            case 1 -> colStep == 0 || colStep == -1; // the row below is shifted half a key right
            default -> false;
        };
    }

    private static boolean isAsciiLetter(int c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
