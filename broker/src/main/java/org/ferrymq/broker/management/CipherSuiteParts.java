package org.ferrymq.broker.management;

import java.util.Locale;
import java.util.Set;

/**
 * A negotiated cipher suite split the way RabbitMQ reports it on a connection
 * ({@code ssl_key_exchange}, {@code ssl_cipher}, {@code ssl_hash}): the {@code key_exchange},
 * {@code cipher} and {@code mac} of Erlang's {@code ssl} suite map, from the JSSE (IANA) suite
 * name. So {@code TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384} is {@code ecdhe_rsa}, {@code aes_256_cbc},
 * {@code sha384}; an AEAD suite's hash is {@code aead} ({@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384}
 * is {@code ecdhe_rsa}, {@code aes_256_gcm}, {@code aead}); a TLS 1.3 suite has key exchange
 * {@code any} ({@code TLS_AES_256_GCM_SHA384} is {@code any}, {@code aes_256_gcm}, {@code aead}).
 *
 * <p>Immutable; any thread.
 */
public record CipherSuiteParts(String keyExchange, String cipher, String hash) {
    private static final String WITH = "_WITH_";
    /** Ciphers that authenticate as they encrypt: Erlang reports their mac as {@code aead}. */
    private static final Set<String> AEAD_MODES = Set.of("GCM", "CCM", "CCM_8", "POLY1305");

    /**
     * The parts of {@code suite}, a JSSE or IANA name ({@code TLS_...}, or the {@code SSL_...}
     * names JSSE kept for old suites); {@code null} for a name that is no cipher suite (such as
     * {@code TLS_EMPTY_RENEGOTIATION_INFO_SCSV} or JSSE's {@code SSL_NULL_WITH_NULL_NULL} of a
     * session not negotiated yet).
     */
    public static CipherSuiteParts fromJsseName(String suite) {
        if (suite == null || suite.endsWith("_SCSV") || suite.endsWith("_NULL_WITH_NULL_NULL")) {
            return null;
        }
        String name = suite.startsWith("SSL_") ? "TLS_" + suite.substring(4) : suite;
        if (!name.startsWith("TLS_")) {
            return null;
        }
        int with = name.indexOf(WITH);
        if (with < 0) {
            // TLS 1.3: TLS_<cipher>_<hash of the key schedule>; the key exchange is negotiated apart
            int lastUnderscore = name.lastIndexOf('_');
            if (lastUnderscore <= 4) {
                return null;
            }
            String cipher = name.substring(4, lastUnderscore);
            return new CipherSuiteParts("any", lower(cipher), isAead(cipher) ? "aead" : lower(name.substring(lastUnderscore + 1)));
        }
        String keyExchange = keyExchange(name.substring(4, with));
        String rest = name.substring(with + WITH.length());
        if (isAead(rest)) {
            // TLS_..._WITH_AES_128_GCM_SHA256: the trailing hash is the PRF's, not a mac; CCM names carry none
            String cipher = endsWithHash(rest) ? rest.substring(0, rest.lastIndexOf('_')) : rest;
            return new CipherSuiteParts(keyExchange, lower(cipher), "aead");
        }
        int lastUnderscore = rest.lastIndexOf('_');
        if (lastUnderscore <= 0) {
            return null;
        }
        return new CipherSuiteParts(keyExchange, lower(rest.substring(0, lastUnderscore)),
                lower(rest.substring(lastUnderscore + 1)));
    }

    /** Erlang's names are the IANA ones in lower case, apart from SRP's. */
    private static String keyExchange(String iana) {
        return switch (iana) {
            case "SRP_SHA" -> "srp_anon";
            case "SRP_SHA_RSA" -> "srp_rsa";
            case "SRP_SHA_DSS" -> "srp_dss";
            default -> lower(iana);
        };
    }

    private static boolean isAead(String cipherAndHash) {
        String cipher = endsWithHash(cipherAndHash) ? cipherAndHash.substring(0, cipherAndHash.lastIndexOf('_')) : cipherAndHash;
        for (String mode : AEAD_MODES) {
            if (cipher.endsWith("_" + mode)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWithHash(String s) {
        return s.endsWith("_SHA") || s.endsWith("_SHA256") || s.endsWith("_SHA384") || s.endsWith("_SHA512")
                || s.endsWith("_MD5");
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
