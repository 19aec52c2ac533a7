package dev.gatehouse.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate and key for {@code localhost} made at test time with {@code openssl req -x509}
 * (RSA 2048, one day, SAN localhost and 127.0.0.1) in a fresh temporary directory: no key is
 * ever committed.
 *
 * @param cert PEM certificate
 * @param key  PEM private key (PKCS#8, unencrypted)
 */
public record SelfSignedCertificate(Path cert, Path key) {

    /** Makes a new certificate and key. */
    public static SelfSignedCertificate generate() {
        try {
            Path dir = Files.createTempDirectory("gatehouse-tls-");
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            OpenSsl.Result result = OpenSsl.run(
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-days",
                    "1",
                    "-subj",
                    "/CN=localhost",
                    "-addext",
                    "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout",
                    key.toString(),
                    "-out",
                    cert.toString());
            if (result.exitCode() != 0 || !Files.exists(cert) || !Files.exists(key)) {
                throw new IllegalStateException("openssl req failed: " + result.output());
            }
            cert.toFile().deleteOnExit();
            key.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return new SelfSignedCertificate(cert, key);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An SSL context that trusts exactly the certificate at {@code certPath}. */
    public static SSLContext trusting(Path certPath, String protocol) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certPath)) {
            trust.setCertificateEntry(
                    "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
