package dev.tabletalk.archtests;

import static com.tngtech.archunit.core.domain.JavaAccess.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import dev.tabletalk.core.port.out.AuditLog;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.port.out.SessionStore;
import org.jooq.DSLContext;
import org.jooq.PlainSQL;
import org.jooq.impl.DSL;
import org.slf4j.Logger;

/**
 * The architecture rules of STYLE.md §7, one constant each, so that {@link ArchitectureTest}
 * checks the production code and {@link RuleSelfTest} proves each rule catches a violation.
 */
final class TableTalkRules {

    private TableTalkRules() {}

    /** The module packages (one root package segment per Maven module). */
    static final String CORE = "dev.tabletalk.core..";

    static final String JDBC_SUPPORT = "dev.tabletalk.jdbcsupport..";
    static final String JSON_SUPPORT = "dev.tabletalk.jsonsupport..";
    static final String SCHEMA_CATALOG = "dev.tabletalk.schemacatalog..";
    static final String EXECUTOR = "dev.tabletalk.executorjooq..";
    static final String AUDIT = "dev.tabletalk.audit..";
    static final String SESSION_JDBC = "dev.tabletalk.sessionjdbc..";
    static final String PLANNER_RULES = "dev.tabletalk.plannerrules..";
    static final String PLANNER_LLM = "dev.tabletalk.plannerllm..";
    static final String TESTKIT = "dev.tabletalk.testkit..";
    static final String IDENTITY = "dev.tabletalk.identity..";
    /** The inbound adapters (adapter-mcp is planned). */
    static final String[] ADAPTERS = {"dev.tabletalk.httpjavalin..", "dev.tabletalk.cli..", "dev.tabletalk.mcp.."};

    /** R1: core depends on the JDK and slf4j only. */
    static final ArchRule CORE_IS_JDK_ONLY = classes()
            .that()
            .resideInAPackage(CORE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    CORE,
                    "java.lang..",
                    "java.util..",
                    "java.time..",
                    "java.math..",
                    "java.io..",
                    "java.nio.charset..",
                    "java.security..",
                    "org.slf4j..")
            .because("core is the hexagon (architecture brief: JDK, slf4j-api at most)");

    /**
     * R1 for jdbc-support: what the JDBC adapters share depends on the JDK and HikariCP (with the slf4j-api HikariCP
     * logs through) only (#12, #17).
     */
    static final ArchRule JDBC_SUPPORT_IS_JDK_AND_HIKARI_ONLY = classes()
            .that()
            .resideInAPackage(JDBC_SUPPORT)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(JDBC_SUPPORT, "java..", "javax.sql..", "com.zaxxer.hikari..", "org.slf4j..")
            .because("jdbc-support is shared by the adapters: it depends on the JDK, on HikariCP (StorePool) with its"
                    + " slf4j-api (a store's pool logs when the store stops and starts answering) and on no TableTalk"
                    + " module");

    /** R1 for json-support: the wire formats' JSON configuration depends on Jackson and the JDK only (#12). */
    static final ArchRule JSON_SUPPORT_IS_JACKSON_ONLY = classes()
            .that()
            .resideInAPackage(JSON_SUPPORT)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(JSON_SUPPORT, "java..", "com.fasterxml.jackson..")
            .because("json-support is shared by the adapters: it depends on Jackson and on no TableTalk module");

    /** R2: modules depend only as declared; no adapter depends on another adapter. */
    static final ArchRule MODULES_DEPEND_AS_DECLARED = classes()
            .that()
            .resideInAPackage("dev.tabletalk..")
            .should(ModuleDependencies.onlyOnAllowedModules())
            .because("adapters -> core <- launcher wires everything; no adapter depends on another");

    /** R2: adapters never depend on each other; what they share (identity) is a module of its own. */
    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = classes()
            .that()
            .resideInAnyPackage(ADAPTERS)
            .should(ModuleDependencies.notOnAnotherAdapter())
            .because("adapters never depend on each other (issue #12: identity is shared through its own module)");

