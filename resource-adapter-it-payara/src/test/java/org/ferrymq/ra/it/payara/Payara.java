package org.ferrymq.ra.it.payara;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ferrymq.ra.it.Archives;
import org.ferrymq.ra.it.Archives.Mdb;
import org.ferrymq.ra.it.app.EchoMdb;
import org.ferrymq.ra.it.app.SendServlet;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The Payara the build prepared and Arquillian started: asadmin, the adapter installed and removed
 * by the scripts shipped in resource-adapter ({@code src/main/payara}), applications deployed, and
 * what the server's process listens on. Used from the test thread only.
 */
final class Payara {
    /** The adapter's module name: what MDBs bind to. */
    static final String RA = "ferrymq-ra";
    /** The pooled factory and the administered destinations the install script binds. */
    static final String CF = "jms/ferrymq/CF";

    static final Path HOME = Path.of(System.getProperty("payara.home"));
    static final String DOMAIN = System.getProperty("payara.domain");
    static final int PORTBASE = Integer.getInteger("payara.portbase");
    static final int ADMIN_PORT = PORTBASE + 48;
    static final int HTTP_PORT = PORTBASE + 80;
    static final Path DOMAIN_DIR = HOME.resolve("glassfish/domains").resolve(DOMAIN);
    private static final Path SCRIPTS = Path.of(System.getProperty("ferrymq.payara.scripts"));

    private Payara() {
    }

    /** {@code asadmin <args>} against our domain; fails on a non-zero exit. */
    static String asadmin(String... args) {
        return asadminAt(ADMIN_PORT, args);
    }

    /** {@code asadmin <args>} against the domain whose admin listener is on this port. */
    static String asadminAt(int adminPort, String... args) {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/asadmin").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of(), adminPort);
    }

    /** {@code ferrymq-payara-install.sh} as a user runs it, with these environment variables. */
    static String install(Map<String, String> env) {
        return installAt(ADMIN_PORT, env);
    }

    static String installAt(int adminPort, Map<String, String> env) {
        return run(List.of("bash", SCRIPTS.resolve("ferrymq-payara-install.sh").toString()), env, adminPort);
    }

    /** {@code ferrymq-payara-uninstall.sh}, with the same environment variables as the install. */
    static String uninstall(Map<String, String> env) {
        return run(List.of("bash", SCRIPTS.resolve("ferrymq-payara-uninstall.sh").toString()), env, ADMIN_PORT);
    }

    /** Runs a command with asadmin pointed at the admin port; fails on a non-zero exit. */
    static String run(List<String> command, Map<String, String> env, int adminPort) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("ASADMIN", HOME.resolve("bin/asadmin").toString());
            if (adminPort > 0) {   // 0: a local command (start-domain, delete-domain, ...)
                pb.environment().put("AS_ADMIN_HOST", "127.0.0.1");
                pb.environment().put("AS_ADMIN_PORT", String.valueOf(adminPort));
            }
            pb.environment().put("FERRYMQ_RAR", System.getProperty("ferrymq.rar"));
            pb.environment().putAll(env);
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in 5 minutes");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            System.out.println("$ " + String.join(" ", command) + "\n" + text);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (" + p.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * What each test class gives Arquillian as its one {@code @Deployment}: an empty web
     * application. Payara's managed container (2.5) starts the server at its first deployment,
     * not at suite start, so this is what brings Payara up (once for the run: it is stopped
     * after the last class); the adapter and the real applications are then installed with
     * asadmin in {@code @BeforeAll}, as a user does.
     */
    static WebArchive serverUp(String testClass) {
        return org.jboss.shrinkwrap.api.ShrinkWrap.create(WebArchive.class, "up-" + testClass + ".war")
                .addAsWebResource(new StringAsset("Payara is up for " + testClass + "\n"), "index.html");
    }

    /** Deploys a web application with {@code asadmin deploy}; its context root is its name. */
    static void deploy(WebArchive war) {
        deployAt(ADMIN_PORT, war);
    }

