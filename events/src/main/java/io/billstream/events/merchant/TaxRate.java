package io.billstream.events.merchant;

/**
 * The tax a merchant's amounts contain. Amounts are gross, what the customer pays; documents show the tax contained in
 * them and the net amount.
 *
 * @param name as printed, such as {@code VAT}, {@code USt.} or {@code TVA}
 * @param basisPoints the rate in hundredths of a percent: {@code 1900} is 19 %
 */
public record TaxRate(String name, int basisPoints) {}
