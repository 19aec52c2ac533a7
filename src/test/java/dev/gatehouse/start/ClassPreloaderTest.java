package dev.gatehouse.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPreloaderTest {

    private static final String LIST = "dev/gatehouse/start/preload-test.txt";
    static final AtomicBoolean INITIALISED = new AtomicBoolean();

    /** Its static initialiser says when it ran; reading the flag does not run it. */
    static final class InitialisedOnFirstUse {
        static {
            INITIALISED.set(true);
        }
    }

    @Test
    void loadsEveryListedClassPastAMissingOneWithoutInitialisingAny() {
        RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());

        ClassPreloader.Result result = ClassPreloader.preload(loader, LIST);

        assertEquals(2, result.listed(), "comments and blank lines are not names");
        assertEquals(1, result.loaded());
        assertEquals(
                List.of("com.example.NoSuchClass", "dev.gatehouse.start.ClassPreloaderTest$InitialisedOnFirstUse"),
                loader.asked,
                "every name, in the list's order, through the loader it was given");
        assertFalse(INITIALISED.get(), "a preloaded class is loaded, never initialised");
    }

    @Test
    void withoutItsListItDoesNothing() {
        RecordingLoader loader = new RecordingLoader(getClass().getClassLoader());

        assertNull(ClassPreloader.preload(loader, "dev/gatehouse/start/no-such-list.txt"));
        assertEquals(List.of(), loader.asked);
    }

    @Test
    void aJvmRunningFromAClassArchiveIsToldApart(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        assertEquals("false", probe(java, dir, List.of()));
        // a JVM goes on without an archive it cannot find, but the option is what is asked
        assertEquals("true", probe(java, dir, List.of("-XX:SharedArchiveFile=" + dir.resolve("none.jsa"))));
    }

    @Test
    void theJvmImagesAotCacheIsToldApart(@TempDir Path dir) throws Exception {
        Path java =
                Path.of(System.getProperty("gatehouse.image-jdk", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + java + " (-Dgatehouse.image-jdk)");
        assertEquals("false", probe(java, dir, List.of()));
        assertEquals("true", probe(java, dir, List.of("-XX:AOTCache=" + dir.resolve("none.aot"))));
    }

    /** Runs ArchiveProbe in a JVM of its own with the given options; the answer it printed last. */
    private static String probe(Path java, Path dir, List<String> options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ArchiveProbe.class.getName()));
        Path out = dir.resolve("out.txt");
        Process jvm = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertTrue(jvm.waitFor(60, TimeUnit.SECONDS), "the probe JVM ends");
        assertEquals(0, jvm.exitValue(), Files.readString(dir.resolve("err.txt")));
        String printed = Files.readString(out).strip(); // the JVM's own warnings print there too
        return printed.substring(printed.lastIndexOf('\n') + 1);
    }

    /** Delegates to its parent and remembers every class it was asked for. */
    private static final class RecordingLoader extends ClassLoader {
        final List<String> asked = new ArrayList<>();

        RecordingLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
