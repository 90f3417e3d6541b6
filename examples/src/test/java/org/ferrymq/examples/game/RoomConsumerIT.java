package org.ferrymq.examples.game;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.Connection;
import org.ferrymq.examples.support.ExampleBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room whose snapshot cannot be read for a moment (the channel still open) does not stall: the
 * actions taken so far go back to the room's queue and are applied once the snapshot reads.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoomConsumerIT {
    @RegisterExtension
    static final ExampleBroker BROKER = new ExampleBroker();

    @Test
    void actionsTakenWhenTheSnapshotCannotBeReadAreRequeuedNotStranded() throws Exception {
        ExecutorService roomThread = Executors.newSingleThreadExecutor();
        try (Connection connection = BROKER.connect()) {
            GameTopology.declare(connection.createChannel(), 1);
            AtomicInteger reads = new AtomicInteger();
            List<ObjectNode> applied = new CopyOnWriteArrayList<>();
            RoomHandler.SnapshotReader flaky = room -> {
                if (reads.incrementAndGet() == 1) {
                    throw new IOException("the snapshot store did not answer");
                }
                return null;   // no snapshot yet: a fresh room
            };
            new RoomConsumer(connection.createChannel(), "1", flaky, new GameServer.Listener() {
                @Override
                public void applied(String room, ObjectNode update) {
                    applied.add(update);
                }
            }, roomThread).start(10);

            GamePlayer alice = GamePlayer.join(connection, "alice", "1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (alice.view().seq() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(reads.get()).as("snapshot reads: the failed one, then the one that worked").isGreaterThanOrEqualTo(2);
            assertThat(applied).as("alice's join, applied after the requeue").isNotEmpty();
            assertThat(alice.view().seq()).isGreaterThanOrEqualTo(1);
            assertThat(alice.view().gaps()).isEmpty();
        } finally {
            roomThread.shutdownNow();
        }
    }
}
