package org.ferrymq.broker.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * JSSE cipher suite names split as RabbitMQ reports them: the expected parts are Erlang's own
 * ({@code erlang-cipher-suites.csv}, written by OTP 25's {@code ssl_cipher_format:suite_str_to_map/1}
 * for each name), so a mismatch is a difference from RabbitMQ, not from our reading of it.
 */
class CipherSuitePartsTest {
    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "erlang-cipher-suites.csv")
    void splitsEachSuiteAsErlangDoes(String suite, String keyExchange, String cipher, String mac) {
        assertThat(CipherSuiteParts.fromJsseName(suite)).isEqualTo(new CipherSuiteParts(keyExchange, cipher, mac));
    }

    @Test
    void everySuiteTheJdkSupportsHasParts() throws Exception {
        String[] supported = SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites();
        assertThat(Arrays.stream(supported).filter(s -> !s.endsWith("_SCSV")))
                .allSatisfy(s -> assertThat(CipherSuiteParts.fromJsseName(s)).as(s).isNotNull());
    }

    @Test
    void oldSslPrefixedNamesReadAsTheirTlsNames() {
        assertThat(CipherSuiteParts.fromJsseName("SSL_RSA_WITH_3DES_EDE_CBC_SHA"))
                .isEqualTo(new CipherSuiteParts("rsa", "3des_ede_cbc", "sha"));
    }

    @Test
    void namesThatAreNoNegotiatedSuiteHaveNoParts() {
        assertThat(CipherSuiteParts.fromJsseName("TLS_EMPTY_RENEGOTIATION_INFO_SCSV")).isNull();
        assertThat(CipherSuiteParts.fromJsseName("SSL_NULL_WITH_NULL_NULL")).isNull();
        assertThat(CipherSuiteParts.fromJsseName(null)).isNull();
        assertThat(CipherSuiteParts.fromJsseName("garbage")).isNull();
    }
}
