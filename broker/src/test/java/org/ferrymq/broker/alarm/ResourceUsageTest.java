package org.ferrymq.broker.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The alarms react to what is charged between two measurements, memory and disk alike. */
class ResourceUsageTest {
    private final ResourceAlarm alarm = new ResourceAlarm();
    private final ResourceUsage usage = alarm.usage();

    @Test
    void publishesBetweenMeasurementsRaiseTheMemoryAlarmAsTheyCrossTheWatermark() {
        usage.limits(1000, 0);
        usage.measured(900, Long.MAX_VALUE);
        usage.published(100);
        assertThat(alarm.reason()).isNull();
        usage.published(1);
        assertThat(alarm.reason()).isEqualTo("low on memory");
    }

    @Test
    void publishesBetweenMeasurementsRaiseTheDiskAlarmBeforeFreeSpacePassesTheLimit() {
        usage.limits(Long.MAX_VALUE, 50_000);
        usage.measured(0, 60_000);
        usage.published(9_000);
        assertThat(alarm.reason()).isNull();
        usage.published(1_001); // the store may have written all of it: below the limit by now
        assertThat(alarm.reason()).isEqualTo("low on disk space");
        usage.measured(0, 70_000); // a measurement starts from what the disk says
        assertThat(usage.verdict()).isNull();
    }

    @Test
    void bodiesInAssemblyAreCappedAtTheWatermarkAndGivenBack() {
        usage.limits(1000, 0);
        assertThat(usage.reserve(600)).isTrue();
        assertThat(usage.headroom()).isEqualTo(400);
        assertThat(usage.reserve(500)).isFalse(); // would hold more than the watermark in half-received messages
        assertThat(usage.assembling()).isEqualTo(600);
        assertThat(usage.reserve(400)).isTrue();
        usage.free(1000);
        assertThat(usage.assembling()).isZero();
        assertThat(usage.peakAssembling()).isEqualTo(1000);
    }
}
