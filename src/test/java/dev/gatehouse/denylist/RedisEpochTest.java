package dev.gatehouse.denylist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which start failures mean that Redis will not run INFO for Gatehouse (the messages Redis 7 answers). */
class RedisEpochTest {

    @Test
    void anAclThatDeniesInfoRefusesIt() {
        assertTrue(
                RedisEpoch.refusesInfo(
                        new RuntimeException(
                                "ERR The user executing the script can't run this command or subcommand script: bc5a, on @user_script:1.")));
        assertTrue(RedisEpoch.refusesInfo(
                new IllegalStateException("wrapped", new RuntimeException("NOPERM this user has no permissions"))));
    }

    @Test
    void aRenamedAwayInfoRefusesIt() {
        assertTrue(RedisEpoch.refusesInfo(
                new RuntimeException("ERR Unknown Redis command called from script script: bc5a, on @user_script:1.")));
    }

    @Test
    void aRedisThatIsDownDoesNotRefuseIt() {
        assertFalse(RedisEpoch.refusesInfo(new RuntimeException("Connection refused: /127.0.0.1:6379")));
        assertFalse(RedisEpoch.refusesInfo(new RuntimeException((String) null)));
    }
}
