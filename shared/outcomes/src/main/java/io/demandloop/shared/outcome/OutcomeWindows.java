package io.demandloop.shared.outcome;

/**
 * The measurement windows, in days: the baseline before, the settling period after delivery that counts in neither,
 * and the after window.
 *
 * @param beforeDays the baseline's length (default 84, twelve weeks)
 * @param settleDays days after delivery left out while the change settles (default 14)
 * @param afterDays  the after window's length (default 84)
 */
public record OutcomeWindows(int beforeDays, int settleDays, int afterDays) {

    public static final OutcomeWindows DEFAULT = new OutcomeWindows(84, 14, 84);

    public OutcomeWindows {
        if (beforeDays < 7 || afterDays < 7 || settleDays < 0) {
            throw new IllegalArgumentException("windows need at least 7 days before and after and no negative settling"
                    + " period, were " + beforeDays + ", " + settleDays + ", " + afterDays);
        }
    }
}
