package dev.gatehouse.start;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The process's entry point: starts the {@link ClassPreloader} on a thread of its own, then
 * Quarkus on this one, exactly as Quarkus's generated entry point would.
 */
@QuarkusMain
public final class Main {

    // not private: Quarkus makes a bean of a @QuarkusMain class, and a private constructor would
    // need reflection (the build says so)
    Main() {}

    public static void main(String... args) {
        ClassPreloader.startInBackground();
        Quarkus.run(args);
    }
}
