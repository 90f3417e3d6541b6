package org.ferrymq.bench.durability;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.ferrymq.bench.MachineDescription;

/**
 * The memory benchmark's results page.
 *
 * @param storage the data directory's parent and its filesystem
 */
public record MemoryReport(Instant startedAt, MachineDescription machine, StoreBenchOptions options, String storage,
                           MemoryRun run, double loadAtStart, double loadAtEnd) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** Enough rows to see the curve, few enough to read. */
    static final int SAMPLE_ROWS = 30;

    public String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Memory benchmark: FerryMQ RSS with a deep durable queue\n\n");
        md.append("- Date: ").append(WHEN.format(startedAt)).append('\n');
        md.append("- Machine: ").append(machine.summary()).append('\n');
        md.append("- JDK: ").append(machine.jdk()).append('\n');
        md.append("- Load average (1 min): ").append(String.format(Locale.ROOT, "%.2f at start, %.2f at end", loadAtStart, loadAtEnd)).append('\n');
        md.append("- Server: `org.ferrymq.server.FerryServerMain` in a child JVM with `")
                .append(String.join(" ", run.budget().jvmOptions())).append("`, data under ").append(storage).append('\n');
        md.append("- Budget: ").append(run.budget().describe())
                .append(". Inside the heap the broker caps queued bodies held in memory at its memory high watermark ")
                .append("(40% of the heap) and keeps at most 20,000 messages per queue in memory, paging the rest to its store.\n");
        md.append(String.format(Locale.ROOT, "- Load: %,d persistent %,d-byte messages to one durable queue, %d publishing connections "
                        + "with confirms (at most %,d unconfirmed each), then one consumer draining it (prefetch 1,000, multiple ack every %d)%s%n",
                options.messages(), options.sizeBytes(), options.publishers(), options.confirmWindow(), QueueDrainer.ACK_EVERY,
                options.quick() ? "; QUICK MODE (smoke check, not a result)" : ""));
        md.append("- Built from: ").append(options.revision()).append('\n');
        md.append("- Command: `").append(options.command()).append("`\n\n");

        long budget = run.budget().totalBytes();
        md.append("| figure | value |\n|---|---:|\n");
        row(md, "peak RSS (VmHWM)", run.peakRssBytes().map(MemoryReport::mib).orElse("—"));
        row(md, "budget", mib(budget));
        row(md, "peak RSS / budget", run.peakRssBytes().map(p -> String.format(Locale.ROOT, "%.0f%%", 100.0 * p / budget)).orElse("—"));
        row(md, "RSS when every message was confirmed", run.lastOf("filled").map(s -> mib(s.rssBytes())).orElse("—"));
        row(md, "RSS after draining", run.lastOf("drained").map(s -> mib(s.rssBytes())).orElse("—"));
        if (run.fill() != null) {
            row(md, "confirmed", String.format(Locale.ROOT, "%,d of %,d", run.fill().confirmed(), run.messages()));
            row(md, "fill time (confirmed msg/s)", RecoveryReport.seconds(run.fill().elapsed())
                    + String.format(Locale.ROOT, " (%,.0f)", run.fill().ratePerSecond()));
            row(md, "connection.blocked notices (time blocked)", String.format(Locale.ROOT, "%,d (%s)",
                    run.fill().blockedNotices(), RecoveryReport.seconds(run.fill().blockedTime())));
        }
        row(md, "queue count after fill (passive declare)", count(run.countAfterFill()));
        if (run.drain() != null) {
            row(md, "drained (redelivered)", String.format(Locale.ROOT, "%,d (%,d)", run.drain().received(), run.drain().redelivered()));
            row(md, "drain time (msg/s)", RecoveryReport.seconds(run.drain().elapsed())
                    + String.format(Locale.ROOT, " (%,.0f)", run.drain().ratePerSecond()));
        }
        row(md, "queue count after drain", count(run.countAfterDrain()));
        md.append('\n');
        md.append("**Target:** peak RSS within the budget, every message confirmed, counted and read back: ")
                .append(run.meetsTarget() ? "✅ pass" : "❌ fail")
                .append(run.failure() == null ? "" : " (" + run.failure().replace("\n", " ") + ")").append("\n\n");

        md.append("## RSS over time\n\n");
        md.append("| s | phase | messages so far | RSS | peak so far |\n|---:|---|---:|---:|---:|\n");
        for (RssSampler.Sample s : thinned(run.samples(), SAMPLE_ROWS)) {
            md.append(String.format(Locale.ROOT, "| %.0f | %s | %,d | %s | %s |%n",
                    s.seconds(), s.phase(), s.progress(), mib(s.rssBytes()), mib(s.peakRssBytes())));
        }
        md.append("\nSampled every second from /proc/<pid>/status (VmRSS, VmHWM); this table shows at most ")
                .append(SAMPLE_ROWS).append(" of the samples, evenly spaced, always including the last of each phase. ")
                .append("\"messages so far\" is confirmed messages while filling, received while draining. ")
                .append("The JVM's own breakdown after the fill (jcmd VM.native_memory summary) is kept with the logs.\n");
        return md.toString();
    }

    /** At most {@code rows} samples, evenly spaced, plus the last sample of every phase. */
    static List<RssSampler.Sample> thinned(List<RssSampler.Sample> samples, int rows) {
        if (samples.size() <= rows) {
            return samples;
        }
        List<RssSampler.Sample> kept = new ArrayList<>();
        double step = (double) samples.size() / rows;
        for (int i = 0; i < samples.size(); i++) {
            boolean evenlySpaced = (int) (i / step) != (int) ((i - 1) / step) || i == 0;
            boolean lastOfPhase = i == samples.size() - 1 || !samples.get(i + 1).phase().equals(samples.get(i).phase());
            if (evenlySpaced || lastOfPhase) {
                kept.add(samples.get(i));
            }
        }
        return kept;
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    private static String count(long count) {
        return count < 0 ? "—" : String.format(Locale.ROOT, "%,d", count);
    }

    private static void row(StringBuilder md, String figure, String value) {
        md.append("| ").append(figure).append(" | ").append(value).append(" |\n");
    }
}
