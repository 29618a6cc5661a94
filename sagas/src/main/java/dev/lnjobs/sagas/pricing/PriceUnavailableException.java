package dev.lnjobs.sagas.pricing;

import dev.lnjobs.sagas.retry.PortException;

import java.time.Duration;

/**
 * No price fit to quote in (production refuses the fallback): a transient failure of the price feed port, to try
 * again after its {@link #retryAfter()}.
 */
public class PriceUnavailableException extends PortException {

    public PriceUnavailableException(String message, Duration retryAfter) {
        super(message, true, retryAfter, null);
    }
}
