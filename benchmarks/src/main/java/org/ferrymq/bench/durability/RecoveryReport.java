package org.ferrymq.bench.durability;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.ferrymq.bench.MachineDescription;

/**
 * The recovery benchmark's results page.
 *
 * @param storage       the data directories' parent and its filesystem
 * @param rabbitmqAbsent why RabbitMQ was not measured, or null when it was
 */
public record RecoveryReport(Instant startedAt, MachineDescription machine, StoreBenchOptions options, String storage,
                             String rabbitmqAbsent, List<RecoveryRun> runs, double loadAtStart, double loadAtEnd) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public RecoveryReport {
        runs = List.copyOf(runs);
    }

    public String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Recovery benchmark: restart with a full durable queue\n\n");
        md.append("- Date: ").append(WHEN.format(startedAt)).append('\n');
        md.append("- Machine: ").append(machine.summary()).append('\n');
        md.append("- JDK: ").append(machine.jdk()).append('\n');
        md.append("- Load average (1 min): ").append(String.format(Locale.ROOT, "%.2f at start, %.2f at end", loadAtStart, loadAtEnd)).append('\n');
        md.append("- FerryMQ: the server, `org.ferrymq.server.FerryServerMain` (what `./ferrymq` runs), in a child JVM, -Xmx")
                .append(options.brokerHeap()).append(", `--amqp-port 0 --data-dir <fresh dir>`; ready = its `FerryMQ ready:` line; clean stop = SIGTERM (its shutdown hook closes the broker)\n");
        md.append(String.format(Locale.ROOT, "- Load: %,d persistent %d-byte messages to one durable queue through the default exchange, "
                        + "%d publishing connections with confirms (at most %,d unconfirmed each), RabbitMQ Java client%s%n",
                options.messages(), options.sizeBytes(), options.publishers(), options.confirmWindow(),
                options.quick() ? "; QUICK MODE (smoke check, not a result)" : ""));
        if (rabbitmqAbsent == null) {
            md.append("- RabbitMQ: a private node of its own (`benchmarks/rabbitmq-recovery-node.sh`: node ferrymq-recovery@localhost, port ")
                    .append(options.rabbitmqPort()).append(", the peer's settings; never the shared peer), started with `rabbitmq-server -detached`; ")
                    .append("ready = the first AMQP connection it accepts (it listens only after its boot steps, queue recovery included); ")
                    .append("clean stop = `rabbitmqctl stop` (includes rabbitmqctl's own start-up, ~1 s)\n");
        } else {
            md.append("- RabbitMQ: not measured: ").append(rabbitmqAbsent).append('\n');
        }
        md.append("- Data: fresh directories under ").append(storage).append(", deleted afterwards\n");
        md.append("- Built from: ").append(options.revision()).append('\n');
        md.append("- Command: `").append(options.command()).append("`\n\n");

        md.append("| broker | stopped by | messages | empty start → ready | fill (confirmed msg/s) | clean stop took | restart → ready | restart → all messages counted | count | target < 10 s | result |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (RecoveryRun run : runs) {
            boolean ferrymq = run.broker().equals("FerryMQ");
            md.append("| ").append(run.broker())
                    .append(" | ").append(run.mode().description())
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", run.messages()));
            if (!run.ok()) {
                md.append(" | — | — | — | — | — | — | — | ❌ fail: ").append(run.failure().replace("|", "\\|").replace("\n", " ")).append(" |\n");
                continue;
            }
            md.append(" | ").append(seconds(run.emptyStart()))
                    .append(" | ").append(seconds(run.fill().elapsed()))
                    .append(String.format(Locale.ROOT, " (%,.0f)", run.fill().ratePerSecond()))
                    .append(" | ").append(run.stopTime().map(RecoveryReport::seconds).orElse("—"))
                    .append(" | ").append(seconds(run.toReady()))
                    .append(" | ").append(run.toCount().map(RecoveryReport::seconds).orElse("never (count below)"))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", run.countFound()))
                    .append(" | ").append(ferrymq ? "ready with every message < " + RecoveryRun.TARGET.toSeconds() + " s" : "(reference)")
                    .append(" | ").append(ferrymq ? (run.meetsTarget() ? "✅ pass" : "❌ fail") : run.countFound() == run.messages() ? "all there" : "messages missing")
                    .append(" |\n");
        }
        md.append('\n');
        md.append("\"→ ready\" is from launching the broker to its being ready (FerryMQ: its `FerryMQ ready:` line; it recovers its store ")
                .append("before it listens, so this includes recovery; RabbitMQ: the first AMQP connection accepted); \"→ all messages counted\" is from the same launch until a ")
                .append("passive `queue.declare` on a new connection reports every confirmed message. ")
                .append("\"empty start\" is the same broker on an empty data directory: start-up without recovery. ")
                .append("After SIGKILL every confirmed message must be there (nothing was consumed), so the count must equal the messages sent.\n");
        return md.toString();
    }

    /** 0.84 s, 12.3 s, 2 min 05 s. */
    static String seconds(Duration duration) {
        double s = duration.toNanos() / 1e9;
        if (s < 10) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        if (s < 120) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = Math.round(s);
        return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
    }
}
