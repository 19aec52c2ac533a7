package dev.gatehouse.dpop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The {@code htu} comparison of RFC 9449 §4.3 step 9: both URIs without query and fragment, after
 * the syntax-based and scheme-based normalisation of RFC 3986 §6.2.2 and §6.2.3 (case of scheme and
 * host, percent-encoding, dot segments, default port, empty path).
 */
final class TargetUris {

    private TargetUris() {}

    /** The normalised http(s) URI without query and fragment, or null when {@code value} is no such URI. */
    static String normalize(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException | NullPointerException e) {
            return null;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!("http".equals(scheme) || "https".equals(scheme))
                || uri.getRawAuthority() == null
                || uri.getHost() == null
                || uri.getRawUserInfo() != null) {
            return null;
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path =
                percentEncoding(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        String normalizedPath;
        try {
            // parsed again from text, so the escapes stay as they are (the multi-argument constructors would quote '%')
            normalizedPath = new URI("http://host" + path).normalize().getRawPath();
        } catch (URISyntaxException e) {
            return null;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port)
                + normalizedPath;
    }

    /** RFC 3986 §6.2.2.2: percent-encoded unreserved characters decoded, the other escapes in upper case. */
    private static String percentEncoding(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                char decoded = (char) Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (isUnreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(path.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
