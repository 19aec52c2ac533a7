package dev.gatehouse.start;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The process's entry point: starts the {@link ClassPreloader} on a thread of its own, then
 * Quarkus on this one, exactly as Quarkus's generated entry point would.
 */
@QuarkusMain
public final class Main {

    private Main() {}

    public static void main(String... args) {
        ClassPreloader.startInBackground();
        Quarkus.run(args);
    }
}
