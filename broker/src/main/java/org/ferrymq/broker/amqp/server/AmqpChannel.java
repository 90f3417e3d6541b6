package org.ferrymq.broker.amqp.server;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.ferrymq.broker.amqp.codec.AmqpChannelClose;
import org.ferrymq.broker.amqp.codec.AmqpChannelCloseOk;
import org.ferrymq.broker.amqp.codec.AmqpChannelFlow;
import org.ferrymq.broker.amqp.codec.AmqpChannelFlowOk;
import org.ferrymq.broker.amqp.codec.AmqpChannelOpen;
import org.ferrymq.broker.amqp.codec.AmqpCommand;
import org.ferrymq.broker.amqp.codec.AmqpCommandAssembler;
import org.ferrymq.broker.amqp.codec.AmqpFrame;
import org.ferrymq.broker.amqp.codec.AmqpMethod;
import org.ferrymq.broker.amqp.codec.AmqpMethodFrame;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AMQP channel: assembles its commands, runs them in order, and turns soft errors into
 * {@code channel.close}. A command whose answer depends on a queue (declare-ok counts, get,
 * consume) returns a future; until it completes, later commands on this channel wait, so
 * replies keep the order of requests. Other channels are not held up.
 *
 * <p>Threading: owned by the connection's event loop.
 */
final class AmqpChannel {
    private static final Logger LOG = LoggerFactory.getLogger(AmqpChannel.class);

    private enum State { OPEN, CLOSING, CLOSED }

    private final int number;
    private final AmqpConnection connection;
    private final AmqpCommandAssembler assembler;
    private final ArrayDeque<AmqpCommand> waiting = new ArrayDeque<>();
    private State state = State.OPEN;
    private boolean busy;
    private String lastDeclaredQueue;

    final Deliveries deliveries;
    final Publisher publisher;
    final ChannelXa xa;
    private final ExchangeCommands exchangeCommands;
    private final QueueCommands queueCommands;
    private final BasicCommands basicCommands;

    AmqpChannel(int number, AmqpConnection connection) {
        this.number = number;
        this.connection = connection;
        this.assembler = new AmqpCommandAssembler(connection.maxMessageSize(), connection.bodyMemory());
        this.deliveries = new Deliveries(this);
        this.publisher = new Publisher(this);
        this.xa = new ChannelXa(this);
        this.exchangeCommands = new ExchangeCommands(this);
        this.queueCommands = new QueueCommands(this);
        this.basicCommands = new BasicCommands(this);
    }

    int number() {
        return number;
    }

    AmqpConnection connection() {
        return connection;
    }

    ConnectionOutput output() {
        return connection.output();
    }

