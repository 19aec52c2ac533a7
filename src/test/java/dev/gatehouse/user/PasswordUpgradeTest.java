package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.TestUsers.TestUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PasswordUpgradeTest {

    /** The migrations' JDBC datasource (active in tests, which migrate at start), for direct SQL. */
    @Inject
    @DataSource("migrations")
    AgroalDataSource database;

    @Test
    void loginReplacesHashWithOutdatedParameters() throws SQLException {
        TestUser user = TestUsers.register();
        String old = new Argon2idHash(8192, 1, 1).hash(user.password());
        execute("update user_account set password_hash = ? where id = ?::uuid", old, user.id());

        user.login();

        String stored = passwordHash(user.id());
        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        user.login();
    }

    @Test
    void storedHashIsArgon2idAndNeverThePassword() throws SQLException {
        TestUser user = TestUsers.register();
        String stored = passwordHash(user.id());
        assertTrue(stored.startsWith("$argon2id$"));
        assertFalse(stored.contains(user.password()));
    }

    private String passwordHash(String userId) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("select password_hash from user_account where id = ?::uuid")) {
            select.setString(1, userId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    private void execute(String sql, String... args) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }
}
