package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.error.ConfigurationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
            throw new ConfigurationException(
                    "the name pattern " + text + " is not a valid regular expression: " + e.getDescription(), null);
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
        if (patterns.isEmpty()) {
            return null;
        }
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

    /** Whether this is a plain name or glob without a dot: it is then tried on the bare name only. */
    boolean isBare() {
        return !source.contains(".") && !source.startsWith("re:") && !source.startsWith("/");
    }

    /**
     * Several patterns, checked cheaply: exact names in a hash set, the rest behind one alternation,
     * so the common case (nothing matches) costs one set lookup and at most two regex matches. A
     * plain name or glob without a dot is tried on the bare name only; one with a dot, or a regular
     * expression, on the qualified forms as well.
     */
    record Group(
            List<NamePattern> patterns,
            Set<String> exact,
            List<String[]> simpleGlobs,
            Pattern bare,
            Pattern qualified) {

        static Group of(List<String> sources) {
            List<NamePattern> patterns = all(sources);
            Set<String> exact = new HashSet<>();
            List<String[]> simpleGlobs = new ArrayList<>();
            List<NamePattern> bare = new ArrayList<>();
            List<NamePattern> qualified = new ArrayList<>();
            for (NamePattern pattern : patterns) {
                boolean wildcard = pattern.source.contains("*") || pattern.source.contains("?");
                if (pattern.isBare() && !wildcard) {
                    exact.add(lower(pattern.source));
                } else if (pattern.isBare() && simpleGlob(pattern.source) != null) {
                    simpleGlobs.add(simpleGlob(pattern.source));
                } else if (pattern.isBare()) {
                    bare.add(pattern);
                } else {
                    qualified.add(pattern);
                }
            }
            return new Group(
                    patterns, Set.copyOf(exact), List.copyOf(simpleGlobs), alternation(bare), alternation(qualified));
        }

        /** {@code *x*}, {@code x*} or {@code *x} with a plain x: {kind, x} in lower case, else null. */
        private static String[] simpleGlob(String source) {
            boolean leading = source.startsWith("*");
            boolean trailing = source.endsWith("*") && source.length() > 1;
            String core = source.substring(leading ? 1 : 0, source.length() - (trailing ? 1 : 0));
            if (core.isEmpty() || core.contains("*") || core.contains("?")) {
                return null;
            }
            String kind = leading && trailing ? "contains" : leading ? "suffix" : "prefix";
            return new String[] {kind, lower(core)};
        }

        private boolean simpleGlobMatches(String lowerName) {
            for (String[] glob : simpleGlobs) {
                boolean hit = switch (glob[0]) {
                    case "contains" -> lowerName.contains(glob[1]);
                    case "suffix" -> lowerName.endsWith(glob[1]);
                    default -> lowerName.startsWith(glob[1]);
                };
                if (hit) {
                    return true;
                }
            }
            return false;
        }

        private static Pattern alternation(List<NamePattern> patterns) {
            if (patterns.isEmpty()) {
                return null;
            }
            StringBuilder alternation = new StringBuilder();
            for (NamePattern pattern : patterns) {
                alternation
                        .append(alternation.length() == 0 ? "" : "|")
                        .append("(?:")
                        .append(pattern.pattern().pattern())
                        .append(')');
            }
            return Pattern.compile(alternation.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        }

        /**
         * The source of the first pattern that matches, or null.
         *
         * @param bareName the plain name
         * @param qualifiedNames the qualified forms ({@code table.column}, {@code schema.table.column})
         */
        String firstMatch(String bareName, String... qualifiedNames) {
            if (patterns.isEmpty()) {
                return null;
            }
            String lowerName = lower(bareName);
            boolean hit = exact.contains(lowerName)
                    || simpleGlobMatches(lowerName)
                    || (bare != null && bare.matcher(bareName).matches());
            if (!hit && qualified != null) {
                hit = qualified.matcher(bareName).matches();
                for (String name : qualifiedNames) {
                    hit = hit || qualified.matcher(name).matches();
                }
            }
            if (!hit) {
                return null;
            }
            for (NamePattern pattern : patterns) {
                if (pattern.isBare()
                        ? pattern.matchesAny(bareName)
                        : pattern.matchesAny(bareName) || pattern.matchesAny(qualifiedNames)) {
                    return pattern.source;
                }
            }
            return null;
        }
    }
}
