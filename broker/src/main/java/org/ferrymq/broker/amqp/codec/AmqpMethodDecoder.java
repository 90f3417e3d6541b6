package org.ferrymq.broker.amqp.codec;

import io.netty.buffer.ByteBuf;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;

/**
 * Decodes a method frame's arguments into its record (spec section 4.2.4): one switch on
 * class-id/method-id (generated into {@code AmqpMethodTable}). Stateless.
 *
 * <p>Errors, as RabbitMQ 3.10 reports them (measured, see {@code package-info}): arguments
 * that are truncated, malformed or followed by extra bytes are FRAME_ERROR (501)
 * "cannot decode &lt;&lt;bytes&gt;&gt;" with the method's class/method id. For an unknown
 * class/method id RabbitMQ drops the TCP connection without a close; FerryMQ closes with
 * FRAME_ERROR (501) "unknown method id {class,method}" instead.
 */
public final class AmqpMethodDecoder {
    private AmqpMethodDecoder() {
    }

    /**
     * @param arguments the method's argument bytes (after class and method id); all of them are consumed
     * @throws AmqpException FRAME_ERROR for an unknown method or malformed arguments
     */
    public static AmqpMethod decode(int classId, int methodId, ByteBuf arguments) {
        int start = arguments.readerIndex();
        AmqpMethod method;
        try {
            method = AmqpMethodTable.read(classId, methodId, arguments);
            if (method == null && classId == AmqpTxXa.CLASS_ID && methodId == AmqpTxXa.METHOD_ID) {
                method = AmqpTxXa.read(arguments);   // FerryMQ's XA extension, not in the spec file
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw cannotDecode(classId, methodId, arguments, start);
        }
        if (method == null) {
            throw new AmqpException(ReplyCode.FRAME_ERROR,
                    "unknown method id {" + classId + "," + methodId + "}", classId, methodId);
        }
        if (arguments.isReadable()) {
            throw cannotDecode(classId, methodId, arguments, start);
        }
        return method;
    }

    /** The spec name of a method ({@code "basic.publish"}), or null for an unknown id. */
    public static String methodName(int classId, int methodId) {
        if (classId == AmqpTxXa.CLASS_ID && methodId == AmqpTxXa.METHOD_ID) {
            return "tx.xa";
        }
        return AmqpMethodTable.name(classId, methodId);
    }

    private static AmqpException cannotDecode(int classId, int methodId, ByteBuf arguments, int start) {
        String bytes = AmqpErrorText.erlangBinary(arguments, start, arguments.writerIndex() - start);
        arguments.readerIndex(arguments.writerIndex());
        return new AmqpException(ReplyCode.FRAME_ERROR, "cannot decode " + bytes, classId, methodId);
    }
}
