package org.ferrymq.jms.message;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.jms.JMSException;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;

/** A text body, sent as UTF-8 with content-type {@code text/plain; charset=utf-8}. */
public class FerryTextMessage extends FerryMessage implements TextMessage {
    private String text;
    private boolean readOnly;

    @Override
    public BodyType bodyType() {
        return BodyType.TEXT;
    }

    @Override
    public void setText(String text) throws JMSException {
        if (readOnly) {
            throw readOnlyBody();
        }
        this.text = text;
    }

    @Override
    public String getText() {
        return text;
    }

    @Override
    public byte[] encodeBody() {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void decodeBody(byte[] body) {
        decodeText(body, StandardCharsets.UTF_8);
    }

    /** For text from other AMQP clients whose content-type names another charset. */
    public void decodeText(byte[] body, Charset charset) {
        this.text = new String(body, charset);
    }

    @Override
    protected void makeBodyReadOnly() {
        readOnly = true;
    }

    @Override
    public void clearBody() {
        text = null;
        readOnly = false;
    }

    @Override
    public <T> T getBody(Class<T> c) throws JMSException {
        if (text == null) {
            return null;
        }
        if (!c.isAssignableFrom(String.class)) {
            throw new MessageFormatException("a TextMessage body cannot be read as " + c.getName());
        }
        return c.cast(text);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public boolean isBodyAssignableTo(Class c) {
        return text == null || c.isAssignableFrom(String.class);
    }
}
