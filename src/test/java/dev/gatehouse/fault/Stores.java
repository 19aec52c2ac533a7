package dev.gatehouse.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The fault suite's own PostgreSQL database and Redis db on the test servers, made fresh per run. */
final class Stores {

    static final int POSTGRES_PORT = 5432;
    static final int REDIS_PORT = 6379;
    static final String DATABASE = "gatehouse_faults";
    static final int REDIS_DB = 7;

    private Stores() {}

    static void fresh() throws SQLException, IOException {
        Replica.freshDatabase(DATABASE);
        flushRedis();
    }

    /** Rows of the audit table of one event type since the given time. */
    /** Audit rows of this type since then, of this client only (null: of any). */
    static long auditRows(String type, String clientId, java.time.Instant since) throws SQLException {
        try (Connection db = connect(DATABASE);
                PreparedStatement query = db.prepareStatement("SELECT count(*) FROM audit_event"
                        + " WHERE type = ? AND at >= ? AND (?::text IS NULL OR client_id = ?)")) {
            query.setString(1, type);
            query.setObject(2, java.time.OffsetDateTime.ofInstant(since, java.time.ZoneOffset.UTC));
            query.setString(3, clientId);
            query.setString(4, clientId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + POSTGRES_PORT + "/" + database, "postgres", "");
    }

    /** Sets Redis's {@code maxmemory-policy} (the server's, shared by every db); answers the one it had. */
    static String evictionPolicy(String policy) throws IOException {
        String answer = command(
                new String[] {"CONFIG", "GET", "maxmemory-policy"},
                new String[] {"CONFIG", "SET", "maxmemory-policy", policy});
        // *2\r\n$16\r\nmaxmemory-policy\r\n$N\r\n<policy>\r\n+OK
        String[] lines = answer.split("\r\n");
        return lines[4];
    }

    /** Creates (or changes) a Redis user of the caller's own: {@code ACL SETUSER user rules...}. */
    static void redisUser(String user, String... rules) throws IOException {
        String[] words = new String[3 + rules.length];
        words[0] = "ACL";
        words[1] = "SETUSER";
        words[2] = user;
        System.arraycopy(rules, 0, words, 3, rules.length);
        String answer = command(new String[][] {words});
        if (!answer.startsWith("+OK")) {
            throw new IOException("ACL SETUSER answered " + answer);
        }
    }

    /** Deletes the Redis user (ACL DELUSER; a SELECT after it ends the exchange with +OK). */
    static void deleteRedisUser(String user) throws IOException {
        command(new String[] {"ACL", "DELUSER", user}, new String[] {"SELECT", "0"});
    }

    /** Runs the commands on one connection and answers the raw replies once the last one is in. */
    private static String command(String[]... commands) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), REDIS_PORT)) {
            OutputStream out = socket.getOutputStream();
            for (String[] words : commands) {
                out.write(command(words));
            }
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[512];
            int read = 0;
            while (!new String(answer, 0, read, StandardCharsets.US_ASCII).endsWith("+OK\r\n")) {
                int n = in.read(answer, read, answer.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new String(answer, 0, read, StandardCharsets.US_ASCII);
        }
    }

    /** FLUSHDB on the suite's Redis db, in plain RESP. */
    private static void flushRedis() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), REDIS_PORT)) {
            OutputStream out = socket.getOutputStream();
            out.write(command("SELECT", Integer.toString(REDIS_DB)));
            out.write(command("FLUSHDB"));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[64];
            int read = 0;
            while (read < 10) { // "+OK\r\n+OK\r\n"
                int n = in.read(answer, read, answer.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            String text = new String(answer, 0, read, StandardCharsets.US_ASCII);
            if (!text.startsWith("+OK\r\n+OK")) {
                throw new IOException("Redis answered " + text);
            }
        }
    }

    private static byte[] command(String... words) {
        StringBuilder resp = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            resp.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
