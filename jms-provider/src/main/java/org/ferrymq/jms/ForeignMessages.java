package org.ferrymq.jms;

import java.util.Enumeration;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageEOFException;
import jakarta.jms.ObjectMessage;
import jakarta.jms.StreamMessage;
import jakarta.jms.TextMessage;

import org.ferrymq.jms.message.FerryBytesMessage;
import org.ferrymq.jms.message.FerryMapMessage;
import org.ferrymq.jms.message.FerryMessage;
import org.ferrymq.jms.message.FerryObjectMessage;
import org.ferrymq.jms.message.FerryStreamMessage;
import org.ferrymq.jms.message.FerryTextMessage;

/** Copies a message of another provider into ours so it can be sent (spec section 3.12). */
final class ForeignMessages {
    private ForeignMessages() {
    }

    static FerryMessage copy(Message foreign) throws JMSException {
        FerryMessage m = body(foreign);
        m.setJMSCorrelationID(foreign.getJMSCorrelationID());
        m.setJMSReplyTo(foreign.getJMSReplyTo());
        m.setJMSType(foreign.getJMSType());
        for (Enumeration<?> names = foreign.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            m.setObjectProperty(name, foreign.getObjectProperty(name));
        }
        return m;
    }

    private static FerryMessage body(Message foreign) throws JMSException {
        if (foreign instanceof TextMessage t) {
            FerryTextMessage m = new FerryTextMessage();
            m.setText(t.getText());
            return m;
        }
        if (foreign instanceof BytesMessage b) {
            b.reset();
            byte[] bytes = new byte[(int) b.getBodyLength()];
            b.readBytes(bytes);
            FerryBytesMessage m = new FerryBytesMessage();
            m.writeBytes(bytes);
            return m;
        }
        if (foreign instanceof MapMessage map) {
            FerryMapMessage m = new FerryMapMessage();
            for (Enumeration<?> names = map.getMapNames(); names.hasMoreElements(); ) {
                String name = (String) names.nextElement();
                m.setObject(name, map.getObject(name));
            }
            return m;
        }
        if (foreign instanceof StreamMessage s) {
            s.reset();
            FerryStreamMessage m = new FerryStreamMessage();
            try {
                while (true) {
                    m.writeObject(s.readObject());
                }
            } catch (MessageEOFException end) {
                return m;
            }
        }
        if (foreign instanceof ObjectMessage o) {
            FerryObjectMessage m = new FerryObjectMessage();
            m.setObject(o.getObject());
            return m;
        }
        return new FerryMessage();
    }
}
