package org.ferrymq.broker.config;

/**
 * Kernel socket buffer sizes for client connections, RabbitMQ's {@code tcp_listen_options.sndbuf}
 * and {@code .recbuf}. 0 leaves a size to the operating system, which on Linux grows a buffer
 * with the traffic (up to 4 MiB to send, 6 MiB to receive).
 *
 * <p>FerryMQ fixes the send buffer by default: when a consumer cannot keep up, whatever the
 * buffer holds is delivered but not yet read, so an automatically grown one turned a slow
 * consumer into seconds of end-to-end latency (3.8 MB seen queued to one PerfTest consumer). 128 KiB
 * (the kernel doubles it for its own bookkeeping) still moves thousands of small messages per
 * write; raise it for consumers far away on fast links (throughput per connection is at most
 * about the buffer size per round trip).
 *
 * @param sendBytes    SO_SNDBUF of each accepted connection; 0 = the operating system's
 * @param receiveBytes SO_RCVBUF of each accepted connection; 0 = the operating system's
 */
public record SocketBuffers(int sendBytes, int receiveBytes) {
    public static final SocketBuffers DEFAULTS = new SocketBuffers(128 * 1024, 0);

    public SocketBuffers {
        if (sendBytes < 0 || receiveBytes < 0) {
            throw new IllegalArgumentException("socket buffer sizes must be 0 (system default) or positive, got "
                    + sendBytes + " / " + receiveBytes);
        }
    }

    public SocketBuffers withSendBytes(int bytes) {
        return new SocketBuffers(bytes, receiveBytes);
    }

    public SocketBuffers withReceiveBytes(int bytes) {
        return new SocketBuffers(sendBytes, bytes);
    }
}
