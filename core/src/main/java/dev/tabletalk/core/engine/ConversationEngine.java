package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.error.DependencyUnavailableException;
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
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.port.out.SessionStore;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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
 * <p>Thread-safe. Concurrent turns on one session are serialised by the session store's
 * optimistic version: one wins, the other gets a clear "busy" reply and changes nothing.
 */
public final class ConversationEngine implements Conversations, SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    private final SchemaCatalog schemaCatalog;
    private final Planner planner;
    private final GuardedExecutor executor;
    private final MaskingAuditLog auditLog;
    private final GuardedSessions sessions;
    private final Clock clock;
    private final Limits limits;
    private final ReplyLimits replyLimits;
    private final ReadOnlyMode readOnlyMode;
    private final PlanValidator validator;
    private final RolePolicy roles;
    private final boolean auditFailureRefusesReads;
    private final UnauditedStates unaudited = new UnauditedStates();
    private final Ids ids = new Ids();
    private final TurnAudit audit;
    private final Failures failures;
    private final PreviewStep previews;
    private final FormStep form;
    private final ConfirmStep confirms;
    private final CommandStep commands;
    private final PlannerStep plannerStep;
    private final CallerCatalogs catalogs;
    private final SecurityEventLog securityEvents;

    private ConversationEngine(Builder builder) {
        this.schemaCatalog = Objects.requireNonNull(builder.schemaCatalog, "schemaCatalog");
        this.planner = Objects.requireNonNull(builder.planner, "planner");
        this.executor = Objects.requireNonNull(builder.executor, "executor");
        // PUB-110: values of masked columns never reach the audit log in clear
        this.auditLog = new MaskingAuditLog(Objects.requireNonNull(builder.auditLog, "auditLog"), schemaCatalog);
        this.sessions = new GuardedSessions(builder.sessions != null ? builder.sessions
                : new InMemorySessionStore(builder.clock, InMemorySessionStore.DEFAULT_IDLE_TTL,
                        InMemorySessionStore.DEFAULT_MAX_SESSIONS_PER_USER));
        this.clock = builder.clock;
        this.limits = builder.limits;
        this.replyLimits = builder.replyLimits;
        this.readOnlyMode = builder.readOnlyMode;
        this.validator = new PlanValidator(builder.limits, builder.roles, builder.readOnlyMode);
        this.roles = builder.roles;
        this.auditFailureRefusesReads = builder.auditFailureRefusesReads;
        this.securityEvents = new SecurityEventLog(auditLog, clock);
        this.catalogs = new CallerCatalogs(schemaCatalog, validator);
        this.audit = new TurnAudit(auditLog, limits);
        this.failures = new Failures(ids);
        this.previews = new PreviewStep(validator, executor, clock, limits, replyLimits, ids);
        this.form = new FormStep(validator, clock, previews);
        this.confirms = new ConfirmStep(validator, executor, sessions, clock, audit, previews, failures);
        this.commands = new CommandStep(clock, roles, form, previews, confirms);
        this.plannerStep = new PlannerStep(planner, validator, executor, readOnlyMode, replyLimits, form);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Reply handle(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        String sessionId = request.sessionId().orElseGet(() -> "s_" + ids.hex());
        Turn turn = new Turn(clock.now(), sessionId, request.user(), request.message());
        ConversationState loaded = ConversationState.start(sessionId, request.user().userId(),
                request.user().tenantId(), clock.now());
        Step step;
        try {
            if (!SESSION_ID.matcher(sessionId).matches()) {
                step = Step.refuse(turn, loaded, Refusal.of(RefusalCode.SESSION_NOT_FOUND,
                        "That conversation id is not valid; start a new conversation without one."));
            } else {
                Optional<ConversationState> stored = unaudited.undo(sessionId, sessions.find(sessionId));
                if (stored.isPresent() && !isOwner(stored.get(), request.user())) {
                    // a session of another user answers exactly like one that does not exist
                    step = Step.refuse(turn, loaded, Refusal.of(RefusalCode.SESSION_NOT_FOUND,
                            "There is no conversation with that id; start a new one."));
                } else {
                    loaded = stored.orElse(loaded);
                    step = run(new TurnContext(turn, request.user(), catalogs), loaded, request);
                }
            }
        } catch (DependencyUnavailableException e) {
            step = failures.failed(turn, loaded, e);
        } catch (RuntimeException e) {
            String errorId = ids.errorId();
            log.error("turn failed unexpectedly in session {} (error id {})", sessionId, errorId, e);
            turn.failed(e, errorId);
            step = Step.unchanged(Replies.reply(loaded, "Something went wrong on our side, and nothing was changed.",
                    new ReplyPart.Error("internal", "Something went wrong on our side, and nothing was changed.",
                            false, errorId)));
        }
        return finish(turn, loaded, step);
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

    private Step run(TurnContext ctx, ConversationState state, ChatRequest request) {
        Turn turn = ctx.turn();
        String message = request.message();
        int length = message.codePointCount(0, message.length());
        if (length > limits.maxMessageChars()) {
            return Step.refuse(turn, state, Refusal.of(RefusalCode.MESSAGE_TOO_LONG, "That message has " + length
                    + " characters; the limit is " + limits.maxMessageChars() + ". Please shorten it."));
        }
        if (request.confirmPreviewId().isPresent()) {
            return confirms.confirm(ctx, state, request.confirmPreviewId());
        }
        if (message.isBlank()) {
            return Step.refuse(turn, state, Refusal.of(RefusalCode.NOT_UNDERSTOOD,
                    "Say what you would like to see or change, e.g. 'show customers'."));
        }
        Optional<Step> command = commands.handle(ctx, state, message);
        if (command.isPresent()) {
            return command.get();
        }
        return plannerStep.planned(ctx, state, message);
    }

    // ---- confirm -----------------------------------------------------------------------------

    /**
     * Appends the entry that resolves the gate's pending entry of this turn. When the audit store cannot
     * take it, the pending entry stays unresolved, which is what {@code audit verify} and {@code audit show}
     * then report: the log never claims an outcome it could not record.
     */
    private void appendResolution(Turn turn) {
        try {
            audit.append(turn);
        } catch (DependencyUnavailableException e) {
            log.error("audit store unavailable; the outcome of a write in session {} stays unresolved in the log",
                    turn.sessionId(), e);
        }
    }

    // ---- finishing a turn --------------------------------------------------------------------

    private Reply finish(Turn turn, ConversationState loaded, Step step) {
        Reply reply = step.reply();
        Optional<ConversationState> saved = Optional.empty();
        if (step.next().isPresent()) {
            ConversationState next = step.next().get();
            SaveOutcome outcome;
            try {
                outcome = sessions.save(next, next.version());
            } catch (DependencyUnavailableException e) {
                outcome = null;
                reply = notSaved(turn, loaded, e);
            }
            if (outcome instanceof SaveOutcome.Saved s) {
                saved = Optional.of(s.state());
            } else if (outcome instanceof SaveOutcome.VersionConflict) {
                turn.refused(RefusalCode.BUSY);
                reply = Replies.refused(loaded, Refusal.of(RefusalCode.BUSY,
                        "Another message in this conversation was handled at the same time, so this one was not. "
                                + "Please send it again."));
            }
        } else if (loaded.version() == 0 && !turn.isRefused()) {
            try {
                sessions.save(loaded, 0);
            } catch (DependencyUnavailableException e) {
                reply = notSaved(turn, loaded, e);
            }
        }
        if (step.audited()) {
            return reply;
        }
        try {
            audit.append(turn);
            return reply;
        } catch (DependencyUnavailableException e) {
            log.error("audit store unavailable in session {}", loaded.sessionId(), e);
            boolean isRead = reply.part(ReplyPart.Rows.class).isPresent();
            if (isRead && !auditFailureRefusesReads) {
                return reply;
            }
            saved.ifPresent(s -> rollBack(loaded, s));
            return Replies.reply(loaded, Replies.auditUnavailable().message(), new ReplyPart.Refused(Replies.auditUnavailable()));
        }
    }

    /** The session store failed at the end of a turn: an audited dependency error, and nothing was changed. */
    private Reply notSaved(Turn turn, ConversationState loaded, DependencyUnavailableException e) {
        String errorId = ids.errorId();
        turn.failed(e, errorId);
        log.warn("session store failed in session {} (error id {}): {}", loaded.sessionId(), errorId, e.getMessage());
        return Replies.reply(loaded, "The conversation could not be saved; nothing was changed. Please try again.",
                new ReplyPart.Error(ReplyPart.Error.codeOf(e.dependency()),
                        "The conversation could not be saved; please try again.", true, errorId));
    }

    /** Undoes the state saved by a turn that could not be audited; if that fails too, the undo is kept here. */
    private void rollBack(ConversationState loaded, ConversationState unauditedState) {
        try {
            sessions.save(loaded, unauditedState.version());
        } catch (DependencyUnavailableException e) {
            log.error("session store failed while undoing an unaudited turn in session {}", loaded.sessionId(), e);
            unaudited.remember(loaded.sessionId(), unauditedState.version(), loaded);
        }
    }

    private static boolean isOwner(ConversationState state, UserContext user) {
        return state.ownerUserId().equals(user.userId()) && state.ownerTenant().equals(user.tenantId());
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

        public ConversationEngine build() {
            return new ConversationEngine(this);
        }
    }
}
