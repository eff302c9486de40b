package dev.tabletalk.archtests;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** R2 as a table: which TableTalk module may depend on which (STYLE.md §7). */
final class ModuleDependencies {

    private static final String ROOT = "dev.tabletalk.";

    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("core", Set.of("core")),
            Map.entry("jdbcsupport", Set.of("jdbcsupport")),
            Map.entry("jsonsupport", Set.of("jsonsupport")),
            Map.entry("testkit", Set.of("core")),
            Map.entry("schemacatalog", Set.of("core", "jdbcsupport")),
            Map.entry("plannerrules", Set.of("core")),
            Map.entry("plannerllm", Set.of("core")),
            Map.entry("executorjooq", Set.of("core", "jdbcsupport")),
            Map.entry("audit", Set.of("core", "jdbcsupport")),
            Map.entry("statejdbc", Set.of("core", "jdbcsupport")),
            Map.entry("sessionjdbc", Set.of("core", "jdbcsupport", "jsonsupport")),
            Map.entry("identity", Set.of("core", "jsonsupport")),
            Map.entry("httpjavalin", Set.of("core", "identity", "jsonsupport")),
            Map.entry("mcp", Set.of("core", "identity", "jsonsupport")),
            Map.entry("cli", Set.of("core", "jsonsupport")),
            Map.entry("config", Set.of("core")),
            Map.entry(
                    "launcher",
                    Set.of(
                            "core",
                            "schemacatalog",
                            "plannerrules",
                            "plannerllm",
                            "executorjooq",
                            "audit",
                            "statejdbc",
                            "sessionjdbc",
                            "jdbcsupport",
                            "config")),
            Map.entry("app", Set.of("core", "launcher", "identity", "httpjavalin", "cli", "mcp", "config")));

    /** The inbound adapter modules: none may depend on another. */
    static final Set<String> ADAPTERS = Set.of("httpjavalin", "cli", "mcp");

    private ModuleDependencies() {}

    static ArchCondition<JavaClass> onlyOnAllowedModules() {
        return new ArchCondition<>("depend only on the modules it is allowed to") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Optional<String> from = moduleOf(item.getPackageName());
                if (from.isEmpty()) {
                    return;
                }
                Set<String> allowed = ALLOWED.getOrDefault(from.get(), Set.of(from.get()));
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    Optional<String> to = moduleOf(dependency.getTargetClass().getPackageName());
                    if (to.isPresent() && !to.get().equals(from.get()) && !allowed.contains(to.get())) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                "module " + from.get() + " may not depend on module " + to.get() + ": "
                                        + dependency.getDescription()));
                    }
                }
            }
        };
    }

    static ArchCondition<JavaClass> notOnAnotherAdapter() {
        return new ArchCondition<>("not depend on another adapter module") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                Optional<String> from = moduleOf(item.getPackageName());
                if (from.isEmpty()) {
                    return;
                }
                for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
                    Optional<String> to = moduleOf(dependency.getTargetClass().getPackageName());
                    if (to.isPresent() && !to.get().equals(from.get()) && ADAPTERS.contains(to.get())) {
                        events.add(SimpleConditionEvent.violated(
                                dependency,
                                "adapter " + from.get() + " may not depend on adapter " + to.get() + ": "
                                        + dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static Optional<String> moduleOf(String packageName) {
        if (!packageName.startsWith(ROOT)) {
            return Optional.empty();
        }
        String rest = packageName.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
