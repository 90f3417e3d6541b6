package org.ferrymq.examples.takeaway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import org.ferrymq.examples.support.ExampleBroker;
import org.ferrymq.examples.support.Inbox;
import org.ferrymq.examples.support.PythonScript;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The takeaway flow: three orders (two in Beijing, one in Shanghai); the restaurant cooks all
 * three, the Beijing riders pick up the two Beijing ones, and every notification channel hears
 * all five status updates.
 */
@Timeout(60)
class TakeawayIT {
    private static final Pattern ORDER_ID = Pattern.compile("order ([0-9a-f]{8})", Pattern.CASE_INSENSITIVE);

    @RegisterExtension
    static final ExampleBroker broker = new ExampleBroker();

    @BeforeEach
    @AfterEach
    void deleteTopology() throws Exception {
        broker.deleteQueues(TakeawayTopology.RESTAURANT_QUEUE, TakeawayTopology.riderQueue("beijing"),
                TakeawayTopology.riderQueue("shanghai"));
        broker.deleteExchanges(TakeawayTopology.ORDERS_EXCHANGE, TakeawayTopology.NOTIFICATIONS_EXCHANGE);
    }

    @Test
    void javaOrdersReachRestaurantRidersAndNotifications() throws Exception {
        Inbox app = new Inbox();
        Inbox sms = new Inbox();
        Inbox kitchen = new Inbox();
        Inbox beijingRiders = new Inbox();
        Notifications.listen(broker.channel(), app);
        Notifications.listen(broker.channel(), sms);
        Restaurant.cook(broker.channel(), kitchen);
        Rider.deliver(broker.channel(), "beijing", beijingRiders);

        Channel customer = broker.channel();
        String dumplings = PlaceOrder.place(customer, "beijing", "dumplings");
        String xiaolongbao = PlaceOrder.place(customer, "shanghai", "xiaolongbao");
        String roastDuck = PlaceOrder.place(customer, "beijing", "roast duck");

        assertThat(messageIds(kitchen.awaitCount(3, Duration.ofSeconds(10)).deliveries()))
                .containsExactly(dumplings, xiaolongbao, roastDuck);
        assertThat(kitchen.bodies()).containsExactly("dumplings", "xiaolongbao", "roast duck");
        assertThat(messageIds(beijingRiders.awaitCount(2, Duration.ofSeconds(10)).deliveries()))
                .containsExactly(dumplings, roastDuck);
        assertThat(beijingRiders.deliveries().get(0).getProperties().getDeliveryMode()).isEqualTo(2);
        for (Inbox channel : List.of(app, sms)) {
            assertThat(channel.awaitCount(5, Duration.ofSeconds(10)).settle(Duration.ofMillis(300)).bodies())
                    .containsExactlyInAnyOrder(
                            "order " + dumplings + ": accepted by the restaurant",
                            "order " + xiaolongbao + ": accepted by the restaurant",
                            "order " + roastDuck + ": accepted by the restaurant",
                            "order " + dumplings + ": a rider is on the way",
                            "order " + roastDuck + ": a rider is on the way");
        }
    }

    @Test
    void pythonOrdersReachRestaurantRidersAndNotifications() throws Exception {
        try (PythonScript app = PythonScript.startConsumer(broker, 5, "takeaway_notifications.py", "app").awaitReady();
             PythonScript sms = PythonScript.startConsumer(broker, 5, "takeaway_notifications.py", "sms").awaitReady();
             PythonScript kitchen = PythonScript.startConsumer(broker, 3, "takeaway_restaurant.py").awaitReady();
             PythonScript riders = PythonScript.startConsumer(broker, 2, "takeaway_rider.py", "beijing").awaitReady()) {
            String dumplings = placePythonOrder("beijing", "dumplings");
            String xiaolongbao = placePythonOrder("shanghai", "xiaolongbao");
            String roastDuck = placePythonOrder("beijing", "roast duck");

            for (PythonScript consumer : List.of(kitchen, riders, app, sms)) {
                consumer.awaitExit(Duration.ofSeconds(20), 0);
            }
            assertThat(kitchen.lines()).contains(
                    " [x] Order " + dumplings + ": cooking b'dumplings' for beijing",
                    " [x] Order " + xiaolongbao + ": cooking b'xiaolongbao' for shanghai",
                    " [x] Order " + roastDuck + ": cooking b'roast duck' for beijing");
            assertThat(orderIds(riders.lines())).containsExactly(dumplings, roastDuck);
            for (PythonScript channel : List.of(app, sms)) {
                assertThat(channel.printedBodies()).containsExactlyInAnyOrder(
                        "order " + dumplings + ": accepted by the restaurant",
                        "order " + xiaolongbao + ": accepted by the restaurant",
                        "order " + roastDuck + ": accepted by the restaurant",
                        "order " + dumplings + ": a rider is on the way",
                        "order " + roastDuck + ": a rider is on the way");
            }
        }
    }

    /** The Python and Java programs declare the same topology, so they work together. */
    @Test
    void pythonCustomerJavaRestaurantAndPythonNotifications() throws Exception {
        Inbox kitchen = new Inbox();
        Restaurant.cook(broker.channel(), kitchen);
        try (PythonScript app = PythonScript.startConsumer(broker, 1, "takeaway_notifications.py", "app").awaitReady()) {
            String order = placePythonOrder("shanghai", "xiaolongbao");

            assertThat(messageIds(kitchen.awaitCount(1, Duration.ofSeconds(10)).deliveries())).containsExactly(order);
            app.awaitExit(Duration.ofSeconds(20), 0);
            assertThat(app.printedBodies()).containsExactly("order " + order + ": accepted by the restaurant");
        }
    }

    @Test
    void ordersWaitOnTheDurableQueuesWhileNobodyConsumes() throws Exception {
        Channel setup = broker.channel();
        TakeawayTopology.declareRestaurantQueue(setup);
        TakeawayTopology.declareRiderQueue(setup, "beijing");

        placePythonOrder("beijing", "dumplings");
        placePythonOrder("shanghai", "xiaolongbao");

        assertThat(setup.queueDeclarePassive(TakeawayTopology.RESTAURANT_QUEUE).getMessageCount()).isEqualTo(2);
        assertThat(setup.queueDeclarePassive(TakeawayTopology.riderQueue("beijing")).getMessageCount()).isEqualTo(1);
    }

    private static String placePythonOrder(String city, String dish) throws InterruptedException {
        List<String> output = PythonScript.run(broker, "takeaway_order.py", city, dish);
        List<String> ids = orderIds(output);
        assertThat(ids).as("order id printed by takeaway_order.py: %s", output).hasSize(1);
        return ids.get(0);
    }

    private static List<String> orderIds(List<String> lines) {
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            Matcher id = ORDER_ID.matcher(line);
            if (id.find()) {
                ids.add(id.group(1));
            }
        }
        return ids;
    }

    private static List<String> messageIds(List<Delivery> deliveries) {
        return deliveries.stream().map(d -> d.getProperties().getMessageId()).toList();
    }
}
