/**
 * The AMQP 0-9-1 wire codec: frames ({@link org.ferrymq.broker.amqp.codec.AmqpFrameDecoder},
 * {@link org.ferrymq.broker.amqp.codec.AmqpFrameWriter}), commands
 * ({@link org.ferrymq.broker.amqp.codec.AmqpCommandAssembler}), one generated record per method
 * ({@link org.ferrymq.broker.amqp.codec.AmqpMethod}, decoded by
 * {@link org.ferrymq.broker.amqp.codec.AmqpMethodDecoder}), field tables and basic properties.
 * Spec references are to the AMQP 0-9-1 specification (section 4.2, "Wire-level format").
 *
 * <h2>How RabbitMQ 3.10 answers malformed input</h2>
 * Measured against RabbitMQ 3.10 (127.0.0.1:5682) by sending raw bytes over a socket after a
 * normal handshake (frame_max 131072, channel 1 opened unless said otherwise). FerryMQ answers
 * the same code and, where RabbitMQ sends one, the same text; "codec" says which part of
 * FerryMQ produces it.
 * <table>
 * <caption>RabbitMQ 3.10 replies to malformed input</caption>
 * <tr><th>Input</th><th>RabbitMQ 3.10 answer</th><th>FerryMQ (codec)</th></tr>
 * <tr><td>unknown class id (99.10) or method id (60.99, 10.99)</td>
 *     <td>no close: the reader crashes ({@code unknown_method_id}) and the TCP connection is dropped</td>
 *     <td>501 FRAME_ERROR "unknown method id {99,10}", class/method ids set (decoder, AmqpBadFrame)</td></tr>
 * <tr><td>truncated method arguments (basic.ack with 3 bytes)</td>
 *     <td>connection.close 501 "FRAME_ERROR - cannot decode &lt;&lt;0,0,0&gt;&gt;" class 60 method 80</td>
 *     <td>same (AmqpMethodDecoder)</td></tr>
 * <tr><td>extra bytes after the arguments</td><td>501 "cannot decode &lt;&lt;...&gt;&gt;" with the method's ids</td>
 *     <td>same</td></tr>
 * <tr><td>method frame payload shorter than 4 bytes</td>
 *     <td>501 "FRAME_ERROR - type 1, all octets = &lt;&lt;0,60&gt;&gt;: unknown_frame", class 0 method 0</td><td>same</td></tr>
 * <tr><td>unknown field-table value type in arguments</td><td>no close, TCP dropped (parser crash)</td>
 *     <td>501 "cannot decode ..." with the method's ids</td></tr>
 * <tr><td>frame-end octet not 0xCE</td>
 *     <td>501 "FRAME_ERROR - type 1, all octets = &lt;&lt;...&gt;&gt;: {invalid_frame_end_marker,171}", 0/0</td><td>same</td></tr>
 * <tr><td>frame payload larger than frame_max (checked on the 7-byte frame header, before the payload).
 *     RabbitMQ allows 8 bytes of "fudge": a payload of exactly frame_max passes, yet the text names frame_max - 8</td>
 *     <td>501 "FRAME_ERROR - type 3, all octets = &lt;&lt;&gt;&gt;: {frame_too_large,4097,4088}" (frame_max 4096), 0/0</td>
 *     <td>same</td></tr>
 * <tr><td>the same before connection.tune-ok</td><td>limit is 4096 (FRAME-MIN-SIZE); the socket is just closed</td>
 *     <td>server: construct the decoder with 4096, raise it after tune-ok</td></tr>
 * <tr><td>unknown frame type (4, 5)</td>
 *     <td>501 "FRAME_ERROR - type 5, all octets = &lt;&lt;"abc"&gt;&gt;: unknown_frame", 0/0</td><td>same</td></tr>
 * <tr><td>heartbeat with a payload</td><td>501 "type 8, all octets = ...: unknown_frame"</td><td>same</td></tr>
 * <tr><td>heartbeat on channel 1</td><td>505 "UNEXPECTED_FRAME - type 8, all octets = &lt;&lt;&gt;&gt;", 0/0</td>
 *     <td>same (decoder)</td></tr>
 * <tr><td>content header or body with no method before it</td>
 *     <td>505 "UNEXPECTED_FRAME - expected method frame, got non method frame instead", 0/0</td>
 *     <td>same (AmqpCommandAssembler)</td></tr>
 * <tr><td>basic.publish then a body or a method (no header)</td>
 *     <td>505 "expected content header for class 60, got non content header frame instead", 60/40</td><td>same</td></tr>
 * <tr><td>basic.publish then a header of class 50</td>
 *     <td>505 "expected content header for class 60, got one for class 50 instead", 60/40</td><td>same</td></tr>
 * <tr><td>content header with weight &ne; 0</td><td>505, treated as "non content header frame"</td>
 *     <td>accepted (the weight is ignored)</td></tr>
 * <tr><td>a method while body frames are expected</td>
 *     <td>505 "expected content body, got non content body frame instead", 60/40</td><td>same</td></tr>
 * <tr><td>body frames exceeding the size in the header</td>
 *     <td>nothing at once (RabbitMQ keeps expecting a body); 505 on the next method or header</td>
 *     <td>505 at once, 60/40</td></tr>
 * <tr><td>undecodable content properties (bad headers table)</td>
 *     <td>connection.close 541 "INTERNAL_ERROR" (its channel crashes), 0/0</td>
 *     <td>541 INTERNAL_ERROR (decoder, AmqpBadFrame)</td></tr>
 * <tr><td>message larger than max_message_size (128 MiB default): header announcing 134217729 bytes</td>
 *     <td>nothing after the header; once the whole body has arrived, channel.close 406
 *     "PRECONDITION_FAILED - message size 134217729 is larger than configured max size 134217728", 60/40</td>
 *     <td>same (AmqpCommandAssembler drops the bytes as they come)</td></tr>
 * <tr><td>method on a channel never opened</td>
 *     <td>504 "CHANNEL_ERROR - expected 'channel.open'" with the method's ids</td><td>server, not codec</td></tr>
 * <tr><td>content header on a channel never opened</td>
 *     <td>505 "expected method frame, got non method frame instead"</td><td>assembler (if the server has one per channel number)</td></tr>
 * <tr><td>channel.open on an open channel</td><td>504 "CHANNEL_ERROR - second 'channel.open' seen", 20/10</td><td>server</td></tr>
 * <tr><td>connection method on channel 1</td><td>503 "COMMAND_INVALID - unimplemented method", 10/40</td><td>server</td></tr>
 * <tr><td>channel method on channel 0</td>
 *     <td>504 "CHANNEL_ERROR - unexpected method in connection state running" with its ids</td><td>server</td></tr>
 * <tr><td>failed login (PLAIN or AMQPLAIN)</td><td>403 "ACCESS_REFUSED - ..." only if the client's capabilities
 *     include authentication_failure_close, else the socket is just closed</td><td>server</td></tr>
 * <tr><td>channel number above the negotiated channel_max</td><td>accepted (3.10 answers channel.open-ok)</td><td>server</td></tr>
 * </table>
 * All of these are connection errors (connection.close) except the 406. {@code AmqpRabbitMqOracleIT}
 * replays most rows against the broker and checks that the codec gives the same answer to the same bytes.
 */
package org.ferrymq.broker.amqp.codec;
