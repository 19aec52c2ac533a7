package dev.gatehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JVM options Dockerfile.jvm starts with: the files they name are in the image, and the JVM takes them. */
class JvmImageOptionsTest {

    private static final Path DOCKERFILE = Manifests.ROOT.resolve("src/main/docker/Dockerfile.jvm");
    private static final Path COMPILE_COMMANDS = Manifests.ROOT.resolve("src/main/docker/compile-commands.txt");

    @Test
    void compileCommandsFileIsCopiedWhereTheOptionsLookForIt() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher option = Pattern.compile("ENV GATEHOUSE_JVM_OPTS=\"[^\"]*-XX:CompileCommandFile=(\\S+)[\" ]")
                .matcher(dockerfile);
        assertTrue(option.find(), "GATEHOUSE_JVM_OPTS names a CompileCommandFile");
        assertTrue(
                dockerfile.contains("COPY --chown=185 src/main/docker/compile-commands.txt " + option.group(1) + "\n"),
                "the image holds " + option.group(1));
    }

    /** A line HotSpot cannot parse stops the JVM before main; a rule it echoes lands in the JSON log stream. */
    @Test
    void theJvmTakesTheCompileCommandsSilently() throws Exception {
        List<String> rules = Files.readAllLines(COMPILE_COMMANDS).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertEquals("quiet", rules.get(0), "quiet comes before the rules it silences");
        assertTrue(rules.size() > 1, "the file holds rules");

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm = new ProcessBuilder(java.toString(), "-XX:CompileCommandFile=" + COMPILE_COMMANDS, "-version")
                .redirectErrorStream(false)
                .start();
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the JVM answered -version");
        String out = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(jvm.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, jvm.exitValue(), "the JVM refused the file: " + out + err);
        assertFalse(out.contains("CompileCommand"), "rules echoed on stdout: " + out);
        assertFalse(err.contains("CompileCommand"), "rules refused or echoed: " + err);
    }
}
