package dev.tabletalk.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plain-text table with a header row, for rows read from the database; names and values escaped. */
final class TextTable {

    private TextTable() {}

    static String render(List<String> columns, List<Map<String, Object>> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (String column : columns) {
                line.add(Values.cell(row.get(column)));
            }
            cells.add(line);
        }
        List<String> headers = columns.stream().map(TerminalText::escape).toList();
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = headers.get(i).length();
            for (List<String> line : cells) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        for (int i = 0; i < widths.length; i++) {
            out.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
        }
        out.append('\n');
        for (List<String> line : cells) {
            line(out, line, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(i == 0 ? "" : " | ").append(pad(values.get(i), widths[i]));
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value : value + " ".repeat(width - value.length());
    }
}
