package dev.tabletalk.core.rows;

/** A value in a create preview that the database will supply. */
public enum Placeholder {
    DATABASE_DEFAULT("(database default)"),
    GENERATED("(generated)");

    private final String label;

    Placeholder(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
