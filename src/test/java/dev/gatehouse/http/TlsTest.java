package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.OpenSsl;
import dev.gatehouse.support.SelfSignedCertificate;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service serving HTTPS itself, with a certificate made at test time: TLS 1.3 (and 1.2 with
 * an AEAD suite) is served with HSTS, TLS 1.1 and a CBC suite are refused, plain HTTP is
 * redirected without HSTS. Neither the TLS registry nor the redirect is configured here: both
 * must follow from the two Gatehouse settings (see HttpsRedirectDefault).
 */
@QuarkusTest
@TestProfile(TlsTest.TlsOn.class)
class TlsTest {

    /** Turns TLS on the documented way: GATEHOUSE_TLS_CERT_FILE and GATEHOUSE_TLS_KEY_FILE. */
    public static class TlsOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            SelfSignedCertificate certificate = SelfSignedCertificate.generate();
            return Map.of(
                    "gatehouse.tls.cert-file",
                    certificate.cert().toString(),
                    "gatehouse.tls.key-file",
                    certificate.key().toString());
        }
    }

    @TestHTTPResource(value = "/oauth2/jwks", tls = true)
    URL https;

    @TestHTTPResource("/oauth2/jwks")
    URL plain;

    @Test
    void tls13ClientIsServedWithHsts() throws Exception {
        HttpClient client = client("TLSv1.3");
        HttpResponse<String> response =
                client.send(HttpRequest.newBuilder(https.toURI()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
        assertEquals(
                Optional.of("max-age=31536000; includeSubDomains"),
                response.headers().firstValue("Strict-Transport-Security"));
        assertEquals(Optional.of("nosniff"), response.headers().firstValue("X-Content-Type-Options"));
        assertEquals(Optional.of("no-referrer"), response.headers().firstValue("Referrer-Policy"));
    }

    @Test
    void tls12WithAnAeadSuiteIsServed() {
        OpenSsl.Result result =
                OpenSsl.connect(https.getHost(), https.getPort(), "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
        assertTrue(result.handshakeCompleted(), result.output());
    }

    /** The JDK enables this CBC suite by default: its refusal shows our explicit suite list is in force. */
    @Test
    void tls12WithACbcSuiteIsRefused() {
        OpenSsl.Result result =
                OpenSsl.connect(https.getHost(), https.getPort(), "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256");
        assertFalse(result.handshakeCompleted(), result.output());
        assertTrue(result.output().contains("alert handshake failure"), result.output());
    }

    @Test
    void tls11ClientIsRefusedByTheServer() throws Exception {
        // The same client settings complete a TLS 1.1 handshake with a server that allows it, so
        // the refusal below is the service's, not the client's inability to offer TLS 1.1.
        assertTrue(tls11AgainstLegacyServer().handshakeCompleted(), "control: openssl cannot speak TLS 1.1 here");

        OpenSsl.Result result =
                OpenSsl.connect(https.getHost(), https.getPort(), "-tls1_1", "-cipher", OpenSsl.LEGACY_CIPHERS);
        assertFalse(result.handshakeCompleted(), result.output());
        assertTrue(result.output().contains("alert protocol version"), result.output());
    }

    @Test
    void plainHttpIsRedirectedToHttpsWithoutHsts() throws Exception {
        // HTTP/1.1: Quarkus answers an h2c upgrade (no Host header, only :authority) with 404 instead of a redirect.
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
                .send(HttpRequest.newBuilder(plain.toURI()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(Set.of(301, 302, 307, 308).contains(response.statusCode()), "status " + response.statusCode());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("https://"), location);
        assertEquals(https.getPort(), URI.create(location).getPort(), location);
        assertEquals(Optional.empty(), response.headers().firstValue("Strict-Transport-Security"));
    }

    private static HttpClient client(String protocol) throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {protocol});
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(SelfSignedCertificate.trusting(serverCertificate(), "TLS"))
                .sslParameters(parameters)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private static Path serverCertificate() {
        return Path.of(ConfigProvider.getConfig().getValue("gatehouse.tls.cert-file", String.class));
    }

    /** {@code openssl s_client -tls1_1} against a throwaway {@code openssl s_server} that accepts TLS 1.1. */
    private static OpenSsl.Result tls11AgainstLegacyServer() throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String key = ConfigProvider.getConfig().getValue("gatehouse.tls.key-file", String.class);
        Process server = new ProcessBuilder(
                        "openssl",
                        "s_server",
                        "-accept",
                        String.valueOf(port),
                        "-cert",
                        serverCertificate().toString(),
                        "-key",
                        key,
                        "-tls1_1",
                        "-cipher",
                        OpenSsl.LEGACY_CIPHERS,
                        "-naccept",
                        "1")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.contains("ACCEPT"); line = out.readLine()) {
                // wait until it listens
            }
            return OpenSsl.connect("localhost", port, "-tls1_1", "-cipher", OpenSsl.LEGACY_CIPHERS);
        } finally {
            server.destroy();
            server.waitFor();
        }
    }
}
