package org.ferrymq.jms;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import jakarta.jms.ConnectionMetaData;

/** What {@code Connection.getMetaData()} reports: Jakarta Messaging 3.1, FerryMQ, and the broker behind. */
record FerryConnectionMetaData(String brokerProduct, String brokerVersion) implements ConnectionMetaData {
    static final String PROVIDER_VERSION = "0.1.0";

    @Override public String getJMSVersion() { return "3.1"; }
    @Override public int getJMSMajorVersion() { return 3; }
    @Override public int getJMSMinorVersion() { return 1; }
    @Override public String getJMSProviderName() { return "FerryMQ (broker: " + brokerProduct + " " + brokerVersion + ")"; }
    @Override public String getProviderVersion() { return PROVIDER_VERSION; }
    @Override public int getProviderMajorVersion() { return 0; }
    @Override public int getProviderMinorVersion() { return 1; }

    @Override
    public Enumeration<String> getJMSXPropertyNames() {
        return Collections.enumeration(List.of("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq"));
    }
}
