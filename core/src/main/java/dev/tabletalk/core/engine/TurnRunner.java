package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.port.in.Channel;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.SaveOutcome;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a turn from end to end: loads the session, checks that the caller owns it (another user's session
 * answers like one that does not exist), hands the turn to the {@link TurnRouter}, then saves the next state
 * and appends the turn's single audit event. A state that cannot be audited is rolled back, and a failure
 * of any dependency becomes an honest reply with an error id.
 */
final class TurnRunner {

    private static final Logger log = LoggerFactory.getLogger(ConversationEngine.class);

    private final GuardedSessions sessions;
    private final Clock clock;
    private final TurnAudit audit;
    private final Ids ids;
    private final Failures failures;
    private final CallerCatalogs catalogs;
    private final TurnRouter router;
    private final boolean auditFailureRefusesReads;
    private final UnauditedStates unaudited = new UnauditedStates();

    TurnRunner(
            GuardedSessions sessions,
            Clock clock,
            TurnAudit audit,
            Ids ids,
            Failures failures,
            CallerCatalogs catalogs,
            TurnRouter router,
            boolean auditFailureRefusesReads) {
        this.sessions = sessions;
        this.clock = clock;
        this.audit = audit;
        this.ids = ids;
        this.failures = failures;
        this.catalogs = catalogs;
        this.router = router;
        this.auditFailureRefusesReads = auditFailureRefusesReads;
    }

    /**
     * Whether {@code id} can name a conversation: 1 to 128 ASCII letters, digits, {@code _ . : -}. Checked on every
     * turn, so by a loop rather than a regular expression (which was 2% of a read turn's request thread).
     */
    static boolean isSessionId(String id) {
        int length = id.length();
        if (length == 0 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean allowed = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || c == '_'
                    || c == '.'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Runs one turn: load the session, check its owner, route it, then save and audit (see {@link #finish}). */
    Reply handle(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        String sessionId = request.sessionId().orElseGet(() -> "s_" + ids.hex());
        Turn turn = new Turn(clock.now(), sessionId, audited(request), request.message());
        ConversationState loaded = ConversationState.start(
                sessionId, request.user().userId(), request.user().tenantId(), clock.now());
        Step step;
        try {
            if (!isSessionId(sessionId)) {
                step = Step.refuse(
                        turn,
                        loaded,
                        Refusal.of(
                                RefusalCode.SESSION_NOT_FOUND,
                                "That conversation id is not valid; start a new conversation without one."));
            } else {
                Optional<ConversationState> stored = unaudited.undo(sessionId, sessions.find(sessionId));
                if (stored.isPresent() && !isOwner(stored.get(), request.user())) {
                    // a session of another user answers exactly like one that does not exist
                    step = Step.refuse(
                            turn,
                            loaded,
                            Refusal.of(
                                    RefusalCode.SESSION_NOT_FOUND,
                                    "There is no conversation with that id; start a new one."));
                } else {
                    loaded = stored.orElse(loaded);
                    step = router.route(
                            new TurnContext(turn, request.user(), request.channel(), catalogs), loaded, request);
                }
            }
        } catch (DependencyUnavailableException e) {
            step = failures.failed(turn, loaded, e);
        } catch (RuntimeException e) {
            String errorId = ids.errorId();
            log.error("turn failed unexpectedly in session {} (error id {})", sessionId, errorId, e);
            turn.failed(e, errorId);
            step = Step.unchanged(Replies.reply(
                    loaded,
                    "Something went wrong on our side, and nothing was changed.",
                    new ReplyPart.Error(
                            "internal", "Something went wrong on our side, and nothing was changed.", false, errorId)));
        }
        return finish(turn, loaded, step);
    }

    private Reply finish(Turn turn, ConversationState loaded, Step step) {
        Reply reply = step.reply();
        Optional<ConversationState> saved = Optional.empty();
        // a state equal to the one loaded (a read repeated, a page shown again) changes nothing: it is not saved
        // again, and the session is marked used below like any stored session a turn saved nothing for
        Optional<ConversationState> changed = step.next().filter(next -> !next.equals(loaded));
        if (changed.isPresent()) {
            ConversationState next = changed.get();
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
                reply = Replies.refused(
                        loaded,
                        Refusal.of(
                                RefusalCode.BUSY,
                                "Another message in this conversation was handled at the same time, so this one was not. "
                                        + "Please send it again."));
            }
        } else if (loaded.version() == 0 && !turn.isRefused()) {
            try {
                sessions.save(loaded, 0);
            } catch (DependencyUnavailableException e) {
                reply = notSaved(turn, loaded, e);
            }
        } else if (loaded.version() > 0) {
            markUsed(loaded);
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
            Refusal refusal = Replies.auditUnavailable();
            return Replies.reply(loaded, refusal.message(), new ReplyPart.Refused(refusal));
        }
    }

    /**
     * A turn on the caller's own stored session that saved nothing still uses it. A store that cannot mark it costs
     * the session at most some of its idle time, not the turn: logged, and the reply stands.
     */
    private void markUsed(ConversationState found) {
        try {
            sessions.markUsed(found);
        } catch (DependencyUnavailableException e) {
            log.warn("session store could not mark session {} used: {}", found.sessionId(), e.getMessage());
        }
    }

    /** The session store failed at the end of a turn: an audited dependency error, and nothing was changed. */
    private Reply notSaved(Turn turn, ConversationState loaded, DependencyUnavailableException e) {
        String errorId = ids.errorId();
        turn.failed(e, errorId);
        log.warn("session store failed in session {} (error id {}): {}", loaded.sessionId(), errorId, e.getMessage());
        if (e.isOutcomeUnknown()) {
            return Replies.reply(
                    loaded,
                    Failures.SAVE_OUTCOME_UNKNOWN,
                    new ReplyPart.Error(
                            ReplyPart.Error.codeOf(e.dependency()), Failures.SAVE_OUTCOME_UNKNOWN, true, errorId));
        }
        return Replies.reply(
                loaded,
                "The conversation could not be saved; nothing was changed. Please try again.",
                new ReplyPart.Error(
                        ReplyPart.Error.codeOf(e.dependency()),
                        "The conversation could not be saved; please try again.",
                        true,
                        errorId));
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

    /**
     * The caller as the audit log records this turn: with the transport it came on (#16) as the attribute
     * {@code transport}, so an MCP turn is told from a chat turn while the audit record keeps its shape.
     */
    private static UserContext audited(ChatRequest request) {
        if (request.channel().equals(Channel.UNSPECIFIED)) {
            return request.user();
        }
        UserContext user = request.user();
        Map<String, String> attributes = new LinkedHashMap<>(user.attributes());
        attributes.put("transport", request.channel().transport());
        return new UserContext(user.userId(), user.role(), user.tenantId(), attributes);
    }
}
