package dev.tabletalk.archtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.lang.reflect.Field;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule catches the fixture class written to break it: a rule that stops catching its
 * fixture (after a rename, say) fails here instead of passing silently.
 */
class RuleSelfTest {

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter()
                .importPackages(
                        "dev.tabletalk.core.archfixture",
                        "dev.tabletalk.core.cyclea",
                        "dev.tabletalk.core.cycleb",
                        "dev.tabletalk.plannerllm.archfixture",
                        "dev.tabletalk.plannerrules.archfixture",
                        "dev.tabletalk.audit.archfixture",
                        "dev.tabletalk.executorjooq.archfixture",
                        "dev.tabletalk.schemacatalog.archfixture",
                        "dev.tabletalk.cli.archfixture",
                        "dev.tabletalk.jdbcsupport.archfixture",
                        "dev.tabletalk.jsonsupport.archfixture",
                        "dev.tabletalk.core.port.in.archfixture",
                        "dev.tabletalk.identity.archfixture",
                        "dev.tabletalk.httpjavalin.archfixture");
    }

    static Stream<Arguments> rulesAndTheirFixtures() {
        return Stream.of(
                Arguments.of("CORE_IS_JDK_ONLY", TableTalkRules.CORE_IS_JDK_ONLY, "CoreUsesJdbc"),
                Arguments.of(
                        "JDBC_SUPPORT_IS_JDK_AND_HIKARI_ONLY",
                        TableTalkRules.JDBC_SUPPORT_IS_JDK_AND_HIKARI_ONLY,
                        "SupportUsesCore"),
                Arguments.of("HIKARI_IS_CONFINED", TableTalkRules.HIKARI_IS_CONFINED, "AuditPoolsItself"),
                Arguments.of(
                        "JSON_SUPPORT_IS_JACKSON_ONLY",
                        TableTalkRules.JSON_SUPPORT_IS_JACKSON_ONLY,
                        "JsonSupportUsesCore"),
                Arguments.of(
                        "MODULES_DEPEND_AS_DECLARED (json-support -> core)",
                        TableTalkRules.MODULES_DEPEND_AS_DECLARED,
                        "JsonSupportUsesCore"),
                Arguments.of(
                        "MODULES_DEPEND_AS_DECLARED", TableTalkRules.MODULES_DEPEND_AS_DECLARED, "PlannerUsesAudit"),
                Arguments.of(
                        "MODULES_DEPEND_AS_DECLARED (core -> jdbc-support)",
                        TableTalkRules.MODULES_DEPEND_AS_DECLARED,
                        "CoreUsesJdbcSupport"),
                Arguments.of(
                        "MODULES_DEPEND_AS_DECLARED (jdbc-support -> core)",
                        TableTalkRules.MODULES_DEPEND_AS_DECLARED,
                        "SupportUsesCore"),
                Arguments.of(
                        "ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER",
                        TableTalkRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER,
                        "HttpUsesTheCli"),
                Arguments.of(
                        "IDENTITY_DEPENDS_ON_CORE_ONLY",
                        TableTalkRules.IDENTITY_DEPENDS_ON_CORE_ONLY,
                        "IdentityUsesJooq"),
                Arguments.of(
                        "IDENTITY_DEPENDS_ON_CORE_ONLY (adapter)",
                        TableTalkRules.IDENTITY_DEPENDS_ON_CORE_ONLY,
                        "IdentityUsesTheHttpAdapter"),
                Arguments.of(
                        "IDENTITY_DEPENDS_ON_NO_ADAPTER",
                        TableTalkRules.IDENTITY_DEPENDS_ON_NO_ADAPTER,
                        "IdentityUsesTheHttpAdapter"),
                Arguments.of("NIMBUS_IS_CONFINED", TableTalkRules.NIMBUS_IS_CONFINED, "HttpVerifiesJwts"),
                Arguments.of("JOOQ_IS_CONFINED", TableTalkRules.JOOQ_IS_CONFINED, "AuditUsesJooq"),
                Arguments.of("JDBC_IS_CONFINED", TableTalkRules.JDBC_IS_CONFINED, "PlannerReadsRows"),
                Arguments.of("PLANNERS_NEVER_SEE_ROWS", TableTalkRules.PLANNERS_NEVER_SEE_ROWS, "PlannerReadsRows"),
                Arguments.of(
                        "ONLY_THE_EXECUTOR_READS_ROWS", TableTalkRules.ONLY_THE_EXECUTOR_READS_ROWS, "RogueExecutor"),
                Arguments.of(
                        "PORT_IMPLEMENTATIONS_LIVE_OUTSIDE_CORE",
                        TableTalkRules.PORT_IMPLEMENTATIONS_LIVE_OUTSIDE_CORE,
                        "RogueExecutor"),
                Arguments.of(
                        "INBOUND_ADAPTERS_USE_INBOUND_PORTS_ONLY",
                        TableTalkRules.INBOUND_ADAPTERS_USE_INBOUND_PORTS_ONLY,
                        "CliRunsTheEngine"),
                Arguments.of(
                        "INBOUND_PORTS_EXPOSE_NO_INTERNALS",
                        TableTalkRules.INBOUND_PORTS_EXPOSE_NO_INTERNALS,
                        "PortLeaksThePlanner"),
                Arguments.of("NO_PLAIN_SQL", TableTalkRules.NO_PLAIN_SQL, "PlainSqlUser"),
                Arguments.of(
                        "NO_DESTRUCTIVE_BUILDERS (call)", TableTalkRules.NO_DESTRUCTIVE_BUILDERS, "DeletingExecutor"),
                Arguments.of(
                        "NO_DESTRUCTIVE_BUILDERS (method reference)",
                        TableTalkRules.NO_DESTRUCTIVE_BUILDERS,
                        "DeleteByReference"),
                Arguments.of("CORE_IS_FREE_OF_CYCLES", TableTalkRules.CORE_IS_FREE_OF_CYCLES, "CycleA"),
                Arguments.of("NO_PRINTING_IN_LIBRARIES", TableTalkRules.NO_PRINTING_IN_LIBRARIES, "Printer"),
                Arguments.of("NO_JAVA_UTIL_LOGGING", TableTalkRules.NO_JAVA_UTIL_LOGGING, "GenericThrower"),
                Arguments.of("NO_GENERIC_EXCEPTIONS", TableTalkRules.NO_GENERIC_EXCEPTIONS, "GenericThrower"),
                Arguments.of(
                        "LOGGERS_ARE_PRIVATE_STATIC_FINAL", TableTalkRules.LOGGERS_ARE_PRIVATE_STATIC_FINAL, "Printer"),
                Arguments.of("LANGCHAIN4J_IS_CONFINED", TableTalkRules.LANGCHAIN4J_IS_CONFINED, "RulesUseLlm"),
                Arguments.of("JACKSON_IS_CONFINED", TableTalkRules.JACKSON_IS_CONFINED, "RulesUseLlm"),
                Arguments.of(
                        "INBOUND_TECHNOLOGIES_ARE_CONFINED",
                        TableTalkRules.INBOUND_TECHNOLOGIES_ARE_CONFINED,
                        "RulesUseLlm"),
                Arguments.of("MCP_SDK_IS_CONFINED", TableTalkRules.MCP_SDK_IS_CONFINED, "RulesUseLlm"),
                Arguments.of("NO_TESTKIT_IN_PRODUCTION", TableTalkRules.NO_TESTKIT_IN_PRODUCTION, "AuditUsesTestkit"));
    }

    @ParameterizedTest(name = "{0} catches {2}")
    @MethodSource("rulesAndTheirFixtures")
    void eachRuleCatchesTheFixtureThatBreaksIt(String name, ArchRule rule, String fixture) {
        EvaluationResult result = rule.allowEmptyShould(true).evaluate(fixtures);

        assertThat(result.hasViolation()).as(name + " reports a violation").isTrue();
        assertThat(result.getFailureReport().toString()).contains(fixture);
    }

    @Test
    void identityMayReadJsonWithJackson() {
        for (ArchRule rule :
                new ArchRule[] {TableTalkRules.IDENTITY_DEPENDS_ON_CORE_ONLY, TableTalkRules.JACKSON_IS_CONFINED}) {
            EvaluationResult result = rule.allowEmptyShould(true).evaluate(fixtures);
            assertThat(result.getFailureReport().toString()).doesNotContain("IdentityReadsJson");
        }
    }

    @ParameterizedTest(name = "{0} is self-tested")
    @MethodSource("allRuleNames")
    void everyRuleHasASelfTest(String field) {
        assertThat(rulesAndTheirFixtures().map(a -> ((String) a.get()[0]).split(" ")[0]))
                .contains(field);
    }

    static Stream<String> allRuleNames() {
        return Stream.of(TableTalkRules.class.getDeclaredFields())
                .filter(f -> ArchRule.class.isAssignableFrom(f.getType()))
                .map(Field::getName);
    }
}
