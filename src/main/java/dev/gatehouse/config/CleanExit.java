package dev.gatehouse.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes asks a replica to stop, not a failure: after the graceful shutdown
 * (readiness DOWN, {@code quarkus.shutdown.delay}, drain within {@code quarkus.shutdown.timeout},
 * all run by the shutdown hooks) the process exits 0 instead of the JVM's 143, so a stopped
 * replica is not reported as a crash. Only in a normal launch; dev and test keep the default.
 */
@Singleton
public class CleanExit {

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        try {
            Signal.handle(new Signal("TERM"), signal -> {
                Log.info("SIGTERM: shutting down gracefully");
                System.exit(0);
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            Log.debugf("SIGTERM handler not installed: %s", e.getMessage());
        }
    }
}
