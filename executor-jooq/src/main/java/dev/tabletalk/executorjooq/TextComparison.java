package dev.tabletalk.executorjooq;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Collation;
import org.jooq.Condition;
import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Keyword;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.CustomCondition;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a text filter compares (#13): case-insensitive and accent-sensitive on every database, so
 * {@code luís} finds {@code Luís} and {@code ÉMILE} finds {@code Émile}, but {@code emile} does not.
 * Both sides go through the same lower-case fold of the database, then compare exactly:
 *
 * <ul>
 *   <li>PostgreSQL: {@code lower(col collate "default") = lower(? collate "default")}: the database's
 *       {@code LC_CTYPE} folds (a column's own collation, such as {@code "C"} or an accent-blind
 *       nondeterministic one, could fold ASCII only or ignore accents), and the comparison is exact. Where
 *       the database's {@code LC_CTYPE} folds ASCII only ({@code C}, {@code POSIX}), ICU's
 *       {@code "und-x-icu"} is used instead if the server has it ({@link #postgresCollation}).
 *   <li>H2: {@code lower(col) = lower(?)}; its {@code lower()} is Unicode-aware and its default
 *       comparison exact.
 *   <li>MariaDB and MySQL: {@code lower(convert(col using utf8mb4)) collate utf8mb4_bin}, the same for
 *       the value. Their default collations ignore accents ({@code e = é}), so the comparison runs in
 *       the binary collation; the conversion makes it valid for columns of any character set.
 *   <li>SQLite: its {@code lower()} folds ASCII only, so the executor registers {@link SqliteLower}
 *       ({@value #SQLITE_LOWER}) on each connection it uses and compares {@code tabletalk_lower(col)}.
 * </ul>
 *
 * The Java-side fold ({@link #fold}) lowers each code point on its own ({@link Character#toLowerCase(int)},
 * locale-independent: no Turkish dotless i, {@code ß} stays {@code ß}), as the databases do. Values stay
 * bound parameters; only fixed keywords are rendered (invariant 2). Enumerations compare exactly: the
 * validator already turned their value into the one allowed spelling.
 */
final class TextComparison {

    /** The name of the SQLite user function that folds text like {@link #fold}. */
    static final String SQLITE_LOWER = "tabletalk_lower";

    /** The configuration data key of the PostgreSQL collation that folds ({@link #postgresCollation}). */
    static final String POSTGRES_COLLATION = "tabletalk.textCollation";

    private static final Logger LOG = LoggerFactory.getLogger(TextComparison.class);
    private static final Collation DATABASE_DEFAULT = DSL.collation("default");
    private static final Collation ICU_ROOT = DSL.collation("und-x-icu");
    private static final Name SQLITE_LOWER_NAME = DSL.unquotedName(SQLITE_LOWER);
    private static final Collation BINARY = DSL.collation("utf8mb4_bin");
    private static final Keyword CONVERT = DSL.keyword("convert");
    private static final Keyword USING = DSL.keyword("using");
    private static final Keyword UTF8MB4 = DSL.keyword("utf8mb4");

    private TextComparison() {}

    /** Whether filters on {@code column} compare as free text (a text column that is not an enumeration). */
    static boolean applies(Column column) {
        return column.type() == ValueType.TEXT && !column.isEnum();
    }

    /** {@code column = value}, folded. */
    static Condition equal(Column column, String value) {
        return CustomCondition.of(ctx -> ctx.visit(fold(ctx, column(column)).eq(fold(ctx, DSL.val(value)))));
    }

    /** {@code column <> value}, folded (NULL matches neither). */
    static Condition notEqual(Column column, String value) {
        return CustomCondition.of(ctx -> ctx.visit(fold(ctx, column(column)).ne(fold(ctx, DSL.val(value)))));
    }

    /** {@code column in (values)}, folded. */
    static Condition in(Column column, List<?> values) {
        return CustomCondition.of(ctx -> {
            List<Field<String>> folded = new ArrayList<>(values.size());
            for (Object value : values) {
                folded.add(fold(ctx, DSL.val((String) value)));
            }
            ctx.visit(fold(ctx, column(column)).in(folded));
        });
    }

    /** {@code column like pattern escape '!'}, folded; {@code pattern} is already escaped ({@link Sql#escapeLike}). */
    static Condition like(Column column, String pattern) {
        return CustomCondition.of(ctx ->
                ctx.visit(fold(ctx, column(column)).like(fold(ctx, DSL.val(pattern)), Sql.LIKE_ESCAPE)));
    }

    /** Lower-cases each code point on its own, independent of any locale, as the databases' folds do. */
    static String fold(String text) {
        StringBuilder folded = new StringBuilder(text.length());
        text.codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(c)));
        return folded.toString();
    }

    /**
     * The collation PostgreSQL folds text in: the database default when its {@code lower()} folds
     * non-ASCII letters, else ICU's root collation when the server has ICU, else the default again (ASCII
     * letters only fold then; logged once here). Asked once, when the executor opens.
     */
    static Collation postgresCollation(DSLContext db) {
        String folded = db.select(DSL.lower(DSL.inline("ÉÍ").collate(DATABASE_DEFAULT)))
                .fetchSingle()
                .value1();
        if ("éí".equals(folded)) {
            return DATABASE_DEFAULT;
        }
        Table<?> collations = DSL.table(DSL.name("pg_catalog", "pg_collation"));
        Field<String> name = DSL.field(DSL.name("collname"), SQLDataType.VARCHAR);
        if (db.fetchExists(collations, name.eq(DSL.inline("und-x-icu")))) {
            return ICU_ROOT;
        }
        LOG.warn("this PostgreSQL database folds only ASCII letters (LC_CTYPE C) and the server has no ICU:"
                + " text filters ignore the case of ASCII letters only");
        return DATABASE_DEFAULT;
    }

    private static Field<String> column(Column column) {
        return DSL.field(DSL.name(column.name()), SQLDataType.VARCHAR);
    }

    private static Field<String> fold(Context<?> ctx, Field<String> text) {
        SQLDialect family = ctx.family();
        return switch (family) {
            case MARIADB, MYSQL -> DSL.lower(utf8mb4(text)).collate(BINARY);
            case SQLITE -> DSL.function(SQLITE_LOWER_NAME, String.class, text);
            case POSTGRES -> DSL.lower(text.collate(postgresCollation(ctx)));
            default -> DSL.lower(text);
        };
    }

    private static Collation postgresCollation(Context<?> ctx) {
        Object chosen = ctx.configuration().data(POSTGRES_COLLATION);
        return chosen instanceof Collation collation ? collation : DATABASE_DEFAULT;
    }

    /** {@code convert(text using utf8mb4)}: a column of any character set, as utf8mb4 text. */
    private static Field<String> utf8mb4(Field<String> text) {
        return CustomField.of(
                DSL.name("utf8mb4"),
                SQLDataType.VARCHAR,
                ctx -> ctx.visit(CONVERT)
                        .sql('(')
                        .visit(text)
                        .sql(' ')
                        .visit(USING)
                        .sql(' ')
                        .visit(UTF8MB4)
                        .sql(')'));
    }
}
