import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DPoP proofs for the {@code users_me_dpop} workload, made before the run (a proof is accepted
 * once, so wrk sends each line once). Makes an ES256 key, gets a token bound to it with the
 * password grant (its own proof), then writes proofs for {@code GET <issuer>/api/users/me} with
 * that token's {@code ath}, each with its own {@code jti}: {@code WARM} lines to the warm-up
 * file, {@code RUN} lines to the run file. Prints the access token. JDK only, single file:
 * {@code java DpopProofs.java URL ISSUER CLIENT_ID EMAIL PASSWORD WARM WARM_FILE RUN RUN_FILE}.
 */
public class DpopProofs {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        String url = args[0], issuer = args[1], clientId = args[2], email = args[3], password = args[4];
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(keys.getPrivate());
        String header = B64.encodeToString(
                ("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":" + jwk((ECPublicKey) keys.getPublic()) + "}")
                        .getBytes(StandardCharsets.UTF_8));

        String form = "grant_type=password&scope=openid%20gatehouse%3Aaccount&client_id=" + enc(clientId) + "&username="
                + enc(email) + "&password=" + enc(password);
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("DPoP", proof(signer, header, "POST", issuer + "/oauth2/token", null))
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(answer.body());
        if (answer.statusCode() != 200 || !token.find()) {
            throw new IllegalStateException("token request answered " + answer.statusCode() + " " + answer.body());
        }
        String accessToken = token.group(1);
        String ath = B64.encodeToString(
                MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII)));
        write(signer, header, issuer + "/api/users/me", ath, Integer.parseInt(args[5]), Path.of(args[6]));
        write(signer, header, issuer + "/api/users/me", ath, Integer.parseInt(args[7]), Path.of(args[8]));
        System.out.println(accessToken);
    }

    private static void write(Signature signer, String header, String htu, String ath, int count, Path file)
            throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(proof(signer, header, "GET", htu, ath)).append('\n');
        }
        Files.writeString(file, lines);
    }

    private static String proof(Signature signer, String header, String htm, String htu, String ath) throws Exception {
        String claims =
                "{\"jti\":\"" + UUID.randomUUID() + "\",\"htm\":\"" + htm + "\",\"htu\":\"" + htu + "\",\"iat\":"
                        + System.currentTimeMillis() / 1000 + (ath == null ? "" : ",\"ath\":\"" + ath + "\"") + "}";
        String input = header + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(signer.sign());
    }

    /** RFC 7518 §6.2.1: the public key's coordinates, unsigned and 32 bytes each. */
    private static String jwk(ECPublicKey key) {
        return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\""
                + B64.encodeToString(fixed(key.getW().getAffineX().toByteArray())) + "\",\"y\":\""
                + B64.encodeToString(fixed(key.getW().getAffineY().toByteArray())) + "\"}";
    }

    private static byte[] fixed(byte[] unsigned) {
        byte[] out = new byte[32];
        int length = Math.min(unsigned.length, 32);
        System.arraycopy(unsigned, unsigned.length - length, out, 32 - length, length);
        return out;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
