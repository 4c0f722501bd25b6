package io.billstream.billing.processor.sandbox;

/** Rules of card numbers, for the hosted fields. */
final class CardNumbers {

    private CardNumbers() {}

    /** 12 to 19 digits with a valid Luhn check digit. */
    static boolean valid(String number) {
        if (number == null || !number.matches("[0-9]{12,19}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int digit = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        return sum % 10 == 0;
    }

    static String brand(String number) {
        if (number.startsWith("4")) {
            return "VISA";
        }
        int two = Integer.parseInt(number.substring(0, 2));
        int four = Integer.parseInt(number.substring(0, 4));
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return "MASTERCARD";
        }
        if (two == 34 || two == 37) {
            return "AMEX";
        }
        return "OTHER";
    }
}
