package dev.tabletalk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.port.in.AuditTrail;
import dev.tabletalk.core.reply.RefusalCode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AuditCommandTest {

    private static final Instant AT = Instant.parse("2026-11-26T03:00:00Z");

    private final List<Optional<String>> openedUrls = new ArrayList<>();
    private AuditTrail.Chain chain =
            new AuditTrail.Chain(true, 2, Optional.of("abc"), OptionalLong.empty(), Optional.empty());
    private boolean closed;

    private final AuditTrail audit = new AuditTrail() {
        @Override
        public Chain verify() {
            return chain;
        }

        @Override
        public List<Session> sessions(int limit) {
            return List.of(new Session("s_1", "mia", AT, AT.plusSeconds(5), 2));
        }

        @Override
        public List<Turn> turns(String sessionId) {
            if (sessionId.equals("s_2")) {
                return List.of(new Turn(
                        7,
                        AT,
                        "mia",
                        "s_2",
                        "confirm",
                        "commit",
                        Optional.of("update"),
                        Optional.of("customers"),
                        "pending",
                        Optional.empty(),
                        1,
                        12,
                        Optional.empty(),
                        true));
            }
            return sessionId.equals("s_1")
                    ? List.of(new Turn(
                            1,
                            AT,
                            "mia",
                            "s_1",
                            "delete customer 1",
                            "none",
                            Optional.empty(),
                            Optional.empty(),
                            "refused",
                            Optional.of("delete_not_allowed"),
                            0,
                            8,
                            Optional.empty()))
                    : List.of();
        }

        @Override
        public List<Turn> turnsWithErrorId(String errorId) {
            return errorId.equals("0a1b2c3d4e5f")
                    ? List.of(new Turn(
                            7,
                            AT,
                            "mia",
                            "s_2",
                            "show reports",
                            "read",
                            Optional.of("read"),
                            Optional.of("reports"),
                            "error",
                            Optional.of("permission_denied"),
                            0,
                            3,
                            Optional.of("[error 0a1b2c3d4e5f] DependencyUnavailableException: database error "
                                    + "permission_denied: SQLState 42501, vendor code 0 (PSQLException)")))
                    : List.of();
        }
    };

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        TableTalkOpener opener = new TableTalkOpener() {
            @Override
            public Opened<TableTalkPorts> open(CliSettings settings) {
                throw new AssertionError("audit commands never open the target database");
            }

            @Override
            public Opened<AuditTrail> openAudit(Optional<String> url) {
                openedUrls.add(url);
                return new Opened<>(audit, () -> closed = true);
            }
        };
        return TableTalkCli.create(opener)
                .execute(
                        new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), false, args);
    }

    @Test
    void verifyReportsAnIntactChainWithItsHead() {
        assertThat(run("audit", "verify")).isZero();
        assertThat(out.toString()).contains("intact: 2 entries, head hash abc");
        assertThat(openedUrls).containsExactly(Optional.empty());
        assertThat(closed).isTrue();
    }

    @Test
    void verifyExitsWithOneWhenTheChainIsBroken() {
        chain = new AuditTrail.Chain(
                false, 4, Optional.empty(), OptionalLong.of(5), Optional.of("hash_mismatch: edited"));

        assertThat(run("audit", "verify", "--audit-db", "jdbc:h2:mem:a")).isEqualTo(1);
        assertThat(out.toString()).contains("BROKEN at entry 5 (4 good entries before it): hash_mismatch: edited");
        assertThat(openedUrls).containsExactly(Optional.of("jdbc:h2:mem:a"));
    }

    @Test
    void sessionsAndTurnsAreTablesOrJsonLines() {
        assertThat(run("audit", "sessions")).isZero();
        assertThat(out.toString()).contains("session | user | first", "s_1     | mia");
        assertThat(run("audit", "show", "s_1", "--json")).isZero();
        assertThat(out.toString())
                .contains(
                        "{\"seq\":1,\"at\":\"2026-11-26T03:00:00Z\",\"user\":\"mia\","
                                + "\"message\":\"delete customer 1\",\"action\":\"none\",\"intent\":null,\"entity\":null,"
                                + "\"outcome\":\"refused\",\"refusal\":\"delete_not_allowed\",\"rows\":0,\"ms\":8,\"error\":null}");
    }

    @Test
    void anErrorIdFromAReplyResolvesToItsTurnWithTheErrorClass() {
        assertThat(run("audit", "show", "0a1b2c3d4e5f", "--json")).isZero();
        assertThat(out.toString())
                .contains(
                        "\"seq\":7,\"session\":\"s_2\"",
                        "\"refusal\":\"permission_denied\"",
                        "\"error\":\"[error 0a1b2c3d4e5f] DependencyUnavailableException: database error permission_denied: "
                                + "SQLState 42501, vendor code 0 (PSQLException)\"");
    }

    @Test
    void verifyListsUnresolvedWritesOfAnIntactChainAndExitsWithSix() {
        chain = new AuditTrail.Chain(true, 9, Optional.of("abc"), OptionalLong.empty(), Optional.empty(), List.of(7L));

        assertThat(run("audit", "verify")).isEqualTo(6);
        assertThat(out.toString())
                .contains("intact: 9 entries, head hash abc")
                .contains("UNRESOLVED: 1 write(s) recorded as pending with no outcome after them, at entries 7.");
    }

    @Test
    void showMarksAnUnresolvedWrite() {
        assertThat(run("audit", "show", "s_2")).isZero();
        assertThat(out.toString()).contains("pending (UNRESOLVED)");
        assertThat(run("audit", "show", "s_2", "--json")).isZero();
        assertThat(out.toString()).contains("\"outcome\":\"pending\",\"unresolved\":true");
    }

    @Test
    void anUnknownCommitOutcomeExitsWithFive() {
        assertThat(CliExitCodes.ofRefusal(RefusalCode.OUTCOME_UNKNOWN)).isEqualTo(5);
    }

    @Test
    void aMissingClaimExitsAsTheCallerMayNotAndARowOutsideTheRulesAsARefusal() {
        assertThat(CliExitCodes.ofRefusal(RefusalCode.CLAIM_MISSING)).isEqualTo(4);
        assertThat(CliExitCodes.ofRefusal(RefusalCode.OUTSIDE_ROW_RULES)).isEqualTo(3);
    }

    @Test
    void anUnknownSessionIsOneLineOnStderr() {
        assertThat(run("audit", "show", "s_404")).isEqualTo(1);
        assertThat(err.toString().lines()).containsExactly("tabletalk: no session or error id s_404 in the audit log");
    }
}
