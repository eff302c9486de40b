package dev.tabletalk.schemacatalog.archfixture;

/** Breaks R8: library code printing to standard output, and a public logger. */
public class Printer {
    public static org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Printer.class);

    public void show(String text) {
        System.out.println(text);
    }
}
