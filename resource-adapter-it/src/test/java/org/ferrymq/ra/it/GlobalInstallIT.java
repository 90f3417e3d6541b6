package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.ferrymq.ra.it.Results.Delivery;
import org.ferrymq.ra.it.app.EchoMdb;
import org.ferrymq.ra.it.app.SendServlet;
import org.ferrymq.ra.it.app.UnboundMdb;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The global install: {@code resource-adapter/src/main/wildfly/ferrymq-install.cli}, exactly as a
 * user runs it, against the test's WildFly (the archive, an XA connection definition with its pool,
 * admin objects, the ejb3 default resource adapter); then an application whose MDB names no adapter
 * at all receives from FerryMQ. {@code ferrymq-uninstall.cli} puts the server back afterwards.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(900)
class GlobalInstallIT {
    static final String BROKER = ExternalBroker.get().uri();

    @ArquillianResource
    Deployer deployer;

    /** Deployed by the test, after the install script: an MDB with no binding and the send servlet. */
    @Deployment(name = "global-app", managed = false, testable = false)
    static WebArchive app() {
        return ShrinkWrap.create(WebArchive.class, "global-app.war").addClasses(EchoMdb.class, UnboundMdb.class, SendServlet.class);
    }

    @Test
    void anMdbWithNoBindingUsesFerryMqAfterTheInstallScript() throws Exception {
        String installed = WildFlyCli.install(BROKER);
        try {
            deployer.deploy("global-app");
            try {
                String app = WildFlyCli.http() + "global-app/";
                Results.pikaSend(BROKER, "orders", 2, null, null);
                Results.get(URI.create(app + "send?queue=orders&n=2&text=web"));
                List<Delivery> got = Results.await(BROKER, "orders", 4, 60_000);
                assertEquals(Set.of("pika-0", "pika-1", "web-0", "web-1"), got.stream().map(Delivery::text).collect(Collectors.toSet()),
                        "the install script's output:\n" + installed);
                assertEquals(4, got.size());
                String pool = WildFlyCli.run("--command=/subsystem=resource-adapters/resource-adapter=ferrymq-ra.rar/connection-definitions=FerryMQ"
                        + ":read-resource(include-runtime=true)");
                System.out.println("FerryMQ connection definition after the run:\n" + pool);
            } finally {
                deployer.undeploy("global-app");
            }
        } finally {
            WildFlyCli.uninstall();
        }
    }
}
