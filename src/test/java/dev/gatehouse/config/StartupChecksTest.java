package dev.gatehouse.config;

import dev.gatehouse.support.StubConfig;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupChecksTest {

    private static final String GOOD_KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void prodWithoutIssuerOrMasterKeyIsRefused() {
        List<String> problems = StartupChecks.problems(config(null, null), false);
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).contains("gatehouse.issuer"));
        assertTrue(problems.get(1).contains("gatehouse.master-key"));
    }

    @Test
    void prodWithShortOrMalformedMasterKeyIsRefused() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
        assertTrue(StartupChecks.problems(config("https://id.example", shortKey), false).get(0).contains("32 bytes"));
        assertTrue(StartupChecks.problems(config("https://id.example", "not base64!"), false).get(0).contains("base64"));
    }

    @Test
    void prodWithIssuerAndMasterKeyStarts() {
        assertEquals(List.of(), StartupChecks.problems(config("https://id.example", GOOD_KEY), false));
    }

    @Test
    void devAndTestMayRunWithoutEither() {
        assertEquals(List.of(), StartupChecks.problems(config(null, null), true));
    }

    private static GatehouseConfig config(String issuer, String masterKey) {
        return StubConfig.defaults().withIssuer(issuer).withMasterKey(masterKey);
    }
}