    /** This channel for the management API (event loop). */
    org.ferrymq.broker.management.ChannelView view(String connectionName, String vhost, String user) {
        return new org.ferrymq.broker.management.ChannelView(connectionName + " (" + number + ")", connectionName,
                number, vhost, user, deliveries.consumerPrefetch(), deliveries.channelPrefetch().limit(),
                deliveries.consumerCount(), deliveries.unackedCount(), publisher.confirming(), publisher.inTransaction());
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    /** Commands that arrived while the channel waited, not yet handled. */
    int parkedCommands() {
        return waiting.size();
    }


    void send(AmqpMethod method) {
        connection.output().method(number, method);
    }

    /** The queue name to use when a command names none: the last one declared on this channel (spec 1.7.2.x). */
    String queueName(String requested, AmqpMethod method) {
        if (!requested.isEmpty()) {
            return requested;
        }
        if (lastDeclaredQueue == null) {
            throw new AmqpException(ReplyCode.NOT_FOUND, "no previously declared queue", method.classId(), method.methodId());
        }
        return lastDeclaredQueue;
    }

    void lastDeclaredQueue(String name) {
        lastDeclaredQueue = name;
    }

    // ---- input -----------------------------------------------------------------------------

    void frame(AmqpFrame frame) {
        if (state != State.OPEN) {
            onFrameWhileClosing(frame);
            return;
        }
        AmqpCommand command;
        try {
            command = assembler.accept(frame);
        } catch (AmqpException e) {
            fail(e);
            return;
        }
        if (command != null) {
            command(command);
        }
    }

    /** A complete command: from the assembler, or straight from an in-process client. */
    void command(AmqpCommand command) {
        if (state != State.OPEN) {
            onFrameWhileClosing(new AmqpMethodFrame(number, command.method()));
            return;
        }
        if (busy) {
            waiting.add(command);
            if (waiting.size() == ChannelFlow.PARKED_BEFORE_READING_STOPS && publisher.flow.waiting()) {
                connection.updateReading(); // a held client that still sends: let TCP hold it as well
            }
            if (waiting.size() >= ChannelFlow.MAX_PARKED_COMMANDS && publisher.flow.waiting()
                    && !connection.readingStoppedForFlow()) {
                publisher.flow.release(); // the socket cannot be stopped (acks owed): do not hold without bound
            }
        } else {
            run(command);
        }
    }

    private void run(AmqpCommand command) {
        AmqpMethod method = command.method();
        try {
            CompletionStage<?> pending = dispatch(command);
            if (pending != null) {
                busy = true;
                pending.whenComplete((ignored, error) ->
                        connection.eventLoop().execute(() -> resume(method, error)));
            }
        } catch (AmqpException e) {
            fail(e.withMethod(method.classId(), method.methodId()));
        } catch (RuntimeException e) {
            LOG.error("Internal error handling {} on channel {} of {}", method.amqpName(), number, connection.describe(), e);
            connection.closeWithError(new AmqpException(ReplyCode.INTERNAL_ERROR, "internal error: " + e,
                    method.classId(), method.methodId()));
        }
    }

    private void resume(AmqpMethod method, Throwable error) {
        busy = false;
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof AmqpException amqp) {
                fail(amqp.withMethod(method.classId(), method.methodId()));
            } else {
                LOG.error("Internal error completing {} on channel {} of {}", method.amqpName(), number, connection.describe(), cause);
                connection.closeWithError(new AmqpException(ReplyCode.INTERNAL_ERROR, "internal error: " + cause,
                        method.classId(), method.methodId()));
            }
        }
        while (!busy && state == State.OPEN && !waiting.isEmpty()) {
            run(waiting.poll());
        }
        beforeFlush();
        connection.output().flush();
        connection.flowCheck(); // a get-ok sent: the client may owe an ack now
    }

    private CompletionStage<?> dispatch(AmqpCommand command) {
        AmqpMethod method = command.method();
        return switch (method.classId()) {
            case 20 -> channelMethod(method);
            case 40 -> exchangeCommands.handle(method);
            case 50 -> queueCommands.handle(method);
            case 60 -> basicCommands.handle(command);
            case 85, 90 -> method instanceof org.ferrymq.broker.amqp.codec.AmqpTxXa xaRequest
                    ? xa.handle(xaRequest) : publisher.handleModeCommand(method);
            default -> throw new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected method " + method.amqpName()
                    + " on channel " + number);
        };
    }

    private CompletionStage<?> channelMethod(AmqpMethod method) {
        if (method instanceof AmqpChannelClose close) {
            LOG.debug("Client closing channel {} of {}: {} {}", number, connection.describe(), close.replyCode(), close.replyText());
            release();
            send(new AmqpChannelCloseOk());
            state = State.CLOSED;
            connection.channelClosed(this);
        } else if (method instanceof AmqpChannelFlow flow) {
            if (!flow.active()) {
                // RabbitMQ 3.x no longer pauses deliveries by channel.flow; consumers use basic.qos instead
                throw new AmqpException(ReplyCode.NOT_IMPLEMENTED, "active=false");
            }
            send(new AmqpChannelFlowOk(true));
        } else if (method instanceof AmqpChannelFlowOk) {
            // the client's answer to the broker's channel.flow (ChannelFlow): nothing to do
        } else if (method instanceof AmqpChannelOpen) {
            throw new AmqpException(ReplyCode.CHANNEL_ERROR, "second 'channel.open' seen");
        } else {
            throw new AmqpException(ReplyCode.COMMAND_INVALID, "unexpected " + method.amqpName());
        }
        return null;
    }

    // ---- output hooks ----------------------------------------------------------------------

    /** Called before the connection flushes: coalesced publisher confirms go out now. */
    void beforeFlush() {
        if (state == State.OPEN) {
            publisher.flushConfirms();
        }
    }

    void wakeStarvedConsumers() {
        deliveries.wakeStarvedConsumers();
    }

    // ---- errors and closing ----------------------------------------------------------------

    /** A soft error closes this channel; a hard one the whole connection. */
    void fail(AmqpException error) {
        if (error.closesConnection()) {
            connection.closeWithError(error);
            return;
        }
        if (state != State.OPEN) {
            return;
        }
        LOG.info("Closing channel {} of {}: {}", number, connection.describe(), error.replyText());
        release();
        send(new AmqpChannelClose(error.replyCode().code(), error.replyText(), error.classId(), error.methodId()));
        state = State.CLOSING;
    }

    private void onFrameWhileClosing(AmqpFrame frame) {
        if (frame instanceof AmqpMethodFrame m) {
            if (m.method() instanceof AmqpChannelCloseOk) {
                state = State.CLOSED;
                connection.channelClosed(this);
            } else if (m.method() instanceof AmqpChannelClose) {
                send(new AmqpChannelCloseOk());
                state = State.CLOSED;
                connection.channelClosed(this);
            }
        }
        // anything else after our channel.close is discarded (spec 2.2.5)
    }

    /**
     * Gives everything back: transaction dropped (its held acks undone first, so those messages
     * count as unacked again), consumers cancelled, unacked messages requeued in order.
     */
    void release() {
        assembler.release();
        waiting.clear();
        publisher.flow.release();
        xa.release();   // first: deliveries held by its branch go back before the unacked ones
        publisher.release();
        deliveries.releaseAll();
    }
}
