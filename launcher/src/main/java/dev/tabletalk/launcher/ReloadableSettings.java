package dev.tabletalk.launcher;

import dev.tabletalk.config.TableTalkConfig;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.policy.RolePolicy;
import java.util.Objects;

/**
 * The settings a running {@link TableTalk} can take without a restart ({@link TableTalk#reload}): what the
 * settings source given to {@link TableTalk.Builder#settingsSource} returns each time it reads its file again.
 * The tenant column and the statement and lock timeouts are part of {@link Limits} but need a restart: a reload
 * that changes them is refused.
 *
 * @param limits row caps, message and filter limits, preview time-to-live (tenant column and timeouts unchanged)
 * @param roles which role may do what
 * @param replyLimits how big one reply may get
 * @param readOnly whether the file asks for the read-only switch: {@code true} turns it on; {@code false} never
 *     turns it off (only the operator's explicit act does), so that a reload cannot end an emergency
 */
public record ReloadableSettings(Limits limits, RolePolicy roles, ReplyLimits replyLimits, boolean readOnly) {

    public ReloadableSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(roles, "roles");
        Objects.requireNonNull(replyLimits, "replyLimits");
    }

    /**
     * The reloadable part of checked settings (a configuration file read again), mapped exactly as
     * {@link TableTalk.Builder#config(TableTalkConfig)} maps them at start.
     *
     * @throws dev.tabletalk.core.error.ConfigurationException when a part does not map (e.g. a role's row rule)
     */
    public static ReloadableSettings of(TableTalkConfig config) {
        TableTalk.Builder mapped = TableTalk.builder().config(config);
        return new ReloadableSettings(mapped.limits, mapped.roles, mapped.replyLimits, mapped.readOnlyMode.isOn());
    }
}
