package dev.gatehouse.start;

/** Prints what {@link ClassPreloader#fromClassArchive()} answers in the JVM it runs in. */
public final class ArchiveProbe {

    private ArchiveProbe() {}

    public static void main(String... args) {
        System.out.print(ClassPreloader.fromClassArchive());
    }
}
