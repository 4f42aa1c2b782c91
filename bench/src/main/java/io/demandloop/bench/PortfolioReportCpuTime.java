package io.demandloop.bench;

import io.demandloop.functions.portfolioreport.PortfolioReportService;
import io.demandloop.functions.portfolioreport.model.PortfolioReport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of one {@link PortfolioReportBenchmark} operation, measured on the calling thread
 * ({@code ThreadMXBean.getCurrentThreadCpuTime}): on a shared machine whose load is well above its cores, JMH's
 * wall-clock average says more about the neighbours than about the code; the thread's CPU time does not (the JIT's and
 * the collector's threads are not in it). Prints read + assemble and render separately, averaged over the runs after a
 * warm-up. {@code java -cp bench/target/benchmarks.jar io.demandloop.bench.PortfolioReportCpuTime [runs]}.
 */
public final class PortfolioReportCpuTime {

    private PortfolioReportCpuTime() {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PortfolioReportBenchmark benchmark = new PortfolioReportBenchmark();
        benchmark.setUp();
        PortfolioReportService service = benchmark.service();
        double assemble = 0;
        double render = 0;
        for (int i = 0; i < 2 * runs; i++) {
            long start = threads.getCurrentThreadCpuTime();
            PortfolioReport report = service.report(PortfolioReportBenchmark.AS_OF);
            long assembled = threads.getCurrentThreadCpuTime();
            PortfolioReportService.render(report);
            long rendered = threads.getCurrentThreadCpuTime();
            if (i >= runs) { // the first half warms up
                assemble += (assembled - start) / 1e6;
                render += (rendered - assembled) / 1e6;
            }
        }
        System.out.printf("CPU ms per report, mean of %d after %d warm-up: read + assemble %.1f, render %.1f, total %.1f%n",
                runs, runs, assemble / runs, render / runs, (assemble + render) / runs);
    }
}
