package io.demandloop.shared.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ParallelWarmupTest {

    @Test
    void join_shouldReturnTheTaskResult_fromASecondThread_whenThereAreTwoProcessors() {
        // GIVEN
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        // WHEN
        String result;
        try (ParallelWarmup<String> warmup = ParallelWarmup.start("json", () -> {
            ranOn.set(Thread.currentThread());
            return "bound";
        }, () -> 2)) {
            result = warmup.join();
        }
        // THEN
        assertThat(result).isEqualTo("bound");
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().getName()).isEqualTo("init-warmup-json");
    }

    @Test
    void start_shouldRunTheTaskOnTheCaller_whenThereIsOneProcessor() {
        // GIVEN
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        // WHEN
        try (ParallelWarmup<Void> warmup = ParallelWarmup.start("json", () -> {
            ranOn.set(Thread.currentThread());
            return null;
        }, () -> 1)) {
            // THEN (before any join)
            assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        }
    }

    @Test
    void close_shouldWaitForTheTask_beforeReturning() {
        // GIVEN a task that is still running when the caller's side is done
        CountDownLatch callerDone = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        // WHEN
        try (ParallelWarmup<Void> warmup = ParallelWarmup.start("slow", () -> {
            callerDone.await();
            Thread.sleep(100);
            finished.set(true);
            return null;
        }, () -> 2)) {
            callerDone.countDown();
        }
        // THEN
        assertThat(finished).isTrue();
    }

    @Test
    void join_shouldThrowInitWarmupException_withTheTaskFailureAsCause() {
        // GIVEN
        IOException missing = new IOException("/priming/sample.json is missing from the jar");
        ParallelWarmup<Void> warmup = ParallelWarmup.start("json", () -> {
            throw missing;
        }, () -> 2);
        // WHEN / THEN
        assertThatThrownBy(warmup::join)
                .isInstanceOf(InitWarmupException.class)
                .hasMessageContaining("init warm-up 'json' failed")
                .hasCause(missing);
    }

    @Test
    void join_shouldRethrowAnError_asItIs() {
        // GIVEN
        LinkageError broken = new LinkageError("broken jar");
        ParallelWarmup<Void> warmup = ParallelWarmup.start("json", () -> {
            throw broken;
        }, () -> 2);
        // WHEN / THEN
        assertThatThrownBy(warmup::join).isSameAs(broken);
    }

    @Test
    void close_shouldThrowTheTaskFailure_whenNotJoined() {
        // GIVEN
        ParallelWarmup<Void> warmup = ParallelWarmup.start("json", () -> {
            throw new IllegalStateException("bad sample");
        }, () -> 2);
        // WHEN / THEN
        assertThatThrownBy(warmup::close).isInstanceOf(InitWarmupException.class)
                .hasRootCauseMessage("bad sample");
    }

    @Test
    void close_shouldAddTheTaskFailureAsSuppressed_whenTheCallersSideFailsToo() {
        // GIVEN / WHEN a composition that fails while the warm-up fails too
        Throwable thrown = catchThrowable(() -> {
            try (ParallelWarmup<Void> warmup = ParallelWarmup.start("json", () -> {
                throw new IllegalStateException("bad sample");
            }, () -> 2)) {
                throw new IllegalArgumentException("TICKETS_TABLE is not set");
            }
        });
        // THEN the caller's failure is the one thrown, the warm-up's is kept with it
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage("TICKETS_TABLE is not set");
        assertThat(thrown.getSuppressed()).singleElement().isInstanceOf(InitWarmupException.class);
    }

    @Test
    void close_shouldNotThrowTwice_afterJoinThrew() {
        // GIVEN
        ParallelWarmup<Void> warmup = ParallelWarmup.start("json", () -> {
            throw new IllegalStateException("bad sample");
        }, () -> 2);
        catchThrowable(warmup::join);
        // WHEN
        Throwable second = catchThrowable(warmup::close);
        // THEN
        assertThat(second).isNull();
    }
}
