package io.billstream.document.pdf;

/** The documents issued, each numbered in a series of its own per merchant. */
public enum DocumentKind {
    INVOICE(""),
    RECEIPT("R-"),
    CREDIT_NOTE("CN-");

    private final String infix;

    DocumentKind(String infix) {
        this.infix = infix;
    }

    /** {@code INV-2026-000042}, {@code INV-R-2026-000042}, {@code INV-CN-2026-000003}: prefix, kind, year, number. */
    public String number(String prefix, int year, long sequence) {
        return "%s-%s%d-%06d".formatted(prefix, infix, year, sequence);
    }
}
