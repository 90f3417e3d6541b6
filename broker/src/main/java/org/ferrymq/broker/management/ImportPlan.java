package org.ferrymq.broker.management;

import java.util.List;

/**
 * What importing a definitions file does (or, for a dry run, would do): one change per object,
 * and the problems that make the import refuse the whole file. {@code skipped} says what the
 * file holds that FerryMQ does not keep.
 */
public record ImportPlan(List<Change> changes, List<String> problems, List<String> skipped, boolean applied) {
    public ImportPlan {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }

    /** What happens to one object. */
    public enum Action { CREATE, UPDATE, UNCHANGED }

    /** {@code kind}: vhost, user, permission, exchange, queue, binding; {@code name} says which. */
    public record Change(String kind, String vhost, String name, Action action) {
    }

    public boolean valid() {
        return problems.isEmpty();
    }
}
