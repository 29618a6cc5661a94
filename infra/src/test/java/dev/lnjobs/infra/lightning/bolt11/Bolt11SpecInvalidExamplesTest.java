package dev.lnjobs.infra.lightning.bolt11;

import dev.lnjobs.infra.lightning.bolt11.Bolt11Exception.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static dev.lnjobs.infra.lightning.bolt11.SpecExamples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every invoice under "Examples of Invalid Invoices" in BOLT #11, with the check that must refuse it. */
class Bolt11SpecInvalidExamplesTest {

    static Stream<Arguments> specInvalidExamples() {
        return Stream.of(
                arguments("unknown even feature 100", UNKNOWN_FEATURE_100, Reason.UNKNOWN_REQUIRED_FEATURE),
                arguments("bech32 checksum is invalid", BAD_CHECKSUM, Reason.BAD_CHECKSUM),
                arguments("malformed bech32 string (no 1)", NO_SEPARATOR, Reason.BAD_BECH32),
                arguments("malformed bech32 string (mixed case)", MIXED_CASE, Reason.BAD_BECH32),
                arguments("signature is not recoverable", UNRECOVERABLE_SIGNATURE, Reason.BAD_SIGNATURE),
                arguments("string is too short", TOO_SHORT, Reason.TOO_SHORT),
                arguments("invalid multiplier", INVALID_MULTIPLIER, Reason.BAD_AMOUNT),
                arguments("invalid sub-millisatoshi precision", SUB_MILLISATOSHI, Reason.BAD_AMOUNT),
                arguments("missing required s field", MISSING_PAYMENT_SECRET, Reason.MISSING_PAYMENT_SECRET),
                arguments("high-S signature with an n field", HIGH_S_WITH_PAYEE_KEY, Reason.BAD_SIGNATURE));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("specInvalidExamples")
    void rejects_spec_invalid_example(String heading, String invoice, Reason reason) {
        assertThatThrownBy(() -> Bolt11.decode(invoice))
                .isInstanceOfSatisfying(Bolt11Exception.class, refused -> {
                    assertThat(refused.reason()).isEqualTo(reason);
                    assertThat(refused.getMessage()).contains(reason.name());
                });
    }
}
