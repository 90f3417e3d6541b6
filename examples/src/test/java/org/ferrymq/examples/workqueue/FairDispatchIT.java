package org.ferrymq.examples.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

import com.rabbitmq.client.Channel;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.Inbox;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A fast and a slow worker on one queue: with {@code basic_qos(prefetch_count=1)} the fast one
 * gets clearly more tasks; without it the broker deals them out in turn, an even split.
 */
@Timeout(60)
class FairDispatchIT {
    private static final int FAIR_TASKS = 20;
    private static final int ROUND_ROBIN_TASKS = 10;
    private static final String RECEIVED = " [x] Received";

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();

    @BeforeEach
    @AfterEach
    void deleteQueue() throws Exception {
        broker.deleteQueues(NewTask.QUEUE_NAME);
    }

    @Test
    void javaFastWorkerGetsMoreWithPrefetchOne() throws Exception {
        Inbox fast = new Inbox();
        Inbox slow = new Inbox();
        Worker.work(broker.channel(), Duration.ofMillis(10), fast);
        Worker.work(broker.channel(), Duration.ofMillis(300), slow);

        publishTasks(FAIR_TASKS);

        awaitTotal(() -> fast.size() + slow.size(), FAIR_TASKS);
        assertThat(fast.size()).as("fast %s vs slow %s", fast.bodies(), slow.bodies())
                .isGreaterThanOrEqualTo(2 * slow.size());
    }

    @Test
    void javaWorkersSplitEvenlyWithoutQos() throws Exception {
        Inbox fast = new Inbox();
        Inbox slow = new Inbox();
        RoundRobinWorker.work(broker.channel(), Duration.ofMillis(10), fast);
        RoundRobinWorker.work(broker.channel(), Duration.ofMillis(100), slow);

        publishTasks(ROUND_ROBIN_TASKS);

        awaitTotal(() -> fast.size() + slow.size(), ROUND_ROBIN_TASKS);
        assertThat(Math.abs(fast.size() - slow.size())).as("fast %s vs slow %s", fast.bodies(), slow.bodies())
                .isLessThanOrEqualTo(1);
    }

    @Test
    void pythonFastWorkerGetsMoreWithPrefetchOne() throws Exception {
        try (PythonScript fast = PythonScript.start(broker, "worker.py", "0.01").awaitReady();
             PythonScript slow = PythonScript.start(broker, "worker.py", "0.5").awaitReady()) {
            PythonScript.run(broker, "new_task.py", tasks(FAIR_TASKS));

            awaitTotal(() -> received(fast) + received(slow), FAIR_TASKS);
            assertThat(received(fast)).as("fast %s vs slow %s", fast.printedBodies(), slow.printedBodies())
                    .isGreaterThanOrEqualTo(2 * received(slow));
        }
    }

    @Test
    void pythonWorkersSplitEvenlyWithoutQos() throws Exception {
        try (PythonScript fast = PythonScript.start(broker, "round_robin_worker.py", "0.01").awaitReady();
             PythonScript slow = PythonScript.start(broker, "round_robin_worker.py", "0.1").awaitReady()) {
            PythonScript.run(broker, "new_task.py", tasks(ROUND_ROBIN_TASKS));

            awaitTotal(() -> received(fast) + received(slow), ROUND_ROBIN_TASKS);
            assertThat(Math.abs(received(fast) - received(slow)))
                    .as("fast %s vs slow %s", fast.printedBodies(), slow.printedBodies())
                    .isLessThanOrEqualTo(1);
        }
    }

    private static String[] tasks(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "task" + i).toArray(String[]::new);
    }

    private static void publishTasks(int count) throws Exception {
        Channel producer = broker.channel();
        for (String task : tasks(count)) {
            NewTask.publish(producer, task);
        }
    }

    private static int received(PythonScript worker) {
        return (int) worker.countLinesContaining(RECEIVED);
    }

    /** Waits until the workers together received every task, then a moment for strays. */
    private static void awaitTotal(IntSupplier total, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (total.getAsInt() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertThat(total.getAsInt()).as("tasks received by both workers").isEqualTo(expected);
    }
}
