package org.ferrymq.examples.workqueue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.ShutdownSignalException;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.Inbox;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Manual acks, a durable queue, persistent messages, and redelivery of an unacked task. */
@Timeout(60)
class WorkQueueIT {
    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();

    @BeforeEach
    @AfterEach
    void deleteQueue() throws Exception {
        broker.deleteQueues(NewTask.QUEUE_NAME);
    }

    @Test
    void javaTaskIsPersistentOnADurableQueue() throws Exception {
        NewTask.publish(broker.channel(), "a task");

        assertQueueIsDurableAndHoldsPersistentTask("a task");
    }

    @Test
    void pythonTaskIsPersistentOnADurableQueue() throws Exception {
        assertThat(PythonScript.run(broker, "new_task.py", "a task")).contains(" [x] Sent 'a task'");

        assertQueueIsDurableAndHoldsPersistentTask("a task");
    }

    @Test
    void javaWorkerAcksEveryTask() throws Exception {
        Inbox inbox = new Inbox();
        Channel worker = broker.channel();
        Worker.work(worker, Duration.ZERO, inbox);

        Channel producer = broker.channel();
        for (String task : new String[] {"one", "two", "three"}) {
            NewTask.publish(producer, task);
        }

        assertThat(inbox.awaitCount(3, Duration.ofSeconds(10)).settle(Duration.ofMillis(200)).bodies())
                .containsExactly("one", "two", "three");
        worker.getConnection().close(); // an unacked task would go back to the queue now
        assertNoTaskLeft();
    }

    @Test
    void pythonWorkerAcksEveryTask() throws Exception {
        try (PythonScript worker = PythonScript.startConsumer(broker, 3, "worker.py", "0").awaitReady()) {
            PythonScript.run(broker, "new_task.py", "one", "two", "three");

            worker.awaitExit(Duration.ofSeconds(20), 0);
            assertThat(worker.printedBodies()).containsExactly("one", "two", "three");
            assertThat(worker.countLinesContaining(" [x] Done")).isEqualTo(3);
        }
        assertNoTaskLeft();
    }

    @Test
    void javaTaskOfACrashedWorkerIsRedeliveredToAnotherWorker() throws Exception {
        NewTask.publish(broker.channel(), "crash me");

        Delivery taken = CrashingWorker.takeOneTaskAndDie(broker.connect(), Duration.ofSeconds(10));
        assertThat(new String(taken.getBody(), UTF_8)).isEqualTo("crash me");
        assertThat(taken.getEnvelope().isRedeliver()).isFalse();

        Inbox inbox = new Inbox();
        Worker.work(broker.channel(), Duration.ZERO, inbox);
        Delivery redelivered = inbox.awaitCount(1, Duration.ofSeconds(10)).deliveries().get(0);
        assertThat(new String(redelivered.getBody(), UTF_8)).isEqualTo("crash me");
        assertThat(redelivered.getEnvelope().isRedeliver()).isTrue();
    }

    @Test
    void pythonTaskOfACrashedWorkerIsRedeliveredToAnotherWorker() throws Exception {
        try (PythonScript crashing = PythonScript.start(broker, "crashing_worker.py").awaitReady()) {
            PythonScript.run(broker, "new_task.py", "crash me");

            crashing.awaitExit(Duration.ofSeconds(20), 1);
            assertThat(crashing.lines()).contains(" [x] Received b'crash me' (redelivered=False)");
        }
        try (PythonScript worker = PythonScript.startConsumer(broker, 1, "worker.py", "0")) {
            worker.awaitExit(Duration.ofSeconds(20), 0);
            assertThat(worker.lines()).contains(" [x] Received b'crash me' (redelivered=True)");
        }
        assertNoTaskLeft();
    }

    /** Redeclaring with the same flags is fine; with durable=false the broker refuses (406). */
    private static void assertQueueIsDurableAndHoldsPersistentTask(String body) throws Exception {
        Channel channel = broker.channel();
        assertThat(channel.queueDeclare(NewTask.QUEUE_NAME, true, false, false, null).getMessageCount()).isEqualTo(1);

        GetResponse task = channel.basicGet(NewTask.QUEUE_NAME, true);
        assertThat(new String(task.getBody(), UTF_8)).isEqualTo(body);
        assertThat(task.getProps().getDeliveryMode()).isEqualTo(2);

        Channel other = broker.channel();
        assertThatThrownBy(() -> other.queueDeclare(NewTask.QUEUE_NAME, false, false, false, null))
                .isInstanceOf(IOException.class)
                .cause().isInstanceOfSatisfying(ShutdownSignalException.class, signal ->
                        assertThat(((AMQP.Channel.Close) signal.getReason()).getReplyCode()).isEqualTo(406));
    }

    /** Called once the workers are gone: a task they did not ack would be back on the queue. */
    private static void assertNoTaskLeft() throws Exception {
        Thread.sleep(100);
        assertThat(broker.channel().queueDeclarePassive(NewTask.QUEUE_NAME).getMessageCount())
                .as("tasks back on the queue (not acked)").isZero();
    }
}
