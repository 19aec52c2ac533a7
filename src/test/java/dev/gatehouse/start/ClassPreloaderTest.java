package dev.gatehouse.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gatehouse.support.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        assertEquals("false", probe(Jvm.TEST_JAVA));
        // a JVM goes on without an archive it cannot find, but the option is what is asked
        assertEquals("true", probe(Jvm.TEST_JAVA, "-XX:SharedArchiveFile=" + dir.resolve("none.jsa")));
    }

    @Test
    void theJvmImagesAotCacheIsToldApart(@TempDir Path dir) throws Exception {
        Path java = Jvm.IMAGE_JDK.resolve("bin/java");
        assumeTrue(Files.isExecutable(java), "no JDK 25 at " + java + " (-Dgatehouse.image-jdk)");
        assertEquals("false", probe(java));
        assertEquals("true", probe(java, "-XX:AOTCache=" + dir.resolve("none.aot")));
    }

    /** Runs ArchiveProbe in a JVM of its own with the given options; the answer it printed last. */
    private static String probe(Path java, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ArchiveProbe.class.getName()));
        Jvm.Run run = Jvm.run(command);
        assertEquals(0, run.exit(), run.err());
        String printed = run.out().strip(); // the JVM's own warnings print there too
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
