package dev.lnjobs.server.lightning;

import dev.lnjobs.api.lightning.InvoiceQueries.FindInvoice;
import dev.lnjobs.api.lightning.InvoiceQueries.IssuedInvoice;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Whether a payment of an invoice can reach its owner yet. The invoice routing is a projection of its own, so an
 * endpoint that hands out an invoice waits (bounded) for it: otherwise a wallet paying at once gets UNKNOWN_INVOICE.
 */
@Component
public class InvoiceRouting {

    private final QueryGateway queries;

    InvoiceRouting(QueryGateway queries) {
        this.queries = queries;
    }

    /** Answers whether the invoice became routable within {@code timeout}. */
    public boolean awaitRoutable(String paymentHash, Duration timeout) {
        SubscriptionQueryResult<IssuedInvoice, IssuedInvoice> subscription = queries.subscriptionQuery(
                new FindInvoice(paymentHash), ResponseTypes.instanceOf(IssuedInvoice.class),
                ResponseTypes.instanceOf(IssuedInvoice.class));
        try (subscription) {
            return Flux.concat(subscription.initialResult().flux(), subscription.updates())
                    .next()
                    .timeout(timeout, Mono.empty())
                    .blockOptional()
                    .isPresent();
        }
    }
}
