package org.ferrymq.ra.admin;

import java.io.Serializable;
import java.util.Objects;


/**
 * An administered destination a server binds in JNDI: one JavaBean property, {@code name}, in
 * the provider's naming scheme ({@code orders}, {@code amq.topic/weather.#}, {@code logs3/}).
 * The provider accepts it wherever it takes a destination (it reads the name).
 *
 * <p>Threading: configured once by the server, then read only.
 */
abstract class AdminDestination implements Serializable {
    private static final long serialVersionUID = 1L;

    private String name;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    String requireName() {
        if (name == null || name.isBlank()) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no 'name' property set");
        }
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && Objects.equals(((AdminDestination) o).name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), name);
    }

    @Override
    public String toString() {
        return name;
    }
}
