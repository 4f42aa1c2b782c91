package io.demandloop.bench;

import io.demandloop.functions.portfolioreport.html.HtmlReport;
import io.demandloop.functions.portfolioreport.html.ReportFixtures;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The portfolio report's rendering at the scale (issue 12: 200 services, 500 demands, 50 initiatives, 10,000
 * tickets in the window; target at most 100 ms warm on one core for the whole report). The model is built once; each
 * invocation renders it, so the figure is the rendering alone. The tickets are in the model as counts, trends and
 * evidence (three tickets cited per demand), which is all the HTML sees of them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReportRenderBenchmark {

    /** {@code services/demands/initiatives/teams}. */
    @Param({"200/500/50/20"})
    public String size;

    private PortfolioReport report;

    @Setup
    public void setUp() {
        String[] parts = size.split("/");
        report = ReportFixtures.sized(UnaryOperator.identity(), Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
    }

    /** {@code portfolio.html}: templates, every chart (the 25 measured initiatives' outcome charts, 200 sparklines, the capacity bars), escaping. */
    @Benchmark
    public byte[] html() {
        return HtmlReport.portfolio(report);
    }
}
