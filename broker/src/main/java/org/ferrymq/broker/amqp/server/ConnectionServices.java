package org.ferrymq.broker.amqp.server;

import io.netty.channel.group.ChannelGroup;

import org.ferrymq.broker.alarm.ResourceAlarm;
import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.model.VirtualHostRegistry;
import org.ferrymq.broker.security.UserDirectory;

/** What every AMQP connection needs from the broker, handed over in one piece. */
record ConnectionServices(BrokerConfig config, VirtualHostRegistry vhosts, UserDirectory users,
                          ChannelGroup connections, ResourceAlarm alarm, DirectReplyTo directReplyTo) {
}
