package dev.lnjobs.server.web;

import dev.lnjobs.api.lightning.PaymentHash;

import java.util.UUID;

/** Checks of identifiers taken from URLs, before anything is looked up by them. */
public final class Ids {

    private Ids() {
    }

    public static String uuid(String value, String what) {
        try {
            return UUID.fromString(value).toString().equals(value.toLowerCase()) ? value.toLowerCase() : fail(what);
        } catch (IllegalArgumentException e) {
            return fail(what);
        }
    }

    public static String paymentHash(String value) {
        try {
            return PaymentHash.of(value).hex();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payment hash must be 64 hex characters");
        }
    }

    private static String fail(String what) {
        throw new IllegalArgumentException(what + " must be a UUID");
    }
}
