package org.ferrymq.ra.it;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ferrymq.ra.it.app.EchoMdb;
import org.ferrymq.ra.it.app.SendServlet;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The archives the tests deploy: the adapter as built, configured for one broker, and test applications. */
public final class Archives {
    /** The adapter's deployment name: what MDBs bind to. */
    public static final String RAR = "ferrymq-ra.rar";

    private Archives() {
    }

    /**
     * The .rar from resource-adapter/target with an ironjacamar.xml: the adapter's properties, the
     * pooled factory at {@code java:/jms/ferrymq/CF}, a queue admin object at
     * {@code java:/jms/ferrymq/queue/orders}.
     */
    public static ResourceAdapterArchive rar(Map<String, String> adapterProperties) {
        return rar(adapterProperties, Map.of());
    }

    /** The same, with properties of the connection definition (the pooled factory) too. */
    public static ResourceAdapterArchive rar(Map<String, String> adapterProperties, Map<String, String> factoryProperties) {
        String definition = connectionDefinition("java:/jms/ferrymq/CF", "FerryMQ", factoryProperties, false);
        return rar(adapterProperties, "LocalTransaction", definition);
    }

    /**
     * The adapter with {@code XATransaction} and three pooled factories: {@code java:/jms/ferrymq/CF}
     * (XA, enlisted in JTA transactions), {@code java:/jms/ferrymq/LocalCF} (capped at
     * {@code LocalTransaction} by its {@code TransactionSupportLevel}) and {@code java:/jms/ferrymq/NoTxCF}
     * ({@code NoTransaction}).
     */
    public static ResourceAdapterArchive xaRar(String brokerUri) {
        // with XATransaction IronJacamar reads every definition's pool as an xa-pool
        return rar(Map.of("BrokerURI", brokerUri), "XATransaction",
                connectionDefinition("java:/jms/ferrymq/CF", "FerryMQ", Map.of(), true)
                        + connectionDefinition("java:/jms/ferrymq/LocalCF", "FerryMQLocal", Map.of("TransactionSupportLevel", "LocalTransaction"), true)
                        + connectionDefinition("java:/jms/ferrymq/NoTxCF", "FerryMQNoTx", Map.of("TransactionSupportLevel", "NoTransaction"), true));
    }

    /**
     * The adapter as the install script sets it up for crash recovery: {@code XATransaction}, the
     * pooled factory {@code java:/jms/ferrymq/CF} with recovery credentials (WildFly's recovery
     * manager lists and settles the broker's in-doubt branches through it) and {@code RecoveryJndiName}.
     */
    public static ResourceAdapterArchive recoverableRar(String brokerUri) {
        String definition = connectionDefinition("java:/jms/ferrymq/CF", "FerryMQ", Map.of(), true).replace("    </connection-definition>",
                "      <recovery><recover-credential><user-name>ferrymq</user-name><password>ferrymq</password></recover-credential></recovery>\n"
                        + "    </connection-definition>");
        return rar(Map.of("BrokerURI", brokerUri, "RecoveryJndiName", "java:/jms/ferrymq/CF"), "XATransaction", definition);
    }

    private static String connectionDefinition(String jndiName, String poolName, Map<String, String> properties, boolean xa) {
        StringBuilder props = new StringBuilder();
        properties.forEach((k, v) -> props.append("      <config-property name=\"").append(k).append("\">").append(v).append("</config-property>\n"));
        String pool = xa ? "xa-pool" : "pool";
        return """
                    <connection-definition class-name="org.ferrymq.ra.outbound.FerryManagedConnectionFactory"
                                           jndi-name="%s" pool-name="%s">
                %s      <%s><min-pool-size>0</min-pool-size><max-pool-size>30</max-pool-size></%s>
                    </connection-definition>
                """.formatted(jndiName, poolName, props, pool, pool);
    }

