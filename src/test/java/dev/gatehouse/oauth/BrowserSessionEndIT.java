package dev.gatehouse.oauth;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same attacks against the packaged application. */
@QuarkusIntegrationTest
class BrowserSessionEndIT extends BrowserSessionEndTest {}
