package io.demandloop.functions.portfolioreport.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The anchor ids the report's entries carry and the headline links to: a prefix naming the section, a readable slug of
 * the entry's id and 8 hex digits of its SHA-256, so that two ids with the same slug still get distinct anchors. An
 * anchor holds only {@code [a-z0-9-]}: safe as an HTML id and in a URL fragment whatever the id holds.
 */
public final class Anchors {

    private static final int MAX_SLUG = 48;

    private Anchors() {
    }

    /** The anchor of a demand, e.g. {@code demand-email-recurring-incidents-category-network-1a2b3c4d}. */
    public static String demand(String demandId) {
        return anchor("demand", demandId);
    }

    /** The anchor of an initiative. */
    public static String initiative(String initiativeId) {
        return anchor("initiative", initiativeId);
    }

    /** The anchor of a service's health line. */
    public static String service(String service) {
        return anchor("service", service);
    }

    /** The anchor of a team's capacity line. */
    public static String team(String team) {
        return anchor("team", team);
    }

    static String anchor(String prefix, String id) {
        StringBuilder slug = new StringBuilder();
        for (char c : id.toLowerCase(Locale.ROOT).toCharArray()) {
            boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (plain) {
                slug.append(c);
            } else if (!slug.isEmpty() && slug.charAt(slug.length() - 1) != '-') {
                slug.append('-');
            }
            if (slug.length() >= MAX_SLUG) {
                break;
            }
        }
        if (!slug.isEmpty() && slug.charAt(slug.length() - 1) != '-') {
            slug.append('-');
        }
        return prefix + "-" + slug + hash(id);
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
