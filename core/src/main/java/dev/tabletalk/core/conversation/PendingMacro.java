package dev.tabletalk.core.conversation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A macro called without all its arguments (#14): the engine asked for {@code awaiting}, and the next message is
 * its value. Nothing runs until every argument is there; then the macro's plan goes through validation and preview
 * like any other.
 *
 * @param macro the macro's name
 * @param arguments the values given so far, parameter name to the value's canonical text, in parameter order
 * @param awaiting the parameter asked for
 */
public record PendingMacro(String macro, Map<String, String> arguments, String awaiting) {

    public PendingMacro {
        Objects.requireNonNull(macro, "macro");
        arguments = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(arguments, "arguments")));
        Objects.requireNonNull(awaiting, "awaiting");
    }
}
