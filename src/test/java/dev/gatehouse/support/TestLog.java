package dev.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The log the {@code @QuarkusTest} applications write ({@code target/test-logs/app.log}, set in
 * pom.xml). Every run of the suite appends to it, so only this process's lines count: JSON lines
 * carry its {@code processId}, the text lines before logging is set up its {@code java[pid]}.
 */
public final class TestLog {

    public static final Path FILE = Path.of("target", "test-logs", "app.log");

    private static final Pattern THIS_PROCESS =
            Pattern.compile("\"processId\":" + ProcessHandle.current().pid() + "[,}]|java\\["
                    + ProcessHandle.current().pid() + "]");

    private TestLog() {}

    /** This process's lines so far. */
    public static List<String> thisProcess() {
        try (Stream<String> log = Files.lines(FILE)) {
            return log.filter(line -> THIS_PROCESS.matcher(line).find()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This process's ERROR lines so far that contain {@code text}. */
    public static long errors(String text) {
        return thisProcess().stream()
                .filter(line -> line.contains("\"level\":\"ERROR\"") && line.contains(text))
                .count();
    }
}
