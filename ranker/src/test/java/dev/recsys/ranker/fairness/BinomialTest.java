package dev.recsys.ranker.fairness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class BinomialTest {
    @Test
    void cdfOfKnownSmallCases() {
        assertEquals(Math.pow(0.7, 7), Binomial.cdf(0, 7, 0.3), 1e-15); // no protected item in 7 draws
        assertEquals(56.0 / 1024, Binomial.cdf(2, 10, 0.5), 1e-15); // (1 + 10 + 45) / 2^10
        assertEquals(1.0, Binomial.cdf(10, 10, 0.5));
        assertEquals(0.0, Binomial.cdf(-1, 10, 0.5));
    }

    @Test
    void cdfMatchesExactRationalArithmetic() {
        // p = 3/10 is exact in decimal, so BigDecimal gives the true CDF to 40 digits.
        MathContext context = new MathContext(40);
        BigDecimal p = new BigDecimal("0.3");
        BigDecimal q = new BigDecimal("0.7");
        for (int n : new int[] {1, 17, 60, 200}) {
            BigDecimal exact = BigDecimal.ZERO;
            BigInteger choose = BigInteger.ONE;
            for (int m = 0; m <= n; m++) {
                if (m > 0) {
                    choose = choose.multiply(BigInteger.valueOf(n - m + 1)).divide(BigInteger.valueOf(m));
                }
                exact = exact.add(new BigDecimal(choose).multiply(p.pow(m)).multiply(q.pow(n - m)), context);
                double expected = exact.doubleValue();
                double actual = Binomial.cdf(m, n, 0.3);
                assertEquals(expected, actual, Math.max(1e-300, expected * 1e-12), "F(" + m + "; " + n + ", 0.3)");
            }
        }
    }

    @Test
    void pmfOfALongRowSumsToOneWithoutUnderflow() {
        double sum = 0;
        for (int j = 0; j <= 1000; j++) {
            sum += Binomial.pmf(j, 1000, 0.98);
        }
        assertEquals(1.0, sum, 1e-12);
        assertEquals(Math.pow(0.98, 1000), Binomial.pmf(1000, 1000, 0.98), 1e-20);
    }

    @Test
    void logFactorialIsContinuousWhereTheTableGivesWayToStirling() {
        assertEquals(Math.log(3628800), Binomial.logFactorial(10), 1e-13);
        for (int n = 1090; n < 1110; n++) {
            assertEquals(Math.log(n + 1), Binomial.logFactorial(n + 1) - Binomial.logFactorial(n), 1e-11, "n=" + n);
        }
    }

    @Test
    void degenerateProportionsPutAllMassAtOneEnd() {
        assertEquals(1.0, Binomial.pmf(0, 5, 0));
        assertEquals(0.0, Binomial.pmf(1, 5, 0));
        assertEquals(1.0, Binomial.pmf(5, 5, 1));
        assertEquals(0.0, Binomial.cdf(4, 5, 1));
    }

    @Test
    void rejectsProportionOutsideZeroToOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binomial.cdf(1, 5, 1.5));
        assertEquals("p must be between 0 and 1, got 1.5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Binomial.pmf(1, 5, Double.NaN));
    }
}
