package dev.switchboard.bench;

import dev.switchboard.bench.scenario.BigResult;
import dev.switchboard.bench.scenario.Connect;
import dev.switchboard.bench.scenario.PointSelect;
import dev.switchboard.bench.scenario.Select1;
import dev.switchboard.bench.scenario.Tenants;
import dev.switchboard.bench.scenario.TpcB;

import java.util.Arrays;

/** The workloads of issue #3, by the names the command line and the results use. */
public enum Workload {
    SELECT1("select1"), POINT("point"), TPCB("tpcb"), CONNECT("connect"), TENANTS_UNIFORM("tenants-uniform"),
    TENANTS_ZIPF("tenants-zipf"), BIGRESULT("bigresult");

    /** Zipf exponent of tenants-zipf: with 200 tenants the 10 hottest take half the operations. */
    static final double ZIPF_EXPONENT = 1.0;

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isTenants() {
        return this == TENANTS_UNIFORM || this == TENANTS_ZIPF;
    }

    /**
     * A new scenario for one cell.
     *
     * @param tenantPools the pools a pooling target may keep for the tenants: what makes a tenant operation cold
     */
    public Scenario scenario(DataSet data, int tenantPools) {
        return switch (this) {
            case SELECT1 -> new Select1(data);
            case POINT -> new PointSelect(data);
            case TPCB -> new TpcB(data);
            case CONNECT -> new Connect(data);
            case TENANTS_UNIFORM -> new Tenants(label, data, 0, tenantPools);
            case TENANTS_ZIPF -> new Tenants(label, data, ZIPF_EXPONENT, tenantPools);
            case BIGRESULT -> new BigResult(data);
        };
    }

    public static Workload of(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + label + "; known: "
                        + Arrays.stream(values()).map(Workload::label).toList()));
    }
}
