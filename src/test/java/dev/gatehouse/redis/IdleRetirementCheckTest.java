package dev.gatehouse.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class IdleRetirementCheckTest {

    @Test
    void theShippedSettingsRetireAnIdleConnectionBeforeTheBoundFires() throws IOException {
        Properties shipped = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            shipped.load(in);
        }

        Optional<String> problem = IdleRetirementCheck.problem(
                setting(shipped, IdleRetirementCheck.READ_IDLE),
                setting(shipped, IdleRetirementCheck.RECYCLE),
                setting(shipped, IdleRetirementCheck.CLEANER));

        assertTrue(setting(shipped, IdleRetirementCheck.READ_IDLE).isPresent(), "the bound is set");
        assertEquals(Optional.empty(), problem);
    }

    @Test
    void thePoolsOwnDefaultsOrARetirementAsLongAsTheBoundAreWarnedOf() {
        Optional<Duration> bound = Optional.of(Duration.ofSeconds(2));

        String warning = IdleRetirementCheck.problem(bound, Optional.empty(), Optional.empty())
                .orElseThrow();
        assertTrue(warning.contains("210000 ms"), warning);
        assertTrue(IdleRetirementCheck.problem(
                        bound, Optional.of(Duration.ofSeconds(1)), Optional.of(Duration.ofSeconds(1)))
                .isPresent());
        assertEquals(
                Optional.empty(),
                IdleRetirementCheck.problem(
                        bound, Optional.of(Duration.ofMillis(1000)), Optional.of(Duration.ofMillis(999))));
    }

    @Test
    void withoutABoundNothingIsClosedForIdlingAndNothingIsWarnedOf() {
        assertEquals(
                Optional.empty(),
                IdleRetirementCheck.problem(Optional.of(Duration.ZERO), Optional.empty(), Optional.empty()));
        assertEquals(
                Optional.empty(), IdleRetirementCheck.problem(Optional.empty(), Optional.empty(), Optional.empty()));
        assertEquals(
                Optional.empty(),
                IdleRetirementCheck.problem(Optional.of(Duration.ofMillis(900)), Optional.empty(), Optional.empty()),
                "the client counts whole seconds: under one is no bound");
    }

    private static Optional<Duration> setting(Properties properties, String name) {
        return Optional.ofNullable(properties.getProperty(name)).map(DurationConverter::parseDuration);
    }
}
