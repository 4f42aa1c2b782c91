package io.demandloop.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.demandloop.shared.alert.AlertEpisode;
import io.demandloop.shared.alert.AlertRepository;
import io.demandloop.shared.config.DemandloopConfig;
import io.demandloop.shared.demand.DemandBacktest;
import io.demandloop.shared.demand.DemandInputs;
import io.demandloop.shared.demand.DemandRecord;
import io.demandloop.shared.demand.DemandTier;
import io.demandloop.shared.fixtures.DemandHistoryGenerator;
import io.demandloop.shared.sla.SlaBreach;
import io.demandloop.shared.sla.SlaRepository;
import io.demandloop.shared.ticket.TicketRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ./demandloop demand backtest}: its command line, and that it reads by the nightly Queries and writes nothing. */
class BacktestCommandTest {

    private static final Instant FROM = Instant.parse("2016-03-01T00:00:00Z");

    @Test
    void parse_shouldTakeFromToAndEvery_withOneDayByDefault() throws Exception {
        assertThat(BacktestCommand.Options.parse(List.of("--from", "2016-03-01", "--to", "2017-03-01")))
                .isEqualTo(new BacktestCommand.Options(FROM, Instant.parse("2017-03-01T00:00:00Z"), Duration.ofDays(1)));
        assertThat(BacktestCommand.Options.parse(List.of("--every", "PT12H", "--to", "2016-03-02T05:00:00Z", "--from",
                "2016-03-01"))).isEqualTo(new BacktestCommand.Options(FROM, Instant.parse("2016-03-02T05:00:00Z"),
                Duration.ofHours(12)));
    }

    @Test
    void parse_shouldNameWhatIsWrong() {
        assertThatThrownBy(() -> BacktestCommand.Options.parse(List.of("--from", "2016-03-01")))
                .isInstanceOf(UsageException.class).hasMessageContaining("needs --to");
        assertThatThrownBy(() -> BacktestCommand.Options.parse(List.of("--from", "March", "--to", "2016-04-01")))
                .hasMessageContaining("--from must be a date").hasMessageContaining("'March'");
        assertThatThrownBy(() -> BacktestCommand.Options.parse(List.of("--from", "2016-03-01", "--to", "2016-04-01",
                "--every", "1d"))).hasMessageContaining("--every must be an ISO-8601 duration").hasMessageContaining("'1d'");
        assertThatThrownBy(() -> BacktestCommand.Options.parse(List.of("--from", "2016-03-01", "--to", "2016-04-01",
                "--every", "PT0S"))).hasMessageContaining("--every must be positive");
        assertThatThrownBy(() -> BacktestCommand.Options.parse(List.of("--from", "2016-04-01", "--to", "2016-03-01")))
                .hasMessageContaining("--to 2016-03-01T00:00:00Z is before --from 2016-04-01T00:00:00Z");
        assertThatThrownBy(() -> BacktestCommand.Options.parse(List.of("--from", "2016-03-01", "--to", "2016-04-01",
                "--json"))).hasMessageContaining("does not take '--json'");
        assertThatThrownBy(() -> BacktestCommand.Options.parse(List.of("--from", "2016-03-01", "--to")))
                .hasMessageContaining("--to needs a value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demand backtest", "demand backtest --from 2016-03-01", "demand backtest --from x --to y",
        "demand backtest --from 2016-03-01 --to 2016-04-01 --every P0D", "demand backtest --verbose"})
    void run_shouldExit2WithOneLine_beforeTouchingAnyState_whenTheCommandLineIsWrong(String line) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DemandloopCli cli = new DemandloopCli(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(DemandloopCli.STATE_DIR_VARIABLE, "/nonexistent/backtest-state"), Path.of("/nonexistent"));

        int code = cli.run(line.split(" "));

        assertThat(code).isEqualTo(DemandloopCli.EXIT_USAGE);
        String[] lines = err.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("demandloop: demand backtest").contains(BacktestCommand.USAGE);
    }

    /** A port over the generated history that answers only the nightly reader's Queries and records anything else. */
    @SuppressWarnings("unchecked")
    private static <T> T readOnly(Class<T> port, List<String> calls, List<String> refused, DemandInputs history) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            calls.add(method.getName());
            switch (method.getName()) {
                case "findOpenedBetween" -> {
                    Instant from = (Instant) args[1];
                    Instant to = (Instant) args[2];
                    return history.tickets().stream().filter(t -> t.kind() == args[0]
                            && !t.openedAt().isBefore(from) && !t.openedAt().isAfter(to)).toList();
                }
                case "servicesWithEpisodes" -> {
                    return new TreeSet<>(history.episodes().stream().map(AlertEpisode::service).toList());
                }
                case "episodesStartingBetween" -> {
                    Instant from = (Instant) args[1];
                    Instant to = (Instant) args[2];
                    return history.episodes().stream().filter(e -> e.service().equals(args[0])
                            && !e.start().isBefore(from) && !e.start().isAfter(to)).toList();
                }
                case "breachesBetween" -> {
                    return List.<SlaBreach>of();
                }
                case "toString", "hashCode", "equals" -> {
                    return method.getName().equals("hashCode") ? 0 : method.getName().equals("equals") ? false : port.getSimpleName();
                }
                default -> {
                    refused.add(port.getSimpleName() + "." + method.getName());
                    throw new UnsupportedOperationException("the backtest called " + method.getName());
                }
            }
        });
    }

    @Test
    void run_shouldReadByTheNightlyQueriesOnly_andWriteNothing_andCountWhatEachNightWouldRaise() {
        // GIVEN the generated year behind stores that answer only the nightly reader's Queries
        DemandHistoryGenerator.History generated = new DemandHistoryGenerator(7).generate();
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        DemandInputs history = generated.inputs();
        TicketRepository tickets = readOnly(TicketRepository.class, calls, refused, history);
        AlertRepository alerts = readOnly(AlertRepository.class, calls, refused, history);
        SlaRepository sla = readOnly(SlaRepository.class, calls, refused, history);
        DemandloopConfig config = DemandloopConfig.defaults();
        Instant last = DemandHistoryGenerator.AS_OF;
        BacktestCommand.Options options = new BacktestCommand.Options(last.minus(Duration.ofDays(3)), last,
                Duration.ofDays(1));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // WHEN
        DemandBacktest.Result result = BacktestCommand.run(tickets, alerts, sla, config, options,
                new PrintStream(out, true, StandardCharsets.UTF_8));

        // THEN nothing but the reader's Queries was called: no write, no other read
        assertThat(refused).isEmpty();
        assertThat(Set.copyOf(calls)).isSubsetOf("findOpenedBetween", "servicesWithEpisodes", "episodesStartingBetween",
                "breachesBetween");
        // AND the history was read once: one Query per ticket kind and no more
        assertThat(calls.stream().filter("findOpenedBetween"::equals).count())
                .isEqualTo(io.demandloop.shared.ticket.TicketKind.values().length);
        // AND four nights, the last one counting per tier what the evaluation of that night alone raises
        assertThat(result.nights()).hasSize(4);
        List<DemandRecord> direct = io.demandloop.shared.demand.DemandEvaluator.from(config).evaluate(new DemandInputs(
                last, history.tickets(), history.episodes(), List.of(), history.problemLinks()));
        for (DemandTier tier : DemandTier.values()) {
            assertThat(result.nights().get(3).perTier().get(tier)).as(tier.wireName())
                    .isEqualTo((int) direct.stream().filter(r -> r.tier() == tier).count());
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("nothing written", "Overall, distinct demands");
    }
}
