package org.ferrymq.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import com.rabbitmq.client.ConnectionFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Users, vhosts and permissions made through the API are kept in the store and survive a restart. */
@Timeout(90)
class RuntimeAccessIT {
    @TempDir
    Path dataDir;

    @Test
    void usersVhostsAndPermissionsSurviveARestart() throws Exception {
        try (ConsoleFixture fixture = new ConsoleFixture(dataDir)) {
            assertThat(fixture.admin("PUT", "/api/vhosts/orders", null).statusCode()).isEqualTo(201);
            assertThat(fixture.admin("PUT", "/api/users/clerk", "{\"password\":\"clerk-pw\",\"tags\":\"management\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(fixture.admin("PUT", "/api/permissions/orders/clerk",
                    "{\"configure\":\"^clerk-\",\"write\":\".*\",\"read\":\".*\"}").statusCode()).isEqualTo(201);
            // the clerk sees only its vhost and may declare only its own queues there
            assertThat(fixture.call("PUT", "/api/queues/orders/clerk-q", "{}", "clerk", "clerk-pw").statusCode()).isEqualTo(201);
            assertThat(fixture.call("PUT", "/api/queues/orders/other", "{}", "clerk", "clerk-pw").statusCode()).isEqualTo(403);
            assertThat(fixture.call("GET", "/api/queues/%2F", null, "clerk", "clerk-pw").statusCode()).isEqualTo(403);
            assertThat(fixture.call("GET", "/api/users", null, "clerk", "clerk-pw").statusCode()).isEqualTo(403);
            // a password change replaces the old one
            assertThat(fixture.admin("PUT", "/api/users/watcher", "{\"password\":\"new-pw\",\"tags\":\"monitoring\"}")
                    .statusCode()).isEqualTo(204);
            assertThat(fixture.admin("DELETE", "/api/users/app", null).statusCode()).isEqualTo(204);
        }
        try (ConsoleFixture fixture = new ConsoleFixture(dataDir)) {
            assertThat(fixture.call("GET", "/api/whoami", null, "clerk", "clerk-pw").statusCode()).isEqualTo(200);
            assertThat(fixture.call("GET", "/api/queues/orders", null, "clerk", "clerk-pw").statusCode()).isEqualTo(200);
            assertThat(fixture.getJson("/api/permissions/orders/clerk").get("configure").asText()).isEqualTo("^clerk-");
            assertThat(fixture.call("GET", "/api/whoami", null, "watcher", "new-pw").statusCode()).isEqualTo(200);
            assertThat(fixture.call("GET", "/api/whoami", null, "watcher", "watch-pw").statusCode()).isEqualTo(401);
            // AMQP logins use the same users: the runtime user opens its vhost
            ConnectionFactory factory = new ConnectionFactory();
            factory.setPort(fixture.broker.amqpPort());
            factory.setUsername("clerk");
            factory.setPassword("clerk-pw");
            factory.setVirtualHost("orders");
            factory.newConnection().close();
            factory.setVirtualHost("/");
            assertThatThrownBy(factory::newConnection).isInstanceOf(Exception.class);
            assertThat(fixture.admin("DELETE", "/api/vhosts/orders", null).statusCode()).isEqualTo(204);
        }
        try (ConsoleFixture fixture = new ConsoleFixture(dataDir)) {
            assertThat(fixture.admin("GET", "/api/vhosts/orders", null).statusCode()).isEqualTo(404);
        }
    }
}
