package io.flotilla.chaos.db.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NodeFirewallTest {

    @Test
    void aOneWayCutDropsOnlyWhatArrivesFromThePeer() {
        assertEquals(List.of("INPUT", "-s", "10.213.4.12", "-j", "DROP"), NodeFirewall.dropFromRule("10.213.4.12"));
    }

    @Test
    void lossIsTheStatisticMatchWithADotDecimalWhateverTheLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);  // would print 0,2500 with the default locale
            assertEquals(List.of("INPUT", "-m", "statistic", "--mode", "random", "--probability", "0.2500",
                    "-j", "DROP"), NodeFirewall.lossRule(0.25));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void lossOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NodeFirewall.lossRule(0));
        assertThrows(IllegalArgumentException.class, () -> NodeFirewall.lossRule(1.5));
        assertThrows(IllegalArgumentException.class, () -> NodeFirewall.lossRule(Double.NaN));
    }
}
