package dev.gatehouse.start;

import io.quarkus.runtime.ImageMode;
import io.quarkus.runtime.LaunchMode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * Loads, on a second core, the classes a start is about to load on its main thread. A replica
 * loads about 10,000 classes from its JARs on the way to its first token (Hibernate ORM's boot
 * alone about 3,700), one after the other on the main thread, while the other core is often idle:
 * this thread reads the same classes in the order a start needs them (the list in
 * {@value #LIST}, written by {@code bench/preload-list.sh}), so the main thread mostly finds them
 * already defined. Classes are loaded, never initialised: no static initialiser runs here, and
 * the order in which the application initialises its classes is unchanged. A name the class path
 * no longer has is skipped. Only in a packaged JVM launch: a native image has its classes built
 * in, and dev and test modes load the application through class loaders of their own.
 */
final class ClassPreloader {

    static final String LIST = "META-INF/gatehouse/preload-classes.txt";

    private static final Logger LOG = Logger.getLogger(ClassPreloader.class);

    /** How one pass over a list went. */
    record Result(int listed, int loaded, long millis) {}

    private ClassPreloader() {}

    static void startInBackground() {
        if (ImageMode.current().isNativeImage() || LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        Thread thread = new Thread(() -> report(preload(loader, LIST)), "gatehouse-class-preloader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Loads every class the resource names, without initialising any; null without the resource. */
    static Result preload(ClassLoader loader, String resource) {
        long start = System.nanoTime();
        int listed = 0;
        int loaded = 0;
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            BufferedReader names = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = names.readLine(); line != null; line = names.readLine()) {
                String name = line.strip();
                if (name.isEmpty() || name.startsWith("#")) {
                    continue;
                }
                listed++;
                if (load(name, loader)) {
                    loaded++;
                }
            }
        } catch (IOException e) {
            LOG.debugf("class list %s unreadable: %s", resource, e.getMessage());
        }
        return new Result(listed, loaded, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // not on this class path (a list older than the dependencies): nothing to warm
        }
    }

    private static void report(Result result) {
        if (result != null) {
            LOG.debugf("preloaded %d of %d listed classes in %d ms", result.loaded(), result.listed(), result.millis());
        }
    }
}
