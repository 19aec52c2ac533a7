package dev.gatehouse.oauth.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 8628 §6.1: user codes a person can read and type. */
class UserCodesTest {

    @Test
    void generatedCodesUseOnlyUnambiguousConsonantsAndDiffer() {
        UserCodes codes = new UserCodes();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String code = codes.generate();
            assertTrue(code.matches("[BCDFGHJKLMNPQRSTVWXZ]{8}"), code);
            seen.add(code);
        }
        assertTrue(seen.size() > 990, "codes repeat too often: " + seen.size());
    }

    @Test
    void typedCodesIgnoreCaseDashesAndSpaces() {
        assertEquals("WDJBMJHT", UserCodes.normalize(" wdjb-mjht "));
        assertEquals("WDJBMJHT", UserCodes.normalize("WDJB MJHT"));
        assertEquals("WDJB-MJHT", UserCodes.display("WDJBMJHT"));
    }

    @Test
    void codesWithLookAlikesVowelsOrTheWrongLengthAreNoCodes() {
        assertNull(UserCodes.normalize("WDJB-MJH0"));
        assertNull(UserCodes.normalize("WDJB-MJHI"));
        assertNull(UserCodes.normalize("WDJB-MJHA"));
        assertNull(UserCodes.normalize("WDJB-MJH"));
        assertNull(UserCodes.normalize(null));
    }
}
