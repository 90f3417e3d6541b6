package org.ferrymq.ra.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.ferrymq.ra.it.validation.PrimitivePropertyAdapter;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test server fails a deployment on an archive-validation warning (configured by the build's
 * {@code src/test/wildfly/configure-server.cli}), so every test class that deploys FerryMQ's
 * {@code .rar} shows it has none: here an adapter whose only fault is a warning (a config property
 * of primitive type) is refused, and IronJacamar's validation report lists that warning alone.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Timeout(300)
class ArchiveValidationIT {
    @ArquillianResource
    Deployer deployer;

    @Deployment(name = "warned", managed = false, testable = false)
    static ResourceAdapterArchive warned() {
        return ShrinkWrap.create(ResourceAdapterArchive.class, "validation-warning.rar")
                .addAsLibrary(ShrinkWrap.create(JavaArchive.class, "adapter.jar").addClass(PrimitivePropertyAdapter.class))
                .setResourceAdapterXML(new StringAsset("""
                        <connector xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.1" metadata-complete="true">
                          <vendor-name>FerryMQ tests</vendor-name>
                          <eis-type>none</eis-type>
                          <resourceadapter-version>1</resourceadapter-version>
                          <resourceadapter>
                            <resourceadapter-class>%s</resourceadapter-class>
                            <config-property>
                              <config-property-name>Limit</config-property-name>
                              <config-property-type>java.lang.Integer</config-property-type>
                            </config-property>
                          </resourceadapter>
                        </connector>
                        """.formatted(PrimitivePropertyAdapter.class.getName())));
    }

    @Test
    void aDeploymentWithAValidationWarningFails() throws Exception {
        Path report = Path.of(System.getProperty("jboss.home"), "standalone/log/validation-warning.rar.log");   // IronJacamar's validation report
        Files.deleteIfExists(report);
        Exception refused = assertThrows(Exception.class, () -> deployer.deploy("warned"));
        try {
            deployer.undeploy("warned");
        } catch (RuntimeException e) {
            // nothing was deployed
        }
        assertTrue(String.valueOf(refused.getMessage()).contains("Validation failures"), "refused by the archive validation: " + refused);
        String failures = Files.readString(report);
        assertTrue(failures.contains("Severity: WARNING") && failures.contains("Property: Limit Type: int"), failures);
        assertFalse(failures.contains("Severity: ERROR"), "a warning alone made the deployment fail:\n" + failures);
    }
}
