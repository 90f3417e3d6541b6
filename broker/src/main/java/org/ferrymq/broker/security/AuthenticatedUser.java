package org.ferrymq.broker.security;

import java.util.Objects;
import java.util.Set;

/**
 * A user whose credentials were accepted, with the tags (such as {@code administrator}) the
 * management side uses to decide what the user may see.
 */
public record AuthenticatedUser(String name, Set<String> tags) {
    public static final String ADMINISTRATOR_TAG = "administrator";

    public AuthenticatedUser {
        Objects.requireNonNull(name, "name");
        tags = Set.copyOf(tags);
    }

    public boolean hasTag(String tag) {
        return tags.contains(tag);
    }

    public boolean isAdministrator() {
        return hasTag(ADMINISTRATOR_TAG);
    }
}