    static void deployAt(int adminPort, WebArchive war) {
        String name = war.getName().replace(".war", "");
        try {
            Path dir = Files.createDirectories(Path.of("target", "payara-apps"));
            Path file = dir.resolve(war.getName()).toAbsolutePath();
            war.as(ZipExporter.class).exportTo(file.toFile(), true);
            asadminAt(adminPort, "deploy", "--force=true", "--name", name, "--contextroot", name, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void undeploy(String name) {
        asadmin("undeploy", name);
    }

    /** The application's base URL, ending in '/'. */
    static String url(String app) {
        return "http://127.0.0.1:" + HTTP_PORT + "/" + app + "/";
    }

    /**
     * The shared test application (EchoMdb under several names, SendServlet) made for Payara: a
     * web.xml points their {@code @Resource} at the pooled factory's Payara name, and every MDB
     * without a {@code resourceAdapter} activation property is bound to the adapter by
     * glassfish-ejb-jar.xml ({@code mdb-resource-adapter}).
     */
    static WebArchive app(String name, Mdb... mdbs) {
        WebArchive war = Archives.app(name, mdbs);
        war.addAsWebInfResource(new StringAsset(webXml()), "web.xml");
        StringBuilder ejbs = new StringBuilder();
        for (Mdb mdb : mdbs) {
            if (!mdb.activation().containsKey("resourceAdapter")) {
                ejbs.append("""
                          <ejb>
                            <ejb-name>%s</ejb-name>
                            <mdb-resource-adapter>
                              <resource-adapter-mid>%s</resource-adapter-mid>
                            </mdb-resource-adapter>
                          </ejb>
                        """.formatted(mdb.name(), RA));
            }
        }
        if (!ejbs.isEmpty()) {
            war.addAsWebInfResource(new StringAsset("""
                    <!DOCTYPE glassfish-ejb-jar PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 EJB 3.1//EN" "http://glassfish.org/dtds/glassfish-ejb-jar_3_1-1.dtd">
                    <glassfish-ejb-jar>
                      <enterprise-beans>
                    %s  </enterprise-beans>
                    </glassfish-ejb-jar>
                    """.formatted(ejbs)), "glassfish-ejb-jar.xml");
        }
        return war;
    }

    /** The shared classes look up WildFly's java:/jms/ferrymq/CF; the descriptor overrides it with Payara's name. */
    private static String webXml() {
        StringBuilder refs = new StringBuilder();
        for (Class<?> c : List.of(EchoMdb.class, SendServlet.class)) {
            refs.append("""
                      <resource-ref>
                        <res-ref-name>%1$s/factory</res-ref-name>
                        <res-type>jakarta.jms.ConnectionFactory</res-type>
                        <lookup-name>%2$s</lookup-name>
                        <injection-target>
                          <injection-target-class>%1$s</injection-target-class>
                          <injection-target-name>factory</injection-target-name>
                        </injection-target>
                      </resource-ref>
                    """.formatted(c.getName(), CF));
        }
        return """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                %s</web-app>
                """.formatted(refs);
    }

    /** The server's log so far. */
    static String serverLog() {
        try {
            return Files.readString(DOMAIN_DIR.resolve("logs/server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Arquillian domain's transaction manager identity (see {@link #transactionIdentity(Path)}). */
    static String transactionIdentity() {
        return transactionIdentity(DOMAIN_DIR);
    }

    /**
     * The identity a domain's transaction manager gives itself, from its transaction log
     * ("host,instance,P&lt;id&gt;"; prepare-domain.sh makes the host part the domain's name).
     */
    static String transactionIdentity(Path domainDir) {
        Path file = domainDir.resolve("logs/server/tx/recoveryfile");
        try {
            return Files.exists(file) ? Files.readString(file).trim() : "(no transaction log yet)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Payara server's process id (the domain writes it to config/pid). */
    static long pid() {
        try {
            return Long.parseLong(Files.readString(DOMAIN_DIR.resolve("config/pid")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> env(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
