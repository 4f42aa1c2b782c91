package io.demandloop.shared.outcome;

import io.demandloop.shared.demand.ServiceFactsCalculator;
import io.demandloop.shared.ticket.Ticket;
import java.util.Locale;
import java.util.Objects;

/**
 * A pattern's dimension and value as the demand evaluation groups incidents ({@code category:network},
 * {@code ci:PAY-LB-01}, {@code problem:<ticket key>}, {@code symptom:login-page-times}): which tickets it covers.
 * Values compare without regard to case, except a problem's key.
 *
 * @param dimension {@code category}, {@code ci}, {@code problem} or {@code symptom}
 * @param value     the value
 */
public record PatternScope(String dimension, String value) {

    private static final String DIMENSIONS = "category, ci, problem, symptom";

    public PatternScope {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses {@code <dimension>:<value>}; null for null. Fails naming the text when the dimension is unknown or the
     * value empty.
     */
    public static PatternScope parse(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        String dimension = colon < 0 ? "" : text.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = colon < 0 ? "" : text.substring(colon + 1).trim();
        if (!(dimension.equals("category") || dimension.equals("ci") || dimension.equals("problem")
                || dimension.equals("symptom")) || value.isEmpty()) {
            throw new IllegalArgumentException("category '" + text + "' is not <dimension>:<value> with a dimension of "
                    + DIMENSIONS + " (e.g. category:network)");
        }
        return new PatternScope(dimension, value);
    }

    /** Whether the ticket belongs to the pattern. */
    public boolean covers(Ticket ticket) {
        return switch (dimension) {
            case "category" -> value.equalsIgnoreCase(nullToEmpty(ticket.category()));
            case "ci" -> value.equalsIgnoreCase(nullToEmpty(ticket.configurationItem()));
            case "problem" -> ticket.signals() != null && value.equals(ticket.signals().problem());
            default -> value.equalsIgnoreCase(ServiceFactsCalculator.symptomOf(ticket));
        };
    }

    @Override
    public String toString() {
        return dimension + ":" + value;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
