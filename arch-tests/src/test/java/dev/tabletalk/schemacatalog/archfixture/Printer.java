package dev.tabletalk.schemacatalog.archfixture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Breaks R8: library code printing to standard output, and a public logger. */
public class Printer {
    public static Logger log = LoggerFactory.getLogger(Printer.class);

    public void show(String text) {
        System.out.println(text);
    }
}
