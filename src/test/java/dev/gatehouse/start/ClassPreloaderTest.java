package dev.gatehouse.start;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

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
