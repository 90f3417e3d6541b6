package org.ferrymq.broker.config;

/**
 * Memory and disk keys: RabbitMQ's {@code vm_memory_high_watermark.relative} /
 * {@code .absolute} and {@code disk_free_limit.absolute}, and FerryMQ's
 * {@code queue_memory_window}. FerryMQ's memory watermark counts queued message bodies held in
 * memory against the JVM's maximum heap, where RabbitMQ counts the node's whole memory.
 */
final class ResourceSettings {
    private ConfigLine watermark;

    boolean accept(ConfigLine line, BrokerConfig.Builder into) {
        switch (line.key()) {
            case "vm_memory_high_watermark.relative" -> {
                oneWatermark(line);
                double fraction = line.fraction();
                into.memoryHighWatermark(Math.max(1, (long) (Runtime.getRuntime().maxMemory() * fraction)));
            }
            case "vm_memory_high_watermark.absolute" -> {
                oneWatermark(line);
                into.memoryHighWatermark(line.byteSize(1, Long.MAX_VALUE));
            }
            case "disk_free_limit.absolute" -> into.diskFreeLimit(line.byteSize(0, Long.MAX_VALUE));
            case "disk_free_limit.relative" -> throw line.fail(
                    "not supported (RabbitMQ relates it to the machine's RAM); use disk_free_limit.absolute");
            case "queue_memory_window" -> into.queueMemoryWindow(line.intValue(100, Integer.MAX_VALUE));
            default -> {
                return false;
            }
        }
        return true;
    }

    private void oneWatermark(ConfigLine line) {
        if (watermark != null) {
            throw line.conflict(watermark, "use one");
        }
        watermark = line;
    }
}
