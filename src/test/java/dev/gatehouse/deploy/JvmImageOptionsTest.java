package dev.gatehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.support.Jvm;
import dev.gatehouse.support.Jvm.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JVM options Dockerfile.jvm starts with: the files they name are in the image, and the JVM takes them. */
class JvmImageOptionsTest {

    private static final Path DOCKERFILE = Manifests.ROOT.resolve("src/main/docker/Dockerfile.jvm");
    private static final Path COMPILE_COMMANDS = Manifests.ROOT.resolve("src/main/docker/compile-commands.txt");

    @Test
    void compileCommandsFileIsCopiedWhereTheOptionsLookForIt() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        String prefix = "-XX:CompileCommandFile=";
        String path = envWords(dockerfile, "GATEHOUSE_JVM_OPTS").stream()
                .filter(option -> option.startsWith(prefix))
                .map(option -> option.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("GATEHOUSE_JVM_OPTS names a CompileCommandFile"));
        assertTrue(
                dockerfile.contains("COPY --chown=185 src/main/docker/compile-commands.txt " + path + "\n"),
                "the image holds " + path);
    }

    /** A line HotSpot cannot parse stops the JVM before main; a rule it echoes lands in the JSON log stream. */
    @Test
    void theJvmTakesTheCompileCommandsSilently() throws Exception {
        List<String> rules = Files.readAllLines(COMPILE_COMMANDS).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertEquals("quiet", rules.get(0), "quiet comes before the rules it silences");
        assertTrue(rules.size() > 1, "the file holds rules");

        Run jvm = Jvm.run(List.of(Jvm.TEST_JAVA.toString(), "-XX:CompileCommandFile=" + COMPILE_COMMANDS, "-version"));
        assertEquals(0, jvm.exit(), "the JVM refused the file: " + jvm.out() + jvm.err());
        assertFalse(jvm.out().contains("CompileCommand"), "rules echoed on stdout: " + jvm.out());
        assertFalse(jvm.err().contains("CompileCommand"), "rules refused or echoed: " + jvm.err());
    }

    /**
     * An option the image's JDK does not know stops every replica before main (an exit, a crash
     * loop), and a warning the JVM prints is noise in the log. The options are the Dockerfile's own,
     * run on a JDK of the base image's major version.
     */
    @Test
    void theImagesJdkTakesItsOptionsSilently() throws Exception {
        Run jvm = imageJvm("-version");
        assertEquals(0, jvm.exit(), "the JVM refused the image's options: " + jvm.err());
        assertEquals("", jvm.out(), "the JVM printed on stdout");
        assertFalse(jvm.err().toLowerCase().contains("warning"), "the JVM warned: " + jvm.err());
    }

    /**
     * stdout is the JSON log stream a collector parses line by line, so the JVM's own messages go to
     * stderr: those of its unified logging (a cache it refuses) and the rest (the last words of
     * run-java.sh's ExitOnOutOfMemoryError).
     */
    @Test
    void theJvmsOwnMessagesStayOffTheLogStream(@TempDir Path dir) throws Exception {
        Run refused = imageJvm("-XX:AOTCache=" + dir.resolve("from-another-build.aot"), "-version");
        assertEquals(0, refused.exit(), "a refused cache is not fatal: " + refused.err());
        assertTrue(refused.err().contains("[error][aot]"), "the JVM said it refused the cache: " + refused.err());
        assertEquals("", refused.out(), "the JVM's logging on stdout");

        Path program = dir.resolve("Exhaust.java");
        Files.writeString(program, """
                class Exhaust {
                    public static void main(String[] args) {
                        var held = new java.util.ArrayList<long[]>();
                        while (true) held.add(new long[1 << 16]);
                    }
                }
                """);
        Run oom = imageJvm("-Xmx16m", "-XX:+ExitOnOutOfMemoryError", program.toString());
        assertEquals(3, oom.exit(), "ExitOnOutOfMemoryError ended the JVM: " + oom.err());
        assertTrue(
                oom.err().contains("Terminating due to java.lang.OutOfMemoryError"),
                "the JVM said why it stopped: " + oom.err());
        assertEquals("", oom.out(), "the JVM's own output on stdout");
    }

    /**
     * The heap the JVM computes in a pod: a quarter of its memory limit, all of it from the start
     * (Dockerfile.jvm says why). {@code -XX:MaxRAM} stands for the pod's limit: the JVM sizes its heap
     * from either alike. With run-java.sh's ratio alone a 384 MiB pod got a 126 MiB heap.
     */
    @ParameterizedTest
    @ValueSource(ints = {256, 384, 512, 1024})
    void theHeapIsAQuarterOfThePodFromTheStart(int podMiB) throws Exception {
        Run jvm = imageJvm(podMiB, "-XX:+PrintFlagsFinal", "-version");
        assertEquals(0, jvm.exit(), "the JVM refused the image's options: " + jvm.err());
        long quarter = podMiB * 1024L * 1024L / 4;
        assertEquals(quarter, flag(jvm.out() + jvm.err(), "MaxHeapSize"), "maximum heap in " + podMiB + " MiB");
        assertEquals(quarter, flag(jvm.out() + jvm.err(), "InitialHeapSize"), "initial heap in " + podMiB + " MiB");
    }

    /** A {@code size_t} flag's value in {@code -XX:+PrintFlagsFinal}'s table. */
    private static long flag(String table, String name) {
        Matcher line =
                Pattern.compile("(?m)^\\s*size_t " + name + "\\s+= (\\d+)").matcher(table);
        assertTrue(line.find(), name + " in " + table);
        return Long.parseLong(line.group(1));
    }

    /** {@link #imageJvm(int, String...)} in the pod the image is made for, 384 MiB. */
    private static Run imageJvm(String... args) throws Exception {
        return imageJvm(384, args);
    }

    /**
     * Runs the JDK of the base image's major version as run-java.sh starts it in a pod of
     * {@code podMiB}: its heap option (JAVA_MAX_MEM_RATIO, 80 % when the Dockerfile sets none), then
     * {@code GC_CONTAINER_OPTIONS} and {@code GATEHOUSE_JVM_OPTS}, then {@code args}.
     */
    private static Run imageJvm(int podMiB, String... args) throws Exception {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher base = Pattern.compile("(?m)^FROM \\S+/openjdk-(\\d+)-runtime").matcher(dockerfile);
        assertTrue(base.find(), "the image is built FROM an openjdk-N-runtime base");
        assumeTrue(
                Files.isExecutable(Jvm.IMAGE_JDK.resolve("bin/java")),
                "no JDK at " + Jvm.IMAGE_JDK + " (-Dgatehouse.image-jdk)");
        String release = Files.readString(Jvm.IMAGE_JDK.resolve("release"));
        assertTrue(
                release.contains("JAVA_VERSION=\"" + base.group(1) + "."),
                Jvm.IMAGE_JDK + " is not the base image's JDK " + base.group(1));

        Matcher ratio = Pattern.compile("(?m)^ENV JAVA_MAX_MEM_RATIO=(\\d+)$").matcher(dockerfile);
        String maxRam = "-XX:MaxRAMPercentage=" + (ratio.find() ? ratio.group(1) : "80") + ".0";
        List<String> command = new ArrayList<>(
                List.of(Jvm.IMAGE_JDK.resolve("bin/java").toString(), "-XX:MaxRAM=" + podMiB + "m", maxRam));
        command.addAll(envWords(dockerfile, "GC_CONTAINER_OPTIONS"));
        for (String option : envWords(dockerfile, "GATEHOUSE_JVM_OPTS")) {
            command.add(option.replace("/deployments/compile-commands.txt", COMPILE_COMMANDS.toString()));
        }
        assertTrue(
                command.stream().anyMatch(o -> o.startsWith("-XX:CompileCommandFile=/")), "options read: " + command);
        command.addAll(List.of(args));
        return Jvm.run(command);
    }

    /** The words of a Dockerfile {@code ENV NAME="..."} line. */
    private static List<String> envWords(String dockerfile, String name) {
        Matcher env = Pattern.compile("(?m)^ENV " + name + "=\"([^\"]*)\"$").matcher(dockerfile);
        assertTrue(env.find(), "the Dockerfile sets " + name);
        return List.of(env.group(1).trim().split("\\s+"));
    }
}
