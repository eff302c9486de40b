package dev.tabletalk.plannerrules;

import java.util.Set;

/** The fixed English words the rules planner reads by: verbs, words that end a value, fillers. */
final class Lexicon {

    static final Set<String> READ_VERBS = Set.of(
            "show",
            "list",
            "find",
            "get",
            "display",
            "which",
            "what",
            "count",
            "search",
            "lookup",
            "fetch",
            "view",
            "see",
            "give",
            "tell",
            "who",
            "select",
            "retrieve",
            "query",
            "browse",
            "read",
            "whats",
            "wheres");
    static final Set<String> CREATE_VERBS = Set.of("add", "create", "insert", "new", "register", "enter");
    static final Set<String> UPDATE_VERBS = Set.of(
            "update",
            "change",
            "set",
            "rename",
            "mark",
            "move",
            "modify",
            "edit",
            "correct",
            "fix",
            "replace",
            "assign",
            "reassign",
            "switch");

    /** Words that end an unquoted value ("named Ada and email ...", "in Berlin sorted by ..."). */
    static final Set<String> STOP = Set.of(
            "and", "or", "with", "without", "where", "whose", "who", "which", "that", "sorted", "ordered", "order",
            "sort", "limit", "set", "to", "of", "for", "from", "in", "on", "by", "but", "then", "please", "is", "are",
            "was", "has", "have", "having", "plus", "also", "whereas", "while", "newest", "latest", "oldest", "if",
            "when", "as", "instead", "thanks", "thank");

    static final Set<String> FILLER = Set.of(
            "the", "a", "an", "all", "any", "me", "us", "please", "some", "every", "each", "s", "its", "their", "his",
            "her", "our", "my", "records", "rows", "entries", "of");

    /** Words that may stand between the verb and the entity ("the first 5", "are there any"). */
    static final Set<String> BEFORE_ENTITY = Set.of(
            "first",
            "top",
            "last",
            "latest",
            "newest",
            "most",
            "recent",
            "oldest",
            "earliest",
            "cheapest",
            "only",
            "longest",
            "shortest",
            "biggest",
            "largest",
            "highest",
            "smallest",
            "lowest",
            "are",
            "is",
            "there",
            "any",
            "do",
            "we",
            "have",
            "no",
            "not",
            "non");

    /** Words that start a comparison after a field's name: a verb or symbol, never a word such as "more". */
    static final Set<String> COMPARING = Set.of(
            "is",
            "are",
            "was",
            "were",
            "isn't",
            "aren't",
            "equals",
            "equal",
            "=",
            "!=",
            "<>",
            "<",
            ">",
            "<=",
            ">=",
            ":",
            "contains",
            "starts",
            "begins",
            "matches");

    /** Words that end the new text of a field after "to". */
    static final Set<String> CHANGE_ENDS = Set.of("where", "whose", "if", "when", "please", "thanks", "thank", "but");

    private Lexicon() {}
}
