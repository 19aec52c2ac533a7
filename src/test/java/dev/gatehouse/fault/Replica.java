package dev.gatehouse.fault;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of the packaged application ({@code target/quarkus-app/quarkus-run.jar}) in the prod
 * profile, in a process of its own, with its log in {@code target/faults/}.
 */
public final class Replica implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final int managementPort;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    public Replica(String name, Map<String, String> env) throws IOException {
        this.name = name;
        this.port = freePort();
        this.managementPort = freePort();
        this.env = env;
        this.log = Path.of("target", "faults", name + ".log");
    }

    /**
     * The prod profile on a database of the caller's own (local PostgreSQL, Redis db 8), the given
     * master key, no shutdown delay: what every replica needs; callers add the rest.
     */
    public static Map<String, String> prodEnv(String database, String masterKey) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:6379/8");
        env.put("GATEHOUSE_ISSUER", "http://localhost:8080");
        env.put("GATEHOUSE_MASTER_KEY", masterKey);
        env.put("QUARKUS_SHUTDOWN_DELAY", "0s");
        return env;
    }

    /** A fresh AES-256 master key (GATEHOUSE_MASTER_KEY's form: 32 random bytes in Base64). */
    public static String randomMasterKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Drops the database if it is there (closing its connections) and creates it empty. */
    public static void freshDatabase(String database) throws SQLException {
        try (Connection admin =
                        DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The Prometheus text of {@code /q/metrics} on the management port. */
    public String metrics() throws IOException, InterruptedException {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/metrics"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** Starts the process and waits until it reports ready. */
    public Replica start() throws Exception {
        launch();
        awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /** Starts the process without waiting for it (for a run that is meant to exit). */
    public Replica launch() throws IOException {
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(
                javaBinary(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.management.host=127.0.0.1",
                "-jar",
                JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        return this;
    }

    /** Whether readiness answers UP (on the management port if there is one, else the main port). */
    boolean ready() {
        for (String base : List.of("http://127.0.0.1:" + managementPort, url())) {
            try {
                HttpResponse<String> answer = HTTP.send(
                        HttpRequest.newBuilder(URI.create(base + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 404) {
                    return answer.statusCode() == 200;
                }
            } catch (IOException e) {
                // not listening there
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    void awaitReady(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " not ready after " + limit + "; see " + log);
            }
            Thread.sleep(200);
        }
    }

    /** SIGTERM, as Kubernetes sends it. */
    void terminate() {
        process.destroy();
    }

    /** SIGKILL: the process dies mid-request. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** The exit code, waiting at most {@code limit}; null while it still runs. */
    public Integer exitCode(Duration limit) throws InterruptedException {
        return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }

    private static String javaBinary() {
        return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    }

    /** A port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