    private static ResourceAdapterArchive rar(Map<String, String> adapterProperties, String transactionSupport, String connectionDefinitions) {
        File built = new File(System.getProperty("ferrymq.rar"));
        ResourceAdapterArchive rar = ShrinkWrap.create(ResourceAdapterArchive.class, RAR);
        rar.merge(ShrinkWrap.createFromZipFile(ResourceAdapterArchive.class, built));
        StringBuilder props = new StringBuilder();
        adapterProperties.forEach((k, v) -> props.append("  <config-property name=\"").append(k).append("\">").append(v).append("</config-property>\n"));
        rar.addAsManifestResource(new StringAsset("""
                <ironjacamar xmlns="http://www.ironjacamar.org/doc/schema">
                %s
                  <transaction-support>%s</transaction-support>
                  <connection-definitions>
                %s  </connection-definitions>
                  <admin-objects>
                    <admin-object class-name="org.ferrymq.ra.admin.FerryAdminQueue" jndi-name="java:/jms/ferrymq/queue/orders" pool-name="orders">
                      <config-property name="Name">admin.orders</config-property>
                    </admin-object>
                  </admin-objects>
                </ironjacamar>
                """.formatted(props, transactionSupport, connectionDefinitions)), "ironjacamar.xml");
        return rar;
    }

    public static ResourceAdapterArchive rarFor(String brokerUri) {
        return rar(Map.of("BrokerURI", brokerUri));
    }

    /** One MDB of the test application: its ejb-name and its activation config. */
    public record Mdb(String name, Map<String, String> activation) {
        public static Mdb of(String name, String... keyValues) {
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                m.put(keyValues[i], keyValues[i + 1]);
            }
            return new Mdb(name, m);
        }
    }

    /** A web application with the send servlet and the given MDBs, bound to the adapter by jboss-ejb3.xml. */
    public static WebArchive app(String name, Mdb... mdbs) {
        StringBuilder beans = new StringBuilder();
        StringBuilder transactions = new StringBuilder();
        for (Mdb mdb : mdbs) {
            String tx = mdb.activation().get("@tx");
            if (tx != null) {
                transactions.append("    <container-transaction><method><ejb-name>").append(mdb.name())
                        .append("</ejb-name><method-name>*</method-name></method><trans-attribute>").append(tx)
                        .append("</trans-attribute></container-transaction>\n");
            }
            beans.append("    <message-driven>\n      <ejb-name>").append(mdb.name()).append("</ejb-name>\n")
                    .append("      <ejb-class>").append(EchoMdb.class.getName()).append("</ejb-class>\n")
                    .append("      <messaging-type>jakarta.jms.MessageListener</messaging-type>\n")
                    .append("      <transaction-type>Container</transaction-type>\n      <activation-config>\n");
            mdb.activation().entrySet().stream().filter(e -> !e.getKey().startsWith("@")).forEach(e -> beans.append("        <activation-config-property><activation-config-property-name>")
                    .append(e.getKey()).append("</activation-config-property-name><activation-config-property-value>").append(e.getValue())
                    .append("</activation-config-property-value></activation-config-property>\n"));
            beans.append("      </activation-config>\n    </message-driven>\n");
        }
        String ejbJar = """
                <ejb-jar xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0">
                  <enterprise-beans>
                %s  </enterprise-beans>
                  <assembly-descriptor>
                %s  </assembly-descriptor>
                </ejb-jar>
                """.formatted(beans, transactions);
        WebArchive war = ShrinkWrap.create(WebArchive.class, name + ".war").addClasses(EchoMdb.class, SendServlet.class);
        if (mdbs.length > 0) {
            war.addAsWebInfResource(new StringAsset(ejbJar), "ejb-jar.xml")
                    .addAsWebInfResource(new StringAsset(jbossEjb3(RAR)), "jboss-ejb3.xml");
        }
        return war;
    }

    /** WildFly: binds every MDB of the module to the adapter (one of the binding ways in the README). */
    public static String jbossEjb3(String rar) {
        return """
                <jboss:ejb-jar xmlns:jboss="urn:jboss:ejb-jar:3.1" xmlns="http://java.sun.com/xml/ns/javaee"
                               xmlns:mdb="urn:resource-adapter-binding" version="3.1" impl-version="2.0">
                  <assembly-descriptor>
                    <mdb:resource-adapter-binding>
                      <ejb-name>*</ejb-name>
                      <mdb:resource-adapter-name>%s</mdb:resource-adapter-name>
                    </mdb:resource-adapter-binding>
                  </assembly-descriptor>
                </jboss:ejb-jar>
                """.formatted(rar);
    }
}
