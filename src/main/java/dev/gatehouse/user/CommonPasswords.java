package dev.gatehouse.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The bundled list of common and breached passwords ({@value #RESOURCE}, one lower-case password
 * a line; its source and licence are in the README beside it), held in memory for look-ups.
 */
final class CommonPasswords {

    static final String RESOURCE = "/passwords/common-passwords.txt";

    private final Set<String> passwords;

    private CommonPasswords(Set<String> passwords) {
        this.passwords = passwords;
    }

    /**
     * Reads the bundled list from the classpath.
     *
     * @throws IllegalStateException when the resource is missing or empty
     */
    static CommonPasswords load() {
        Set<String> set = new HashSet<>(70_000);
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    set.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
        if (set.isEmpty()) {
            throw new IllegalStateException("Empty password list " + RESOURCE);
        }
        return new CommonPasswords(set);
    }

    /** Whether the lower-cased password is on the list. */
    boolean contains(String lowerCasePassword) {
        return passwords.contains(lowerCasePassword);
    }

    /** How many passwords the list holds. */
    int size() {
        return passwords.size();
    }
}
