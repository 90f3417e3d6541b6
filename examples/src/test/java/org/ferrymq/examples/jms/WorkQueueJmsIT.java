package org.ferrymq.examples.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

import com.rabbitmq.client.Channel;
import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.workqueue.CrashingWorker;
import org.ferrymq.examples.jms.workqueue.NewTask;
import org.ferrymq.examples.jms.workqueue.Task;
import org.ferrymq.examples.jms.workqueue.Worker;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The work queue {@code hello2} in JMS: CLIENT_ACKNOWLEDGE with prefetch 1 gives the fast worker
 * clearly more tasks; a task whose worker dies unacknowledged comes back with JMSRedelivered.
 */
@Timeout(45)
class WorkQueueJmsIT {
    private static final int TASKS = 20;

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();
    @RegisterExtension
    final JmsClients jms = new JmsClients(broker);

    @BeforeEach
    @AfterEach
    void deleteQueue() throws Exception {
        broker.deleteQueues(NewTask.QUEUE_NAME);
    }

    @Test
    void fastWorkerGetsClearlyMoreTasksWithPrefetchOne() throws Exception {
        Received<Task> fast = new Received<>();
        Received<Task> slow = new Received<>();
        jms.closeAfterTest(Worker.work(jms.factory(), Duration.ofMillis(10), fast));
        jms.closeAfterTest(Worker.work(jms.factory(), Duration.ofMillis(300), slow));

        JMSContext producer = jms.context();
        for (String task : tasks(TASKS)) {
            NewTask.publish(producer, task);
        }

        awaitTotal(() -> fast.size() + slow.size(), TASKS);
        assertThat(fast.size()).as("fast %s vs slow %s", fast.items(), slow.items())
                .isGreaterThanOrEqualTo(2 * slow.size());
        assertThat(slow.size()).as("the slow worker works too").isPositive();
    }

    @Test
    void taskOfAWorkerThatDiesUnacknowledgedIsRedelivered() throws Exception {
        NewTask.publish(jms.context(), "crash me");

        Task first = CrashingWorker.takeOneTaskAndDie(jms.factory(), Duration.ofSeconds(10));
        assertThat(first).isEqualTo(new Task("crash me", false));

        Received<Task> worker = new Received<>();
        jms.closeAfterTest(Worker.work(jms.factory(), Duration.ZERO, worker));
        assertThat(worker.awaitCount(1, Duration.ofSeconds(10)).settle(Duration.ofMillis(200)).items())
                .containsExactly(new Task("crash me", true));
    }

    @Test
    void acknowledgedTasksAreGoneAndTheQueueIsDurable() throws Exception {
        Received<Task> worker = new Received<>();
        jms.closeAfterTest(Worker.work(jms.factory(), Duration.ZERO, worker));
        JMSContext producer = jms.context();
        for (String task : tasks(3)) {
            NewTask.publish(producer, task);
        }
        assertThat(worker.awaitCount(3, Duration.ofSeconds(10)).items()).extracting(Task::body)
                .containsExactly("task1", "task2", "task3");

        // new_task.py's queue_declare(durable=True) is accepted: JMS declared the queue durable
        Channel channel = broker.channel();
        channel.queueDeclare(NewTask.QUEUE_NAME, true, false, false, null);
        awaitTotal(() -> messageCount(channel), 0);
    }

    @Test
    void jmsWorkerTakesPersistentTasksFromPikasNewTask() throws Exception {
        Received<Task> worker = new Received<>();
        jms.closeAfterTest(Worker.work(jms.factory(), Duration.ZERO, worker));

        PythonScript.run(broker, "new_task.py", "from", "pika");

        assertThat(worker.awaitCount(2, Duration.ofSeconds(10)).items()).extracting(Task::body)
                .containsExactly("from", "pika");
    }

    @Test
    void pikaWorkerTakesTheJmsTasks() throws Exception {
        try (PythonScript pikaWorker = PythonScript.start(broker, "worker.py", "0").awaitReady()) {
            JMSContext producer = jms.context();
            for (String task : List.of("from", "jms")) {
                NewTask.publish(producer, task);
            }
            awaitTotal(() -> (int) pikaWorker.countLinesContaining(" [x] Done"), 2);
            assertThat(pikaWorker.printedBodies()).containsExactly("from", "jms");
        }
    }

    private static int messageCount(Channel channel) {
        try {
            return channel.queueDeclarePassive(NewTask.QUEUE_NAME).getMessageCount();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> tasks(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "task" + i).toList();
    }

    /** Waits until {@code total} reaches {@code expected}, then a moment for strays, and checks it. */
    private static void awaitTotal(IntSupplier total, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (total.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        assertThat(total.getAsInt()).isEqualTo(expected);
    }
}
