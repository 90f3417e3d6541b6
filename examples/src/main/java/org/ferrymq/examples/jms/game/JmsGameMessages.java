package org.ferrymq.examples.jms.game;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/**
 * Reading the game's JSON messages in JMS: a pika or Java AMQP program's {@code application/json}
 * body arrives as a TextMessage, so does what the JMS programs send; a BytesMessage is read as
 * UTF-8 too. The AMQP routing key is the part of the topic name after the exchange's '/'.
 */
final class JmsGameMessages {
    private JmsGameMessages() {
    }

    static byte[] body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText() == null ? new byte[0] : text.getText().getBytes(UTF_8);
        }
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return body;
        }
        return new byte[0];
    }

    /** {@code room.1.action.move} from the topic {@code game.actions/room.1.action.move}. */
    static String routingKey(Destination destination) throws JMSException {
        if (destination instanceof Topic topic) {
            String name = topic.getTopicName();
            return name.substring(name.indexOf('/') + 1);
        }
        return destination instanceof Queue queue ? queue.getQueueName() : "";
    }
}
