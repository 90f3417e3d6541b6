package org.ferrymq.broker.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;

/**
 * Subjects, issuers and validity written as RabbitMQ 3.10 writes them. The expected strings are
 * what RabbitMQ 3.10.8's own {@code rabbit_cert_info:subject/1}, {@code issuer/1} and
 * {@code validity/1} returned for the same two certificates (made with openssl 3.0: a CA
 * {@code /C=GB/O=Ferry CA, Ltd./CN=FerryMQ test CA}, and a client certificate with domain
 * components, a multi-valued RDN, UTF-8, every character RFC 4514 escapes, an e-mail address,
 * a serial number, a street and a title).
 */
class DistinguishedNameFormatTest {
    @Test
    void writesTheSubjectAsRabbitMqDoes() throws Exception {
        X509Certificate client = certificate("odd-names-client.pem");
        assertThat(DistinguishedNameFormat.rabbitStyle(client.getSubjectX500Principal())).isEqualTo(
                "TITLE=Dr=Who,2.5.4.9=1 Main St,SERIALNUMBER=42,EMAILADDRESS=jose@example.org,"
                        + "CN=\\#Jos\\C3\\A9 \\<test\\>\\;\\\"q\\\"\\\\x\\7E,OU=dev+UID=u1,O=Ferry\\, Inc.,"
                        + "L=\\ Paris\\ ,ST=\\C3\\8Ele-de-France,C=FR,DC=example,DC=org");
    }

    @Test
    void writesTheIssuerAsRabbitMqDoes() throws Exception {
        X509Certificate client = certificate("odd-names-client.pem");
        X509Certificate ca = certificate("odd-names-ca.pem");
        assertThat(DistinguishedNameFormat.rabbitStyle(client.getIssuerX500Principal()))
                .isEqualTo("CN=FerryMQ test CA,O=Ferry CA\\, Ltd.,C=GB");
        assertThat(DistinguishedNameFormat.rabbitStyle(ca.getSubjectX500Principal()))
                .isEqualTo(DistinguishedNameFormat.rabbitStyle(ca.getIssuerX500Principal()));
    }

    @Test
    void readsTheLastRdnFirst() {
        // /CN=localhost/O=client, as RabbitMQ's tls-gen makes client certificates
        assertThat(DistinguishedNameFormat.rabbitStyle(new X500Principal("O=client,CN=localhost")))
                .isEqualTo("O=client,CN=localhost");
        assertThat(DistinguishedNameFormat.rabbitStyle(new X500Principal(""))).isEmpty();
    }

    @Test
    void writesTheValidityAsRabbitMqDoes() throws Exception {
        assertThat(TlsSessionView.validity(certificate("odd-names-client.pem")))
                .isEqualTo("2026-12-07T20:44:08Z - 2036-12-04T20:44:08Z");
        // RabbitMQ 3.10 writes the GeneralizedTime of 2051 as {generalTime,"20510729204408Z"}
        assertThat(TlsSessionView.validity(certificate("odd-names-ca.pem")))
                .isEqualTo("2026-12-07T20:44:08Z - 2051-07-29T20:44:08Z");
    }

    @Test
    void escapesAsRabbitMqsEscapeRdnValue() {
        assertThat(DistinguishedNameFormat.escape(" ")).isEqualTo("\\ ");
        assertThat(DistinguishedNameFormat.escape("a b ")).isEqualTo("a b\\ ");
        assertThat(DistinguishedNameFormat.escape("#a#")).isEqualTo("\\#a#");
        assertThat(DistinguishedNameFormat.escape(",=+")).isEqualTo("\\,=\\+");
        assertThat(DistinguishedNameFormat.escape("tab\there\u007f")).isEqualTo("tab\\09here\\7F");
        assertThat(DistinguishedNameFormat.escape("\u4e2d")).isEqualTo("\\E4\\B8\\AD");
    }

    private static X509Certificate certificate(String resource) throws Exception {
        try (InputStream in = DistinguishedNameFormatTest.class.getResourceAsStream(resource)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
