package dev.tabletalk.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.engine.ConversationEngine;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.support.InMemorySessionStore;
import dev.tabletalk.testkit.fakes.InMemoryExecutor;
import dev.tabletalk.testkit.fakes.RecordingAuditLog;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TargetStackTest {

    private final AtomicInteger closes = new AtomicInteger();

    private TargetStack stack() {
        EntityCatalog empty = EntityCatalog.of(List.of());
        StaticSchemaCatalog catalog = new StaticSchemaCatalog(empty);
        ConversationEngine engine = ConversationEngine.builder()
                .schemaCatalog(catalog)
                .planner(new ScriptedPlanner())
                .executor(new InMemoryExecutor(empty, Limits.defaults()))
                .auditLog(new RecordingAuditLog())
                .sessions(new InMemorySessionStore())
                .build();
        return new TargetStack(catalog, engine, closes::incrementAndGet, "test");
    }

    @Test
    void aRetiredTargetClosesItsPoolOnceWhenTheLastRunningTurnLeaves() {
        TargetStack target = stack();
        assertThat(target.enter()).isTrue();
        assertThat(target.enter()).isTrue();

        target.retire();
        assertThat(closes).hasValue(0);
        assertThat(target.enter()).as("no new turns once retired").isFalse();
        target.leave();
        assertThat(closes).hasValue(0);
        target.leave();
        assertThat(closes).hasValue(1);

        target.closeNow();
        assertThat(closes).hasValue(1);
    }

    @Test
    void closingAtOnceNeverLocksTurnsOut() {
        TargetStack target = stack();
        target.closeNow();
        assertThat(closes).hasValue(1);
        assertThat(target.enter()).isTrue();
        target.leave();
        assertThat(closes).hasValue(1);
    }

    @Test
    void aTargetWithoutRunningTurnsClosesAtOnceWhenRetired() {
        TargetStack target = stack();
        target.retire();
        assertThat(closes).hasValue(1);
    }

    @Test
    void aRewiredTargetSharesThePoolWhichClosesOnlyWhenBothAreRetiredAndDrained() {
        TargetStack old = stack();
        assertThat(old.enter()).isTrue();
        TargetStack reloaded = old.rewired(old.engine());
        assertThat(reloaded.catalog()).isSameAs(old.catalog());
        assertThat(reloaded.generation()).isEqualTo(old.generation());

        old.retire();
        assertThat(closes).as("the reloaded target serves on the same pool").hasValue(0);
        old.leave();
        assertThat(closes).hasValue(0);
        assertThat(reloaded.enter()).isTrue();
        reloaded.retire();
        assertThat(closes).hasValue(0);
        reloaded.leave();
        assertThat(closes).hasValue(1);
        reloaded.closeNow();
        old.closeNow();
        assertThat(closes).hasValue(1);
    }
}
