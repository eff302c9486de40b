package dev.tabletalk.audit;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Defensive redaction before anything is stored: the engine already keeps credentials out of
 * {@code UserContext} and masks masked columns, but a token pasted into a message or an
 * attribute named {@code access_token} must not land in the audit log either.
 */
final class Redaction {

    static final String REDACTED = "[redacted]";

    /** Attribute names whose values are secrets whatever they look like. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(token|secret|passw|pwd|authorization|cookie|api[-_]?key|credential|private[-_]?key|signature).*");
    /** A JSON Web Token: three base64url parts, the first a JSON header. */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*");
    /** An HTTP authorization value: {@code Bearer abc...}, {@code Basic dXNl...}. */
    private static final Pattern AUTH_SCHEME =
            Pattern.compile("(?i)\\b(bearer|basic|token)(\\s+)[A-Za-z0-9._~+/=-]{8,}");
    /** {@code password=...}, {@code "api_key": "..."} and the like, as they appear in error texts and URLs. */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)(password|passwd|pwd|secret|api[-_]?key|access[-_]?token|refresh[-_]?token|client[-_]?secret)"
                    + "(\"?\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&;,\"']+)");

    private Redaction() {}

    /** Tokens removed from free text (messages, values). */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        // every turn's message comes here: the patterns run only on text holding what they start with
        String result = value.contains("eyJ") ? JWT.matcher(value).replaceAll(REDACTED) : value;
        return namesAnAuthScheme(result) ? AUTH_SCHEME.matcher(result).replaceAll("$1$2" + REDACTED) : result;
    }

    /**
     * Whether {@code text} holds one of {@link #AUTH_SCHEME}'s words in any case. It may say so where the pattern
     * does not match (a word without a value after it), never the other way round.
     */
    private static boolean namesAnAuthScheme(String text) {
        for (int i = 0; i + 5 <= text.length(); i++) {
            if (text.regionMatches(true, i, "bearer", 0, 6)
                    || text.regionMatches(true, i, "basic", 0, 5)
                    || text.regionMatches(true, i, "token", 0, 5)) {
                return true;
            }
        }
        return false;
    }

    /** Tokens and {@code password=...} assignments removed from error messages and stacks. */
    static String diagnostic(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return SECRET_ASSIGNMENT.matcher(text(value)).replaceAll("$1$2" + REDACTED);
    }

    /** User attributes with secret-named values dropped to {@value #REDACTED} and tokens removed from the rest. */
    static Map<String, String> attributes(Map<String, String> attributes) {
        Map<String, String> result = new LinkedHashMap<>();
        attributes.forEach(
                (name, value) -> result.put(name, SECRET_NAME.matcher(name).matches() ? REDACTED : diagnostic(value)));
        return result;
    }

    /** A field or filter value with tokens removed from its text parts. */
    static Object value(Object value) {
        if (value instanceof String text) {
            return text(text);
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(Redaction::value).toList();
        }
        return value;
    }

    /** Field values with tokens removed; a secret-named field keeps its name, not its value. */
    static Map<String, Object> fields(Map<String, Object> fields) {
        Map<String, Object> result = new LinkedHashMap<>();
        fields.forEach((name, value) ->
                result.put(name, value != null && SECRET_NAME.matcher(name).matches() ? REDACTED : value(value)));
        return result;
    }
}
