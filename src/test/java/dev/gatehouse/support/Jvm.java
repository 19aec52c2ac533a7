package dev.gatehouse.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM run to its end in a process of its own, for tests of what a JVM itself does. */
public final class Jvm {

    /** The JDK of the JVM image's base (its major version); elsewhere, {@code -Dgatehouse.image-jdk}. */
    public static final Path IMAGE_JDK =
            Path.of(System.getProperty("gatehouse.image-jdk", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    /** The test JVM's own java binary. */
    public static final Path TEST_JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    public record Run(int exit, String out, String err) {}

    private Jvm() {}

    /** Runs the command to its end; its output goes through files, so a long one cannot fill a pipe and hang it. */
    public static Run run(List<String> command) throws Exception {
        Path out = Files.createTempFile("jvm-out", ".txt");
        Path err = Files.createTempFile("jvm-err", ".txt");
        try {
            Process jvm = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            assertTrue(jvm.waitFor(120, TimeUnit.SECONDS), "the JVM ended: " + command);
            return new Run(
                    jvm.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
