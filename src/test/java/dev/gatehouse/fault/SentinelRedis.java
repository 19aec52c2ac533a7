package dev.gatehouse.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Redis as the production overlay runs it, on loopback: a master, one replica and one Sentinel
 * (quorum 1), each a {@code redis-server} process of its own with nothing persisted, their
 * configuration and logs in {@code target/faults/sentinel/}.
 */
final class SentinelRedis implements AutoCloseable {

    static final String MASTER_NAME = "gatehouse";

    private final Path dir = Path.of("target", "faults", "sentinel").toAbsolutePath();
    private final List<Process> processes = new ArrayList<>();
    private final Map<Integer, Process> servers = new HashMap<>();
    private final int sentinelPort;

    private SentinelRedis(int sentinelPort) {
        this.sentinelPort = sentinelPort;
    }

    /** Whether this machine has {@code redis-server} and {@code redis-cli}. */
    static boolean available() {
        try {
            return Processes.output("redis-server", "--version").contains("Redis server")
                    && Processes.output("redis-cli", "--version").contains("redis-cli");
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the three and waits until the replica has synchronised and the Sentinel knows it. */
    static SentinelRedis start() throws Exception {
        SentinelRedis redis = new SentinelRedis(Replica.freePort());
        try {
            redis.launch();
            return redis;
        } catch (Exception e) {
            redis.close();
            throw e;
        }
    }

    private void launch() throws Exception {
        Files.createDirectories(dir);
        int master = Replica.freePort();
        int replica = Replica.freePort();
        server("master", master, "");
        server("replica", replica, "replicaof 127.0.0.1 " + master + "\n");
        await(
                "the replica synchronised",
                () -> cli(replica, "INFO", "replication").contains("master_link_status:up"));
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(
                conf,
                "port " + sentinelPort + "\nbind 127.0.0.1\ndir " + dir + "\n"
                        + "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master + " 1\n"
                        + "sentinel down-after-milliseconds " + MASTER_NAME + " 1000\n"
                        + "sentinel failover-timeout " + MASTER_NAME + " 5000\n");
        spawn("sentinel", List.of("redis-server", conf.toString(), "--sentinel"));
        await(
                "the Sentinel knows the replica",
                () -> cli(sentinelPort, "SENTINEL", "REPLICAS", MASTER_NAME).contains(Integer.toString(replica)));
    }

    /** {@code QUARKUS_REDIS_HOSTS} for a client that asks this Sentinel (client type sentinel). */
    String hosts() {
        return "redis://127.0.0.1:" + sentinelPort;
    }

    /** The port of the master the Sentinel names now. */
    int master() throws IOException {
        String[] address = cli(sentinelPort, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME)
                .trim()
                .split("\\s+");
        return Integer.parseInt(address[address.length - 1]);
    }

    /**
     * A planned failover ({@code SENTINEL FAILOVER}): the replica is promoted while the old master
     * still takes writes, until the Sentinel makes it a replica of the new one. Answers once the
     * Sentinel has begun it.
     */
    void failover() throws Exception {
        // NOGOODSLAVE until the Sentinel has heard the replica report on its link (INFO, every few seconds)
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String answer = cli(sentinelPort, "SENTINEL", "FAILOVER", MASTER_NAME);
        while (answer.contains("NOGOODSLAVE") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            answer = cli(sentinelPort, "SENTINEL", "FAILOVER", MASTER_NAME);
        }
        if (!answer.contains("OK")) {
            throw new IOException("SENTINEL FAILOVER answered " + answer);
        }
    }

    /** Waits until the Sentinel names another master than {@code oldMaster}, and that one says it is master. */
    void awaitNewMaster(int oldMaster) throws Exception {
        await(
                "a new master",
                () -> master() != oldMaster && cli(master(), "ROLE").startsWith("master"));
    }

    /** SIGKILL to the server on {@code port}: a master that dies, its connections reset. */
    void kill(int port) throws InterruptedException {
        Process server = servers.get(port);
        server.destroyForcibly();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void server(String name, int port, String extra) throws IOException {
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(
                conf,
                "port " + port + "\nbind 127.0.0.1\nsave \"\"\nappendonly no\ndir " + dir + "\ndbfilename " + name
                        + ".rdb\n" + extra);
        servers.put(port, spawn(name, List.of("redis-server", conf.toString())));
    }

    private Process spawn(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException | NumberFormatException e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " after 30 s; see target/faults/sentinel/");
            }
            Thread.sleep(100);
        }
    }

    static String cli(int port, String... command) throws IOException {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
        line.addAll(List.of(command));
        return Processes.output(line.toArray(String[]::new));
    }
}
