package org.ferrymq.broker.amqp.server;

import org.ferrymq.broker.amqp.codec.AmqpConnectionTuneOk;
import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;

/**
 * The limits a connection runs with after {@code connection.tune-ok}: the client may lower the
 * broker's proposal but not raise it (0, "no limit", included), as RabbitMQ enforces (with
 * RabbitMQ's texts, which go to the log: like RabbitMQ, the connection then closes without a
 * connection.close).
 *
 * @param channelMax highest channel number the client may open
 * @param frameMax   largest frame either side may send, in bytes
 * @param heartbeat  heartbeat interval in seconds; 0 for none
 */
record NegotiatedTune(int channelMax, int frameMax, int heartbeat) {
    /** The spec's FRAME-MIN-SIZE. */
    private static final int FRAME_MIN_SIZE = 4096;

    /**
     * @param onTheWire false for an in-process client, which exchanges command objects, not frames: its
     *                  frame-max 0 just takes the broker's
     */
    static NegotiatedTune of(BrokerConfig config, AmqpConnectionTuneOk tuneOk, boolean onTheWire) {
        int serverFrameMax = config.frameMax();
        long clientFrameMax = tuneOk.frameMax();
        if (!onTheWire && clientFrameMax == 0) {
            clientFrameMax = serverFrameMax;
        }
        if (clientFrameMax != 0 && clientFrameMax < FRAME_MIN_SIZE) {
            throw notAllowed("negotiated frame_max = " + clientFrameMax
                    + " is lower than the minimum allowed value (" + FRAME_MIN_SIZE + ")", tuneOk);
        }
        // 0 means "no limit", which is above a broker's limit: RabbitMQ refuses it
        if (serverFrameMax != 0 && (clientFrameMax == 0 || clientFrameMax > serverFrameMax)) {
            throw notAllowed("negotiated frame_max = " + clientFrameMax
                    + " is higher than the maximum allowed value (" + serverFrameMax + ")", tuneOk);
        }
        int serverChannelMax = config.channelMax();
        int clientChannelMax = tuneOk.channelMax();
        if (clientChannelMax == 0 || clientChannelMax > serverChannelMax) {
            // 0 means "no limit", which is above ours: RabbitMQ refuses it too
            throw notAllowed("negotiated channel_max = " + clientChannelMax
                    + " is higher than the maximum allowed value (" + serverChannelMax + ")", tuneOk);
        }
        int frameMax = (int) Math.min(clientFrameMax == 0 ? Integer.MAX_VALUE : clientFrameMax, Integer.MAX_VALUE);
        return new NegotiatedTune(clientChannelMax, frameMax, tuneOk.heartbeat());
    }

    private static AmqpException notAllowed(String text, AmqpConnectionTuneOk tuneOk) {
        return new AmqpException(ReplyCode.NOT_ALLOWED, text, tuneOk.classId(), tuneOk.methodId());
    }
}
