package org.ferrymq.jms.provider.vm;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.ferrymq.jms.provider.ProviderException;

/**
 * What a {@code vm:} URI names: which in-process broker, which vhost, whose credentials.
 *
 * <pre>
 * vm://default               the broker registered as "default", else the only registered one, else an embedded one
 * vm:///                     the same ("vm://" alone is not a valid java.net.URI)
 * vm://?broker=orders        the broker registered with VmBrokers.register("orders", broker)
 * vm://orders                the same, by host name
 * vm://user:pass@default/vh  credentials and vhost "vh" ("/" or none = vhost "/", "%2F" also works)
 * vm://default?dataDir=/d    where the embedded default broker keeps its data
 * </pre>
 *
 * @param brokerName null for the default broker
 * @param dataDir    null for {@code <java.io.tmpdir>/ferrymq-vm-<pid>}
 */
record VmAddress(String brokerName, String vhost, String user, String password, Path dataDir) {
    static final String DEFAULT_NAME = "default";
    static final String DEFAULT_USER = "guest";

    /**
     * @param user     overrides the URI's user when not null
     * @param password overrides the URI's password when not null
     */
    static VmAddress parse(URI uri, String user, String password) throws ProviderException {
        if (!"vm".equalsIgnoreCase(uri.getScheme())) {
            throw new ProviderException("not a vm: URI: " + uri, null);
        }
        String brokerName = null;
        Path dataDir = null;
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "broker" -> brokerName = value;
                    case "dataDir" -> dataDir = Path.of(value);
                    default -> throw new ProviderException("unknown vm: URI parameter '" + key + "' in " + uri
                            + " (known: broker, dataDir)", null);
                }
            }
        }
        // "vm://u:p@/vh" has no host, so java.net.URI keeps the authority unparsed: split it ourselves
        String authority = uri.getRawAuthority();
        String userInfo = null;
        String host = null;
        if (authority != null) {
            int at = authority.lastIndexOf('@');
            userInfo = at < 0 ? null : authority.substring(0, at);
            host = decode(at < 0 ? authority : authority.substring(at + 1));
        }
        if (brokerName == null && host != null && !host.isEmpty() && !DEFAULT_NAME.equals(host.toLowerCase(Locale.ROOT))) {
            brokerName = host;
        }
        String uriUser = null;
        String uriPassword = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            uriUser = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            uriPassword = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String finalUser = user != null ? user : uriUser != null ? uriUser : DEFAULT_USER;
        String finalPassword = password != null ? password : uriPassword != null ? uriPassword : DEFAULT_USER;
        return new VmAddress(brokerName == null || brokerName.isEmpty() ? null : brokerName, vhost(uri.getRawPath()),
                finalUser, finalPassword, dataDir);
    }

    private static String vhost(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || "/".equals(rawPath)) {
            return "/";
        }
        return decode(rawPath.substring(1));
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** For logs and {@code Provider.description()}: no password. */
    String describe() {
        return "vm://" + (brokerName == null ? DEFAULT_NAME : brokerName) + "/" + ("/".equals(vhost) ? "" : vhost)
                + " as " + user;
    }
}
