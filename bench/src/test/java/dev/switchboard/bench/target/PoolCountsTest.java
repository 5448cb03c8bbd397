package dev.switchboard.bench.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PoolCountsTest {
    @Test
    void theWindowIsTheDifferenceOfItsEdges() {
        var start = new PoolCounts(100, 90);
        var end = new PoolCounts(160, 149);

        assertThat(end.since(start)).isEqualTo(new PoolCounts(60, 59));
        assertThat(start.plus(new PoolCounts(1, 2))).isEqualTo(new PoolCounts(101, 92));
    }

    @Test
    void countersThatWentBackwardsAreAnError() {
        // a proxy restarted between the edges would do this: better no figure than a negative one
        assertThatThrownBy(() -> new PoolCounts(3, 0).since(new PoolCounts(5, 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
