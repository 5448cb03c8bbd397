package dev.switchboard.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bench.CellResult;
import dev.switchboard.bench.TenantFigures;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The tenants figures in summary.md, summary.csv and summary.json, and their medians over repetitions. */
class SummaryTest {
    private static final List<CellResult> CELLS = List.of(
            cell(1, "select1", "switchboard", TenantFigures.NONE),
            cell(1, "tenants-uniform", "direct", new TenantFigures(190, 250_000, 400_000, -1, -1, 1.01)),
            cell(1, "tenants-uniform", "pgbouncer", new TenantFigures(200, 280_000, 430_000, -1, -1, -1)),
            cell(1, "tenants-uniform", "switchboard", new TenantFigures(180, 350_000, 550_000, 20, 19, 0.5)),
            cell(2, "tenants-uniform", "switchboard", new TenantFigures(170, 330_000, 530_000, 18, 17, -1)),
            cell(3, "tenants-uniform", "switchboard", new TenantFigures(175, 340_000, 560_000, -1, -1, 0.25)));

    private final Table table = new Table(CELLS);

    @Test
    void mediansSkipCellsWhereAFigureIsUnknown() {
        TenantFigures sb = table.get("tenants-uniform", "switchboard").orElseThrow().tenants();

        // the third repetition could not read the proxy's counters, the second PostgreSQL's logins: each figure is
        // the median of the other two
        assertThat(sb).isEqualTo(new TenantFigures(175, 340_000, 550_000, 19, 18, 0.375));
        assertThat(table.get("tenants-uniform", "direct").orElseThrow().tenants().hasPools()).isFalse();
        assertThat(table.get("select1", "switchboard").orElseThrow().tenants()).isEqualTo(TenantFigures.NONE);
    }

    @Test
    void markdownHasATenantsTableWithNaForTargetsWithoutPools() {
        String md = Summary.markdown(table, List.of());

        assertThat(md).contains("| workload | target | ops/s | p50 µs | p99 µs | cold ops | cold p50 µs | cold p99 µs "
                + "| logins/op | pools created/s | pools evicted/s |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        assertThat(md).contains("| tenants-uniform | direct | 22 | 300,000 | 500,000 | 190 | 250,000 | 400,000 "
                + "| 1.01 | n/a | n/a |");
        assertThat(md).contains("| tenants-uniform | pgbouncer | 22 | 300,000 | 500,000 | 200 | 280,000 | 430,000 "
                + "|  | n/a | n/a |");
        assertThat(md).contains("| tenants-uniform | switchboard | 22 | 300,000 | 500,000 | 175 | 340,000 | 550,000 "
                + "| 0.38 | 19.0 | 18.0 |");
        assertThat(md.lines().filter(l -> l.startsWith("| select1 |"))).hasSize(1);   // only in the main table
    }

    @Test
    void noTenantsWorkloadNoTenantsTable() {
        assertThat(Summary.tenantsMarkdown(new Table(CELLS.subList(0, 1)))).isEmpty();
    }

    @Test
    void csvHasTheTenantsColumnsEmptyForOtherWorkloads() {
        List<String> lines = Summary.csv(table).lines().toList();
        int columns = lines.getFirst().split(",", -1).length;

        assertThat(lines.getFirst()).endsWith(",cold_ops,cold_p50_us,cold_p99_us,pools_created_per_sec,"
                + "pools_evicted_per_sec,backend_logins_per_op");
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(columns));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("select1,switchboard,").endsWith(",,,,,,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tenants-uniform,direct,")
                .endsWith(",190,250000.00,400000.00,,,1.01"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tenants-uniform,pgbouncer,")
                .endsWith(",200,280000.00,430000.00,,,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tenants-uniform,switchboard,")
                .endsWith(",175,340000.00,550000.00,19.00,18.00,0.38"));
    }

    @Test
    void jsonHasNullsWhereAFigureDoesNotApply() {
        String json = Summary.json(table, List.of());

        assertThat(json).contains("\"coldOps\": null, \"coldP50Us\": null, \"coldP99Us\": null, "
                + "\"poolsCreatedPerSec\": null, \"poolsEvictedPerSec\": null, \"backendLoginsPerOp\": null}");
        assertThat(json).contains("\"coldOps\": 190, \"coldP50Us\": 250000.00, \"coldP99Us\": 400000.00, "
                + "\"poolsCreatedPerSec\": null, \"poolsEvictedPerSec\": null, \"backendLoginsPerOp\": 1.01}");
        assertThat(json).contains("\"coldOps\": 200, \"coldP50Us\": 280000.00, \"coldP99Us\": 430000.00, "
                + "\"poolsCreatedPerSec\": null, \"poolsEvictedPerSec\": null, \"backendLoginsPerOp\": null}");
        assertThat(json).contains("\"coldOps\": 175, \"coldP50Us\": 340000.00, \"coldP99Us\": 550000.00, "
                + "\"poolsCreatedPerSec\": 19.00, \"poolsEvictedPerSec\": 18.00, \"backendLoginsPerOp\": 0.38}");
    }

    private static CellResult cell(int rep, String workload, String target, TenantFigures t) {
        return new CellResult(rep, workload, target, 8, 10, 220, 22, 0, 300_000, 500_000, 550_000, 600_000, 0, 0, -1,
                -1, -1, 11, "", t);
    }
}
