package org.ferrymq.broker.model.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;

/**
 * Headers matching. The big table was recorded from RabbitMQ 3.10 (the peer at 127.0.0.1:5682):
 * one queue per binding on a headers exchange, one message per header set, published with the
 * RabbitMQ Java client so that every AMQP field type is used as typed here.
 */
class HeadersMatcherTest {

    private static Map<String, Object> table(Object... keysAndValues) {
        Map<String, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            table.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return table;
    }

    private static Map<String, Map<String, Object>> bindings() {
        Map<String, Map<String, Object>> binds = new LinkedHashMap<>();
        binds.put("all_a_int1", table("x-match", "all", "a", 1));
        binds.put("any_a_long1_b_x", table("x-match", "any", "a", 1L, "b", "x"));
        binds.put("a_double1", table("a", 1.0d));
        binds.put("a_void", table("a", null));
        binds.put("any_empty", table("x-match", "any"));
        binds.put("empty", table());
        binds.put("all_xfoo", table("x-match", "all", "x-foo", "bar"));
        binds.put("allwithx_xfoo", table("x-match", "all-with-x", "x-foo", "bar"));
        binds.put("anywithx_xfoo_b_y", table("x-match", "any-with-x", "x-foo", "bar", "b", "y"));
        binds.put("a_str1", table("a", "1"));
        binds.put("a_true", table("a", true));
        binds.put("a_dec1.0", table("a", new BigDecimal("1.0")));
        binds.put("a_bytes_x", table("a", "x".getBytes()));
        binds.put("a_ts1000", table("a", new Date(1000_000L)));
        binds.put("a_float1.5", table("a", 1.5f));
        binds.put("any_a1_xfoo", table("x-match", "any", "a", 1, "x-foo", "bar"));
        binds.put("a_short1", table("a", (short) 1));
        binds.put("a_table", table("a", table("k", 1)));
        binds.put("a_str_x", table("a", "x"));
        binds.put("a_list", table("a", List.of(1, "s")));
        binds.put("any_xfoo_only", table("x-match", "any", "x-foo", "bar"));
        binds.put("allwithx_only", table("x-match", "all-with-x"));
        binds.put("anywithx_only", table("x-match", "any-with-x"));
        binds.put("a_0.1float", table("a", 0.1f));
        binds.put("a_long_big", table("a", 9007199254740993L));
        return binds;
    }

    private static Map<String, Map<String, Object>> messages() {
        Map<String, Map<String, Object>> msgs = new LinkedHashMap<>();
        msgs.put("a_int1", table("a", 1));
        msgs.put("a_long1", table("a", 1L));
        msgs.put("a_double1", table("a", 1.0d));
        msgs.put("a_str1", table("a", "1"));
        msgs.put("a_void", table("a", null));
        msgs.put("none", table());
        msgs.put("xfoo", table("x-foo", "bar"));
        msgs.put("xfoo_xmatch", table("x-foo", "bar", "x-match", "all-with-x"));
        msgs.put("b_x", table("b", "x"));
        msgs.put("a_true", table("a", true));
        msgs.put("a_dec1.0", table("a", new BigDecimal("1.0")));
        msgs.put("a_dec1.00", table("a", new BigDecimal("1.00")));
        msgs.put("a_bytes1", table("a", "1".getBytes()));
        msgs.put("a_ts1000", table("a", new Date(1000_000L)));
        msgs.put("a_long1000", table("a", 1000L));
        msgs.put("a_double1.5", table("a", 1.5d));
        msgs.put("a_float1.5", table("a", 1.5f));
        msgs.put("a_table_int", table("a", table("k", 1)));
        msgs.put("a_table_long", table("a", table("k", 1L)));
        msgs.put("a_str_x", table("a", "x"));
        msgs.put("a_bytes_x", table("a", "x".getBytes()));
        msgs.put("b_y", table("b", "y"));
        msgs.put("xfoo_b_y", table("x-foo", "bar", "b", "y"));
        msgs.put("a_short1", table("a", (short) 1));
        msgs.put("a_byte1", table("a", (byte) 1));
        msgs.put("a_list", table("a", List.of(1, "s")));
        msgs.put("a_list_long", table("a", List.of(1L, "s")));
        msgs.put("a_double0.1", table("a", 0.1d));
        msgs.put("a_float0.1", table("a", 0.1f));
        msgs.put("a_double_big", table("a", 9007199254740992d));
        msgs.put("a_long_big1", table("a", 9007199254740992L));
        msgs.put("a_long_big2", table("a", 9007199254740993L));
        msgs.put("a1_b_x_int", table("a", 2, "b", "x"));
        msgs.put("a_int1_xfoo_other", table("a", 1, "x-foo", "baz"));
        return msgs;
    }

