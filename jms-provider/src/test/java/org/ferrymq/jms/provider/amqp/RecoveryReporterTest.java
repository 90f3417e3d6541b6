package org.ferrymq.jms.provider.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

import org.ferrymq.jms.provider.ProviderException;
import org.junit.jupiter.api.Test;

class RecoveryReporterTest {
    private final List<ProviderException> reported = new ArrayList<>();
    private final RecoveryReporter reporter = new RecoveryReporter();

    RecoveryReporterTest() {
        reporter.reportTo(reported::add, "test-connection");
    }

    private void failAttempts(int n) {
        for (int i = 0; i < n; i++) {
            reporter.handleConnectionRecoveryException(null, new ConnectException("Connection refused"));
        }
    }

    @Test
    void theFirstFailedAttemptOfAnOutageIsReportedThenEveryTenth() {
        failAttempts(25);
        assertEquals(3, reported.size());   // attempts 1, 10 and 20
        assertTrue(reported.get(0).getMessage().contains("reconnect attempt 1 failed"), reported.get(0).getMessage());
        assertTrue(reported.get(2).getMessage().contains("reconnect attempt 20 failed"), reported.get(2).getMessage());
    }

    @Test
    void aCompletedRecoveryStartsTheCountAgain() {
        failAttempts(3);
        reporter.handleRecovery(null);
        failAttempts(1);
        assertEquals(2, reported.size());
        assertTrue(reported.get(1).getMessage().contains("reconnect attempt 1 failed"), reported.get(1).getMessage());
    }
}
