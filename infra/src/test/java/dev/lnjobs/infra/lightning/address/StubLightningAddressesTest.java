package dev.lnjobs.infra.lightning.address;

import dev.lnjobs.infra.lightning.bolt11.BitcoinNetwork;
import dev.lnjobs.infra.lightning.bolt11.Bolt11;
import dev.lnjobs.infra.lightning.bolt11.Bolt11Invoice;
import dev.lnjobs.infra.lightning.StubLightningNode;
import dev.lnjobs.sagas.lightning.LightningAddresses.AddressInvoice;
import dev.lnjobs.sagas.lightning.LightningException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StubLightningAddressesTest {

    private final StubLightningAddresses stub = new StubLightningAddresses(
            Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void answers_a_regtest_invoice_for_the_amount_committing_to_the_metadata() {
        AddressInvoice answer = stub.invoiceFor("carol@stub.invalid", 7);

        Bolt11Invoice invoice = Bolt11.decode(answer.bolt11());
        assertThat(invoice.network()).isEqualTo(BitcoinNetwork.REGTEST);
        assertThat(invoice.amountMsat()).isEqualTo(7000L);
        assertThat(invoice.paymentHash()).isEqualTo(answer.paymentHash());
        assertThat(invoice.descriptionHash())
                .isEqualTo(LnurlPayLightningAddresses.sha256Hex(StubLightningAddresses.metadata("carol@stub.invalid")));
        assertThat(invoice.payeePubKey()).isNotEqualTo(StubLightningNode.NODE_KEY.publicKeyHex());
        assertThat(stub.invoiceFor("carol@stub.invalid", 7).paymentHash()).isNotEqualTo(answer.paymentHash());
    }

    @Test
    void a_fail_address_refuses_for_good() {
        assertThatThrownBy(() -> stub.invoiceFor("fail@stub.invalid", 7))
                .isInstanceOfSatisfying(LightningException.class, e -> assertThat(e.isTransient()).isFalse());
    }
}
