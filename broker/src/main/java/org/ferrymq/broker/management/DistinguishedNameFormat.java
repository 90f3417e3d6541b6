package org.ferrymq.broker.management;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import javax.security.auth.x500.X500Principal;

/**
 * A certificate's subject or issuer written as RabbitMQ 3.10 writes {@code peer_cert_subject} and
 * {@code peer_cert_issuer} ({@code rabbit_cert_info}): RFC 4514 order (the last RDN of the
 * certificate's sequence first, so {@code /CN=localhost/O=client} reads
 * {@code O=client,CN=localhost}), the attributes of a multi-valued RDN joined by {@code +} in
 * their encoded order, RabbitMQ's attribute names ({@code CN}, {@code O}, {@code EMAILADDRESS},
 * ...; others as their dotted OID), and its escaping: a backslash before {@code " + , ; < > \},
 * before a leading space or {@code #} and a trailing space, and every octet of the value's UTF-8
 * below 32 or from 126 up as {@code \XX} in upper-case hex.
 *
 * <p>Reads the DER of the name itself (the JDK's X.500 formatting escapes otherwise and names
 * fewer attributes). Stateless; any thread.
 */
public final class DistinguishedNameFormat {
    private static final int SEQUENCE = 0x30;
    private static final int SET = 0x31;
    private static final int OID = 0x06;
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("2.5.4.4", "SN"), Map.entry("2.5.4.42", "GIVENNAME"), Map.entry("2.5.4.43", "INITIALS"),
            Map.entry("2.5.4.44", "GENERATIONQUALIFIER"), Map.entry("2.5.4.3", "CN"), Map.entry("2.5.4.7", "L"),
            Map.entry("2.5.4.8", "ST"), Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.12", "TITLE"), Map.entry("2.5.4.6", "C"), Map.entry("2.5.4.5", "SERIALNUMBER"),
            Map.entry("2.5.4.65", "PSEUDONYM"), Map.entry("0.9.2342.19200300.100.1.25", "DC"),
            Map.entry("1.2.840.113549.1.9.1", "EMAILADDRESS"), Map.entry("0.9.2342.19200300.100.1.1", "UID"));

    private DistinguishedNameFormat() {
    }

    /** {@code name} as RabbitMQ shows it; an unreadable encoding is an {@link IllegalArgumentException}. */
    public static String rabbitStyle(X500Principal name) {
        Der rdns = new Der(name.getEncoded()).enter(SEQUENCE);
        List<String> formatted = new ArrayList<>();
        while (rdns.hasMore()) {
            Der rdn = rdns.enter(SET);
            List<String> attributes = new ArrayList<>();
            while (rdn.hasMore()) {
                Der attribute = rdn.enter(SEQUENCE);
                String oid = attribute.oid();
                attributes.add(NAMES.getOrDefault(oid, oid) + "=" + escape(attribute.text()));
            }
            formatted.add(String.join("+", attributes));
        }
        Collections.reverse(formatted);
        return String.join(",", formatted);
    }

    /** RabbitMQ's {@code escape_rdn_value}, over the value's UTF-8 octets. */
    static String escape(String value) {
        byte[] octets = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(octets.length + 8);
        for (int i = 0; i < octets.length; i++) {
            int c = octets[i] & 0xFF;
            boolean first = i == 0;
            boolean last = i == octets.length - 1;
            if (first && (c == ' ' || c == '#')) {
                out.append('\\').append((char) c);
            } else if (!first && last && c == ' ') {
                out.append("\\ ");
            } else if (c == '"' || c == '+' || c == ',' || c == ';' || c == '<' || c == '>' || c == '\\') {
                out.append('\\').append((char) c);
            } else if (c < 32 || c >= 126) {
                out.append('\\').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    /** A cursor over DER: tag, length, content; enough for a Name. */
    private static final class Der {
        private final byte[] bytes;
        private int at;
        private final int end;

        Der(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Der(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.at = from;
            this.end = to;
        }

        boolean hasMore() {
            return at < end;
        }

        int peekTag() {
            require(at < end);
            return bytes[at] & 0xFF;
        }

        /** The next element, which must have {@code tag}, as a cursor over its content. */
        Der enter(int tag) {
            int length = header(tag);
            Der inner = new Der(bytes, at, at + length);
            at += length;
            return inner;
        }

        /**
         * The next element, a value of one of ASN.1's string types, as text; any other as Erlang
         * prints an undecodable binary (its whole DER: {@code <<4,2,1,2>>}).
         */
        String text() {
            int start = at;
            int tag = peekTag();
            byte[] value = content(tag);
            Charset charset = switch (tag) {
                case 0x0C -> StandardCharsets.UTF_8; // UTF8String
                case 0x12, 0x13, 0x14, 0x16, 0x1A -> StandardCharsets.ISO_8859_1; // Numeric, Printable, Teletex, IA5, Visible
                case 0x1E -> StandardCharsets.UTF_16BE; // BMPString
                case 0x1C -> Charset.forName("UTF-32BE"); // UniversalString
                default -> null;
            };
            if (charset != null) {
                return new String(value, charset);
            }
            StringJoiner octets = new StringJoiner(",", "<<", ">>");
            for (int i = start; i < at; i++) {
                octets.add(Integer.toString(bytes[i] & 0xFF));
            }
            return octets.toString();
        }

        byte[] content(int tag) {
            int length = header(tag);
            byte[] content = Arrays.copyOfRange(bytes, at, at + length);
            at += length;
            return content;
        }

        /** The next element, an OBJECT IDENTIFIER, in dotted form. */
        String oid() {
            byte[] content = content(OID);
            require(content.length > 0);
            StringBuilder dotted = new StringBuilder();
            long arc = 0;
            boolean firstArc = true;
            for (byte b : content) {
                arc = (arc << 7) | (b & 0x7F);
                if ((b & 0x80) == 0) {
                    if (firstArc) {
                        int top = (int) Math.min(arc / 40, 2);
                        dotted.append(top).append('.').append(arc - 40L * top);
                        firstArc = false;
                    } else {
                        dotted.append('.').append(arc);
                    }
                    arc = 0;
                }
            }
            return dotted.toString();
        }

        private int header(int tag) {
            require(at + 2 <= end && (bytes[at] & 0xFF) == tag);
            at++;
            int first = bytes[at++] & 0xFF;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int octets = first & 0x7F;
                require(octets >= 1 && octets <= 3 && at + octets <= end);
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | (bytes[at++] & 0xFF);
                }
            }
            require(length <= end - at);
            return length;
        }

        private static void require(boolean ok) {
            if (!ok) {
                throw new IllegalArgumentException("not a DER-encoded X.500 name");
            }
        }
    }
}
