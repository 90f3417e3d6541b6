package org.ferrymq.broker.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ferrymq.broker.errors.AmqpException;
import org.ferrymq.broker.errors.ReplyCode;
import org.junit.jupiter.api.Test;

class VhostPermissionsTest {

    private static VhostPermissions perms(String configure, String write, String read) {
        return VhostPermissions.compile(new PermissionDefinition("bob", "/", configure, write, read));
    }

    @Test
    void patternsAreSearchedNotAnchoredAsInRabbitMq() {
        VhostPermissions p = perms("sec", "sec", "sec");
        assertThat(p.canConfigure("xsecx")).isTrue();
        assertThat(p.canConfigure("sec")).isTrue();
        assertThat(p.canConfigure("other")).isFalse();
    }

    @Test
    void anchoredPatternsMatchWholeNames() {
        VhostPermissions p = perms("^sec-w$", "^amq\\.gen.*", ".*");
        assertThat(p.canConfigure("sec-w")).isTrue();
        assertThat(p.canConfigure("sec-wx")).isFalse();
        assertThat(p.canWrite("amq.gen-abc")).isTrue();
        assertThat(p.canWrite("x-amq.gen")).isFalse();
        assertThat(p.canRead("anything")).isTrue();
    }

    @Test
    void emptyPatternGrantsNothing() {
        VhostPermissions p = perms("", "", "");
        assertThat(p.canConfigure("q")).isFalse();
        assertThat(p.canWrite("amq.default")).isFalse();
        assertThat(p.canRead("q")).isFalse();
    }

    @Test
    void threeKindsAreIndependent() {
        VhostPermissions p = perms("^c$", "^w$", "^r$");
        assertThat(p.canConfigure("c")).isTrue();
        assertThat(p.canWrite("c")).isFalse();
        assertThat(p.canWrite("w")).isTrue();
        assertThat(p.canRead("w")).isFalse();
        assertThat(p.canRead("r")).isTrue();
    }

    @Test
    void refusalTextIsRabbitMqs() {
        VhostPermissions p = perms("", "", "");
        assertThat(p.refusalText(ResourceKind.QUEUE, "q"))
                .isEqualTo("access to queue 'q' in vhost '/' refused for user 'bob'");
        assertThat(p.refusalText(ResourceKind.EXCHANGE, ""))
                .isEqualTo("access to exchange 'amq.default' in vhost '/' refused for user 'bob'");
    }

    @Test
    void requireThrowsAccessRefusedWithRabbitMqText() {
        VhostPermissions p = perms("sec", "", "");
        p.requireConfigure(ResourceKind.QUEUE, "sec-q");
        assertThatThrownBy(() -> p.requireConfigure(ResourceKind.QUEUE, "other"))
                .isInstanceOfSatisfying(AmqpException.class, e -> {
                    assertThat(e.replyCode()).isEqualTo(ReplyCode.ACCESS_REFUSED);
                    assertThat(e.replyText()).isEqualTo(
                            "ACCESS_REFUSED - access to queue 'other' in vhost '/' refused for user 'bob'");
                });
        assertThatThrownBy(() -> p.requireWrite(ResourceKind.EXCHANGE, ""))
                .hasMessage("access to exchange 'amq.default' in vhost '/' refused for user 'bob'");
        assertThatThrownBy(() -> p.requireRead(ResourceKind.EXCHANGE, "amq.direct"))
                .hasMessage("access to exchange 'amq.direct' in vhost '/' refused for user 'bob'");
    }

    @Test
    void defaultExchangeIsCheckedAsAmqDefault() {
        VhostPermissions p = perms("", "^amq\\.default$", "");
        p.requireWrite(ResourceKind.EXCHANGE, "");
        assertThat(VhostPermissions.resourceName(ResourceKind.EXCHANGE, "")).isEqualTo("amq.default");
        assertThat(VhostPermissions.resourceName(ResourceKind.QUEUE, "")).isEqualTo("");
    }

    @Test
    void invalidPatternIsReportedWithUserAndVhost() {
        assertThatThrownBy(() -> perms("(", ".*", ".*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("configure pattern '('")
                .hasMessageContaining("user 'bob'")
                .hasMessageContaining("vhost '/'");
    }
}
