package org.ferrymq.examples.jms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import jakarta.jms.JMSContext;
import org.ferrymq.examples.jms.takeaway.Notifications;
import org.ferrymq.examples.jms.takeaway.Order;
import org.ferrymq.examples.jms.takeaway.PlaceOrder;
import org.ferrymq.examples.jms.takeaway.Restaurant;
import org.ferrymq.examples.jms.takeaway.Rider;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.Inbox;
import org.ferrymq.examples.support.PythonScript;
import org.ferrymq.examples.takeaway.TakeawayTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The takeaway flow in JMS on the AMQP design's exchanges and queues, alone and mixed with the
 * Java AMQP and pika programs in both directions.
 */
@Timeout(45)
class TakeawayJmsIT {
    private static final Pattern PIKA_ORDER_ID = Pattern.compile("Placed order ([0-9a-f]{8})");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();
    @RegisterExtension
    final JmsClients jms = new JmsClients(broker);

    @BeforeEach
    void declareTopology() throws Exception {
        deleteTopology();
        jms.jmsBroker().declare(TakeawayTopology::declareNotifications, TakeawayTopology::declareRestaurantQueue,
                channel -> TakeawayTopology.declareRiderQueue(channel, "beijing"));
    }

    @AfterEach
    void deleteTopology() throws Exception {
        broker.deleteQueues(TakeawayTopology.RESTAURANT_QUEUE, TakeawayTopology.riderQueue("beijing"),
                TakeawayTopology.riderQueue("shanghai"));
        broker.deleteExchanges(TakeawayTopology.ORDERS_EXCHANGE, TakeawayTopology.NOTIFICATIONS_EXCHANGE);
    }

    @Test
    void jmsOrdersReachTheJmsRestaurantRidersAndNotifications() throws Exception {
        Received<String> app = new Received<>();
        Received<String> sms = new Received<>();
        Notifications.listen(jms.context(), app);
        Notifications.listen(jms.context(), sms);
        Received<Order> kitchen = new Received<>();
        Received<Order> riders = new Received<>();
        jms.closeAfterTest(Restaurant.cook(jms.factory(), kitchen));
        jms.closeAfterTest(Rider.deliver(jms.factory(), "beijing", riders));

        JMSContext customer = jms.context();
        String dumplings = PlaceOrder.place(customer, "beijing", "dumplings");
        String xiaolongbao = PlaceOrder.place(customer, "shanghai", "xiaolongbao");
        String roastDuck = PlaceOrder.place(customer, "beijing", "roast duck");

        assertThat(kitchen.awaitCount(3, WAIT).items()).containsExactly(
                new Order(dumplings, "beijing", "dumplings"),
                new Order(xiaolongbao, "shanghai", "xiaolongbao"),
                new Order(roastDuck, "beijing", "roast duck"));
        assertThat(riders.awaitCount(2, WAIT).items()).extracting(Order::id).containsExactly(dumplings, roastDuck);
        for (Received<String> channel : List.of(app, sms)) {
            assertThat(channel.awaitCount(5, WAIT).settle(Duration.ofMillis(200)).items()).containsExactlyInAnyOrder(
                    "order " + dumplings + ": accepted by the restaurant",
                    "order " + xiaolongbao + ": accepted by the restaurant",
                    "order " + roastDuck + ": accepted by the restaurant",
                    "order " + dumplings + ": a rider is on the way",
                    "order " + roastDuck + ": a rider is on the way");
        }
    }

