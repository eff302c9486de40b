package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.error.ConfigurationException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One configured name pattern, matched case-insensitively against a whole name: an exact name
 * ({@code audit_log}), a glob with {@code *} and {@code ?} ({@code tmp_*}), or a regular
 * expression written as {@code /…/} or {@code re:…}.
 */
record NamePattern(String source, Pattern pattern) {

    static NamePattern of(String source) {
        String text = source.strip();
        if (text.isEmpty()) {
            throw new ConfigurationException("an empty name pattern was configured: remove it or give a name");
        }
        String regex;
        if (text.length() > 2 && text.startsWith("/") && text.endsWith("/")) {
            regex = text.substring(1, text.length() - 1);
        } else if (text.startsWith("re:")) {
            regex = text.substring(3);
        } else {
            StringBuilder glob = new StringBuilder();
            for (char c : text.toCharArray()) {
                if (c == '*') {
                    glob.append(".*");
                } else if (c == '?') {
                    glob.append('.');
                } else {
                    glob.append(Pattern.quote(String.valueOf(c)));
                }
            }
            regex = glob.toString();
        }
        try {
            return new NamePattern(text, Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException("the name pattern " + text + " is not a valid regular expression: "
                    + e.getDescription(), null);
        }
    }

    static List<NamePattern> all(List<String> sources) {
        return sources.stream().map(NamePattern::of).toList();
    }

    /** Whether any of the names (e.g. {@code name}, {@code schema.name}) matches. */
    boolean matchesAny(String... names) {
        for (String name : names) {
            if (name != null && pattern.matcher(name).matches()) {
                return true;
            }
        }
        return false;
    }

    static String firstMatch(List<NamePattern> patterns, String... names) {
        for (NamePattern candidate : patterns) {
            if (candidate.matchesAny(names)) {
                return candidate.source;
            }
        }
        return null;
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
