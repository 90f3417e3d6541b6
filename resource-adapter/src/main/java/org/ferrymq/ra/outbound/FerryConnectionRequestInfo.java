package org.ferrymq.ra.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;

/** The credentials an application passed to createConnection(user, password); null for the factory's. */
record FerryConnectionRequestInfo(String user, String password) implements ConnectionRequestInfo {
    static final FerryConnectionRequestInfo DEFAULT = new FerryConnectionRequestInfo(null, null);
}
