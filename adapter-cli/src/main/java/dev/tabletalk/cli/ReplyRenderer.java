package dev.tabletalk.cli;

import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A reply for people: the text, then rows as a table, a preview as before -> after lines and a clarifying
 * question's choices as numbered lines. Everything
 * that comes from data or the engine's text is escaped for the terminal ({@link TerminalText}).
 */
final class ReplyRenderer {

    static final String CONFIRM_HINT =
            "\n  Type 'confirm' to apply it, 'change <field> to <value>' to adjust it, " + "or 'cancel'.\n";

    private ReplyRenderer() {}

    static String render(Reply reply) {
        StringBuilder out = new StringBuilder(TerminalText.escape(reply.text())).append('\n');
        for (ReplyPart part : reply.parts()) {
            if (part instanceof ReplyPart.Rows rows) {
                rows.interpretation()
                        .ifPresent(line -> out.append("Understood: ")
                                .append(TerminalText.escape(line))
                                .append('\n'));
                out.append(rows(rows));
            } else if (part instanceof ReplyPart.Preview preview) {
                out.append(preview(preview.preview()));
                if (!reply.text().contains("'confirm'")) {
                    out.append(CONFIRM_HINT);
                }
            } else if (part instanceof ReplyPart.Question question) {
                out.append(question(question));
            } else if (part instanceof ReplyPart.Draft
                    || part instanceof ReplyPart.MissingFields
                    || part instanceof ReplyPart.Committed
                    || part instanceof ReplyPart.Refused
                    || part instanceof ReplyPart.Error) {
                // the reply text already says these in words
                continue;
            } else {
                throw new IllegalStateException(
                        "unhandled reply part: " + part.getClass().getName());
            }
        }
        return out.toString();
    }

    /** A clarifying question's choices, one numbered line each: label, then what it stands for (#13). */
    static String question(ReplyPart.Question question) {
        StringBuilder out = new StringBuilder();
        for (ReplyPart.Choice choice : question.choices()) {
            out.append("  ").append(choice.n()).append(". ").append(TerminalText.escape(choice.label()));
            if (!choice.value().equals(choice.label())) {
                out.append("  (").append(TerminalText.escape(choice.value())).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String rows(ReplyPart.Rows part) {
        RowSet rows = part.rows();
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n").append(TextTable.render(rows.columns(), rows.rows()));
        if (part.rowsOmitted() > 0) {
            out.append('(')
                    .append(part.rowsOmitted())
                    .append(part.rowsOmitted() == 1 ? " more row was" : " more rows were")
                    .append(" read but left out to keep this reply within its size limit: add a filter to see them)\n");
        } else if (part.hasMore()) {
            out.append("(more rows match than are shown: add a filter to narrow it down)\n");
        }
        return out.toString();
    }

    static String preview(Preview preview) {
        StringBuilder out = new StringBuilder("\n");
        if (preview.intent() == Intent.CREATE) {
            out.append("  new row in ")
                    .append(TerminalText.escape(preview.entity()))
                    .append(":\n");
            for (RowChange change : preview.changes()) {
                fields(out, change.after(), null, preview.changedColumns());
            }
        } else {
            out.append("  ")
                    .append(preview.rowCount())
                    .append(preview.rowCount() == 1 ? " row" : " rows")
                    .append(" of ")
                    .append(TerminalText.escape(preview.entity()))
                    .append(" would change:\n");
            for (RowChange change : preview.changes()) {
                out.append("  ")
                        .append(TerminalText.escape(preview.entity()))
                        .append(' ')
                        .append(TerminalText.escape(
                                change.key().map(Object::toString).orElse("?")))
                        .append(":\n");
                fields(out, change.after(), change.before(), preview.changedColumns());
            }
        }
        return out.toString();
    }

    private static void fields(
            StringBuilder out, Map<String, Object> after, Map<String, Object> before, List<String> changed) {
        int width = after.keySet().stream()
                .filter(name -> before == null || changed.contains(name))
                .mapToInt(name -> TerminalText.escape(name).length())
                .max()
                .orElse(0);
        for (Map.Entry<String, Object> entry : after.entrySet()) {
            String name = entry.getKey();
            if (before != null && !changed.contains(name)) {
                continue;
            }
            String shownName = TerminalText.escape(name);
            out.append("    ")
                    .append(shownName)
                    .append(" ".repeat(width - shownName.length()))
                    .append("  ");
            if (before != null) {
                Object old = before.get(name);
                out.append(Values.quoted(old)).append(" -> ").append(Values.quoted(entry.getValue()));
                if (Objects.equals(old, entry.getValue())) {
                    out.append("  (unchanged)");
                }
            } else {
                out.append(Values.quoted(entry.getValue()));
            }
            out.append('\n');
        }
    }
}
