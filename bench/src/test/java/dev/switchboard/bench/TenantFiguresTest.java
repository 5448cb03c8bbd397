package dev.switchboard.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.bench.target.PoolCounts;

import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

/** The tenants columns of raw.csv: how a cell's figures are made, written and read back. */
class TenantFiguresTest {
    private static final LatencyReport COLD = new LatencyReport(150, 900, 800, 2500, 3000, 4000);
    private static final LatencyReport NO_COLD = new LatencyReport(0, 0, 0, 0, 0, 0);

    @Test
    void ratesArePerSecondOfTheWindow() {
        var t = TenantFigures.of(COLD, Optional.of(new PoolCounts(50, 40)), OptionalLong.of(55), 220, 10);

        assertThat(t).isEqualTo(new TenantFigures(150, 800, 2500, 5, 4, 0.25));
        assertThat(t.hasCold()).isTrue();
        assertThat(t.hasPools()).isTrue();
        assertThat(t.hasLogins()).isTrue();
    }

    @Test
    void loginsPerOperationAreTheWindowsLoginsOverItsMeasuredOperations() {
        var direct = TenantFigures.of(COLD, Optional.empty(), OptionalLong.of(221), 220, 10);
        var none = TenantFigures.of(COLD, Optional.empty(), OptionalLong.of(0), 220, 10);

        assertThat(direct.backendLoginsPerOp()).isCloseTo(1.0045, within(1e-4));
        assertThat(direct.csvFields().getLast()).isEqualTo("1.00");
        assertThat(none.backendLoginsPerOp()).isZero();
        assertThat(none.csvFields().getLast()).isEqualTo("0.00");
    }

    @Test
    void unreadableLoginsOrNoMeasuredOperationMeansNoLoginsFigure() {
        var unread = TenantFigures.of(COLD, Optional.empty(), OptionalLong.empty(), 220, 10);
        var noOps = TenantFigures.of(NO_COLD, Optional.empty(), OptionalLong.of(12), 0, 10);

        assertThat(unread.backendLoginsPerOp()).isEqualTo(-1);
        assertThat(unread.hasLogins()).isFalse();
        assertThat(unread.csvFields().getLast()).isEmpty();
        assertThat(noOps.backendLoginsPerOp()).isEqualTo(-1);
    }

    @Test
    void aTargetWithoutPoolsHasColdFiguresButNoRates() {
        var t = TenantFigures.of(COLD, Optional.empty(), OptionalLong.of(220), 220, 10);

        assertThat(t.poolsCreatedPerSec()).isEqualTo(-1);
        assertThat(t.poolsEvictedPerSec()).isEqualTo(-1);
        assertThat(t.hasPools()).isFalse();
        assertThat(t.csvFields()).containsExactly("150", "800.00", "2500.00", "", "", "1.00");
    }

    @Test
    void noColdOperationMeansNoColdPercentilesRatherThanZero() {
        var t = TenantFigures.of(NO_COLD, Optional.of(new PoolCounts(0, 0)), OptionalLong.of(0), 220, 10);

        assertThat(t).isEqualTo(new TenantFigures(0, -1, -1, 0, 0, 0));
        assertThat(t.csvFields()).containsExactly("0", "", "", "0.00", "0.00", "0.00");
    }

    @Test
    void otherWorkloadsWriteEmptyFields() {
        assertThat(TenantFigures.NONE.csvFields()).containsExactly("", "", "", "", "", "");
        assertThat(TenantFigures.NONE.hasCold()).isFalse();
        assertThat(TenantFigures.NONE.hasLogins()).isFalse();
    }

    @Test
    void cellLinesRoundTripWithAndWithoutTenantsFigures() {
        var tenants = cell("tenants-zipf", new TenantFigures(150, 800, 2500, 5, 4, 0.31));
        var unread = cell("tenants-zipf", new TenantFigures(150, 800, 2500, 5, 4, -1));
        var select1 = cell("select1", TenantFigures.NONE);

        assertThat(CellResult.parse(tenants.csv())).isEqualTo(tenants);
        assertThat(CellResult.parse(unread.csv())).isEqualTo(unread);
        assertThat(CellResult.parse(select1.csv())).isEqualTo(select1);
        assertThat(Csv.split(tenants.csv())).hasSize(25).endsWith("0.31");
        assertThat(CellResult.CSV_HEADER.split(",")).hasSize(Csv.split(tenants.csv()).size());
        assertThat(CellResult.CSV_HEADER).endsWith(",pools_evicted_per_sec,backend_logins_per_op");
    }

    @Test
    void aLineWrittenBeforeTheLoginsPerOperationReadsWithoutThem() {
        String old = "1,tenants-zipf,switchboard,8,10.00,220,22.00,0,348914.00,542638.00,558891.00,600000.00,"
                + "0.00,0.00,223.00,224.00,16.00,11,\"\",150,800.00,2500.00,5.00,4.00";

        CellResult r = CellResult.parse(old);
        assertThat(Csv.split(old)).hasSize(24);
        assertThat(r.peakBackends()).isEqualTo(11);
        assertThat(r.tenants()).isEqualTo(new TenantFigures(150, 800, 2500, 5, 4, -1));
        assertThat(CellResult.parse(r.csv())).isEqualTo(r);
    }

    @Test
    void aLineOfAnOlderRunReadsAsNoTenantsFigures() {
        String old = "1,tenants-uniform,switchboard,8,10.00,220,22.00,0,348914.00,542638.00,558891.00,600000.00,"
                + "0.00,0.00,223.00,224.00,16.00,11,\"\"";

        CellResult r = CellResult.parse(old);
        assertThat(r.opsPerSec()).isEqualTo(22);
        assertThat(Csv.split(old)).hasSize(19);
        assertThat(r.tenants()).isEqualTo(TenantFigures.NONE);
        assertThatThrownBy(() -> CellResult.parse(old + ",1,2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CellResult.parse(old + ",1,2,3,4,5,6,7")).isInstanceOf(IllegalArgumentException.class);
    }

    static CellResult cell(String workload, TenantFigures t) {
        return new CellResult(1, workload, "switchboard", 8, 10, 220, 22, 0, 348914, 542638, 558891, 600000, 0, 0,
                223, 224, 16, 11, "SQLException: \"boom\", twice", t);
    }
}
