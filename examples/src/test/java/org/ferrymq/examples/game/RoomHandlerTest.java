package org.ferrymq.examples.game;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.ferrymq.examples.game.RoomHandler.Outgoing;
import org.ferrymq.examples.game.RoomHandler.Result;
import org.ferrymq.examples.game.RoomHandler.Target;
import org.junit.jupiter.api.Test;

/** The room logic both Java servers share, without a broker: what goes where for one action. */
class RoomHandlerTest {
    private final AtomicInteger snapshotReads = new AtomicInteger();
    private JsonNode storedSnapshot;
    private final RoomHandler handler = new RoomHandler("1", room -> {
        snapshotReads.incrementAndGet();
        return storedSnapshot;
    });

    private Result act(String kind, String body) throws Exception {
        return handler.handle("room.1.action." + kind, body.getBytes(UTF_8), "c-" + kind, true);
    }

    @Test
    void aJoinGoesToEveryoneTheSnapshotToTheSenderAndTheRoomToItsSnapshotQueue() throws Exception {
        Result result = act("join", "{\"player\":\"alice\",\"seq\":1}");

        assertThat(result.tookRoom()).isTrue();
        assertThat(result.takenFrom()).isZero();
        assertThat(result.outgoing()).extracting(Outgoing::target)
                .containsExactly(Target.STATE, Target.SENDER, Target.ROOM_SNAPSHOT);
        assertThat(result.outgoing().get(1).correlationId()).isEqualTo("c-join");
        assertThat(result.outgoing().get(1).body().path("type").asText()).isEqualTo("snapshot");
        assertThat(result.update().path("seq").asLong()).isEqualTo(1);
        assertThat(act("move", "{\"player\":\"alice\",\"seq\":2,\"dx\":-1,\"dy\":0}").tookRoom())
                .as("the room is loaded once").isFalse();
        assertThat(snapshotReads).hasValue(1);
    }

    @Test
    void aLeaderboardIsAnsweredToTheSenderOnlyAndChangesNothing() throws Exception {
        act("join", "{\"player\":\"alice\",\"seq\":1}");
        act("join", "{\"player\":\"bob\",\"seq\":1}");

        Result result = act("leaderboard", "{\"player\":\"bob\",\"seq\":0}");

        assertThat(result.update()).isNull();
        assertThat(result.error()).isNull();
        assertThat(result.outgoing()).singleElement().satisfies(out -> {
            assertThat(out.target()).isEqualTo(Target.SENDER);
            assertThat(out.correlationId()).isEqualTo("c-leaderboard");
            assertThat(out.body().path("type").asText()).isEqualTo("leaderboard");
            assertThat(out.body().path("players")).extracting(p -> p.path("name").asText()).containsExactly("alice", "bob");
        });
        assertThat(handler.room().seq()).isEqualTo(2);
        assertThat(handler.handle("room.1.action.leaderboard", "{\"player\":\"bob\"}".getBytes(UTF_8), null, false)
                .outgoing()).as("nobody to answer").isEmpty();
    }

    @Test
    void aBadActionIsAnErrorToTheSenderOnlyAndTheRoomGoesOn() throws Exception {
        act("join", "{\"player\":\"alice\",\"seq\":1}");   // at (7,0)

        Result offGrid = act("move", "{\"player\":\"alice\",\"seq\":2,\"dx\":0,\"dy\":-1}");
        Result notJson = act("move", "{not json");

        for (Result bad : new Result[] {offGrid, notJson}) {
            assertThat(bad.update()).isNull();
            assertThat(bad.outgoing()).singleElement().satisfies(out -> {
                assertThat(out.target()).isEqualTo(Target.SENDER);
                assertThat(out.body().path("type").asText()).isEqualTo("error");
            });
        }
        assertThat(offGrid.error().code()).isEqualTo("off-grid");
        assertThat(offGrid.outgoing().get(0).body().path("action").asLong()).isEqualTo(2);
        assertThat(notJson.error().code()).isEqualTo("malformed");
        assertThat(act("move", "{\"player\":\"alice\",\"seq\":3,\"dx\":1,\"dy\":0}").update().path("seq").asLong())
                .isEqualTo(2);
    }

    @Test
    void theUnknownRoomHandlerAnswersEveryActionWithAnError() throws Exception {
        RoomHandler unknown = new RoomHandler(null, room -> {
            throw new AssertionError("no snapshot to read");
        });

        Result result = unknown.handle("room.77.action.move", "{\"player\":\"alice\",\"seq\":5}".getBytes(UTF_8), "m", true);

        assertThat(result.error().code()).isEqualTo("unknown-room");
        assertThat(result.outgoing()).singleElement()
                .satisfies(out -> assertThat(out.body().path("room").asText()).isEqualTo("77"));
    }

    @Test
    void aNewOwnerCarriesOnFromTheLastSnapshot() throws Exception {
        act("join", "{\"player\":\"alice\",\"seq\":1}");
        storedSnapshot = act("move", "{\"player\":\"alice\",\"seq\":2,\"dx\":-1,\"dy\":0}").outgoing().get(1).body();
        handler.forget();   // as after a failed commit, or a new server taking the room over

        Result next = act("move", "{\"player\":\"alice\",\"seq\":3,\"dx\":-1,\"dy\":0}");

        assertThat(next.takenFrom()).isEqualTo(2);
        assertThat(next.update().path("seq").asLong()).isEqualTo(3);
        assertThat(next.update().path("event").path("x").asInt()).isEqualTo(5);
    }
}
