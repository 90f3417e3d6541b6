package org.ferrymq.console;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.javalin.http.Context;

/**
 * RabbitMQ's list query parameters: {@code name} (substring, or a regex with
 * {@code use_regex=true}), {@code sort} (a field, dotted for nested ones) and
 * {@code sort_reverse}, {@code page} and {@code page_size} (at most 500; the answer is then
 * RabbitMQ's page object), and {@code columns} (a comma list of fields to keep).
 * Stateless apart from the parsed parameters.
 */
final class ListQuery {
    static final int MAX_PAGE_SIZE = 500;

    private final String name;
    private final Pattern regex;
    private final String sort;
    private final boolean reverse;
    private final Integer page;
    private final int pageSize;
    private final List<String> columns;

    private ListQuery(String name, Pattern regex, String sort, boolean reverse, Integer page, int pageSize,
                      List<String> columns) {
        this.name = name;
        this.regex = regex;
        this.sort = sort;
        this.reverse = reverse;
        this.page = page;
        this.pageSize = pageSize;
        this.columns = columns;
    }

    static ListQuery of(Context ctx) {
        String name = ctx.queryParam("name");
        Pattern regex = null;
        if (name != null && !name.isEmpty() && "true".equals(ctx.queryParam("use_regex"))) {
            try {
                regex = Pattern.compile(name);
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest("invalid regular expression in name: " + e.getDescription());
            }
        }
        Integer page = positive(ctx, "page", null);
        int pageSize = positive(ctx, "page_size", 100);
        if (pageSize > MAX_PAGE_SIZE) {
            throw ApiException.badRequest("page_size must be at most " + MAX_PAGE_SIZE);
        }
        String columns = ctx.queryParam("columns");
        return new ListQuery(name, regex, emptyToNull(ctx.queryParam("sort")), "true".equals(ctx.queryParam("sort_reverse")),
                page, pageSize, columns == null || columns.isBlank() ? List.of() : List.of(columns.split(",")));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Integer positive(Context ctx, String param, Integer fallback) {
        String value = ctx.queryParam(param);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 1) {
                throw ApiException.badRequest(param + " must be a positive integer");
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(param + " must be a positive integer");
        }
    }

    /** Filters, sorts, pages and trims {@code items}; a list, or RabbitMQ's page object when a page was asked for. */
    Object apply(List<Map<String, Object>> items) {
        int total = items.size();
        List<Map<String, Object>> filtered = items;
        if (name != null && !name.isEmpty()) {
            filtered = new ArrayList<>();
            for (Map<String, Object> item : items) {
                String itemName = String.valueOf(item.get("name"));
                if (regex != null ? regex.matcher(itemName).find() : itemName.contains(name)) {
                    filtered.add(item);
                }
            }
        }
        if (sort != null) {
            List<Map<String, Object>> sorted = new ArrayList<>(filtered);
            Comparator<Map<String, Object>> byField = Comparator.comparing(item -> sortKey(field(item, sort)),
                    ListQuery::compareKeys);
            // equal values keep one stable order whichever way the column is sorted: by name (then
            // vhost), ascending, so paging through 10,000 queues of equal depth is deterministic
            Comparator<Map<String, Object>> byName = Comparator.comparing(item -> String.valueOf(item.get("name")));
            byName = byName.thenComparing(item -> String.valueOf(item.get("vhost")));
            sorted.sort((reverse ? byField.reversed() : byField).thenComparing(byName));
            filtered = sorted;
        }
        if (page == null) {
            return trim(filtered);
        }
        int pageCount = Math.max(1, (filtered.size() + pageSize - 1) / pageSize);
        if (page > pageCount && !filtered.isEmpty()) {
            throw ApiException.badRequest("page out of range: " + page + " of " + pageCount);
        }
        int from = Math.min(filtered.size(), (page - 1) * pageSize);
        List<Map<String, Object>> items0 = filtered.subList(from, Math.min(filtered.size(), from + pageSize));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("filtered_count", filtered.size());
        out.put("item_count", items0.size());
        out.put("items", trim(items0));
        out.put("page", page);
        out.put("page_count", pageCount);
        out.put("page_size", pageSize);
        out.put("total_count", total);
        return out;
    }

    /** Sorting a large list: only the sorted field is compared, numbers as numbers. */
    private static Object sortKey(Object value) {
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareKeys(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
            return ca.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    /** The value at a dotted path ({@code message_stats.publish}), or null. */
    @SuppressWarnings("unchecked")
    static Object field(Map<String, Object> item, String path) {
        Object current = item;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = ((Map<String, Object>) map).get(part);
        }
        return current;
    }

    private List<Map<String, Object>> trim(List<Map<String, Object>> items) {
        if (columns.isEmpty()) {
            return items;
        }
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            Map<String, Object> kept = new LinkedHashMap<>();
            for (String column : columns) {
                putPath(kept, column, field(item, column));
            }
            out.add(kept);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void putPath(Map<String, Object> target, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> current = target;
        for (int i = 0; i < parts.length - 1; i++) {
            current = (Map<String, Object>) current.computeIfAbsent(parts[i], k -> new LinkedHashMap<String, Object>());
        }
        current.put(parts[parts.length - 1], value);
    }
}
