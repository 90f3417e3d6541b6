package org.ferrymq.bench;

import java.util.List;

/**
 * A group of scenarios that is run and reported together, each into a results file of its own
 * ({@code broker-YYYY-MM-DD.md}, {@code durability-YYYY-MM-DD.md}).
 */
public enum Suite {
    /** transient messages: throughput and latency (the default run) */
    BROKER("broker", "Broker benchmark: FerryMQ vs RabbitMQ (PerfTest)"),
    /** persistent messages, durable queue, confirms, manual acks */
    DURABILITY("durability", "Durability benchmark: FerryMQ vs RabbitMQ (PerfTest, persistent messages)");

    private final String id;
    private final String title;

    Suite(String id, String title) {
        this.id = id;
        this.title = title;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public List<BrokerScenario> scenarios() {
        return this == BROKER ? BrokerScenario.standard() : BrokerScenario.durability();
    }

    public static Suite byId(String id) {
        for (Suite suite : values()) {
            if (suite.id.equals(id)) {
                return suite;
            }
        }
        throw new IllegalArgumentException("unknown suite " + id + " (broker or durability)");
    }
}
