package org.ferrymq.jms.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

import org.junit.jupiter.api.Test;

/** JMS and pika programs (the tutorial's client) exchange messages both ways. */
class PikaInteropIT extends BrokerTestBase {
    private static final String PYTHON = "/usr/bin/python3";

    /** Runs an inline pika script with the broker URI and extra arguments; returns its stdout lines. */
    private static List<String> pika(String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script, TestBroker.amqpUri()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "pika script timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "pika script failed:\n" + out);
        return out.lines().toList();
    }

    private static final String PUBLISH = String.join("\n",
            "import sys, pika",
            "conn = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))",
            "ch = conn.channel()",
            "q = sys.argv[2]",
            "ch.queue_declare(queue=q)",   // non-durable, exactly as the tutorial's send.py
            "ch.basic_publish(exchange='', routing_key=q, body='Hello World!')",
            "ch.basic_publish(exchange='', routing_key=q, body=bytes([0, 1, 2, 255]),",
            "    properties=pika.BasicProperties(content_type='application/octet-stream', correlation_id='c-1',",
            "        message_id='pika-1', priority=3, delivery_mode=2, reply_to='amq.gen-reply', type='blob',",
            "        headers={'count': 3, 'who': 'pika', 'big': 2**40, 'ok': True}))",
            "conn.close()");

    @Test
    void pikaPublishesAndJmsReceivesTextAndBytes() throws Exception {
        String queue = TestBroker.queueName("pika-to-jms");
        pika(PUBLISH, queue);
        Connection c = started();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = s.createConsumer(s.createQueue(queue));

        Message first = consumer.receive(5000);
        TextMessage hello = assertInstanceOf(TextMessage.class, first);
        assertEquals("Hello World!", hello.getText());
        assertEquals(DeliveryMode.NON_PERSISTENT, hello.getJMSDeliveryMode());

        BytesMessage blob = assertInstanceOf(BytesMessage.class, consumer.receive(5000));
        assertEquals(4, blob.getBodyLength());
        byte[] body = new byte[4];
        blob.readBytes(body);
        assertEquals((byte) 255, body[3]);
        assertEquals("c-1", blob.getJMSCorrelationID());
        assertEquals("pika-1", blob.getJMSMessageID());
        assertEquals(3, blob.getJMSPriority());
        assertEquals("blob", blob.getJMSType());
        assertEquals(DeliveryMode.PERSISTENT, blob.getJMSDeliveryMode());
        assertEquals(s.createQueue("amq.gen-reply"), blob.getJMSReplyTo());
        assertEquals(3L, blob.getLongProperty("count"));
        assertEquals("pika", blob.getStringProperty("who"));
        assertEquals(1L << 40, blob.getObjectProperty("big"));
        assertTrue(blob.getBooleanProperty("ok"));
    }

    private static final String GET = String.join("\n",
            "import sys, pika",
            "conn = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))",
            "ch = conn.channel()",
            "m, props, body = ch.basic_get(queue=sys.argv[2], auto_ack=True)",
            "print('body=' + body.decode('utf-8'))",
            "print('content_type=' + str(props.content_type))",
            "print('correlation_id=' + str(props.correlation_id))",
            "print('type=' + str(props.type))",
            "print('delivery_mode=' + str(props.delivery_mode))",
            "print('priority=' + str(props.priority))",
            "print('message_id=' + str(props.message_id))",
            "print('reply_to=' + str(props.reply_to))",
            "for k in sorted(props.headers):",
            "    v = props.headers[k]",
            "    print('header.' + k + '=' + (v.decode('utf-8') if isinstance(v, bytes) else str(v)))",
            "conn.close()");

