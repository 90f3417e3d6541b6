package org.ferrymq.broker.amqp.server;

/** How a consumer finished with a delivery: basic.ack, or basic.nack/reject with or without requeue. */
enum Settlement {
    ACK, REQUEUE, DISCARD
}
