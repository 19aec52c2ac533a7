package dev.gatehouse.denylist;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same attacks against the packaged application. */
@QuarkusIntegrationTest
class RevocationStaysRevokedIT extends RevocationStaysRevokedTest {}
