package org.ferrymq.broker.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away PKI for TLS tests, made with the {@code openssl} command line (Debian's openssl;
 * .ci/run installs it): a CA, a server certificate for 127.0.0.1/localhost and a client
 * certificate, both signed by the CA, as PEM files with PKCS#8 keys, the way a RabbitMQ user
 * would hand them to {@code ssl_options}.
 */
public final class TestCertificates {
    /** The client certificate's subject, in openssl's order (CN first, as RabbitMQ's tls-gen makes them). */
    public static final String CLIENT_SUBJECT = "/CN=ferrymq-test-client/O=client";
    /** The CA's subject, which is the issuer of the server and client certificates. */
    public static final String CA_SUBJECT = "/CN=FerryMQ test CA";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates certs = new TestCertificates(dir);
        certs.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", CA_SUBJECT,
                "-keyout", "ca-key.pem", "-out", "ca.pem");
        certs.signed("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        certs.signed("client", CLIENT_SUBJECT, "extendedKeyUsage=clientAuth");
        return certs;
    }

    private void signed(String name, String subject, String extension) throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + "-key.pem", "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + new String(output, StandardCharsets.UTF_8));
        }
    }

    /** The server key in the traditional PKCS#1 form ("BEGIN RSA PRIVATE KEY"), which the JDK cannot read. */
    public Path traditionalServerKey() throws IOException, InterruptedException {
        openssl("rsa", "-in", "server-key.pem", "-traditional", "-out", "server-key-pkcs1.pem");
        return dir.resolve("server-key-pkcs1.pem");
    }

    /** The client certificate and key as a PKCS#12 key store, as Java clients keep them. */
    public Path clientKeyStore(String password) throws IOException, InterruptedException {
        openssl("pkcs12", "-export", "-in", "client.pem", "-inkey", "client-key.pem", "-name", "client",
                "-out", "client.p12", "-passout", "pass:" + password);
        return dir.resolve("client.p12");
    }

    public Path caCert() { return dir.resolve("ca.pem"); }
    public Path serverCert() { return dir.resolve("server.pem"); }
    public Path serverKey() { return dir.resolve("server-key.pem"); }
    public Path clientCert() { return dir.resolve("client.pem"); }
    public Path clientKey() { return dir.resolve("client-key.pem"); }

    /** A client context that trusts the test CA and, if {@code withClientCertificate}, presents the client certificate. */
    public SSLContext clientContext(boolean withClientCertificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", readCertificate(caCert()));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (withClientCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", readKey(clientKey()), new char[0], new Certificate[] {readCertificate(clientCert())});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private static Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey readKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