    /** R2: identity depends on core only, plus nimbus-jose-jwt, Jackson (the context header's JSON) and slf4j. */
    static final ArchRule IDENTITY_DEPENDS_ON_CORE_ONLY = classes()
            .that()
            .resideInAPackage(IDENTITY)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    IDENTITY,
                    CORE,
                    JSON_SUPPORT,
                    "java..",
                    "javax.crypto..",
                    "com.nimbusds..",
                    "com.fasterxml.jackson..",
                    "org.slf4j..")
            .because("identity verifies callers for every adapter and needs nothing but core, nimbus-jose-jwt "
                    + "(tokens) and json-support with Jackson (the context header's JSON, read strictly)");

    /** R2: identity depends on no adapter (the adapters depend on it). */
    static final ArchRule IDENTITY_DEPENDS_ON_NO_ADAPTER = noClasses()
            .that()
            .resideInAPackage(IDENTITY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ADAPTERS)
            .orShould()
            .dependOnClassesThat()
            .resideInAPackage("dev.tabletalk.app..")
            .because("the HTTP and MCP adapters use identity, never the other way round");

    /** R3: JWT verification (nimbus-jose-jwt) stays in identity. */
    static final ArchRule NIMBUS_IS_CONFINED = noClasses()
            .that()
            .resideOutsideOfPackage(IDENTITY)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.nimbusds..")
            .because("tokens are verified in the identity module only");

    /** R3: jOOQ stays in the executor (rows) and the schema catalog (metadata). */
    static final ArchRule JOOQ_IS_CONFINED = noClasses()
            .that()
            .resideOutsideOfPackages(EXECUTOR, SCHEMA_CATALOG)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.jooq..")
            .because("jOOQ is confined to executor-jooq and schema-catalog");

    /** R3: JDBC stays in the modules that talk to databases. */
    static final ArchRule JDBC_IS_CONFINED = noClasses()
            .that()
            .resideOutsideOfPackages(
                    EXECUTOR,
                    SCHEMA_CATALOG,
                    AUDIT,
                    "dev.tabletalk.statejdbc..",
                    SESSION_JDBC,
                    JDBC_SUPPORT,
                    "dev.tabletalk.launcher..",
                    TESTKIT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..")
            .because("only the executor, the schema catalog, the audit store, the shared state store and the session"
                    + " store talk JDBC, with jdbc-support's shared dialect and error classifier (and the testkit's"
                    + " database fixtures, test scope only)");

    /** R3: HikariCP stays in jdbc-support (StorePool, for the stores) and the schema catalog (the target's pool). */
    static final ArchRule HIKARI_IS_CONFINED = noClasses()
            .that()
            .resideOutsideOfPackages(JDBC_SUPPORT, SCHEMA_CATALOG)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.zaxxer.hikari..")
            .because("TableTalk's own stores pool their connections through jdbc-support's StorePool, and the"
                    + " target database's pool is the schema catalog's (#17)");

    /** R3: langchain4j stays in the LLM planner. */
    static final ArchRule LANGCHAIN4J_IS_CONFINED = noClasses()
            .that()
            .resideOutsideOfPackage(PLANNER_LLM)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.langchain4j..")
            .because("langchain4j is confined to planner-llm");

    /** R3: Jackson stays in the modules that need it for JSON on a wire (identity: the context header). */
    static final ArchRule JACKSON_IS_CONFINED = noClasses()
            .that()
            .resideOutsideOfPackages(
                    PLANNER_LLM,
                    SCHEMA_CATALOG,
                    IDENTITY,
                    JSON_SUPPORT,
                    SESSION_JDBC,
                    "dev.tabletalk.httpjavalin..",
                    "dev.tabletalk.cli..",
                    "dev.tabletalk.app..",
                    "dev.tabletalk.config..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.fasterxml.jackson..")
            .because("Jackson is confined to the modules that read or write JSON (adapters, identity's header), "
                    + "config (tabletalk.yaml) and the JDBC session store (states as JSON)");

    /** R3: Javalin/Jetty, picocli/JLine stay in their adapters. */
    static final ArchRule INBOUND_TECHNOLOGIES_ARE_CONFINED = noClasses()
            .that()
            .resideOutsideOfPackages("dev.tabletalk.httpjavalin..", "dev.tabletalk.cli..", "dev.tabletalk.app..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "picocli..", "org.jline..")
            .because("each inbound technology lives in exactly one adapter module");

    /** R3: the MCP SDK (and its Reactor) stays in the MCP adapter. */
    static final ArchRule MCP_SDK_IS_CONFINED = noClasses()
            .that()
            .resideOutsideOfPackages("dev.tabletalk.mcp..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.modelcontextprotocol..", "reactor..")
            .because("the MCP SDK is confined to adapter-mcp; the app wires it through TableTalkMcp only");

    /** R4: planners see schema and text only (invariant 8). */
    static final ArchRule PLANNERS_NEVER_SEE_ROWS = noClasses()
            .that()
            .resideInAnyPackage(PLANNER_RULES, PLANNER_LLM)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "java.sql..",
                    "javax.sql..",
                    "org.jooq..",
                    "dev.tabletalk.core.rows..",
                    "dev.tabletalk.core.conversation.ConversationState",
                    "dev.tabletalk.core.port.out.GuardedExecutor")
            .because("invariant 8: the planner sees schema and the user's message only");

    /**
     * R5: only the executor module implements the guarded executor. The one exception is the launcher's
     * {@code UnservedTarget}, the "no database" of a server that could not follow another server's connect (#17):
     * every call of it throws, so it reads and writes nothing.
     */
    static final ArchRule ONLY_THE_EXECUTOR_READS_ROWS = classes()
            .that()
            .implement(GuardedExecutor.class)
            .and()
            .areNotInterfaces()
            .and()
            .doNotHaveFullyQualifiedName("dev.tabletalk.launcher.UnservedTarget")
            .should()
            .resideInAnyPackage(EXECUTOR, TESTKIT)
            .because("the guarded executor is the only code that reads or writes business rows");

    /** R5: port implementations live outside core, except core.support. */
    static final ArchRule PORT_IMPLEMENTATIONS_LIVE_OUTSIDE_CORE = classes()
            .that()
            .implement(SchemaCatalog.class)
            .or()
            .implement(Planner.class)
            .or()
            .implement(GuardedExecutor.class)
            .or()
            .implement(AuditLog.class)
            .or()
            .implement(SessionStore.class)
            .or()
            .implement(Clock.class)
            .should()
            .resideOutsideOfPackage(CORE)
            .orShould()
            .resideInAPackage("dev.tabletalk.core.support..")
            .because("core defines ports; adapters implement them");

    /** R5: inbound adapters talk to the inbound ports only. */
    static final ArchRule INBOUND_ADAPTERS_USE_INBOUND_PORTS_ONLY = noClasses()
            .that()
            .resideInAnyPackage("dev.tabletalk.httpjavalin..", "dev.tabletalk.cli..", "dev.tabletalk.mcp..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.tabletalk.core.port.out..", "dev.tabletalk.core.engine..")
            .because(
                    "inbound adapters talk to core's inbound ports only (Conversations, CatalogView, PlanChecks, ...)");

    /** R5: what the inbound ports hand out is theirs: no outbound port or engine type leaks to an adapter. */
    static final ArchRule INBOUND_PORTS_EXPOSE_NO_INTERNALS = noClasses()
            .that()
            .resideInAPackage("dev.tabletalk.core.port.in..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.tabletalk.core.port.out..", "dev.tabletalk.core.engine..")
            .because("inbound adapters may use the inbound ports only, so those ports must not need anything else");

    /** R6: no plain SQL anywhere (invariant 2). */
    static final ArchRule NO_PLAIN_SQL = noClasses()
            .should()
            .callMethodWhere(target(annotatedWith(PlainSQL.class)))
            .orShould()
            .callConstructorWhere(target(annotatedWith(PlainSQL.class)))
            .because("invariant 2: identifiers come from the catalog, values are bound parameters");

    /** R7: destructive statements cannot be built (invariant 1). */
    static final ArchRule NO_DESTRUCTIVE_BUILDERS = noClasses()
            .should()
            .callMethodWhere(target(owner(assignableTo(DSLContext.class).or(equivalentTo(DSL.class))))
                    .and(target(nameMatching("(delete|truncate|drop|alter|create|grant|revoke|merge|ddl).*"))))
            .orShould()
            .accessTargetWhere(target(owner(assignableTo(DSLContext.class).or(equivalentTo(DSL.class))))
                    .and(target(nameMatching("(delete|truncate|drop|alter|create|grant|revoke|merge|ddl).*"))))
            .because("invariant 1: DELETE/TRUNCATE/DDL/GRANT never reach the target database");

    /** R8: no cycles between core's packages. */
    static final ArchRule CORE_IS_FREE_OF_CYCLES =
            slices().matching("dev.tabletalk.core.(*)..").should().beFreeOfCycles();

    /** R8: only the CLI and the app print. */
    static final ArchRule NO_PRINTING_IN_LIBRARIES = noClasses()
            .that()
            .resideOutsideOfPackages("dev.tabletalk.cli..", "dev.tabletalk.app..")
            .should(ACCESS_STANDARD_STREAMS)
            .because("library code logs through slf4j");

    static final ArchRule NO_JAVA_UTIL_LOGGING = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    static final ArchRule NO_GENERIC_EXCEPTIONS = NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;

    static final ArchRule LOGGERS_ARE_PRIVATE_STATIC_FINAL = fields().that()
            .haveRawType(Logger.class)
            .should()
            .bePrivate()
            .andShould()
            .beStatic()
            .andShould()
            .beFinal()
            .allowEmptyShould(true);

    /** R8: production code never uses the testkit. */
    static final ArchRule NO_TESTKIT_IN_PRODUCTION = noClasses()
            .that()
            .resideOutsideOfPackage(TESTKIT)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(TESTKIT)
            .because("testkit is test-scope only");
}