    @Test
    void jmsSendsAndPikaReadsUtf8TextWithHeaders() throws Exception {
        String queue = TestBroker.queueName("jms-to-pika");
        Connection c = connect();
        Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue q = s.createQueue(queue);
        TextMessage m = s.createTextMessage("grüß dich ✓");
        m.setJMSCorrelationID("order-42");
        m.setJMSType("greeting");
        m.setJMSReplyTo(s.createQueue("replies"));
        m.setStringProperty("region", "eu-west");
        m.setIntProperty("attempt", 2);
        m.setBooleanProperty("urgent", true);
        s.createProducer(q).send(m, DeliveryMode.PERSISTENT, 7, 0);

        List<String> out = pika(GET, queue);
        assertTrue(out.contains("body=grüß dich ✓"), out.toString());
        assertTrue(out.contains("content_type=text/plain; charset=utf-8"), out.toString());
        assertTrue(out.contains("correlation_id=order-42"), out.toString());
        assertTrue(out.contains("type=greeting"), out.toString());
        assertTrue(out.contains("delivery_mode=2"), out.toString());
        assertTrue(out.contains("priority=7"), out.toString());
        assertTrue(out.contains("message_id=" + m.getJMSMessageID()), out.toString());
        assertTrue(out.contains("reply_to=replies"), out.toString());
        assertTrue(out.contains("header.region=eu-west"), out.toString());
        assertTrue(out.contains("header.attempt=2"), out.toString());
        assertTrue(out.contains("header.urgent=True"), out.toString());
        assertTrue(out.contains("header.x-jms-body=text"), out.toString());
    }

    @Test
    void pikaReadsANullTextAsAnEmptyBody() throws Exception {
        String queue = TestBroker.queueName("null-to-pika");
        Session s = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        s.createProducer(s.createQueue(queue)).send(s.createTextMessage());
        List<String> out = pika(GET, queue);
        assertTrue(out.contains("body="), out.toString());
        assertTrue(out.contains("content_type=text/plain; charset=utf-8"), out.toString());
        assertTrue(out.contains("header.x-jms-null-body=True"), out.toString());
    }

    private static final String RECEIVE_LOGS = String.join("\n",
            "import sys, pika",
            "conn = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))",
            "ch = conn.channel()",
            "ch.exchange_declare(exchange=sys.argv[2], exchange_type='topic')",
            "q = ch.queue_declare(queue='', exclusive=True).method.queue",
            "ch.queue_bind(exchange=sys.argv[2], queue=q, routing_key='*.weather')",
            "print('ready', flush=True)",
            "sys.stdin.readline()",
            "for i in range(50):",
            "    m, props, body = ch.basic_get(queue=q, auto_ack=True)",
            "    if m:",
            "        print('got=' + m.routing_key + ':' + body.decode('utf-8'))",
            "        break",
            "    conn.sleep(0.1)",
            "conn.close()");

    @Test
    void jmsTopicPublishesIntoThePikaTopicExchange() throws Exception {
        String exchange = TestBroker.exchange("logs3", "topic");
        Process p = new ProcessBuilder(PYTHON, "-c", RECEIVE_LOGS, TestBroker.amqpUri(), exchange).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            Connection c = connect();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic t = s.createTopic(exchange + "/europe.weather");
            s.createProducer(t).send(s.createTextMessage("sunny"));
            p.getOutputStream().write('\n');
            p.getOutputStream().flush();
            String line = out.readLine();
            assertNotNull(line);
            assertEquals("got=europe.weather:sunny", line);
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static final String READ_MAP = String.join("\n",
            "import sys, pika, pika.data",
            "conn = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))",
            "ch = conn.channel()",
            "m, props, body = ch.basic_get(queue=sys.argv[2], auto_ack=True)",
            "table, offset = pika.data.decode_table(body, 0)",
            "for k in sorted(table):",
            "    v = table[k]",
            "    print(k + '=' + (v.decode('utf-8') if isinstance(v, bytes) else str(v)))",
            "conn.close()");

    @Test
    void pikaDecodesAMapMessageBodyAsAnAmqpTable() throws Exception {
        String queue = TestBroker.queueName("map-to-pika");
        Session s = connect().createSession(false, Session.AUTO_ACKNOWLEDGE);
        jakarta.jms.MapMessage m = s.createMapMessage();
        m.setString("item", "widget");
        m.setInt("qty", 3);
        m.setLong("sku", 1L << 33);
        m.setBoolean("gift", false);
        s.createProducer(s.createQueue(queue)).send(m);
        List<String> out = pika(READ_MAP, queue);
        assertEquals(List.of("gift=False", "item=widget", "qty=3", "sku=" + (1L << 33)), out);
    }
}
