package dev.tabletalk.core.engine;

import dev.tabletalk.core.error.ConfigurationException;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.ReplyLimits;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.in.AdapterEvent;
import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.AuthFlood;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.in.Conversations;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.Objects;

/**
 * The conversation engine: one state machine per session, IDLE -> COLLECTING -> PREVIEW ->
 * (confirm) -> IDLE.
 *
 * <p>Each turn: the session is loaded; universal commands (cancel, start over, show draft,
 * change X to Y, confirm) are recognised here, before any planner call; otherwise the planner's
 * output is validated ({@link PlanValidator}) and merged into the draft, a missing required field
 * is asked for, a read runs at once, and a write stops at a preview. Only an explicit confirm of
 * the pending preview, single-use and before it expires, runs the write, and the turn's audit
 * event is appended inside the write transaction so that no write commits unaudited
 * (invariants 4 and 9). Every turn, allowed, refused or failed, is audited exactly once.
 *
 * <p>The engine is a facade over a turn pipeline: {@link TurnRunner} loads the session, checks its owner,
 * saves and audits; {@link TurnContext} holds one catalog snapshot per turn; {@link TurnRouter} hands the
 * turn to {@link CommandStep}, {@link ConfirmStep} or {@link PlannerStep}; {@link FormStep} fills a draft's
 * fields and {@link PreviewStep} previews it. Security events reported by adapters go to
 * {@link SecurityEventLog}.
 *
 * <p>Thread-safe. Concurrent turns on one session are serialised by the session store's
 * optimistic version: one wins, the other gets a clear "busy" reply and changes nothing.
 */
public final class ConversationEngine implements Conversations, SecurityEvents {

    private final TurnRunner runner;
    private final SecurityEventLog securityEvents;

    private ConversationEngine(Builder builder) {
        SchemaCatalog schemaCatalog = Objects.requireNonNull(builder.schemaCatalog, "schemaCatalog");
        Planner planner = Objects.requireNonNull(builder.planner, "planner");
        GuardedExecutor executor = Objects.requireNonNull(builder.executor, "executor");
        // PUB-110: values of masked columns never reach the audit log in clear
        MaskingAuditLog auditLog =
                new MaskingAuditLog(Objects.requireNonNull(builder.auditLog, "auditLog"), schemaCatalog);
        GuardedSessions sessions = new GuardedSessions(
                builder.sessions != null
                        ? builder.sessions
                        : new InMemorySessionStore(
                                builder.clock,
                                InMemorySessionStore.DEFAULT_IDLE_TTL,
                                InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER));
        requireNoCommandNames(builder.macros);
        Clock clock = builder.clock;
        Limits limits = builder.limits;
        PlanValidator validator = new PlanValidator(builder.limits, builder.roles, builder.readOnlyMode);
        Ids ids = new Ids();
        TurnAudit audit = new TurnAudit(auditLog, limits);
        Failures failures = new Failures(ids);
        PreviewStep previews = new PreviewStep(validator, executor, clock, limits, builder.replyLimits, ids);
        FormStep form = new FormStep(validator, clock, previews);
        ConfirmStep confirms = new ConfirmStep(
                validator, executor, sessions, clock, audit, previews, failures, ConfirmStep.settledAfter(limits));
        PlannerStep plannerStep =
                new PlannerStep(planner, validator, executor, builder.readOnlyMode, builder.replyLimits, form, clock);
        TurnRouter router = new TurnRouter(
                limits,
                confirms,
                new CommandStep(
                        clock,
                        builder.roles,
                        form,
                        previews,
                        confirms,
                        new PagingStep(plannerStep.reads()),
                        builder.macros),
                plannerStep,
                new MacroStep(builder.macros, plannerStep, clock));
        CallerCatalogs catalogs = new CallerCatalogs(schemaCatalog, validator);
        this.runner = new TurnRunner(
                sessions, clock, audit, ids, failures, catalogs, router, builder.auditFailureRefusesReads);
        this.securityEvents = new SecurityEventLog(auditLog, clock);
    }

    /** A macro named like a universal command ("help", "cancel") could never be called: commands come first. */
    private static void requireNoCommandNames(Macros macros) {
        for (Macro macro : macros.all()) {
            if (UniversalCommand.parse(macro.name(), false, true).isPresent()) {
                throw new ConfigurationException("macro '" + macro.name()
                        + "' has the name of a command the engine answers itself, so it could never run: rename it");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Reply handle(ChatRequest request) {
        return runner.handle(request);
    }

    @Override
    public void authenticationFailed(AuthFailure failure) {
        securityEvents.authenticationFailed(failure);
    }

    @Override
    public void authenticationFlood(AuthFlood flood) {
        securityEvents.authenticationFlood(flood);
    }

    @Override
    public void requestAnswered(AdapterEvent event) {
        securityEvents.requestAnswered(event);
    }

    /** Builds a {@link ConversationEngine}. Catalog, planner, executor and audit log are required. */
    public static final class Builder {
        private SchemaCatalog schemaCatalog;
        private Planner planner;
        private GuardedExecutor executor;
        private AuditLog auditLog;
        private SessionStore sessions;
        private Clock clock = new SystemClock();
        private Limits limits = Limits.defaults();
        private ReplyLimits replyLimits = ReplyLimits.defaults();
        private RolePolicy roles = RolePolicy.defaults();
        private ReadOnlyMode readOnlyMode = ReadOnlyMode.off();
        private boolean auditFailureRefusesReads = true;
        private Macros macros = Macros.none();

        private Builder() {}

        public Builder schemaCatalog(SchemaCatalog value) {
            this.schemaCatalog = Objects.requireNonNull(value, "schemaCatalog");
            return this;
        }

        public Builder planner(Planner value) {
            this.planner = Objects.requireNonNull(value, "planner");
            return this;
        }

        public Builder executor(GuardedExecutor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        public Builder auditLog(AuditLog value) {
            this.auditLog = Objects.requireNonNull(value, "auditLog");
            return this;
        }

        public Builder sessions(SessionStore value) {
            this.sessions = Objects.requireNonNull(value, "sessions");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder limits(Limits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        /** How big one reply may get (default: 4,096 characters per value, 1 MiB per reply). */
        public Builder replyLimits(ReplyLimits value) {
            this.replyLimits = Objects.requireNonNull(value, "replyLimits");
            return this;
        }

        public Builder roles(RolePolicy value) {
            this.roles = Objects.requireNonNull(value, "roles");
            return this;
        }

        public Builder readOnlyMode(ReadOnlyMode value) {
            this.readOnlyMode = Objects.requireNonNull(value, "readOnlyMode");
            return this;
        }

        /** Whether reads are refused too when the audit log cannot be written (default: yes). */
        public Builder auditFailureRefusesReads(boolean value) {
            this.auditFailureRefusesReads = value;
            return this;
        }

        /**
         * The operator's macros (#14), recognised before any planner; none by default. Check them against the
         * catalog first ({@link Macros#problems}): a macro whose plan the catalog refuses is refused when called.
         * {@link #build()} throws a {@link ConfigurationException} for a macro named like a universal command.
         */
        public Builder macros(Macros value) {
            this.macros = Objects.requireNonNull(value, "macros");
            return this;
        }

        public ConversationEngine build() {
            return new ConversationEngine(this);
        }
    }
}
