package io.demandloop.shared.privacy;

import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.monitoring.MonitoringEvent;
import io.demandloop.shared.source.NormalisedDelivery;
import io.demandloop.shared.ticket.Ticket;
import io.demandloop.shared.ticket.TicketSignals;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps personal data out of the canonical records (DESIGN.md §3: "dropped or hashed at intake by default"), at one
 * place for every source and every import: e-mail addresses and phone numbers in free text are replaced by the
 * visible markers {@value #EMAIL} and {@value #PHONE} (a documented transformation, counted); labels whose names say
 * they hold a person are dropped; labels configured in {@code privacy.hashLabels} keep an HMAC-SHA256 of their value
 * (keyed with secret {@value #KEY_NAME}) instead, so that a person can be counted distinctly and not read.
 *
 * <p>Identities (source ids, ticket numbers, alert ids, fingerprints) and links are kept exactly: changing them would
 * merge records. Thread-safe.
 */
public final class PersonalDataFilter {

    /** The configuration section. */
    public static final String SECTION = "privacy";
    /** The name of the HMAC key in the secrets store (locally {@code DEMANDLOOP_SECRET_PII_HMAC}). */
    public static final String KEY_NAME = "pii-hmac";
    /** What an e-mail address in free text becomes. */
    public static final String EMAIL = "[email]";
    /** What a phone number in free text becomes. */
    public static final String PHONE = "[phone]";
    /** The prefix of a hashed value. */
    public static final String HASH_PREFIX = "hmac-sha256:";

    private static final Pattern EMAIL_PATTERN = Pattern.compile(
            "[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    // International (+...), national with a trunk 0, or the North American 3-3-4 form, with separators; checked for
    // 9 to 15 digits afterwards. Never next to a letter or digit, so ticket numbers and ids are not matched.
    private static final Pattern PHONE_PATTERN = Pattern.compile(
            "(?<![\\w+])(?:\\+\\d{1,3}(?:[ .\\-]?\\(?\\d{1,5}\\)?){1,6}"
                    + "|\\(?0\\d{1,5}\\)?(?:[ .\\-]?\\d{2,5}){1,5}"
                    + "|\\(?\\d{3}\\)?[ .\\-]\\d{3}[ .\\-]\\d{4})(?![\\w])");
    private static final int MIN_PHONE_DIGITS = 9;
    private static final int MAX_PHONE_DIGITS = 15;

    private final PrivacyConfig config;
    private final Set<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> keep = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Set<String> hashed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Supplier<List<String>> keys;

    /**
     * @param keys the HMAC keys ({@value #KEY_NAME}; the first is used); empty when none is configured
     */
    public PersonalDataFilter(PrivacyConfig config, Supplier<List<String>> keys) {
        this.config = config;
        this.words.addAll(config.personLabelWords().stream().map(PersonalDataFilter::squash).toList());
        this.names.addAll(config.personLabelNames().stream().map(PersonalDataFilter::squash).toList());
        this.keep.addAll(config.keepLabels());
        this.hashed.addAll(config.hashLabels());
        this.keys = keys;
    }

    /** Section {@value #SECTION} of the configuration, with keys from {@code keys}. */
    public static PersonalDataFilter of(DemandloopConfig config, Supplier<List<String>> keys) {
        return new PersonalDataFilter(config.section(SECTION, PrivacyConfig.class), keys);
    }

    /** The records of a delivery with personal data removed, and how many values were changed. */
    public Filtered<NormalisedDelivery> apply(NormalisedDelivery delivery) {
        AtomicInteger count = new AtomicInteger();
        List<Ticket> tickets = new ArrayList<>(delivery.tickets().size());
        delivery.tickets().forEach(t -> tickets.add(filter(t, count)));
        List<MonitoringEvent> alerts = new ArrayList<>(delivery.alerts().size());
        delivery.alerts().forEach(a -> alerts.add(filter(a, count)));
        // An initiative's free text goes through the rules a ticket's does (title, services, team,
        // the pattern's category); ids and links do not.
        List<io.demandloop.shared.initiative.Initiative> initiatives = new ArrayList<>(delivery.initiatives().size());
        delivery.initiatives().forEach(i -> initiatives.add(i.toBuilder().title(text(i.title(), count))
                .services(i.services().stream().map(service -> text(service, count)).toList())
                .team(text(i.team(), count))
                .expected(new io.demandloop.shared.initiative.ExpectedOutcome(i.expected().metric(),
                        i.expected().targetChange(), text(i.expected().category(), count)))
                .build()));
        // A decision's 'by' is who decided: kept on purpose, it is the demand's audit trail (docs/sources.md); its why
        // and title are free text.
        List<io.demandloop.shared.decision.DemandDecision> decisions = new ArrayList<>(delivery.decisions().size());
        delivery.decisions().forEach(d -> decisions.add(new io.demandloop.shared.decision.DemandDecision(d.id(), d.status(),
                d.by(), text(d.why(), count), text(d.title(), count))));
        return new Filtered<>(new NormalisedDelivery(tickets, alerts, delivery.ignoredReason(), initiatives, decisions),
                count.get());
    }

    /** One ticket with personal data removed. */
    public Filtered<Ticket> apply(Ticket ticket) {
        AtomicInteger count = new AtomicInteger();
        Ticket filtered = filter(ticket, count);
        return new Filtered<>(filtered, count.get());
    }

    /** A value and how many personal data items were redacted, dropped or hashed in it. */
    public record Filtered<T>(T value, int changes) {
    }

    private Ticket filter(Ticket t, AtomicInteger count) {
        TicketSignals signals = t.signals() == null ? null
                : new TicketSignals(t.signals().problem(), text(t.signals().symptom(), count), t.signals().slaMet());
        return t.toBuilder().service(text(t.service(), count)).configurationItem(text(t.configurationItem(), count))
                .department(text(t.department(), count)).assignmentGroup(text(t.assignmentGroup(), count))
                .category(text(t.category(), count)).title(text(t.title(), count)).signals(signals).build();
    }

    private MonitoringEvent filter(MonitoringEvent e, AtomicInteger count) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : e.labels().entrySet()) {
            String name = label.getKey();
            if (hashed.contains(name)) {
                String key = firstKey();
                if (key != null) {
                    labels.put(name, hash(key, label.getValue()));
                }
                count.incrementAndGet();
            } else if (holdsPerson(name)) {
                count.incrementAndGet();
            } else {
                labels.put(text(name, count), text(label.getValue(), count));
            }
        }
        return new MonitoringEvent(e.source(), e.alertId(), e.fingerprint(), text(e.service(), count), e.severity(),
                e.status(), e.startsAt(), e.endsAt(), text(e.title(), count), labels, e.sourceVersion(), e.observedAt(),
                e.link());
    }

    /** Whether a label's name says it holds a person (and it is not kept by configuration). */
    public boolean holdsPerson(String label) {
        if (keep.contains(label)) {
            return false;
        }
        if (names.contains(squash(label))) {
            return true;
        }
        List<String> parts = words(label);
        for (int i = 0; i < parts.size(); i++) {
            if (words.contains(parts.get(i)) || (i + 1 < parts.size() && words.contains(parts.get(i) + parts.get(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Free text with e-mail addresses and phone numbers replaced by their markers; null stays null. */
    public String redact(String text) {
        return text(text, new AtomicInteger());
    }

    private String text(String value, AtomicInteger count) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String result = value;
        if (config.redactEmails() && result.indexOf('@') >= 0) {
            Matcher emails = EMAIL_PATTERN.matcher(result);
            StringBuilder out = new StringBuilder();
            while (emails.find()) {
                count.incrementAndGet();
                emails.appendReplacement(out, Matcher.quoteReplacement(EMAIL));
            }
            emails.appendTail(out);
            result = out.toString();
        }
        if (config.redactPhones()) {
            result = phones(result, count);
        }
        return result;
    }

    private static String phones(String text, AtomicInteger count) {
        Matcher phones = PHONE_PATTERN.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (phones.find()) {
            String candidate = phones.group();
            // A match that runs into following numbers (a year, a count) is shortened to the phone it starts with.
            while (digits(candidate) > MAX_PHONE_DIGITS) {
                int cut = Math.max(Math.max(candidate.lastIndexOf(' '), candidate.lastIndexOf('-')), candidate.lastIndexOf('.'));
                if (cut <= 0) {
                    break;
                }
                candidate = candidate.substring(0, cut);
            }
            int digits = digits(candidate);
            if (digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, phones.start()).append(PHONE);
            last = phones.start() + candidate.length();
            count.incrementAndGet();
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    private static int digits(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private String firstKey() {
        List<String> configured = keys == null ? List.of() : keys.get();
        return configured == null || configured.isEmpty() ? null : configured.get(0);
    }

    static String hash(String key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HASH_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A label name's words, lower case: split at anything not a letter or digit, and at camelCase. */
    private static List<String> words(String label) {
        String spaced = label.replaceAll("([a-z0-9])([A-Z])", "$1 $2");
        List<String> parts = new ArrayList<>();
        for (String part : spaced.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    /** The name without separators, lower case: on_call, on-call and onCall are all oncall. */
    private static String squash(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