    /** binding -> the messages RabbitMQ 3.10 routed to it, in publish order. */
    private static final String RECORDED_BY_RABBITMQ = """
            all_a_int1 -> a_int1,a_long1,a_double1,a_short1,a_byte1,a_int1_xfoo_other
            any_a_long1_b_x -> a_int1,a_long1,a_double1,b_x,a_short1,a_byte1,a1_b_x_int,a_int1_xfoo_other
            a_double1 -> a_int1,a_long1,a_double1,a_short1,a_byte1,a_int1_xfoo_other
            a_void -> a_int1,a_long1,a_double1,a_str1,a_void,a_true,a_dec1.0,a_dec1.00,a_bytes1,a_ts1000,a_long1000,a_double1.5,a_float1.5,a_table_int,a_table_long,a_str_x,a_bytes_x,a_short1,a_byte1,a_list,a_list_long,a_double0.1,a_float0.1,a_double_big,a_long_big1,a_long_big2,a1_b_x_int,a_int1_xfoo_other
            any_empty -> 
            empty -> a_int1,a_long1,a_double1,a_str1,a_void,none,xfoo,xfoo_xmatch,b_x,a_true,a_dec1.0,a_dec1.00,a_bytes1,a_ts1000,a_long1000,a_double1.5,a_float1.5,a_table_int,a_table_long,a_str_x,a_bytes_x,b_y,xfoo_b_y,a_short1,a_byte1,a_list,a_list_long,a_double0.1,a_float0.1,a_double_big,a_long_big1,a_long_big2,a1_b_x_int,a_int1_xfoo_other
            all_xfoo -> a_int1,a_long1,a_double1,a_str1,a_void,none,xfoo,xfoo_xmatch,b_x,a_true,a_dec1.0,a_dec1.00,a_bytes1,a_ts1000,a_long1000,a_double1.5,a_float1.5,a_table_int,a_table_long,a_str_x,a_bytes_x,b_y,xfoo_b_y,a_short1,a_byte1,a_list,a_list_long,a_double0.1,a_float0.1,a_double_big,a_long_big1,a_long_big2,a1_b_x_int,a_int1_xfoo_other
            allwithx_xfoo -> xfoo,xfoo_xmatch,xfoo_b_y
            anywithx_xfoo_b_y -> xfoo,xfoo_xmatch,b_y,xfoo_b_y
            a_str1 -> a_str1,a_bytes1
            a_true -> a_true
            a_dec1.0 -> a_dec1.0
            a_bytes_x -> a_str_x,a_bytes_x
            a_ts1000 -> a_ts1000,a_long1000
            a_float1.5 -> a_double1.5,a_float1.5
            any_a1_xfoo -> a_int1,a_long1,a_double1,a_short1,a_byte1,a_int1_xfoo_other
            a_short1 -> a_int1,a_long1,a_double1,a_short1,a_byte1,a_int1_xfoo_other
            a_table -> a_table_int
            a_str_x -> a_str_x,a_bytes_x
            a_list -> a_list
            any_xfoo_only -> 
            allwithx_only -> a_int1,a_long1,a_double1,a_str1,a_void,none,xfoo,xfoo_xmatch,b_x,a_true,a_dec1.0,a_dec1.00,a_bytes1,a_ts1000,a_long1000,a_double1.5,a_float1.5,a_table_int,a_table_long,a_str_x,a_bytes_x,b_y,xfoo_b_y,a_short1,a_byte1,a_list,a_list_long,a_double0.1,a_float0.1,a_double_big,a_long_big1,a_long_big2,a1_b_x_int,a_int1_xfoo_other
            anywithx_only -> 
            a_0.1float -> a_float0.1
            a_long_big -> a_long_big2
            """;

