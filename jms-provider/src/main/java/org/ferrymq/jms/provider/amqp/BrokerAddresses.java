package org.ferrymq.jms.provider.amqp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import com.rabbitmq.client.Address;

import org.ferrymq.jms.provider.ProviderException;

/**
 * The nodes a broker URI names. {@code amqp://user:pass@host1:5672,host2:5672/vhost} lists the
 * nodes of a cluster (as a JDBC URL lists database hosts): the client connects to one of them and,
 * after a failure, recovers onto whichever answers. A URI with one host is the usual case.
 *
 * @param nodes      each node's host and port (port -1: the scheme's default)
 * @param firstNode  the URI with only the first node: user, password, vhost and query for the client
 */
record BrokerAddresses(List<Address> nodes, URI firstNode) {

    static BrokerAddresses of(URI uri) throws ProviderException {
        String authority = uri.getRawAuthority();
        if (authority == null || authority.isBlank()) {
            throw new ProviderException("bad broker URI " + uri + ": no host", null);
        }
        int at = authority.lastIndexOf('@');
        String hosts = authority.substring(at + 1);
        List<String> parts = Arrays.asList(hosts.split(",", -1));
        if (parts.stream().anyMatch(String::isBlank)) {
            throw new ProviderException("bad broker URI " + uri + ": empty host in '" + hosts + "'", null);
        }
        List<Address> nodes = parts.stream().map(Address::parseAddress).collect(Collectors.toList());
        try {
            String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
            URI first = new URI(uri.getScheme() + "://" + userInfo + parts.get(0)
                    + (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
            if (first.getHost() == null) {
                throw new ProviderException("bad broker URI " + uri + ": cannot read host '" + parts.get(0) + "'", null);
            }
            return new BrokerAddresses(List.copyOf(nodes), first);
        } catch (URISyntaxException e) {
            throw new ProviderException("bad broker URI " + uri + ": " + e.getMessage(), e);
        }
    }

    /** For messages: {@code host:port,host:port}. */
    String describe(int defaultPort) {
        return nodes.stream().map(a -> a.getHost() + ":" + (a.getPort() == -1 ? defaultPort : a.getPort()))
                .collect(Collectors.joining(","));
    }
}
