package dev.lnjobs.server.web;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The request headers of a long poll: {@code If-None-Match} (RFC 9110) names the representation the client has,
 * {@code Prefer: wait=N} (RFC 7240) how many seconds it would wait for a newer one. Malformed preferences are
 * ignored, as RFC 7240 asks.
 */
public final class ConditionalRequests {

    private ConditionalRequests() {
    }

    /** The entity tag a version is sent as: strong, quoted. */
    public static String entityTag(String version) {
        return "\"" + version + "\"";
    }

    /** Whether {@code If-None-Match} names the entity tag (weak comparison, as RFC 9110 prescribes for it). */
    public static boolean noneMatchHits(String ifNoneMatch, String entityTag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(entityTag)) {
                return true;
            }
        }
        return false;
    }

    /** The wait a {@code Prefer} header asks for, at most {@code max}; empty without a well-formed positive one. */
    public static Optional<Duration> preferredWait(String prefer, Duration max) {
        if (prefer == null) {
            return Optional.empty();
        }
        for (String preference : prefer.split(",")) {
            String[] pair = preference.split(";", 2)[0].trim().split("=", 2); // parameters after ';' are not ours
            if (pair.length == 2 && pair[0].trim().toLowerCase(Locale.ROOT).equals("wait")) {
                String seconds = pair[1].trim();
                if (seconds.matches("\\d{1,9}") && Long.parseLong(seconds) > 0) {
                    Duration wait = Duration.ofSeconds(Long.parseLong(seconds));
                    return Optional.of(wait.compareTo(max) > 0 ? max : wait);
                }
            }
        }
        return Optional.empty();
    }
}