    @Test
    void matchesExactlyAsRabbitMq() {
        Map<String, Map<String, Object>> messages = messages();
        List<String> actual = new ArrayList<>();
        bindings().forEach((name, arguments) -> {
            List<String> matched = new ArrayList<>();
            messages.forEach((message, headers) -> {
                if (HeadersMatcher.matches(arguments, headers)) {
                    matched.add(message);
                }
            });
            actual.add((name + " -> " + String.join(",", matched)).stripTrailing());
        });
        assertThat(actual).containsExactlyElementsOf(
                RECORDED_BY_RABBITMQ.lines().map(String::stripTrailing).toList());
    }

    @Test
    void matcherEmitsADestinationOnceWhenSeveralOfItsBindingsMatch() {
        TestQueue q = new TestQueue("q");
        TestQueue other = new TestQueue("other");
        HeadersMatcher matcher = HeadersMatcher.EMPTY
                .with(q, table("a", 1))
                .with(q, table("x-match", "any", "a", 1, "b", 2))
                .with(other, table("b", 2));
        List<Destination> out = new ArrayList<>();
        matcher.match(table("a", 1, "b", 2), out::add);
        assertThat(out).containsExactly(q, other);
    }

    @Test
    void withoutRemovesOnlyThatBinding() {
        TestQueue q = new TestQueue("q");
        HeadersMatcher matcher = HeadersMatcher.EMPTY
                .with(q, table("a", 1))
                .with(q, table("b", 2));
        HeadersMatcher reduced = matcher.without(q, table("a", 1));
        List<Destination> out = new ArrayList<>();
        reduced.match(table("a", 1), out::add);
        assertThat(out).isEmpty();
        reduced.match(table("b", 2), out::add);
        assertThat(out).containsExactly(q);
        assertThat(reduced.without(q, table("b", 2)).isEmpty()).isTrue();
        assertThat(reduced.without(q, table("c", 3))).isSameAs(reduced);
        // the original is unchanged (immutable snapshots)
        out.clear();
        matcher.match(table("a", 1), out::add);
        assertThat(out).containsExactly(q);
    }

    @Test
    void nullHeadersAreAnEmptyTable() {
        assertThat(HeadersMatcher.matches(table(), null)).isTrue();
        assertThat(HeadersMatcher.matches(table("a", 1), null)).isFalse();
    }

    @Test
    void rejectsBadXMatchWithRabbitMqText() {
        assertThatThrownBy(() -> HeadersMatcher.validate(table("x-match", "foo")))
                .isInstanceOfSatisfying(AmqpException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(ReplyCode.PRECONDITION_FAILED);
                    assertThat(e.replyText()).isEqualTo("PRECONDITION_FAILED - Invalid x-match field value"
                            + " <<\"foo\">>; expected all, any, all-with-x, or any-with-x");
                });
        assertThatThrownBy(() -> HeadersMatcher.validate(table("x-match", "ALL")))
                .hasMessage("Invalid x-match field value <<\"ALL\">>; expected all, any, all-with-x, or any-with-x");
        assertThatThrownBy(() -> HeadersMatcher.validate(table("x-match", 5)))
                .hasMessage("Invalid x-match field type signedint (value 5); expected longstr");
        assertThatThrownBy(() -> HeadersMatcher.validate(table("x-match", "any".getBytes())))
                .hasMessage("Invalid x-match field type binary (value <<\"any\">>); expected longstr");
        assertThatThrownBy(() -> HeadersMatcher.validate(table("x-match", true)))
                .hasMessage("Invalid x-match field type bool (value true); expected longstr");
        assertThatThrownBy(() -> HeadersMatcher.validate(table("x-match", 1.5d)))
                .hasMessage("Invalid x-match field type double (value 1.5); expected longstr");
        assertThatThrownBy(() -> HeadersMatcher.validate(table("x-match", null)))
                .hasMessage("Invalid x-match field type void (value undefined); expected longstr");
        HeadersMatcher.validate(table("x-match", "any-with-x"));
        HeadersMatcher.validate(table());
        HeadersMatcher.validate(null);
    }
}
