package dev.tabletalk.config;

import dev.tabletalk.core.error.ConfigurationException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** What loading the configuration gave: the settings, or every problem found. */
public sealed interface ConfigResult {

    /**
     * The settings, valid.
     *
     * @param settings the effective settings and where each came from
     */
    record Loaded(EffectiveConfig settings) implements ConfigResult {
        public Loaded {
            Objects.requireNonNull(settings, "settings");
        }
    }

    /**
     * The configuration is not valid.
     *
     * @param problems what is wrong, each naming where (file and line, variable or flag) and the key
     */
    record Invalid(List<ConfigProblem> problems) implements ConfigResult {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid configuration has at least one problem");
            }
        }

        /** One problem per line. */
        public String message() {
            return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
        }
    }

    /**
     * The settings.
     *
     * @throws ConfigurationException naming every problem, on one line, when the configuration is not valid
     */
    default EffectiveConfig orThrow() {
        if (this instanceof Loaded loaded) {
            return loaded.settings();
        }
        Invalid invalid = (Invalid) this;
        // one line, as every error of the command line is
        throw new ConfigurationException(
                invalid.problems().size() == 1
                        ? invalid.problems().get(0).toString()
                        : "the configuration is not valid: "
                                + invalid.problems().stream()
                                        .map(ConfigProblem::toString)
                                        .collect(Collectors.joining("; ")));
    }
}
