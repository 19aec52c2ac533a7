package dev.gatehouse.denylist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.denylist.RedisHistory.State;
import org.junit.jupiter.api.Test;

/** What a check's epoch, recorded history and server id say, against the history this replica read last. */
class RedisHistoryStateTest {

    @Test
    void theSameHistoryKeepsTheEpoch() {
        assertEquals(State.KEPT, State.of("1", "a", "a", "a"));
        assertEquals(State.KEPT, State.of("1", "a", "a", null), "a replica's first check");
    }

    @Test
    void aPromotedReplicaHoldsTheOldMastersRecordUnderAHistoryOfItsOwn() {
        assertEquals(State.HISTORY_CHANGED, State.of("1", "a", "b", "a"));
        assertEquals(State.HISTORY_CHANGED, State.of("1", "a", "b", null), "a replica that started since");
    }

    @Test
    void aMasterThatASecondFailoverBroughtBackIsAnotherHistoryForAReplicaThatReadTheOneBetween() {
        // the old master was never made a replica: its record is its own id, but it lacks what the master between took
        assertEquals(State.HISTORY_CHANGED, State.of("1", "a", "a", "b"));
    }

    @Test
    void anEpochThatIsGoneIsALossOfAllTheData() {
        assertEquals(State.DATA_LOST, State.of(null, null, "a", "a"));
        assertEquals(State.DATA_LOST, State.of(null, "a", "a", "a"));
    }

    @Test
    void aRedisThatNoReplicaRecordedLosesNothing() {
        assertEquals(State.UNRECORDED, State.of("1", null, "a", null));
        assertEquals(State.UNRECORDED, State.of("1", null, "a", "a"));
    }
}
