package dev.gatehouse.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.fault.Api;
import dev.gatehouse.fault.Api.Answer;
import dev.gatehouse.fault.Replica;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The first requests a new replica serves. Hibernate's HQL parser is some 800 classes and an
 * ANTLR grammar that load and initialize on the event loop of the first HQL statement, a pause of
 * a third of a second on each replica without the AOT cache (bench/README.md), so the requests
 * every user makes read and write on the plain SQL client, and this test watches the JVM's class
 * loading while a replica serves them.
 */
class FirstRequestsIT {

    private static final String DATABASE = "gatehouse_first_requests_it";
    private static final String ADMIN_EMAIL = "root@first-requests.example";
    private static final String ADMIN_PASSWORD = "first-requests-admin-2f9c41";
    /** A class the HQL parser loads with its grammar, and nothing else does. */
    private static final String HQL_PARSER = "org.hibernate.grammars.hql.HqlParser ";

    @Test
    void registerLoginRefreshReusePasswordChangeAndLogoutsLoadNoHqlParser() throws Exception {
        Replica.freshDatabase(DATABASE);
        Path classes = Path.of("target", "faults", "first-requests-classes.log").toAbsolutePath();
        Files.createDirectories(classes.getParent());
        Files.deleteIfExists(classes);
        Map<String, String> env = Replica.prodEnv(DATABASE, Replica.randomMasterKey());
        env.put("GATEHOUSE_SCHEMA_MIGRATE_AT_START", "true");
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL", ADMIN_EMAIL);
        env.put("GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // the wrong passwords below, run after run from 127.0.0.1, stay under the login limits
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_MAX", "1000");
        env.put("GATEHOUSE_RATE_LIMIT_LOGIN_ACCOUNT_MAX", "1000");
        env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classes);
        Files.deleteIfExists(Path.of("target", "faults", "first-requests.log"));

        try (Replica replica = new Replica("first-requests", env).start()) {
            String base = replica.url();
            assertEquals(201, Api.register(base, "ada@first-requests.example").status());
            Answer admin = Api.login(base, ADMIN_EMAIL, ADMIN_PASSWORD);
            assertEquals(200, admin.status(), "the bootstrap admin's login");
            Answer user = Api.login(base, "ada@first-requests.example", Api.PASSWORD);
            assertEquals(200, user.status(), "a user's login");
            assertEquals(
                    401,
                    Api.login(base, "ada@first-requests.example", "not-her-password-7")
                            .status());
            assertEquals(
                    401,
                    Api.login(base, "nobody@first-requests.example", Api.PASSWORD)
                            .status());
            Answer refreshed = Api.refresh(base, user.string("refreshToken"));
            assertEquals(200, refreshed.status(), "the refresh");
            assertEquals(200, Api.me(base, refreshed.string("token")).status());
            Answer twice = Api.refresh(base, refreshed.string("refreshToken"));
            assertEquals(200, twice.status(), "the refresh of the new token");
            // its successor was used, so this is no retry: reuse, and the family is revoked
            assertEquals(401, Api.refresh(base, user.string("refreshToken")).status(), "the spent token again");
            assertEquals(401, Api.refresh(base, twice.string("refreshToken")).status(), "its family is revoked");
            Answer again = Api.login(base, "ada@first-requests.example", Api.PASSWORD);
            Answer other = Api.login(base, "ada@first-requests.example", Api.PASSWORD);
            String newPassword = "amber-canyon-lighthouse-87";
            assertEquals(
                    204,
                    Api.changePassword(base, again.string("token"), Api.PASSWORD, newPassword)
                            .status());
            assertEquals(401, Api.refresh(base, other.string("refreshToken")).status(), "her other session ended");
            assertEquals(
                    200,
                    Api.login(base, "ada@first-requests.example", newPassword).status());
            assertEquals(204, Api.logout(base, again.string("token")).status());
            assertEquals(401, Api.me(base, again.string("token")).status(), "the logout took effect");
            assertEquals(204, Api.logoutAll(base, admin.string("token")).status());
            assertEquals(401, Api.me(base, admin.string("token")).status(), "the logout of all took effect");
        }

        List<String> lines = Files.readAllLines(classes);
        assertTrue(
                lines.stream().anyMatch(line -> line.contains("dev.gatehouse.user.UserRepository ")),
                "the class-load log covers the application: " + classes);
        List<String> parser =
                lines.stream().filter(line -> line.contains(HQL_PARSER)).toList();
        assertEquals(List.of(), parser, "an HQL statement ran on these requests; see " + classes);
    }
}
