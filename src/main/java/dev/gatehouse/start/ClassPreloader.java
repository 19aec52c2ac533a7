package dev.gatehouse.start;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.quarkus.runtime.ImageMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads, on a second core, the classes a start is about to load on its main thread. A replica
 * loads about 10,000 classes from its JARs on the way to its first token (Hibernate ORM's boot
 * alone about 3,700), one after the other on the main thread, while the other core is often idle:
 * this thread reads the same classes in the order a start needs them (the list in
 * {@value #LIST}, written by {@code bench/preload-list.sh}), so the main thread mostly finds them
 * already defined. Classes are loaded, never initialised: no static initialiser runs here, and
 * the order in which the application initialises its classes is unchanged. A name the class path
 * no longer has is skipped. Not in a native image, which has its classes built in, nor in a JVM
 * that runs from an AOT cache ({@link #fromClassArchive()}). Dev mode runs it too, through its own
 * class loaders (harmless: the same classes); tests do not call the main class.
 */
final class ClassPreloader {

    static final String LIST = "META-INF/gatehouse/preload-classes.txt";

    /** How one pass over a list went. */
    record Result(int listed, int loaded, long millis) {}

    private ClassPreloader() {}

    static void startInBackground() {
        if (ImageMode.current().isNativeImage()) {
            return;
        }
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        Thread thread = new Thread(
                () -> {
                    if (!fromClassArchive()) {
                        report(preload(loader, LIST));
                    }
                },
                "gatehouse-class-preloader");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Whether the JVM runs from an AOT cache or an application class archive (the JVM image does):
     * its classes come from there already, and a pass over the list would only cost CPU (0.2-0.3 s
     * measured). Asked on the preloading thread; Micrometer's JVM metrics load the management
     * classes anyway. A runtime without them (a jlinked one) counts as no archive.
     */
    static boolean fromClassArchive() {
        HotSpotDiagnosticMXBean vm;
        try {
            vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
        for (String option : List.of("AOTCache", "SharedArchiveFile")) {
            try {
                if (!vm.getVMOption(option).getValue().isEmpty()) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // an option this JVM does not have (AOTCache before JDK 24)
            }
        }
        return false;
    }

    /** Loads every class the resource names, without initialising any; null without the resource. */
    static Result preload(ClassLoader loader, String resource) {
        long start = System.nanoTime();
        List<String> names;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            names = names(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return null; // nothing preloaded: the main thread loads what it needs
        }
        int loaded = 0;
        for (String name : names) {
            if (load(name, loader)) {
                loaded++;
            }
        }
        return new Result(names.size(), loaded, (System.nanoTime() - start) / 1_000_000);
    }

    /** The class names of a list: one per line; blank lines and lines starting with # are not names. */
    static List<String> names(BufferedReader list) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line = list.readLine(); line != null; line = list.readLine()) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    private static boolean load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // not on this class path (a list older than the dependencies): nothing to warm
        }
    }

    /**
     * At debug level, from the preloading thread, so the main thread never pays for the logger. A
     * report made before Quarkus has set the logging up would be dropped; a pass takes seconds,
     * longer than that set-up (ClassPreloadIT reads the report of a packaged start).
     */
    private static void report(Result result) {
        if (result != null) {
            Logger.getLogger(ClassPreloader.class)
                    .debugf(
                            "preloaded %d of %d listed classes in %d ms",
                            result.loaded(), result.listed(), result.millis());
        }
    }
}
