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
 * @param storage the data directories' parent and its filesystem
 */
public record RecoveryReport(Instant startedAt, MachineDescription machine, StoreBenchOptions options, String storage,
                             List<RecoveryRun> runs, double loadAtStart, double loadAtEnd) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public RecoveryReport {
        runs = List.copyOf(runs);
    }

    public String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Recovery benchmark: FerryMQ restart with a full durable queue\n\n");
        md.append("- Date: ").append(WHEN.format(startedAt)).append('\n');
        md.append("- Machine: ").append(machine.summary()).append('\n');
        md.append("- JDK: ").append(machine.jdk()).append('\n');
        md.append("- Load average (1 min): ").append(String.format(Locale.ROOT, "%.2f at start, %.2f at end", loadAtStart, loadAtEnd)).append('\n');
        md.append("- Server: `org.ferrymq.server.FerryServerMain` (what `./ferrymq` runs) in a child JVM, -Xmx")
                .append(options.brokerHeap()).append(", `--amqp-port 0 --data-dir <fresh dir>`; data under ").append(storage).append('\n');
        md.append(String.format(Locale.ROOT, "- Load: %,d persistent %d-byte messages to one durable queue through the default exchange, "
                        + "%d publishing connections with confirms (at most %,d unconfirmed each), RabbitMQ Java client%s%n",
                options.messages(), options.sizeBytes(), options.publishers(), options.confirmWindow(),
                options.quick() ? "; QUICK MODE (smoke check, not a result)" : ""));
        md.append("- RabbitMQ: not measured (the shared peer may not be restarted; a private node was not set up)\n");
        md.append("- Built from: ").append(options.revision()).append('\n');
        md.append("- Command: `").append(options.command()).append("`\n\n");

        md.append("| stopped by | messages | empty start → ready | fill (confirmed msg/s) | clean stop took | restart → ready | restart → all messages counted | count | target < 10 s | result |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        for (RecoveryRun run : runs) {
            md.append("| ").append(run.mode().description())
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
                    .append(" | ready with every message < ").append(RecoveryRun.TARGET.toSeconds()).append(" s")
                    .append(" | ").append(run.meetsTarget() ? "✅ pass" : "❌ fail")
                    .append(" |\n");
        }
        md.append('\n');
        md.append("\"→ ready\" is from launching the server JVM to its `FerryMQ ready:` line (the broker recovers its store ")
                .append("before it listens, so this includes recovery); \"→ all messages counted\" is from the same launch until a ")
                .append("passive `queue.declare` on a new connection reports every confirmed message. ")
                .append("\"empty start\" is the same server on an empty data directory: JVM and broker start-up, no recovery. ")
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
