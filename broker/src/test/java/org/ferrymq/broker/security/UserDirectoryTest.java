package org.ferrymq.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import org.ferrymq.broker.config.BrokerConfig;
import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;

class UserDirectoryTest {
    private static final InetAddress LOCAL = InetAddress.getLoopbackAddress();
    private static final InetAddress REMOTE = address(10, 1, 2, 3);
    private static final InetAddress LOCAL_V6 = addressV6();

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress addressV6() {
        try {
            return InetAddress.getByName("::1");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static final UserDirectory DEFAULTS = UserDirectory.from(BrokerConfig.builder().build());

    private static final UserDirectory CUSTOM = UserDirectory.from(BrokerConfig.builder()
            .addVhost("dev")
            .addUser(new UserDefinition("bob", PasswordHash.create("bobpw"), Set.of()))
            .addUser(new UserDefinition("nopass", "", Set.of()))
            .addPermission(new PermissionDefinition("bob", "dev", "^bob-", "^bob-", "^bob-"))
            .addPermission(new PermissionDefinition("ghost", "dev", ".*", ".*", ".*"))
            .addPermission(new PermissionDefinition("bob", "nowhere", ".*", ".*", ".*"))
            .build());

    @Test
    void guestLogsInFromLoopback() {
        AuthenticationResult r = DEFAULTS.authenticate("guest", "guest", LOCAL);
        assertThat(r).isEqualTo(new AuthenticationResult.Success(new AuthenticatedUser("guest", Set.of("administrator"))));
        assertThat(r.succeeded()).isTrue();
        assertThat(((AuthenticationResult.Success) r).user().isAdministrator()).isTrue();
        assertThat(DEFAULTS.authenticate("guest", "guest", LOCAL_V6).succeeded()).isTrue();
        assertThat(DEFAULTS.authenticate("guest", "guest", address(127, 0, 1, 1)).succeeded()).isTrue();
    }

    @Test
    void inProcessConnectionsCountAsLoopback() {
        assertThat(DEFAULTS.authenticate("guest", "guest", null).succeeded()).isTrue();
    }

    @Test
    void guestIsRefusedFromElsewhereWithRabbitMqWording() {
        AuthenticationResult r = DEFAULTS.authenticate("guest", "guest", REMOTE);
        assertThat(r).isEqualTo(new AuthenticationResult.Failure("guest", AuthenticationResult.Reason.LOOPBACK_ONLY));
        assertThat(((AuthenticationResult.Failure) r).logText()).isEqualTo("user 'guest' can only connect via localhost");
    }

    @Test
    void wrongPasswordFromElsewhereIsAWrongPassword() {
        assertThat(DEFAULTS.authenticate("guest", "nope", REMOTE))
                .isEqualTo(new AuthenticationResult.Failure("guest", AuthenticationResult.Reason.WRONG_PASSWORD));
    }

    @Test
    void loopbackUsersNoneLetsGuestInFromAnywhere() {
        UserDirectory open = UserDirectory.from(BrokerConfig.builder().loopbackUsers(List.of()).build());
        assertThat(open.authenticate("guest", "guest", REMOTE).succeeded()).isTrue();
    }

    @Test
    void unknownUserAndWrongPasswordAreTellableInTheLogButNotToTheClient() {
        var unknown = (AuthenticationResult.Failure) CUSTOM.authenticate("nobody", "x", LOCAL);
        var wrong = (AuthenticationResult.Failure) CUSTOM.authenticate("bob", "x", LOCAL);
        assertThat(unknown.reason()).isEqualTo(AuthenticationResult.Reason.UNKNOWN_USER);
        assertThat(wrong.reason()).isEqualTo(AuthenticationResult.Reason.WRONG_PASSWORD);
        assertThat(unknown.logText()).isEqualTo("user 'nobody' - invalid credentials (no such user)");
        assertThat(wrong.logText()).isEqualTo("user 'bob' - invalid credentials (wrong password)");
        assertThat(AuthenticationResult.clientText("PLAIN")).isEqualTo(
                "Login was refused using authentication mechanism PLAIN. For details see the broker logfile.");
    }

    @Test
    void userWithoutPasswordCannotLogInWithOne() {
        assertThat(CUSTOM.authenticate("nopass", "", LOCAL).succeeded()).isFalse();
        assertThat(CUSTOM.authenticate("bob", null, LOCAL).succeeded()).isFalse();
    }

    @Test
    void nonLoopbackUserLogsInFromAnywhere() {
        assertThat(CUSTOM.authenticate("bob", "bobpw", REMOTE))
                .isEqualTo(new AuthenticationResult.Success(new AuthenticatedUser("bob", Set.of())));
    }

    @Test
    void permissionsPerUserAndVhost() {
        assertThat(CUSTOM.permissions("bob", "dev")).hasValueSatisfying(p -> {
            assertThat(p.canConfigure("bob-q")).isTrue();
            assertThat(p.canConfigure("alice-q")).isFalse();
        });
        assertThat(CUSTOM.permissions("bob", "/")).isEmpty();
        assertThat(CUSTOM.permissions("guest", "/")).hasValueSatisfying(p -> assertThat(p.canRead("x")).isTrue());
        assertThat(CUSTOM.permissions("guest", "dev")).isEmpty();
        assertThat(CUSTOM.permissions("nobody", "/")).isEmpty();
    }

    @Test
    void permissionsForUnknownUsersOrVhostsAreIgnored() {
        assertThat(CUSTOM.permissions("ghost", "dev")).isEmpty();
        assertThat(CUSTOM.permissions("bob", "nowhere")).isEmpty();
    }

    @Test
    void vhostsExist() {
        assertThat(CUSTOM.vhostExists("/")).isTrue();
        assertThat(CUSTOM.vhostExists("dev")).isTrue();
        assertThat(CUSTOM.vhostExists("nowhere")).isFalse();
        assertThat(CUSTOM.vhosts()).containsExactlyInAnyOrder("/", "dev");
    }

    @Test
    void openVhostRefusesAsRabbitMqDoes() {
        assertThat(CUSTOM.openVhost("bob", "dev").vhost()).isEqualTo("dev");
        assertThatThrownBy(() -> CUSTOM.openVhost("bob", "/"))
                .isInstanceOfSatisfying(AmqpException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(ReplyCode.NOT_ALLOWED);
                    assertThat(e.getMessage()).isEqualTo("access to vhost '/' refused for user 'bob'");
                });
        assertThatThrownBy(() -> CUSTOM.openVhost("bob", "none"))
                .isInstanceOfSatisfying(AmqpException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(ReplyCode.NOT_ALLOWED);
                    assertThat(e.replyText()).isEqualTo("NOT_ALLOWED - vhost none not found");
                });
    }

    @Test
    void invalidPatternFailsTheBuild() {
        BrokerConfig bad = BrokerConfig.builder().addPermission(new PermissionDefinition("guest", "/", "[", ".*", ".*")).build();
        assertThatThrownBy(() -> UserDirectory.from(bad)).isInstanceOf(IllegalArgumentException.class);
    }
}
