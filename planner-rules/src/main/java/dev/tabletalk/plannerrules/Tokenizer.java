package dev.tabletalk.plannerrules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a message into words, values (quoted text, numbers, dates, e-mails) and a few symbols. */
final class Tokenizer {

    private Tokenizer() {}

    /**
     * A number written with thousands separators is one number: a comma with no space after it and
     * exactly three digits (1,000; 12,345.67; 1,000,000), the first group one to three digits without a
     * leading zero. Anything else is a list: {@code 1, 2, 3} (a space after the comma), {@code 1,2,3} and
     * {@code 1,0000} (groups that are not three digits), and a parenthesised list written without spaces,
     * {@code (100,200)}, where commas separate items as in SQL.
     */
    private static final String GROUPED = "(?:(?<!\\()|(?![\\d,]*\\)))[1-9]\\d{0,2}(?:,\\d{3})+(?!,?\\d)";

    private static final Pattern TOKEN = Pattern.compile("(?<q1>(?<![\\p{L}\\p{N}])'([^']*)'(?![\\p{L}\\p{N}]))"
            + "|(?<q2>\"([^\"]*)\")"
            + "|(?<q3>\u201c([^\u201d]*)\u201d)"
            + "|(?<q4>\u2018([^\u2019]*)\u2019)"
            + "|(?<q5>`([^`]*)`)"
            + "|(?<email>[\\p{L}\\p{N}._%+\\-]+@[\\p{L}\\p{N}\\-]+(?:\\.[\\p{L}\\p{N}\\-]+)+)"
            + "|(?<date>\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+\\-]\\d{2}:\\d{2})?)?)"
            + "(?![\\p{L}\\p{N}])"
            + "|(?<number>(?<![\\p{L}\\p{N}])-?(?:" + GROUPED + "|\\d+)(?:\\.\\d+)?(?![\\p{L}\\p{N}_\\-]|\\.\\d))"
            + "|(?<word>[\\p{L}\\p{N}_](?:[\\p{L}\\p{N}_\\-']*[\\p{L}\\p{N}_])?)"
            + "|(?<symbol><=|>=|!=|<>|=|<|>|:|,|;)");

    static List<Token> tokenize(String message) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(message);
        while (m.find()) {
            String quoted = firstNonNull(m.group(2), m.group(4), m.group(6), m.group(8), m.group(10));
            if (m.group("q1") != null
                    || m.group("q2") != null
                    || m.group("q3") != null
                    || m.group("q4") != null
                    || m.group("q5") != null) {
                tokens.add(Token.of(Token.Kind.QUOTED, quoted == null ? "" : quoted, m.start(), m.end()));
            } else if (m.group("email") != null) {
                tokens.add(Token.of(Token.Kind.EMAIL, m.group("email"), m.start(), m.end()));
            } else if (m.group("date") != null) {
                tokens.add(Token.of(Token.Kind.DATE, m.group("date"), m.start(), m.end()));
            } else if (m.group("number") != null) {
                tokens.add(Token.of(Token.Kind.NUMBER, m.group("number"), m.start(), m.end()));
            } else if (m.group("word") != null) {
                String typed = m.group("word");
                // "customer's" -> customer: the possessive never changes what a word names, but a value keeps it
                String word = typed;
                if (word.endsWith("'s") || word.endsWith("\u2019s")) {
                    word = word.substring(0, word.length() - 2);
                }
                tokens.add(Token.word(typed, word, m.start(), m.end()));
            } else {
                tokens.add(Token.of(Token.Kind.SYMBOL, m.group("symbol"), m.start(), m.end()));
            }
        }
        return tokens;
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
