package dev.gatehouse.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code openssl} command line tool for TLS tests: it makes throwaway certificates and,
 * unlike the JDK's client (whose {@code jdk.tls.disabledAlgorithms} forbids it), can still offer
 * TLS 1.1, so a refusal observed with it is the server's.
 */
public final class OpenSsl {

    /** Lets OpenSSL 3 offer TLS 1.0/1.1 and their SHA-1 signatures, which security level 1+ forbids. */
    public static final String LEGACY_CIPHERS = "DEFAULT@SECLEVEL=0";

    private OpenSsl() {}

    /** What a finished {@code openssl} run printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {

        /** True when a handshake completed: s_client names a negotiated cipher. */
        public boolean handshakeCompleted() {
            return exitCode == 0 && output.contains("Cipher is ") && !output.contains("Cipher is (NONE)");
        }
    }

    /** Runs {@code openssl} with these arguments and an empty standard input, waiting at most 30 s. */
    public static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = readAll(process.getInputStream());
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A TLS client handshake with {@code host:port}, then an orderly close. */
    public static Result connect(String host, int port, String... options) {
        List<String> args = new ArrayList<>(List.of("s_client", "-connect", host + ":" + port, "-servername", host));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