    /** JMS → AMQP: the JMSMessageID is the AMQP message-id the AMQP programs use as the order id. */
    @Test
    void jmsOrderIsCookedByTheJavaAmqpRestaurantAndHeardByPikaNotifications() throws Exception {
        Inbox kitchen = new Inbox();
        org.ferrymq.examples.takeaway.Restaurant.cook(broker.channel(), kitchen);
        try (PythonScript app = PythonScript.startConsumer(broker, 1, "takeaway_notifications.py", "app").awaitReady()) {
            String order = PlaceOrder.place(jms.context(), "shanghai", "xiaolongbao");

            Delivery cooked = kitchen.awaitCount(1, WAIT).deliveries().get(0);
            assertThat(cooked.getProperties().getMessageId()).isEqualTo(order);
            assertThat(cooked.getProperties().getDeliveryMode()).as("persistent").isEqualTo(2);
            assertThat(cooked.getEnvelope().getExchange()).isEqualTo(TakeawayTopology.ORDERS_EXCHANGE);
            assertThat(cooked.getEnvelope().getRoutingKey()).isEqualTo("order.created.shanghai");
            assertThat(kitchen.bodies()).containsExactly("xiaolongbao");

            app.awaitExit(WAIT, 0);
            assertThat(app.printedBodies()).containsExactly("order " + order + ": accepted by the restaurant");
        }
    }

    /** pika → JMS: the pika order's message_id arrives unchanged as the JMSMessageID. */
    @Test
    void pikaOrdersAreHandledByTheJmsRestaurantAndRiders() throws Exception {
        Received<String> app = new Received<>();
        Notifications.listen(jms.context(), app);
        Received<Order> kitchen = new Received<>();
        Received<Order> riders = new Received<>();
        jms.closeAfterTest(Restaurant.cook(jms.factory(), kitchen));
        jms.closeAfterTest(Rider.deliver(jms.factory(), "beijing", riders));

        String dumplings = placePikaOrder("beijing", "dumplings");
        String xiaolongbao = placePikaOrder("shanghai", "xiaolongbao");

        assertThat(kitchen.awaitCount(2, WAIT).items()).containsExactly(
                new Order(dumplings, "beijing", "dumplings"), new Order(xiaolongbao, "shanghai", "xiaolongbao"));
        assertThat(riders.awaitCount(1, WAIT).items()).containsExactly(new Order(dumplings, "beijing", "dumplings"));
        assertThat(app.awaitCount(3, WAIT).settle(Duration.ofMillis(200)).items()).containsExactlyInAnyOrder(
                "order " + dumplings + ": accepted by the restaurant",
                "order " + xiaolongbao + ": accepted by the restaurant",
                "order " + dumplings + ": a rider is on the way");
    }

    @Test
    void jmsOrdersWaitPersistentOnTheDurableQueuesUntilTheRestaurantOpens() throws Exception {
        JMSContext customer = jms.context();
        String dumplings = PlaceOrder.place(customer, "beijing", "dumplings");
        String xiaolongbao = PlaceOrder.place(customer, "shanghai", "xiaolongbao");

        Channel channel = broker.channel();
        assertThat(channel.queueDeclarePassive(TakeawayTopology.RESTAURANT_QUEUE).getMessageCount()).isEqualTo(2);
        assertThat(channel.queueDeclarePassive(TakeawayTopology.riderQueue("beijing")).getMessageCount()).isEqualTo(1);
        GetResponse waiting = channel.basicGet(TakeawayTopology.riderQueue("beijing"), false);
        assertThat(waiting.getProps().getDeliveryMode()).as("persistent").isEqualTo(2);
        channel.basicNack(waiting.getEnvelope().getDeliveryTag(), false, true);

        Received<Order> kitchen = new Received<>();
        jms.closeAfterTest(Restaurant.cook(jms.factory(), kitchen));
        assertThat(kitchen.awaitCount(2, WAIT).items()).extracting(Order::id).containsExactly(dumplings, xiaolongbao);
    }

    private static String placePikaOrder(String city, String dish) throws InterruptedException {
        List<String> output = PythonScript.run(broker, "takeaway_order.py", city, dish);
        for (String line : output) {
            Matcher id = PIKA_ORDER_ID.matcher(line);
            if (id.find()) {
                return id.group(1);
            }
        }
        throw new AssertionError("no order id printed by takeaway_order.py: " + output);
    }
}
