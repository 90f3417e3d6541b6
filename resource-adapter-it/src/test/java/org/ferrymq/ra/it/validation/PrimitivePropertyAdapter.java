package org.ferrymq.ra.it.validation;

import java.util.Objects;

import javax.transaction.xa.XAResource;

import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/**
 * A resource adapter that is valid except for one thing IronJacamar's archive validation reports
 * as a warning, not an error: its config property {@code Limit} has a primitive type ({@code int})
 * where the Connectors specification asks for a wrapper. {@code ArchiveValidationIT} deploys it to
 * show the test server fails deployments on validation warnings.
 */
public class PrimitivePropertyAdapter implements ResourceAdapter {
    private int limit;

    public int getLimit() {
        return limit;
    }

    public void setLimit(int limit) {
        this.limit = limit;
    }

    @Override
    public void start(BootstrapContext context) {
    }

    @Override
    public void stop() {
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) {
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return new XAResource[0];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PrimitivePropertyAdapter a && a.limit == limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(limit);
    }
}
