package org.ferrymq.examples.game;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A player's bookkeeping of its room: every change once and in order, whatever arrives first. */
class RoomViewTest {
    private final RoomView view = new RoomView("alice");

    private static com.fasterxml.jackson.databind.node.ObjectNode message(String type, long seq) {
        return GameJson.object().put("type", type).put("room", "1").put("seq", seq);
    }

    @Test
    void updatesBeforeTheSnapshotAreHeldAndThoseItContainsDropped() {
        view.accept(message("state", 3));
        view.accept(message("state", 4));
        view.accept(message("snapshot", 3));
        view.accept(message("state", 5));

        assertThat(view.updates()).extracting(u -> u.path("seq").asLong()).containsExactly(4L, 5L);
        assertThat(view.gaps()).isEmpty();
        assertThat(view.duplicates()).isEmpty();
    }

    @Test
    void aSkippedChangeIsAGapAndAChangeSeenTwiceADuplicate() {
        view.accept(message("snapshot", 1));
        view.accept(message("state", 2));
        view.accept(message("state", 4));
        view.accept(message("state", 2));
        view.accept(message("state", 1));   // in the snapshot already: not a duplicate

        assertThat(view.gaps()).containsExactly("expected seq 3, got 4");
        assertThat(view.duplicates()).containsExactly("seq 2 again, after seq 4");
        assertThat(view.seq()).isEqualTo(4);
    }
}
