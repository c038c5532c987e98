package dev.weft;

import dev.weft.topology.Topology;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoolConfigTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        PoolConfig c = PoolConfig.defaults();
        assertThat(c.parallelism()).isZero();
        assertThat(c.maxThreads()).isZero();
        assertThat(c.affinityMode()).isEqualTo(AffinityMode.NONE);
        assertThat(c.daemon()).isTrue();
        assertThat(c.queueCapacity()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.saturationPolicy()).isEqualTo(SaturationPolicy.REJECT);
        assertThat(c.saturationTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.keepAlive()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.topology()).isEmpty();
        assertThat(c.name()).isEmpty();
        assertThat(c.uncaughtExceptionHandler()).isEmpty();
        assertThat(c.registerMXBean()).isFalse();
    }

    @Test
    void maxThreadsFor_defaultAndExplicit_capsAsDocumented() {
        assertThat(PoolConfig.defaults().maxThreadsFor(4)).isEqualTo(4 + PoolConfig.DEFAULT_EXTRA_THREADS);
        assertThat(PoolConfig.defaults().maxThreadsFor(PoolConfig.MAX_THREADS)).isEqualTo(PoolConfig.MAX_THREADS);
        PoolConfig c = PoolConfig.builder().parallelism(2).maxThreads(3).build();
        assertThat(c.maxThreadsFor(2)).isEqualTo(3);
        assertThat(c.maxThreadsFor(8)).isEqualTo(8);
    }

    @Test
    void toBuilder_roundTrip_keepsEveryValue() {
        Topology t = Topology.builder().uniform(2, 2).build();
        Thread.UncaughtExceptionHandler h = (th, x) -> { };
        PoolConfig c = PoolConfig.builder().parallelism(3).maxThreads(9).affinityMode(AffinityMode.CORE)
                .threadNamePrefix("p-").daemon(false).uncaughtExceptionHandler(h).queueCapacity(5)
                .saturationPolicy(SaturationPolicy.BLOCK).saturationTimeout(Duration.ofSeconds(2))
                .keepAlive(Duration.ofSeconds(3)).topology(t).name("x.y_z-1").registerMXBean(true).build();
        PoolConfig d = c.toBuilder().build();
        assertThat(d.parallelism()).isEqualTo(3);
        assertThat(d.maxThreads()).isEqualTo(9);
        assertThat(d.affinityMode()).isEqualTo(AffinityMode.CORE);
        assertThat(d.threadNamePrefix()).isEqualTo("p-");
        assertThat(d.daemon()).isFalse();
        assertThat(d.uncaughtExceptionHandler()).containsSame(h);
        assertThat(d.queueCapacity()).isEqualTo(5);
        assertThat(d.saturationPolicy()).isEqualTo(SaturationPolicy.BLOCK);
        assertThat(d.saturationTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.keepAlive()).isEqualTo(Duration.ofSeconds(3));
        assertThat(d.topology()).containsSame(t);
        assertThat(d.name()).contains("x.y_z-1");
        assertThat(d.registerMXBean()).isTrue();
        assertThat(d.toString()).contains("parallelism=3").contains("saturation=BLOCK");
    }

    @Test
    void build_badParallelism_namesSettingValueAndAllowed() {
        assertThatThrownBy(() -> PoolConfig.builder().parallelism(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism = -1")
                .hasMessageContaining("1.." + PoolConfig.MAX_THREADS);
        assertThatThrownBy(() -> PoolConfig.builder().parallelism(PoolConfig.MAX_THREADS + 1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism = 32768");
    }

    @Test
    void build_badMaxThreads_namesSettingValueAndAllowed() {
        assertThatThrownBy(() -> PoolConfig.builder().maxThreads(-5).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxThreads = -5");
        assertThatThrownBy(() -> PoolConfig.builder().parallelism(4).maxThreads(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxThreads = 3")
                .hasMessageContaining("parallelism = 4");
    }

    @Test
    void build_otherBadValues_eachNamedWithWhatIsAllowed() {
        assertThatThrownBy(() -> PoolConfig.builder().affinityMode(null).build())
                .hasMessageContaining("affinityMode = null").hasMessageContaining("NONE, NODE, CORE");
        assertThatThrownBy(() -> PoolConfig.builder().threadNamePrefix(" ").build())
                .hasMessageContaining("threadNamePrefix = ' '");
        assertThatThrownBy(() -> PoolConfig.builder().threadNamePrefix("x".repeat(65)).build())
                .hasMessageContaining("threadNamePrefix").hasMessageContaining("at most 64");
        assertThatThrownBy(() -> PoolConfig.builder().queueCapacity(0).build())
                .hasMessageContaining("queueCapacity = 0");
        assertThatThrownBy(() -> PoolConfig.builder().saturationPolicy(null).build())
                .hasMessageContaining("saturationPolicy = null").hasMessageContaining("REJECT, CALLER_RUNS, BLOCK");
        assertThatThrownBy(() -> PoolConfig.builder().saturationTimeout(Duration.ZERO).build())
                .hasMessageContaining("saturationTimeout = PT0S").hasMessageContaining("positive");
        assertThatThrownBy(() -> PoolConfig.builder().saturationTimeout(null).build())
                .hasMessageContaining("saturationTimeout = null");
        assertThatThrownBy(() -> PoolConfig.builder().keepAlive(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("keepAlive = PT-1S");
        assertThatThrownBy(() -> PoolConfig.builder().name("has space").build())
                .hasMessageContaining("name = 'has space'").hasMessageContaining("letters, digits");
        assertThatThrownBy(() -> PoolConfig.builder().name("").build()).hasMessageContaining("name = ''");
    }
}
