package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HeadersExchangeTest {
    private final Exchange matching =
            Exchange.create("/", "matching", ExchangeType.HEADERS, false, false, false, null);
    private final TestQueue pdfReports = new TestQueue("pdf-reports");
    private final TestQueue anyPdfOrLog = new TestQueue("any");

    private List<Destination> route(Map<String, Object> headers) {
        List<Destination> out = new ArrayList<>();
        matching.route("ignored", headers, out::add);
        return out;
    }

    @Test
    void allAndAny() {
        matching.bind(pdfReports, "", Map.of("x-match", "all", "format", "pdf", "type", "report"));
        matching.bind(anyPdfOrLog, "", Map.of("x-match", "any", "format", "pdf", "type", "log"));

        assertThat(route(Map.of("format", "pdf", "type", "report"))).containsExactly(pdfReports, anyPdfOrLog);
        assertThat(route(Map.of("format", "pdf"))).containsExactly(anyPdfOrLog);
        assertThat(route(Map.of("type", "log"))).containsExactly(anyPdfOrLog);
        assertThat(route(Map.of("format", "zip", "type", "report"))).isEmpty();
    }

    @Test
    void unbindTakesTheExactArguments() {
        matching.bind(pdfReports, "", Map.of("format", "pdf"));
        matching.bind(pdfReports, "", Map.of("format", "zip"));
        assertThat(matching.unbind(pdfReports, "", Map.of("format", "doc"))).isFalse();
        assertThat(matching.unbind(pdfReports, "", Map.of("format", "pdf"))).isTrue();
        assertThat(route(Map.of("format", "pdf"))).isEmpty();
        assertThat(route(Map.of("format", "zip"))).containsExactly(pdfReports);
    }
}
