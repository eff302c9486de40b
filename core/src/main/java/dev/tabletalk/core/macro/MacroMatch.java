package dev.tabletalk.core.macro;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a message calls a macro ({@link Macros#match}): with every argument, with some missing (the next one is asked
 * for), or with a value that is not of its parameter's type.
 */
public sealed interface MacroMatch {

    /** The macro called. */
    Macro macro();

    /** The values read so far, parameter name to value of its type's Java type, in parameter order. */
    Map<String, Object> arguments();

    /** Every argument is there. */
    record Complete(Macro macro, Map<String, Object> arguments) implements MacroMatch {
        public Complete {
            Objects.requireNonNull(macro, "macro");
            arguments = ordered(arguments);
        }
    }

    /** The arguments given stop before {@code missing}, the first parameter without a value. */
    record Missing(Macro macro, Map<String, Object> arguments, String missing) implements MacroMatch {
        public Missing {
            Objects.requireNonNull(macro, "macro");
            arguments = ordered(arguments);
            Objects.requireNonNull(missing, "missing");
        }

        /** The missing parameter's type. */
        public ParamType type() {
            return macro.params().get(missing);
        }
    }

    /** {@code typed} is not a value of parameter {@code param}'s type. */
    record BadValue(Macro macro, Map<String, Object> arguments, String param, String typed) implements MacroMatch {
        public BadValue {
            Objects.requireNonNull(macro, "macro");
            arguments = ordered(arguments);
            Objects.requireNonNull(param, "param");
            Objects.requireNonNull(typed, "typed");
        }

        /** What is wrong, for a person: "'abc' is not a whole number, e.g. 42, for id." */
        public String message() {
            ParamType type = macro.params().get(param);
            if (type == null) {
                return "'" + macro.name() + "' takes no values, so '" + typed + "' cannot go with it.";
            }
            return "'" + typed + "' is not " + type.hint() + ", for " + param + " of '" + macro.name() + "'.";
        }
    }

    private static Map<String, Object> ordered(Map<String, Object> arguments) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(arguments, "arguments")));
    }
}
