package dev.lnjobs.infra.lightning.bolt11;

import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The table's k·G is BouncyCastle's comb's, for edge scalars and random ones. */
class Secp256k1BaseTableTest {

    @Test
    void the_table_multiplies_the_generator_as_bouncycastle_does() {
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(255),
                BigInteger.valueOf(256), BigInteger.valueOf(257), BigInteger.ONE.shiftLeft(248),
                BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)
                        .mod(Secp256k1.ORDER), Secp256k1.ORDER.subtract(BigInteger.ONE),
                Secp256k1.ORDER.subtract(BigInteger.TWO), new BigInteger("ff".repeat(16), 16)));
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            scalars.add(new BigInteger(256, random).mod(Secp256k1.ORDER.subtract(BigInteger.ONE)).add(BigInteger.ONE));
        }
        FixedPointCombMultiplier comb = new FixedPointCombMultiplier();
        for (BigInteger k : scalars) {
            assertThat(Secp256k1.multiplyBase(k).normalize().getEncoded(true))
                    .as("k = %s", k.toString(16))
                    .isEqualTo(comb.multiply(Secp256k1.CURVE.getG(), k).normalize().getEncoded(true));
        }
    }
}
