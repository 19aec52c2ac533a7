package dev.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HttpsRedirectDefaultTest {

    @Test
    void certificatePropertiesAreRecognisedInBothForms() {
        assertTrue(HttpsRedirectDefault.isCertificateProperty("quarkus.tls.key-store.pem.0.cert"));
        assertTrue(HttpsRedirectDefault.isCertificateProperty("QUARKUS_TLS_KEY_STORE_PEM_0_CERT"));
        assertTrue(HttpsRedirectDefault.isCertificateProperty("quarkus.tls.key-store.p12.path"));
        assertTrue(HttpsRedirectDefault.isCertificateProperty("QUARKUS_HTTP_SSL_CERTIFICATE_FILES"));
    }

    @Test
    void otherTlsSettingsDoNotTurnTheRedirectOn() {
        assertFalse(HttpsRedirectDefault.isCertificateProperty("quarkus.tls.protocols"));
        assertFalse(HttpsRedirectDefault.isCertificateProperty("quarkus.tls.cipher-suites"));
        assertFalse(HttpsRedirectDefault.isCertificateProperty("quarkus.tls.key-store.pem.0.key"));
        assertFalse(HttpsRedirectDefault.isCertificateProperty("quarkus.tls.https.key-store.pem.0.cert"));
        assertFalse(HttpsRedirectDefault.isCertificateProperty("quarkus.http.ssl.certificate.key-store-file-type"));
        assertFalse(HttpsRedirectDefault.isCertificateProperty("quarkus.http.test-ssl-port"));
    }
}
