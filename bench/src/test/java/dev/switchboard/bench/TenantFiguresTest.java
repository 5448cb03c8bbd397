package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.bench.target.PoolCounts;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The tenants columns of raw.csv: how a cell's figures are made, written and read back. */
class TenantFiguresTest {
    private static final LatencyReport COLD = new LatencyReport(150, 900, 800, 2500, 3000, 4000);
    private static final LatencyReport NO_COLD = new LatencyReport(0, 0, 0, 0, 0, 0);

    @Test
    void ratesArePerSecondOfTheWindow() {
        var t = TenantFigures.of(COLD, Optional.of(new PoolCounts(50, 40)), 10);

        assertThat(t).isEqualTo(new TenantFigures(150, 800, 2500, 5, 4));
        assertThat(t.hasCold()).isTrue();
        assertThat(t.hasPools()).isTrue();
    }

    @Test
    void aTargetWithoutPoolsHasColdFiguresButNoRates() {
        var t = TenantFigures.of(COLD, Optional.empty(), 10);

        assertThat(t.poolsCreatedPerSec()).isEqualTo(-1);
        assertThat(t.poolsEvictedPerSec()).isEqualTo(-1);
        assertThat(t.hasPools()).isFalse();
        assertThat(t.csvFields()).containsExactly("150", "800.00", "2500.00", "", "");
    }

    @Test
    void noColdOperationMeansNoColdPercentilesRatherThanZero() {
        var t = TenantFigures.of(NO_COLD, Optional.of(new PoolCounts(0, 0)), 10);

        assertThat(t).isEqualTo(new TenantFigures(0, -1, -1, 0, 0));
        assertThat(t.csvFields()).containsExactly("0", "", "", "0.00", "0.00");
    }

    @Test
    void otherWorkloadsWriteEmptyFields() {
        assertThat(TenantFigures.NONE.csvFields()).containsExactly("", "", "", "", "");
        assertThat(TenantFigures.NONE.hasCold()).isFalse();
    }

    @Test
    void cellLinesRoundTripWithAndWithoutTenantsFigures() {
        var tenants = cell("tenants-zipf", new TenantFigures(150, 800, 2500, 5, 4));
        var select1 = cell("select1", TenantFigures.NONE);

        assertThat(CellResult.parse(tenants.csv())).isEqualTo(tenants);
        assertThat(CellResult.parse(select1.csv())).isEqualTo(select1);
        assertThat(CellResult.CSV_HEADER.split(",")).hasSize(Csv.split(tenants.csv()).size());
    }

    @Test
    void aLineOfAnOlderRunReadsAsNoTenantsFigures() {
        String old = "1,tenants-uniform,switchboard,8,10.00,220,22.00,0,348914.00,542638.00,558891.00,600000.00,"
                + "0.00,0.00,223.00,224.00,16.00,11,\"\"";

        CellResult r = CellResult.parse(old);
        assertThat(r.opsPerSec()).isEqualTo(22);
        assertThat(r.tenants()).isEqualTo(TenantFigures.NONE);
        assertThatThrownBy(() -> CellResult.parse(old + ",1,2")).isInstanceOf(IllegalArgumentException.class);
    }

    static CellResult cell(String workload, TenantFigures t) {
        return new CellResult(1, workload, "switchboard", 8, 10, 220, 22, 0, 348914, 542638, 558891, 600000, 0, 0,
                223, 224, 16, 11, "SQLException: \"boom\", twice", t);
    }
}
