package dev.lnjobs.server.lightning;

import dev.lnjobs.infra.lightning.StubLightningNode;
import dev.lnjobs.sagas.lightning.PaymentNotices;
import dev.lnjobs.server.web.Ids;
import dev.lnjobs.server.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Pays a stub invoice, as a wallet would; exists only outside production and only in Lightning stub mode. */
@RestController
@Conditional(StubPaymentsCondition.class)
class StubPayController {

    private final ObjectProvider<StubLightningNode> stub;
    private final PaymentNotices notices;
    /**
     * The stub node, looked up on the first pay rather than on every one (a bean factory lookup a request showed in
     * the profile); not in the constructor, as the node's bean is declared a LightningNode and matches its type only
     * once it exists.
     */
    private volatile StubLightningNode resolved;

    StubPayController(ObjectProvider<StubLightningNode> stub, PaymentNotices notices) {
        this.stub = stub;
        this.notices = notices;
    }

    /** {@code preimage}: the invoice's preimage (hex), as a paying wallet learns it; null for invoices made before. */
    record StubPayResponse(String paymentHash, boolean paid, PaymentNotices.Outcome outcome, String preimage) {
    }

    @Operation(summary = "Development only: mark a stub invoice paid; answers its preimage, as a wallet learns it")
    @PostMapping(path = "/api/dev/stub/pay/{paymentHash}", produces = MediaType.APPLICATION_JSON_VALUE)
    StubPayResponse pay(@PathVariable String paymentHash) {
        String hash = Ids.paymentHash(paymentHash);
        StubLightningNode node = stubNode();
        if (node == null) {
            throw new NotFoundException("stub payments exist only when Lightning runs as a stub");
        }
        StubLightningNode.Paid paid = node.pay(hash)
                .orElseThrow(() -> new NotFoundException("no stub invoice with payment hash " + hash));
        return new StubPayResponse(hash, true, notices.recheck(hash), paid.preimage());
    }

    private StubLightningNode stubNode() {
        StubLightningNode found = resolved;
        if (found == null) {
            found = stub.getIfAvailable();
            resolved = found;
        }
        return found;
    }
}
