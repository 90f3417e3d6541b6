package org.ferrymq.jms.provider;

/**
 * The broker's answer to a FerryMQ {@code tx.xa} request ({@code org.ferrymq.broker.amqp.codec.AmqpTxXa}): the XA return code (XA_OK, XA_RDONLY or an
 * {@code XAException} error code) and the data (recover's Xids, identify's name, an error's text).
 */
public record XaReply(int code, byte[] body) {
}
