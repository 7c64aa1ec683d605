package dev.polydl.harness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void theFirstEpochIsWarmUpAndLeftOut() {
        Spread spread = Spread.of(List.of(9.0, 2.0, 2.0, 2.0));
        assertEquals(0, spread.relativeSd(), 1e-12);
        assertFalse(spread.noisy());
    }

    @Test
    void relativeSpreadIsThePopulationSdOverTheMean() {
        Spread spread = Spread.of(List.of(5.0, 1.0, 3.0));
        assertEquals(0.5, spread.relativeSd(), 1e-12); // mean 2, sd 1
        assertTrue(spread.noisy());
    }

    @Test
    void aSteadyFallIsReportedAsATrend() {
        Spread spread = Spread.of(List.of(2.2, 2.1, 1.4, 1.5, 1.3, 0.7, 0.6, 0.8));
        assertTrue(spread.noisy());
        assertTrue(spread.trend() < -0.7, "trend " + spread.trend());
        assertEquals("epoch times fall steadily over the run", spread.cause());
    }

    @Test
    void scatterWithoutOrderIsNotATrend() {
        Spread spread = Spread.of(List.of(1.0, 1.0, 1.5, 0.9, 1.4, 1.0, 1.6));
        assertTrue(spread.noisy());
        assertEquals("epoch times scatter without a trend", spread.cause());
    }

    @Test
    void fewerThanTwoLaterEpochsHaveNoSpread() {
        assertFalse(Spread.of(List.of(3.0, 2.0)).measured());
        assertFalse(Spread.of(List.of(3.0, 2.0)).noisy());
    }
}
