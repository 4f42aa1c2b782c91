# Reference values for the outcome statistics (io.demandloop.shared.outcome.stats), computed with R itself.
#
# Regenerate (from the repository root; needs R with the survival package, e.g. Debian r-base-core and
# r-cran-survival):
#
#   Rscript shared/src/test/resources/outcome/reference.R
#
# It writes the CSV files beside itself (rate_ratio.csv, kaplan_meier.csv, hodges_lehmann.csv, did.csv) and
# R_VERSION.txt; commit them together. CI has no R: the JUnit parity tests (*ParityTest in
# shared/src/test/java/io/demandloop/shared/outcome/stats/) read the committed files. Numbers are written with 17
# significant digits, so each double round-trips exactly; vectors inside a cell are separated by ';'; R's NA, NaN,
# Inf are written as NA, NaN, Inf.
#
# Tolerances the tests apply: relative 1e-9 for the exact rate-ratio test (p-values and bounds), 1e-6 for
# Kaplan-Meier, Hodges-Lehmann and the Poisson GLM.

suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grep("^--file=", args)])
out <- if (length(script) == 1) dirname(normalizePath(script)) else "."

num <- function(v) {
  vapply(v, function(e) {
    if (is.na(e) && !is.nan(e)) "NA" else if (is.nan(e)) "NaN" else if (is.infinite(e)) (if (e > 0) "Inf" else "-Inf")
    else sprintf("%.17g", e)
  }, "")
}
vec <- function(v) paste(num(v), collapse = ";")
write_out <- function(df, name) {
  write.csv(df, file.path(out, name), row.names = FALSE, quote = FALSE)
}

writeLines(c(R.version.string, paste("survival", as.character(packageVersion("survival")))),
           file.path(out, "R_VERSION.txt"))

## 1. Rate ratio: poisson.test(c(x1, x2), c(t1, t2), conf.level) -------------------------------------------------
# A grid of counts from 0 to 1,000, equal and unequal exposures (days), two confidence levels.
counts <- c(0, 1, 2, 3, 4, 5, 7, 10, 12, 15, 20, 30, 47, 50, 100, 200, 333, 500, 1000)
exposures <- list(c(84, 84), c(84, 70), c(30.5, 84), c(1, 365), c(77.25, 84))
rows <- list()
for (e in exposures) for (x1 in counts) for (x2 in counts) for (cl in c(0.95, 0.9)) {
  r <- poisson.test(c(x1, x2), c(e[1], e[2]), conf.level = cl)
  rows[[length(rows) + 1]] <- data.frame(x1 = x1, t1 = num(e[1]), x2 = x2, t2 = num(e[2]), conf = num(cl),
    estimate = num(unname(r$estimate)), lower = num(r$conf.int[1]), upper = num(r$conf.int[2]),
    p = num(r$p.value))
}
write_out(do.call(rbind, rows), "rate_ratio.csv")
